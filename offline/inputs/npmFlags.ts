import { PlanInputError } from "../report/errors";
import { echo } from "../../tools/common/echo";

/**
 * The plan's flags as npm names them when it keeps one for itself: `npm start --preview` (no `--`)
 * makes npm read `--preview` as its own config, warn, and set `npm_config_preview` for the script,
 * which then runs without the flag. npm sets these variables only for settings that are not npm's
 * defaults, so their presence means the user typed the flag.
 */
export const NPM_CONFIG_OF_FLAG: Readonly<Record<string, string>> = {
  "--stack": "npm_config_stack",
  "--config": "npm_config_config",
  "--policy-pack-config": "npm_config_policy_pack_config",
  "--preview": "npm_config_preview",
  "--json": "npm_config_json",
  "--diagram": "npm_config_diagram",
  "--deployed": "npm_config_deployed",
};

const AFTER_DASHES = "flags written before `--` go to npm, not the plan): put them after `--`";

/** Refuses a run whose flags npm took for itself, naming the flag and the command that works. */
export function checkNpmKeptFlags(env: NodeJS.ProcessEnv): void {
  const kept = Object.entries(NPM_CONFIG_OF_FLAG).find(([, variable]) => env[variable] !== undefined);
  if (!kept) return;
  const [flag, variable] = kept;
  const value = env[variable];
  const example = value && value !== "true" ? `${flag} ${echo(value, { quote: false, limit: 40 })}` : flag;
  throw new PlanInputError(`npm took ${flag} (${AFTER_DASHES}, as in npm start -- ${example}.`);
}

/** The sentence for a bare `key=value` argument: its `--config` went to npm. */
export function bareSettingError(arg: string): PlanInputError {
  return new PlanInputError(`${echo(arg)} has no flag before it (${AFTER_DASHES}, as in npm start -- --config ${echo(arg, { quote: false })}.`);
}
