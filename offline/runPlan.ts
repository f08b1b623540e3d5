import * as path from "path";
import { PolicyPackConfigFile, DEFAULT_PACK_DIR } from "./analyzer";
import { POLICY_PACK_NAME } from "../policies/contract";
import { REGIONS } from "./run/fixtures";
import { DeployedPlan } from "./run/deployedPlan";
import type { PolicyResults, RegisteredResource, StackSettings } from "./records/shapes";
import { PlanArgs } from "./inputs/args";
import { Architecture, readArchitecture } from "./architecture/architecture";
import { readDeployedFile } from "./inputs/deployedFile";
import { checkDiagramPath, checkOutputNotInput, checkOutputPath } from "./inputs/outputPaths";
import { diffPlans, RegionMove, ResourceChange } from "./report/diff";
import { maskInputs } from "./records/masking";
import { checkPolicies, startPack, toAnalyzerRecords } from "./run/policyCheck";
import { localPackPolicies } from "./inputs/policyConfigCheck";
import { readPolicyPackConfig } from "./inputs/policyPackConfig";
import { checkPolicyPackDir } from "./inputs/policyPackDir";
import { PlanInputError } from "./report/errors";
import { Progress } from "./report/progress";
import { readProjectFile } from "./inputs/projectFile";
import { resolveStackSettings, secretValues } from "./inputs/stackSettings";
import { markDerivedOutputs, markDerivedRecords, redactDiagnostics, secretTexts } from "./report/derivedSecrets";
import { echo } from "../tools/common/echo";

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
  /** Set when the deployed stack is in another region than the plan's: every OCI resource is replaced. */
  regionMove?: RegionMove;
}

/** Where the project lives; `npm start` runs from there, tests pass it explicitly. */
export interface PlanEnvironment {
  projectDir: string;
  packDir?: string;
  progress: Progress;
  /**
   * Filled with the plaintext of every secret setting as soon as the settings are read, so that the
   * caller can keep them out of anything it prints, the error of a failed run included.
   */
  secrets?: Set<string>;
}

/** Every file the plan reads, so that neither --json nor --diagram can overwrite one of them. */
function inputFiles(args: PlanArgs, projectDir: string): Array<{ what: string; file: string }> {
  return [
    { what: "the project file", file: path.join(projectDir, "Pulumi.yaml") },
    { what: "the stack file", file: path.join(projectDir, `Pulumi.${args.stack}.yaml`) },
    { what: "the program", file: path.join(projectDir, "index.ts") },
    ...(args.policyPackConfig ? [{ what: "the --policy-pack-config file", file: args.policyPackConfig }] : []),
    ...(args.deployed ? [{ what: "the --deployed file", file: args.deployed }] : []),
  ];
}

/** The stack's region must be set and be one the offline fixtures answer for. */
export function checkOfflineRegion(settings: StackSettings, stack: string): void {
  if (!settings.config["oci:region"]) {
    throw new PlanInputError(`Stack '${stack}' has no oci:region: set it in Pulumi.${stack}.yaml or pass --config oci:region=ap-tokyo-1.`);
  }
  if (!Object.hasOwn(REGIONS, settings.config["oci:region"])) {
    throw new PlanInputError(
      `oci:region ${settings.secretKeys.includes("oci:region") ? "[secret]" : echo(settings.config["oci:region"])} has no offline fixture: use one of ${Object.keys(REGIONS).join(", ")} (for example --config oci:region=us-ashburn-1).`,
    );
  }
}

/** Reads everything the user gave before any work starts, so a typo fails in milliseconds. */
function readInputs(
  args: PlanArgs,
  env: PlanEnvironment,
  packDir: string,
): { settings: StackSettings; policyConfig?: PolicyPackConfigFile; deployed?: DeployedPlan } {
  const inputs = inputFiles(args, env.projectDir);
  if (args.json) checkOutputNotInput("--json", args.json, inputs);
  if (args.diagram) checkOutputNotInput("--diagram", args.diagram, inputs);
  const project = readProjectFile(env.projectDir);
  const settings = resolveStackSettings(env.projectDir, project, args.stack, args.config);
  for (const text of secretTexts(secretValues(settings))) env.secrets?.add(text);
  // This repository's pack is checked from its own policy data before anything starts; another
  // pack's schemas are known only once it runs, where the analyzer checks them as the CLI does.
  const ownPack = () => (path.resolve(packDir) === path.resolve(DEFAULT_PACK_DIR) ? { name: POLICY_PACK_NAME, policies: localPackPolicies() } : undefined);
  const policyConfig = args.policyPackConfig ? readPolicyPackConfig(args.policyPackConfig, ownPack()) : undefined;
  if (args.diagram) {
    checkDiagramPath(args.diagram);
    checkOutputPath("--diagram", args.diagram);
  }
  if (args.json) checkOutputPath("--json", args.json);
  checkOfflineRegion(settings, args.stack);
  const deployed = args.deployed ? readDeployedFile(args.deployed, { stack: settings.stack, project: settings.project }) : undefined;
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
      runProgram({
        project: settings.project,
        stack: settings.stack,
        config: settings.config,
        secretKeys: settings.secretKeys,
        preview: args.preview,
        program,
        deployed,
      }),
    );
    const session = await env.progress.step(`Starting policy pack ${path.relative(process.cwd(), packDir) || packDir}`, () => packStarting);
    try {
      const policies = await env.progress.step(`Checking ${run.resources.length} resources against ${session.info.name}@${session.info.version}`, () =>
        checkPolicies(session, toAnalyzerRecords(run.resources), policyConfig),
      );
      // What the plan shows: every value derived from a secret is a secret, as Pulumi marks them.
      const secrets = secretTexts(secretValues(settings));
      const records = markDerivedRecords(run.resources, secrets);
      const regionMove = deployed?.region && deployed.region !== region ? { from: deployed.region, to: region } : undefined;
      const changes = diffPlans(deployed?.resources ?? [], plannedResources(records), regionMove);
      return {
        settings,
        region,
        preview: args.preview,
        records,
        outputs: markDerivedOutputs(run.outputs, secrets),
        policies: redactDiagnostics(policies, secrets),
        architecture: readArchitecture(records, region),
        packDir,
        changes,
        regionMove,
      };
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
