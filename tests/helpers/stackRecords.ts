import { AnalyzedResource } from "../../offline/analyzer/records";
import { toAnalyzerRecords } from "../../offline/run/policyCheck";
import { runStack } from "./stack";
import { ResourceType } from "../../policies/contract";

/** Stack settings by bare key, as `pulumi config set` takes them: `{ nodeCount: 2 }`, `{ "oci:region": "us-ashburn-1" }`. */
export type StackOverrides = Record<string, string | number | boolean>;

const cache = new Map<string, Promise<AnalyzedResource[]>>();
/** The last run started: runs share the Pulumi runtime's global state (mocks, config), so they go one at a time. */
let previous: Promise<unknown> = Promise.resolve();

function cacheKey(overrides: StackOverrides, preview: boolean): string {
  const sorted = Object.keys(overrides)
    .sort()
    .map((k) => [k, String(overrides[k])]);
  return JSON.stringify([sorted, preview]);
}

const copy = <T>(value: T): T => JSON.parse(JSON.stringify(value));

/**
 * The Analyzer records of the REAL program: index.ts run in-process under the OCI mocks with the dev
 * stack's config plus bare-key `overrides`, converted as the CLI sends them to a policy pack (providers
 * resolved, options such as ignoreChanges included). `preview` runs it as the preview of a new stack,
 * where every id is the unknown sentinel.
 *
 * Runs are cached per (overrides, preview) for the test file, since Jest gives each file its own module
 * registry; callers get a deep copy so a test cannot change another's records.
 */
export async function stackRecords(overrides: StackOverrides = {}, preview = false): Promise<AnalyzedResource[]> {
  const key = cacheKey(overrides, preview);
  let pending = cache.get(key);
  if (!pending) {
    pending = previous.then(async () => toAnalyzerRecords((await runStack(overrides, preview)).resources));
    previous = pending.catch(() => undefined);
    cache.set(key, pending);
  }
  return copy(await pending);
}

/**
 * A copy of `records` where `update` has changed the inputs of the resource with Pulumi name `name`
 * (e.g. "oke-nodepool-pool1", "oke-network-worker-subnet"): one mutation the program itself will not
 * produce.
 */
export function withInputs(records: AnalyzedResource[], name: string, update: (inputs: Record<string, any>) => void): AnalyzedResource[] {
  const result: AnalyzedResource[] = copy(records);
  const target = result.find((r) => r.name === name);
  if (!target) {
    throw new Error(`no resource named "${name}" in the records; have ${result.map((r) => r.name).join(", ")}`);
  }
  update(target.inputs);
  return result;
}

/** The 9-hex-digit id the program put in every display name (derived from project, stack and cluster name). */
export function nameIdOf(records: AnalyzedResource[]): string {
  const vcn = records.find((r) => r.type === ResourceType.Vcn);
  const match = /-([0-9a-f]{9})$/.exec(String(vcn?.inputs.displayName));
  if (!match) {
    throw new Error(`no VCN named like oke-vcn-quick-<cluster>-<id> in the records`);
  }
  return match[1];
}
