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
