import * as fs from "fs";
import { parseArgs, USAGE } from "./inputs/args";
import { writeDiagram } from "./diagram/diagramFile";
import { planNotes, renderChanges } from "./report/diff";
import { describeFailure } from "./report/errors";
import { EXIT } from "./report/errors";
import { planJson } from "./report/jsonReport";
import { createProgress, Progress } from "./report/progress";
import { Plan, runPlan } from "./runPlan";
import { renderTextReport, summarize } from "./report/textReport";

export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  progress: Progress;
  projectDir: string;
  env: NodeJS.ProcessEnv;
}

function defaultIo(): CliIo {
  return {
    stdout: (t) => process.stdout.write(t),
    stderr: (t) => process.stderr.write(t),
    progress: createProgress(),
    projectDir: process.cwd(),
    env: process.env,
  };
}

async function writeFiles(plan: Plan, json: string | undefined, diagram: string | undefined): Promise<void> {
  if (json) {
    fs.writeFileSync(json, JSON.stringify(planJson(plan.settings, plan.records, plan.outputs, plan.policies, plan.changes), null, 2) + "\n");
  }
  if (diagram) {
    const title = `${plan.settings.project} · stack ${plan.settings.stack} · ${plan.region}`;
    await writeDiagram(diagram, plan.architecture, title);
  }
}

/** `npm start -- ...`: prints the plan and returns the exit status (0 clean, 1 mandatory violation, 2 invalid). */
export async function main(argv: readonly string[], io: CliIo = defaultIo()): Promise<number> {
  try {
    const args = parseArgs(argv);
    if (args.help) {
      io.stdout(USAGE + "\n");
      return EXIT.clean;
    }
    const plan = await runPlan(args, { projectDir: io.projectDir, progress: io.progress });
    io.stdout(
      renderTextReport({
        stack: plan.settings.stack,
        project: plan.settings.project,
        region: plan.region,
        preview: plan.preview,
        records: plan.records,
        outputs: plan.outputs,
        policies: plan.policies,
        packDir: plan.packDir,
        changeLines: args.deployed ? [...renderChanges(plan.changes, args.deployed), ...planNotes(plan.outputs)] : undefined,
      }),
    );
    const verdict = summarize(plan.records, plan.policies).mandatory > 0 ? EXIT.mandatoryViolation : EXIT.clean;
    try {
      await writeFiles(plan, args.json, args.diagram);
    } catch (err) {
      // The paths were checked before the run, but a disk can fill or a folder vanish meanwhile. The
      // verdict stands: a mandatory violation stays exit 1 whatever happened to the files.
      const code = (err as NodeJS.ErrnoException).code;
      io.stderr(`error: the plan ran, but writing its files failed (${code ?? (err as Error).message.split("\n")[0]}); the verdict above stands.\n`);
      return verdict === EXIT.mandatoryViolation ? verdict : EXIT.invalid;
    }
    return verdict;
  } catch (err) {
    io.stderr(`error: ${describeFailure(err, !!io.env.PLAN_DEBUG)}\n`);
    return EXIT.invalid;
  }
}
