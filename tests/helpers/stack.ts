import { ProgramRun, RegisteredResource, runProgram } from "../../offline/run/runProgram";

export const PROJECT = "oke-quick-create";
export const COMPARTMENT = "ocid1.compartment.oc1..aaaaaaaaexampleexampleexampleexampleexampleexample";

/** The dev stack's settings; tests override single keys by their bare names, as `pulumi config set` does. */
export function stackConfig(overrides: Record<string, string | number | boolean> = {}): Record<string, string> {
  const bare: Record<string, string | number | boolean> = {
    "oci:region": "ap-tokyo-1",
    compartmentId: COMPARTMENT,
    kubernetesVersion: "v1.33.1",
    ...overrides,
  };
  return Object.fromEntries(Object.entries(bare).map(([k, v]) => [k.includes(":") ? k : `${PROJECT}:${k}`, String(v)]));
}

export async function runStack(
  overrides: Record<string, string | number | boolean> = {},
  preview = false,
  record?: RegisteredResource[],
): Promise<ProgramRun> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const program = require("../../index");
  return runProgram({ project: PROJECT, stack: "dev", config: stackConfig(overrides), preview, program, record });
}

export function ofType(run: ProgramRun, type: string): RegisteredResource[] {
  return run.resources.filter((r) => r.type === type);
}

export function byDisplayName(run: ProgramRun, displayName: string): RegisteredResource {
  const found = run.resources.find((r) => r.inputs.displayName === displayName || (r.inputs.name === displayName && r.custom));
  if (!found) throw new Error(`no resource named ${displayName}; have ${run.resources.map((r) => r.inputs.displayName ?? r.name).join(", ")}`);
  return found;
}
