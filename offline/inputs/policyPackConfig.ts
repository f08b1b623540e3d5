import * as fs from "fs";
import { parsePolicyPackConfig, PolicyInfoForConfig, PolicyPackConfigFile } from "../analyzer/config";
import { checkPolicyPackConfigAgainst } from "./policyConfigCheck";
import { PlanInputError } from "../report/errors";

/**
 * Reads the file given to --policy-pack-config. Levels are checked by the analyzer's own parser (the
 * CLI's rules), so a bad level fails here with one sentence instead of a trace from the pack.
 */
export function readPolicyPackConfig(file: string, pack?: { name: string; policies: readonly PolicyInfoForConfig[] }): PolicyPackConfigFile {
  let text: string;
  try {
    // A FIFO or device would block the read (or never end): only a regular file is read.
    if (!fs.statSync(file).isFile()) throw new PlanInputError(`--policy-pack-config ${file} is not a regular file; name the JSON file itself.`);
    text = fs.readFileSync(file, "utf8");
  } catch (err) {
    if (err instanceof PlanInputError) throw err;
    throw new PlanInputError(`--policy-pack-config ${file}: the file cannot be read; check the path.`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (err) {
    throw new PlanInputError(`--policy-pack-config ${file} is not valid JSON (${(err as Error).message}): fix the file.`);
  }
  if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed)) {
    throw new PlanInputError(`--policy-pack-config ${file} must hold a JSON object of policy name to level, like {"all": "advisory"}.`);
  }
  for (const [policy, entry] of Object.entries(parsed)) {
    if (typeof entry !== "string" && (entry === null || typeof entry !== "object" || Array.isArray(entry))) {
      throw new PlanInputError(`--policy-pack-config ${file}: policy "${policy}" must map to a level or an object like {"enforcementLevel": "advisory"}.`);
    }
  }
  try {
    parsePolicyPackConfig(parsed as PolicyPackConfigFile);
  } catch (err) {
    throw new PlanInputError(`--policy-pack-config ${file}: ${(err as Error).message}; use advisory, mandatory, remediate or disabled.`);
  }
  if (pack) checkPolicyPackConfigAgainst(file, parsed as PolicyPackConfigFile, pack.policies, pack.name);
  return parsed as PolicyPackConfigFile;
}
