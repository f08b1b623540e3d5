import { minutes } from "./waits";

/**
 * Deleting a subnet fails with 409 Conflict while a VNIC is still attached to it: a load balancer
 * that is still terminating, a node whose instance is still shutting down. Those go away by themselves
 * within minutes, so the subnet's delete is retried for a bounded time; after that the destroy stops
 * with one sentence naming what is still attached.
 */

export interface SubnetRetryLimits {
  /** How long after the first conflict to keep retrying. */
  maxWaitMs: number;
  /** The pause before each retry. */
  retryDelayMs: number;
}

export const SUBNET_RETRY_LIMITS: SubnetRetryLimits = { maxWaitMs: 15 * 60_000, retryDelayMs: 20_000 };

const VNIC_OCID = /ocid1\.vnic\.[a-z0-9._-]*[a-z0-9]/gi;

/** OCI: `409 Conflict ... The Subnet <id> references the VNIC <id>` (also "the service VNIC"). */
export function isVnicConflict(error: string): boolean {
  return /\b409\b|Conflict/i.test(error) && /VNIC/i.test(error);
}

export function attachedVnics(error: string): string[] {
  return [...new Set(error.match(VNIC_OCID) ?? [])];
}

export type RetryDecision = { retry: true; waitMs: number } | { retry: false; message?: string };

export interface SubnetFailure {
  failedOperation: string;
  /** Newest first, as the engine passes them. */
  errors: string[];
  subnetName: string;
  subnetId: string;
  /** Load balancers still in the subnet, as `load balancer "name" (ocid)`, when they could be listed. */
  occupants?: string[];
}

export function subnetDeleteDecision(failure: SubnetFailure, firstConflictAt: number, now: number, limits: SubnetRetryLimits): RetryDecision {
  const latest = failure.errors[0] ?? "";
  if (failure.failedOperation !== "delete" || !isVnicConflict(latest)) return { retry: false };
  const waited = now - firstConflictAt;
  if (waited + limits.retryDelayMs <= limits.maxWaitMs) return { retry: true, waitMs: limits.retryDelayMs };
  const vnics = attachedVnics(failure.errors.join("\n"));
  const what = vnics.length > 0 ? `VNIC ${vnics.join(", ")}` : "a VNIC";
  const holds = failure.occupants?.length ? ` and holds ${failure.occupants.join(", ")}` : "";
  return {
    retry: false,
    message:
      `Subnet ${failure.subnetName} (${failure.subnetId}) still has ${what} attached after ${minutes(waited)} of retries${holds}: ` +
      `find its owner with \`oci network vnic get --vnic-id <id>\` (a load balancer or instance left outside this stack), delete it, then run \`pulumi destroy --run-program\` again.`,
  };
}

export interface SubnetErrorArgs {
  urn: string;
  id: string;
  name: string;
  failedOperation: string;
  errors: string[];
  oldOutputs?: Record<string, any>;
}

/** The error hook's body: remembers when each subnet first conflicted, pauses, decides, explains. */
export function subnetRetryHook(
  limits: SubnetRetryLimits,
  io: {
    now?: () => number;
    sleep: (ms: number) => Promise<void>;
    error: (message: string) => void;
    /** What is still in the subnet (load balancers), asked only when giving up; failures count as unknown. */
    occupants?: (args: SubnetErrorArgs) => Promise<string[]>;
  },
): (args: SubnetErrorArgs) => Promise<boolean> {
  const firstConflict = new Map<string, number>();
  const now = io.now ?? Date.now;
  return async (args) => {
    const at = now();
    const first = firstConflict.get(args.urn) ?? at;
    firstConflict.set(args.urn, first);
    const displayName = args.oldOutputs?.displayName;
    const failure: SubnetFailure = {
      failedOperation: args.failedOperation,
      errors: args.errors,
      subnetName: typeof displayName === "string" && displayName ? displayName : args.name,
      subnetId: args.id,
    };
    let decision = subnetDeleteDecision(failure, first, at, limits);
    if (decision.retry) {
      await io.sleep(decision.waitMs);
      return true;
    }
    if (decision.message && io.occupants) {
      const occupants = await io.occupants(args).catch(() => []);
      decision = subnetDeleteDecision({ ...failure, occupants }, first, at, limits);
    }
    if (!decision.retry && decision.message) io.error(decision.message);
    return false;
  };
}
