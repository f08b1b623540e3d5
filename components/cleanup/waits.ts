/**
 * Bounded waiting for the destroy hooks. Every loop here ends: after `timeoutMs`, or earlier when the
 * condition holds. Tests pass milliseconds; the program passes minutes.
 */
export interface Waits {
  timeoutMs: number;
  pollMs: number;
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Calls `check` every `pollMs` until it returns true or `timeoutMs` has passed; says which. */
export async function pollUntil(check: () => Promise<boolean>, waits: Waits): Promise<boolean> {
  const now = waits.now ?? Date.now;
  const pause = waits.sleep ?? sleep;
  const deadline = now() + waits.timeoutMs;
  for (;;) {
    if (await check()) return true;
    if (now() >= deadline) return false;
    await pause(Math.min(waits.pollMs, Math.max(0, deadline - now())));
  }
}

export function minutes(ms: number): string {
  if (ms >= 60_000) return `${Math.round(ms / 60_000)} min`;
  return ms >= 1000 ? `${Math.round(ms / 1000)} s` : `${ms} ms`;
}
