import * as path from "path";
import { BASTION_TOOL_NEEDS, HOOK_CALL_NEEDS } from "../components/iamPermissions";
import { policyStatementsFor, UsedCalls } from "../components/iamStatements";
import { ResourceType } from "../policies/contract";
import { PlanArgs } from "./inputs/args";
import { readProjectFile } from "./inputs/projectFile";
import { resolveStackSettings, secretValues } from "./inputs/stackSettings";
import { secretTexts } from "./report/derivedSecrets";
import type { StackSettings } from "./records/shapes";
import { maskInputs } from "./records/masking";
import { policyGroup, renderIamPolicy } from "./report/iamReport";
import { Progress } from "./report/progress";
import { DeployedPlan } from "./run/deployedPlan";
import { checkOfflineRegion } from "./runPlan";
import type { ProgramRun } from "./records/shapes";

export interface IamEnvironment {
  projectDir: string;
  progress: Progress;
  /** Filled with the stack's secret texts as soon as the settings are read; the caller scrubs what it prints. */
  secrets?: Set<string>;
}

/** What the program called, over its first run and a later run that reads back what the first built. */
export interface IamRun {
  settings: StackSettings;
  compartmentId: string;
  used: UsedCalls;
}

/**
 * Runs the program under the mocks twice, as `pulumi up` would run it on a new stack and then on the
 * same stack once it exists (the read-back of pool1 happens only then), and collects every resource
 * type it registered and every invoke it called. The destroy hooks' SDK calls and oke-bastion's are
 * added when the run binds the hooks and registers a bastion: they run later, outside the program.
 */
export async function collectIamCalls(args: PlanArgs, env: IamEnvironment): Promise<IamRun> {
  const project = readProjectFile(env.projectDir);
  const settings = resolveStackSettings(env.projectDir, project, args.stack, args.config);
  // A secret setting (a secure compartmentId given with --config) is [secret] in the statements too.
  for (const text of secretTexts(secretValues(settings))) env.secrets?.add(text);
  checkOfflineRegion(settings, args.stack);
  const region = settings.config["oci:region"];
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { runProgram } = require("./run/runProgram") as typeof import("./run/runProgram");
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const program = require(path.join(env.projectDir, "index")) as () => Promise<Record<string, unknown>>;
  const invoked = new Set<string>();
  const base = { project: settings.project, stack: settings.stack, config: settings.config, secretKeys: settings.secretKeys, program, invoked };
  const first = await env.progress.step(`Running ${settings.project} (stack ${settings.stack}) offline, as on a new stack`, () => runProgram(base));
  const deployed = new DeployedPlan(
    region,
    first.resources.map((r) => ({ urn: r.urn, type: r.type, name: r.name, id: r.id, inputs: maskInputs(r.inputs) as Record<string, any> })),
  );
  const later = await env.progress.step(`Running it again against what the first run built`, () => runProgram({ ...base, deployed }));
  const runs: ProgramRun[] = [first, later];
  const registered = runs.flatMap((run) => run.resources);
  const resourceTypes = [...new Set(registered.filter((r) => r.custom).map((r) => r.type))];
  const compartment = registered.find((r) => r.type === ResourceType.Vcn)?.inputs.compartmentId;
  return {
    settings,
    compartmentId: typeof compartment === "string" ? compartment : "",
    used: {
      resourceTypes,
      invokes: [...invoked],
      hookCalls: registered.some((r) => r.hooks) ? Object.keys(HOOK_CALL_NEEDS) : [],
      bastionToolCalls: resourceTypes.includes(ResourceType.Bastion) ? Object.keys(BASTION_TOOL_NEEDS) : [],
    },
  };
}

/** `npm start -- --iam GROUP`: the policy statements GROUP needs for this stack, as text. */
export async function iamPolicy(args: PlanArgs & { iam: string }, env: IamEnvironment): Promise<string> {
  // A bad group name fails before the program runs.
  policyGroup(args.iam);
  const run = await collectIamCalls(args, env);
  return renderIamPolicy(args.iam, run.compartmentId, policyStatementsFor(run.used));
}
