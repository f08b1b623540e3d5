import * as fs from "fs";
import * as path from "path";
import { PlanInputError } from "../report/errors";
import { echo } from "../../tools/common/echo";

/**
 * Where --json and --diagram will write, checked before the run so that a typo costs milliseconds,
 * not a whole plan: the folder must exist, and the file, when it exists, must be a writable regular
 * file (a FIFO would block the write, a device swallow it).
 */
export function checkOutputPath(flag: string, given: string): void {
  const target = path.resolve(given);
  const file = echo(given, { quote: false });
  let stat: fs.Stats | undefined;
  try {
    stat = fs.statSync(target);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === "ENAMETOOLONG") throw new PlanInputError(`${flag} ${file}: the name is too long for the file system; choose a shorter one.`);
    if (code === "ENOTDIR")
      throw new PlanInputError(`${flag} ${file}: a part of the path before the file name is a file, not a folder; choose a path through folders.`);
    if (code !== "ENOENT") {
      throw new PlanInputError(`${flag} ${file}: the path cannot be checked (${code}); choose a file in a folder you can write.`);
    }
  }
  if (stat) {
    if (stat.isDirectory())
      throw new PlanInputError(
        `${flag} ${file} is a directory; name a file inside it, such as ${path.join(echo(given, { quote: false, limit: 60 }), flag === "--json" ? "plan.json" : "plan.svg")}.`,
      );
    if (!stat.isFile()) throw new PlanInputError(`${flag} ${file} is not a regular file (a pipe or a device); name an ordinary file.`);
    try {
      fs.accessSync(target, fs.constants.W_OK);
    } catch {
      throw new PlanInputError(`${flag} ${file} exists and cannot be written; change its permissions or choose another file.`);
    }
    return;
  }
  const folder = path.dirname(target);
  let folderStat: fs.Stats | undefined;
  try {
    folderStat = fs.statSync(folder);
  } catch {
    // Absent (or unreadable): either way nothing can be written there.
  }
  if (!folderStat?.isDirectory())
    throw new PlanInputError(`${flag} ${file}: the folder ${echo(path.dirname(given), { quote: false })} does not exist; create it or choose another path.`);
  try {
    fs.accessSync(folder, fs.constants.W_OK);
  } catch {
    throw new PlanInputError(`${flag} ${file}: the folder ${echo(path.dirname(given), { quote: false })} cannot be written; choose a folder you can write.`);
  }
}

/** The formats --diagram writes, chosen by the file's extension. */
export const DIAGRAM_FORMATS = [".svg", ".mmd", ".dot"] as const;

export function checkDiagramPath(file: string): void {
  const ext = path.extname(file).toLowerCase();
  if (!(DIAGRAM_FORMATS as readonly string[]).includes(ext)) {
    throw new PlanInputError(
      `--diagram ${echo(file, { quote: false })}: unknown format ${ext ? echo(ext) : "(none)"}; name the file .svg (Graphviz), .mmd (Mermaid) or .dot.`,
    );
  }
}

/** The same file, however named: by identity when it exists (a symlink, a hard link, `./x`), else by path. */
function sameFile(a: string, b: string): boolean {
  try {
    const x = fs.statSync(a);
    const y = fs.statSync(b);
    return x.dev === y.dev && x.ino === y.ino;
  } catch {
    return path.resolve(a) === path.resolve(b);
  }
}

/**
 * An output must never be one of the plan's own inputs: `--json Pulumi.dev.yaml` would replace the
 * stack file with the plan, and `--diagram` over `--deployed` would lose the deployed state.
 */
export function checkOutputNotInput(flag: string, file: string, inputs: ReadonlyArray<{ what: string; file: string }>): void {
  for (const input of inputs) {
    if (sameFile(file, input.file)) {
      throw new PlanInputError(
        `${flag} ${echo(file, { quote: false })} is ${input.what}, which the plan reads: writing the plan there would overwrite it, so choose another file, such as ${flag === "--diagram" ? "plan.svg" : "plan.json"}.`,
      );
    }
  }
}
