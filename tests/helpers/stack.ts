import { PROJECT_NAME } from "../../policies/contract";
import { createHash } from "crypto";
import * as fs from "fs";
import * as path from "path";
import type { QuickCreateConfigError } from "../../components/errors";
import type { ProgramRun, RegisteredResource } from "../../offline/run/runProgram";

export const PROJECT = PROJECT_NAME;
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

const runs = new Map<string, Promise<ProgramRun>>();

/** A deep copy made in the test's own realm (structuredClone's arrays fail the program's `instanceof Array`). */
function copy<T>(value: T): T {
  if (Array.isArray(value)) return value.map(copy) as T;
  if (value && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, copy(v)])) as T;
  return value;
}

/** V8's own stack format (what plain Node prints): each frame as its CallSite renders itself. */
function plainStack(error: Error, frames: NodeJS.CallSite[]): string {
  return Error.prototype.toString.call(error) + frames.map((frame) => `\n    at ${frame}`).join("");
}

/**
 * Runs `fn` with stack traces made cheaply. The Pulumi runtime takes a stack trace for every promise
 * it creates (kept only to report leaked promises at exit) and a full one for every resource (its
 * source position, which nothing here reads), and reads each at once. Under Jest each trace is mapped
 * through source maps frame by frame: about three quarters of a program run's CPU. So during the run,
 * traces are cut to the frame that made them and formatted as plain Node formats them. V8 formats a
 * stack when it is first read, so an error the program throws and a test reads afterwards is still
 * mapped by Jest.
 */
export async function withShortStacks<T>(fn: () => Promise<T>): Promise<T> {
  const limit = Error.stackTraceLimit;
  const prepare = Error.prepareStackTrace;
  Error.stackTraceLimit = 1;
  Error.prepareStackTrace = plainStack;
  try {
    return await fn();
  } finally {
    Error.stackTraceLimit = limit;
    Error.prepareStackTrace = prepare;
  }
}

/**
 * A program run under the mocks is plain data, the same in every file for the same configuration, and
 * most files start with the default stack's: in a test run, Jest's global setup names a folder
 * (OKE_STACK_RUNS) where the first file to make a run leaves it as JSON for the others. A file run
 * alone, or a configuration no file made yet, runs the program.
 */
async function runShared(key: string, run: () => Promise<ProgramRun>): Promise<ProgramRun> {
  const folder = process.env.OKE_STACK_RUNS;
  if (!folder) return run();
  const file = path.join(folder, `${createHash("sha256").update(key).digest("hex").slice(0, 24)}.json`);
  if (fs.existsSync(file)) return JSON.parse(fs.readFileSync(file, "utf8")) as ProgramRun;
  const made = await run();
  // Written aside and renamed: a file reading it meanwhile sees all of it or none.
  const aside = `${file}.${process.pid}`;
  fs.writeFileSync(aside, JSON.stringify(made));
  fs.renameSync(aside, file);
  return made;
}

/**
 * index.ts under the OCI mocks with the dev stack's config plus bare-key `overrides`. A run is the
 * same for the same configuration, so runs are kept per (overrides, preview) for the Jest file and each
 * caller gets its own copy; a caller that passes `record` (to see what was registered before a
 * refusal) gets a run of its own. Within a whole `npm test`, a run one file made is also read by the
 * others (runsShared).
 */
export async function runStack(overrides: Record<string, string | number | boolean> = {}, preview = false, record?: RegisteredResource[]): Promise<ProgramRun> {
  // Required only for a run made here: a file whose runs another file made loads neither the program
  // nor the Pulumi runtime for them.
  const run = () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { runProgram } = require("../../offline/run/runProgram") as typeof import("../../offline/run/runProgram");
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const program = require("../../index");
    return withShortStacks(() => runProgram({ project: PROJECT, stack: "dev", config: stackConfig(overrides), preview, program, record }));
  };
  if (record) return run();
  const key = JSON.stringify([
    Object.keys(overrides)
      .sort()
      .map((k) => [k, String(overrides[k])]),
    preview,
  ]);
  let pending = runs.get(key);
  if (!pending) {
    pending = runShared(key, run);
    runs.set(key, pending);
  }
  return copy(await pending);
}

export function ofType(run: ProgramRun, type: string): RegisteredResource[] {
  return run.resources.filter((r) => r.type === type);
}

export function byDisplayName(run: ProgramRun, displayName: string): RegisteredResource {
  const found = run.resources.find((r) => r.inputs.displayName === displayName || (r.inputs.name === displayName && r.custom));
  if (!found) throw new Error(`no resource named ${displayName}; have ${run.resources.map((r) => r.inputs.displayName ?? r.name).join(", ")}`);
  return found;
}

/**
 * Runs the stack expecting what a user must get for a bad setting: a QuickCreateConfigError of one
 * sentence, thrown before any resource is registered.
 */
export async function expectRejection(overrides: Record<string, string | number | boolean>): Promise<QuickCreateConfigError> {
  const registered: RegisteredResource[] = [];
  const error = await runStack(overrides, false, registered).then(
    () => {
      throw new Error("the stack accepted the configuration");
    },
    (e: unknown) => e,
  );
  expect(registered).toHaveLength(0);
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  expect(error).toBeInstanceOf((require("../../components/errors") as typeof import("../../components/errors")).QuickCreateConfigError);
  const message = (error as Error).message;
  expect(message.split(/\.\s/)).toHaveLength(1);
  expect(message).toMatch(/\.$/);
  return error as QuickCreateConfigError;
}
