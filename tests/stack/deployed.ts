import { DeployedPlan, DeployedResource } from "../../offline/run/deployedPlan";
import { maskInputs } from "../../offline/records/masking";
import { ProgramRun, RegisteredResource, runProgram } from "../../offline/run/runProgram";
import { PROJECT, runStack, stackConfig, withShortStacks } from "../helpers/stack";

/** What a plan's JSON keeps of a run: the resources as a later `--deployed` reads them back. */
export function deployedFrom(run: ProgramRun): DeployedResource[] {
  return run.resources.map((r) => ({ urn: r.urn, type: r.type, name: r.name, id: r.id, inputs: maskInputs(r.inputs) as Record<string, any> }));
}

/** The same resources with one resource's inputs changed, as if it had been deployed that way. */
export function withDeployedInputs(resources: DeployedResource[], name: string, update: (inputs: Record<string, any>) => void): DeployedResource[] {
  const copy: DeployedResource[] = JSON.parse(JSON.stringify(resources));
  const target = copy.find((r) => r.name === name);
  if (!target) throw new Error(`no deployed resource named ${name}`);
  update(target.inputs);
  return copy;
}

/** index.ts under the OCI mocks, with `deployed` (if any) answering the read-back lookups. */
export async function runAgainst(
  overrides: Record<string, string | number | boolean>,
  deployed?: DeployedResource[] | DeployedPlan,
  record?: RegisteredResource[],
): Promise<ProgramRun> {
  if (deployed === undefined && record === undefined) return runStack(overrides);
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const program = require("../../index");
  const plan = deployed === undefined || deployed instanceof DeployedPlan ? deployed : new DeployedPlan("ap-tokyo-1", deployed);
  return withShortStacks(() => runProgram({ project: PROJECT, stack: "dev", config: stackConfig(overrides), program, record, deployed: plan }));
}
