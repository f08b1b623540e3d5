import { PlanInputError } from "./planError";

/** Errors whose message is already the one sentence a user needs (the stack's own error classes). */
const USER_ERROR_NAMES = new Set(["QuickCreateConfigError", "QuickCreateLookupError", "PlanInputError"]);

/**
 * What to print for an error that stops the plan: just the sentence for user mistakes; for anything
 * else the first line of the message, with the trace only when PLAN_DEBUG is set.
 */
export function describeFailure(err: unknown, debug: boolean): string {
  const error = err instanceof Error ? err : new Error(String(err));
  if (error instanceof PlanInputError || USER_ERROR_NAMES.has(error.name)) return error.message;
  const first = error.message.split("\n")[0];
  return debug && error.stack ? error.stack : `The program failed: ${first} (set PLAN_DEBUG=1 for the stack trace).`;
}
