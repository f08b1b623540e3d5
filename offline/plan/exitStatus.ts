/** The plan's exit statuses, the contract CI relies on. */
export const EXIT = {
  /** Built as planned, no mandatory policy violated (advisories are fine). */
  clean: 0,
  /** At least one mandatory policy violated: `pulumi up` would refuse. */
  mandatoryViolation: 1,
  /** Invalid flags or config, or the program failed: nothing was checked. */
  invalid: 2,
} as const;
