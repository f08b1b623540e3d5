import { echo } from "../../tools/common/echo";

/**
 * A mistake the user can fix (a flag, a config value, a file): the plan prints the one sentence and
 * exits 2, as `pulumi preview` does for invalid configuration. Never carries a stack trace to the screen.
 */
export class PlanInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "PlanInputError";
  }
}

/** The plan's exit statuses, the contract CI relies on. */
export const EXIT = {
  /** Built as planned, no mandatory policy violated (advisories are fine). */
  clean: 0,
  /** At least one mandatory policy violated: `pulumi up` would refuse. */
  mandatoryViolation: 1,
  /** Invalid flags or config, or the program failed: nothing was checked. */
  invalid: 2,
} as const;

/** A sentence kept on one line: control characters escaped, bounded, never key material. */
function oneLine(message: string): string {
  return echo(message, { quote: false, limit: 2000 });
}

/** Errors whose message is already the one sentence a user needs (the stack's own error classes). */
const USER_ERROR_NAMES = new Set(["QuickCreateConfigError", "QuickCreateLookupError", "PulumiCliTooOldError", "PlanInputError", "InputFileError"]);

/**
 * What to print for an error that stops the plan: just the sentence for user mistakes; for anything
 * else the first line of the message, with the trace only when PLAN_DEBUG is set.
 */
export function describeFailure(err: unknown, debug: boolean): string {
  const error = err instanceof Error ? err : new Error(String(err));
  if (error instanceof PlanInputError || USER_ERROR_NAMES.has(error.name)) return oneLine(error.message);
  const first = echo(error.message.split("\n")[0], { quote: false, limit: 300 });
  return debug && error.stack ? error.stack : `The program failed: ${first} (set PLAN_DEBUG=1 for the stack trace).`;
}
