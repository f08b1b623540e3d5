import * as fs from "fs";
import * as path from "path";
import { echo } from "../tools/common/echo";
import { parseArgs, USAGE } from "./inputs/args";
import { writeDiagram } from "./diagram/diagramFile";
import { planNotes, renderChanges } from "./report/diff";
import { describeFailure } from "./report/errors";
import { EXIT } from "./report/errors";
import { planJson } from "./report/jsonReport";
import { createProgress, Progress } from "./report/progress";
import { Plan, runPlan } from "./runPlan";
import { iamPolicy } from "./iamRun";
import { renderTextReport, summarize } from "./report/textReport";
import { scrubber, scrubJson } from "./report/derivedSecrets";

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

const DIAGRAM_KINDS: Record<string, string> = { ".mmd": "Mermaid", ".dot": "Graphviz DOT" };

/** Writes `--json` and `--diagram`, saying on stderr (beside the progress, away from the plan) what each file holds. */
async function writeFiles(
  plan: Plan,
  json: string | undefined,
  diagram: string | undefined,
  scrub: (text: string) => string,
  say: (line: string) => void,
): Promise<void> {
  if (json) {
    const document = scrubJson(planJson(plan.settings, plan.records, plan.outputs, plan.policies, plan.changes), scrub);
    fs.writeFileSync(json, JSON.stringify(document, null, 2) + "\n");
    say(
      `Wrote the plan as JSON to ${echo(json, { quote: false, limit: 200 })} (${plan.records.length} resources, ${plan.changes.length} changes, secrets masked).`,
    );
  }
  if (diagram) {
    const title = `${plan.settings.project} · stack ${plan.settings.stack} · ${plan.region}`;
    await writeDiagram(diagram, plan.architecture, title, scrub);
    say(`Wrote the architecture diagram to ${echo(diagram, { quote: false, limit: 200 })} (${DIAGRAM_KINDS[path.extname(diagram).toLowerCase()] ?? "SVG"}).`);
  }
}

/** `npm start -- ...`: prints the plan and returns the exit status (0 clean, 1 mandatory violation, 2 invalid). */
export async function main(argv: readonly string[], realIo: CliIo = defaultIo()): Promise<number> {
  // Secrets are learnt once the settings are read; nothing printed or written may hold one.
  const secrets = new Set<string>();
  const scrub = scrubber(secrets);
  const io: CliIo = { ...realIo, stdout: (t) => realIo.stdout(scrub(t)), stderr: (t) => realIo.stderr(scrub(t)) };
  try {
    const args = parseArgs(argv, io.env);
    if (args.help) {
      io.stdout(USAGE + "\n");
      return EXIT.clean;
    }
    if (args.iam) {
      io.stdout(await iamPolicy({ ...args, iam: args.iam }, { projectDir: io.projectDir, progress: io.progress, secrets }));
      return EXIT.clean;
    }
    const plan = await runPlan(args, { projectDir: io.projectDir, progress: io.progress, secrets });
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
        changeLines: args.deployed ? [...renderChanges(plan.changes, args.deployed, plan.regionMove), ...planNotes(plan.outputs)] : undefined,
      }),
    );
    const verdict = summarize(plan.records, plan.policies).mandatory > 0 ? EXIT.mandatoryViolation : EXIT.clean;
    try {
      await writeFiles(plan, args.json, args.diagram, scrub, (line) => io.stderr(`${line}\n`));
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
