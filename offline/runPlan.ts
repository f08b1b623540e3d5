import * as path from "path";
import { PolicyPackConfigFile, DEFAULT_PACK_DIR } from "./analyzer";
import { REGIONS } from "./run/fixtures";
import { DeployedPlan } from "./run/deployedPlan";
import type { PolicyResults, RegisteredResource, StackSettings } from "./records/shapes";
import { PlanArgs } from "./inputs/args";
import { Architecture, readArchitecture } from "./architecture/architecture";
import { readDeployedFile } from "./inputs/deployedFile";
import { checkDiagramPath, checkOutputPath } from "./inputs/outputPaths";
import { diffPlans, ResourceChange } from "./report/diff";
import { maskInputs } from "./records/masking";
import { checkPolicies, startPack, toAnalyzerRecords } from "./run/policyCheck";
import { localPackPolicies } from "./inputs/policyConfigCheck";
import { readPolicyPackConfig } from "./inputs/policyPackConfig";
import { checkPolicyPackDir } from "./inputs/policyPackDir";
import { PlanInputError } from "./report/errors";
import { Progress } from "./report/progress";
import { readProjectFile } from "./inputs/projectFile";
import { resolveStackSettings } from "./inputs/stackSettings";

export interface Plan {
  settings: StackSettings;
  region: string;
  preview: boolean;
  records: RegisteredResource[];
  outputs: Record<string, unknown>;
  policies: PolicyResults;
  architecture: Architecture;
  packDir: string;
  /** What `pulumi up` would do, against `--deployed` (or against nothing: every resource a create). */
  changes: ResourceChange[];
}

/** Where the project lives; `npm start` runs from there, tests pass it explicitly. */
export interface PlanEnvironment {
  projectDir: string;
  packDir?: string;
  progress: Progress;
}

/** Reads everything the user gave before any work starts, so a typo fails in milliseconds. */
function readInputs(args: PlanArgs, env: PlanEnvironment, packDir: string): { settings: StackSettings; policyConfig?: PolicyPackConfigFile; deployed?: DeployedPlan } {
  const project = readProjectFile(env.projectDir);
  const settings = resolveStackSettings(env.projectDir, project, args.stack, args.config);
  // This repository's pack is checked from its own policy data before anything starts; another
  // pack's schemas are known only once it runs, where the analyzer checks them as the CLI does.
  const ownPack = () => (path.resolve(packDir) === path.resolve(DEFAULT_PACK_DIR) ? { name: "oke-quick-create", policies: localPackPolicies() } : undefined);
  const policyConfig = args.policyPackConfig ? readPolicyPackConfig(args.policyPackConfig, ownPack()) : undefined;
  if (args.diagram) {
    checkDiagramPath(args.diagram);
    checkOutputPath("--diagram", args.diagram);
  }
  if (args.json) checkOutputPath("--json", args.json);
  if (!settings.config["oci:region"]) {
    throw new PlanInputError(`Stack '${args.stack}' has no oci:region: set it in Pulumi.${args.stack}.yaml or pass --config oci:region=ap-tokyo-1.`);
  }
  if (!REGIONS[settings.config["oci:region"]]) {
    throw new PlanInputError(
      `oci:region "${settings.config["oci:region"]}" has no offline fixture: use one of ${Object.keys(REGIONS).join(", ")} (for example --config oci:region=us-ashburn-1).`,
    );
  }
  const deployed = args.deployed ? readDeployedFile(args.deployed) : undefined;
  return { settings, policyConfig, deployed };
}

function plannedResources(records: readonly RegisteredResource[]) {
  return records.map((r) => ({ urn: r.urn, type: r.type, name: r.name, inputs: maskInputs(r.inputs), ignoreChanges: r.options.ignoreChanges }));
}

/**
 * One offline `pulumi preview --policy-pack policies`: the program runs under OCI-shaped mocks while
 * the policy pack starts in its own process (the two overlap: both take about a second), then every
 * resource and the stack go to the pack over the Analyzer protocol.
 */
export async function runPlan(args: PlanArgs, env: PlanEnvironment): Promise<Plan> {
  const packDir = env.packDir ?? (args.policyPack ? checkPolicyPackDir(args.policyPack) : DEFAULT_PACK_DIR);
  const { settings, policyConfig, deployed } = readInputs(args, env, packDir);
  const region = settings.config["oci:region"];
  const packStart = new AbortController();
  const packStarting = startPack({ packDir, project: settings.project, stack: settings.stack, stackConfig: settings.config, signal: packStart.signal });
  // Never leave a failed start unobserved while the program runs; it is awaited below.
  packStarting.catch(() => undefined);
  try {
    // Loading @pulumi/pulumi takes as long as the pack's own start; required only once the pack is
    // spawned, the two overlap instead of queueing.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { runProgram } = require("./run/runProgram") as typeof import("./run/runProgram");
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const program = require(path.join(env.projectDir, "index")) as () => Promise<Record<string, unknown>>;
    const run = await env.progress.step(`Running ${settings.project} (stack ${settings.stack}) offline`, () =>
      runProgram({ project: settings.project, stack: settings.stack, config: settings.config, secretKeys: settings.secretKeys, preview: args.preview, program, deployed }),
    );
    const session = await env.progress.step(`Starting policy pack ${path.relative(process.cwd(), packDir) || packDir}`, () => packStarting);
    try {
      const policies = await env.progress.step(`Checking ${run.resources.length} resources against ${session.info.name}@${session.info.version}`, () =>
        checkPolicies(session, toAnalyzerRecords(run.resources), policyConfig),
      );
      const changes = diffPlans(deployed?.resources ?? [], plannedResources(run.resources));
      return { settings, region, preview: args.preview, records: run.resources, outputs: run.outputs, policies, architecture: readArchitecture(run.resources, region), packDir, changes };
    } finally {
      await session.close();
    }
  } catch (err) {
    // The program failed: the pack may still be starting, and must not outlive the plan, nor hold
    // up the error while it finishes a start nobody needs.
    packStart.abort();
    const session = await packStarting.catch(() => undefined);
    await session?.close().catch(() => undefined);
    throw err;
  }
}
