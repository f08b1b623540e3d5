import { execFile } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { runPlanInProcess } from "./planInProcess";

/**
 * Runs `npm start` on hostile input, in-process or as its own process, and checks the promise every
 * refusal keeps: the expected exit status, exactly one line on stderr, and no secret in anything
 * printed or written. A process run is bounded by the harness (execFile's timeout kills it), so a plan
 * that would hang on a FIFO fails its case instead of the suite.
 */

export const REPO = path.resolve(__dirname, "..", "..");
const PLAN = path.join(REPO, "scripts", "plan.js");

export interface Outcome {
  status: number | null;
  stdout: string;
  stderr: string;
  /** Killed by the harness's time bound. */
  timedOut: boolean;
}

/** A project folder of its own: the repository's Pulumi.yaml and program, and the given stack files. */
export function projectDir(stacks: Record<string, string | Buffer> = {}): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "plan-hostile-"));
  fs.copyFileSync(path.join(REPO, "Pulumi.yaml"), path.join(dir, "Pulumi.yaml"));
  fs.symlinkSync(path.join(REPO, "index.ts"), path.join(dir, "index.ts"));
  for (const [stack, content] of Object.entries(stacks)) fs.writeFileSync(path.join(dir, `Pulumi.${stack}.yaml`), content);
  return dir;
}

export async function planInProcess(dir: string, argv: readonly string[]): Promise<Outcome> {
  const { status, stdout, stderr } = await runPlanInProcess(argv, { projectDir: dir });
  return { status, stdout, stderr, timedOut: false };
}

export function planProcess(dir: string, argv: readonly string[], timeoutMs: number): Promise<Outcome> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [PLAN, ...argv],
      { cwd: dir, timeout: timeoutMs, killSignal: "SIGKILL", env: { ...process.env, CI: "true", PLAN_DEBUG: "" } },
      (err, stdout, stderr) => {
        const e = err as (NodeJS.ErrnoException & { code?: unknown; killed?: boolean }) | null;
        resolve({ status: e ? (typeof e.code === "number" ? e.code : null) : 0, stdout, stderr, timedOut: !!e?.killed });
      },
    );
  });
}

/** Every file under `dir`, as text, for the secrets check. */
export function writtenFiles(dir: string): Record<string, string> {
  const files: Record<string, string> = {};
  for (const name of fs.readdirSync(dir)) {
    const file = path.join(dir, name);
    const stat = fs.lstatSync(file);
    if (stat.isFile()) files[name] = fs.readFileSync(file, "utf8");
  }
  return files;
}

/** The secrets that appear in any of the texts, by name: `[]` when none leaked. */
export function leaks(secrets: readonly string[], texts: Record<string, string>): string[] {
  return Object.entries(texts).flatMap(([where, text]) => secrets.filter((s) => text.includes(s)).map((s) => `${where} holds ${s.slice(0, 12)}…`));
}

export interface Refusal {
  status: number;
  /** The one line on stderr must match. */
  sentence: RegExp;
}

/** The one-line refusal a hostile input must get, and no secret anywhere. */
export function expectRefusal(outcome: Outcome, refusal: Refusal, secrets: readonly string[], outputDir?: string): void {
  expect({ timedOut: outcome.timedOut, status: outcome.status }).toEqual({ timedOut: false, status: refusal.status });
  expect(outcome.stderr).toMatch(/\n$/);
  const lines = outcome.stderr.slice(0, -1).split("\n");
  expect(lines).toEqual([expect.stringMatching(refusal.sentence)]);
  // eslint-disable-next-line no-control-regex -- control characters are what this pattern is for
  expect(lines[0]).toMatch(/^error: [^\u0000-\u001f\u007f]{1,2200}$/);
  expect(outcome.stdout).toBe("");
  const texts = { stdout: outcome.stdout, stderr: outcome.stderr, ...(outputDir ? writtenFiles(outputDir) : {}) };
  expect(leaks(secrets, texts)).toEqual([]);
}
