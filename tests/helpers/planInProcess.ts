import * as path from "path";
import { main } from "../../offline/cli";
import { withShortStacks } from "./stack";

/** What `npm start -- ...` printed, run in the test's own process: its exit status, its output, and the progress steps it took. */
export interface InProcessPlan {
  status: number;
  stdout: string;
  stderr: string;
  steps: string[];
}

const REPO = path.resolve(__dirname, "..", "..");

/**
 * `npm start -- ...` in-process, as the plan's entry calls it, with output captured and progress
 * recorded instead of drawn (planCli.test.ts covers the process boundary). `projectDir` defaults to
 * this repository, `env` to none.
 */
export async function runPlanInProcess(argv: readonly string[], options: { projectDir?: string; env?: NodeJS.ProcessEnv } = {}): Promise<InProcessPlan> {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const steps: string[] = [];
  const status = await withShortStacks(() =>
    main(argv, {
      stdout: (t) => stdout.push(t),
      stderr: (t) => stderr.push(t),
      progress: { step: (label, work) => (steps.push(label), work()) },
      projectDir: options.projectDir ?? REPO,
      env: options.env ?? {},
    }),
  );
  return { status, stdout: stdout.join(""), stderr: stderr.join(""), steps };
}

/** The "Changes against ..." block a `--deployed` plan prints, up to and including its count line. */
export function changesOf(plan: InProcessPlan): string {
  const start = plan.stdout.indexOf("Changes against");
  const count = /^\d+ to create.*$/m.exec(plan.stdout);
  if (start < 0 || !count) throw new Error(`no changes block in:\n${plan.stdout}\n${plan.stderr}`);
  return plan.stdout.slice(start, count.index + count[0].length);
}
