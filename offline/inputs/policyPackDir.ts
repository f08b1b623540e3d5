import * as fs from "fs";
import * as path from "path";
import { PlanInputError } from "../report/errors";
import { runPolicyPackScript } from "../analyzer/process";
import { echo } from "../../tools/common/echo";

/** The file that makes a folder a policy pack for the CLI (`pulumi preview --policy-pack DIR` reads it first). */
const PACK_FILE = "PulumiPolicy.yaml";

/**
 * `--policy-pack DIR`, checked before anything starts, as the CLI checks it: a folder with a
 * PulumiPolicy.yaml, installed so that Pulumi's policy runner resolves from it. Returns the folder.
 */
export function checkPolicyPackDir(dir: string): string {
  const shown = echo(dir);
  let stat: fs.Stats;
  try {
    stat = fs.statSync(dir);
  } catch {
    throw new PlanInputError(`--policy-pack ${shown} does not exist: pass the folder that holds a pack's ${PACK_FILE}, such as policies.`);
  }
  if (!stat.isDirectory()) {
    throw new PlanInputError(`--policy-pack ${shown} is not a folder: pass the folder that holds a pack's ${PACK_FILE}, such as policies.`);
  }
  if (!fs.existsSync(path.join(dir, PACK_FILE))) {
    throw new PlanInputError(`--policy-pack ${shown} has no ${PACK_FILE}, so it is not a policy pack: pass the folder that holds one, such as policies.`);
  }
  try {
    runPolicyPackScript(dir);
  } catch {
    throw new PlanInputError(`--policy-pack ${shown} is not installed (@pulumi/pulumi does not resolve from it): run npm install in that folder first.`);
  }
  return dir;
}
