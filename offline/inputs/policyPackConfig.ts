import { parsePolicyPackConfig, PolicyInfoForConfig, PolicyPackConfigFile } from "../analyzer/config";
import { checkPolicyPackConfigAgainst } from "./policyConfigCheck";
import { PlanInputError } from "../report/errors";
import { echo } from "../../tools/common/echo";
import { InputFileError, readInputJson } from "../../tools/common/inputFile";

/**
 * Reads the file given to --policy-pack-config. Levels are checked by the analyzer's own parser (the
 * CLI's rules), so a bad level fails here with one sentence instead of a trace from the pack.
 */
export function readPolicyPackConfig(file: string, pack?: { name: string; policies: readonly PolicyInfoForConfig[] }): PolicyPackConfigFile {
  // The one reader of user files: a FIFO or device is refused before any read, the size is capped,
  // and JSON nesting is bounded before it is parsed.
  let parsed: unknown;
  try {
    parsed = readInputJson(file, { what: "--policy-pack-config" });
  } catch (err) {
    throw err instanceof InputFileError ? new PlanInputError(err.message) : err;
  }
  if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed)) {
    throw new PlanInputError(`--policy-pack-config ${echo(file, { quote: false })} must hold a JSON object of policy name to level, like {"all": "advisory"}.`);
  }
  for (const [policy, entry] of Object.entries(parsed)) {
    if (typeof entry !== "string" && (entry === null || typeof entry !== "object" || Array.isArray(entry))) {
      throw new PlanInputError(
        `--policy-pack-config ${echo(file, { quote: false })}: policy ${echo(policy)} must map to a level or an object like {"enforcementLevel": "advisory"}.`,
      );
    }
  }
  try {
    parsePolicyPackConfig(parsed as PolicyPackConfigFile);
  } catch (err) {
    throw new PlanInputError(
      `--policy-pack-config ${echo(file, { quote: false })}: ${echo((err as Error).message, { quote: false, limit: 160 })}; use advisory, mandatory, remediate or disabled.`,
    );
  }
  if (pack) checkPolicyPackConfigAgainst(file, parsed as PolicyPackConfigFile, pack.policies, pack.name);
  return parsed as PolicyPackConfigFile;
}
