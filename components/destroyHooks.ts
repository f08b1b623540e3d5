import * as pulumi from "@pulumi/pulumi";
import { cleanUpBeforeClusterDelete } from "./cleanup/beforeClusterDelete";
import { keptVolumes, keptVolumesReport } from "./cleanup/keptVolumes";
import { cleanupClients, CleanupClients } from "./cleanup/ociClients";
import { describeLoadBalancer, subnetLoadBalancers } from "./cleanup/subnetLoadBalancers";
import { SUBNET_RETRY_LIMITS, SubnetRetryLimits, subnetRetryHook } from "./cleanup/subnetRetry";
import { sleep, Waits } from "./cleanup/waits";
import { ociAuthenticationProvider, resolveOciAuth } from "./ociAuth";
import { STACK_TAG_KEY } from "../policies/contract";

export interface DestroyHookSettings {
  /** `<project>/<stack>`, the tag OKE puts on this stack's load balancers and volumes. */
  stackTag: string;
  region: string;
  /** A cluster's kubeconfig for its OCID, as the stack exports it, fetched when a hook needs it. */
  fetchKubeconfig: (clusterId: string) => Promise<string>;
}

export interface DestroyHookLimits {
  services: Waits;
  sweep: Waits;
  subnets: SubnetRetryLimits;
}

export const DESTROY_HOOK_LIMITS: DestroyHookLimits = {
  // OKE's cloud controller usually deletes a load balancer within two minutes.
  services: { timeoutMs: 10 * 60_000, pollMs: 10_000 },
  sweep: { timeoutMs: 10 * 60_000, pollMs: 15_000 },
  subnets: SUBNET_RETRY_LIMITS,
};

/** The `oci:` provider settings, read when a hook runs (allConfig: no secret warnings, values as set). */
function ociProviderConfig(): Record<string, string> {
  const entries = Object.entries(pulumi.runtime.allConfig())
    .filter(([key]) => key.startsWith("oci:"))
    .map(([key, value]) => [key.slice("oci:".length), value] as const);
  return Object.fromEntries(entries);
}

function str(value: unknown): string {
  return typeof value === "string" ? value : "";
}

/**
 * The stack's resource hooks for `pulumi destroy --run-program` (named hooks, so the engine finds them
 * again when the program runs for a destroy):
 *  - `cluster.beforeDelete`: delete LoadBalancer Services and this stack's leftover load balancers
 *    while the cloud controller still runs. On the cluster, not the node pool: the cluster's outputs
 *    carry the LB subnet ids and compartment, its deletion is what removes the cloud controller, and
 *    it also runs when the node pool is already gone.
 *  - `subnets.onError`: retry a subnet delete that conflicts with a still-attached VNIC, bounded.
 *  - `vcn.afterDelete`: the VCN goes last, so its hook lists the block volumes kept, at the end.
 * The work is in components/cleanup/*; this class only gathers what the hook arguments carry.
 */
export class DestroyHooks {
  readonly cluster: pulumi.ResourceHookBinding;
  readonly subnets: pulumi.ResourceHookBinding;
  readonly vcn: pulumi.ResourceHookBinding;
  private claims = new Map<string, string>();
  /** The cluster the program declares, once the engine has answered, and its kubeconfig. */
  private declared: { clusterId?: string; kubeconfig?: { clusterId: string; text: string } } = {};
  private clientCache?: CleanupClients;

  constructor(
    name: string,
    private readonly settings: DestroyHookSettings,
    private readonly limits = DESTROY_HOOK_LIMITS,
  ) {
    const beforeClusterDelete = new pulumi.ResourceHook(`${name}-clean-up-load-balancers`, (args) => this.beforeClusterDelete(args));
    const retry = subnetRetryHook(limits.subnets, {
      sleep,
      error: (message) => pulumi.log.error(message),
      occupants: async (args) => {
        const found = await subnetLoadBalancers(this.clients(), str(args.oldOutputs?.compartmentId), [args.id], settings.stackTag);
        return found.map(describeLoadBalancer);
      },
    });
    const retrySubnetDelete = new pulumi.ErrorHook(`${name}-retry-subnet-delete`, (args) => retry(args));
    // Everything is deleted by then: a listing that fails must not fail the destroy (since Pulumi 3.238 a
    // failing after-hook does, unless it ignores errors).
    const listKeptVolumes = new pulumi.ResourceHook(`${name}-list-kept-volumes`, (args) => this.listKeptVolumes(args), { ignoreErrors: true });
    this.cluster = { beforeDelete: [beforeClusterDelete] };
    this.subnets = { onError: [retrySubnetDelete] };
    this.vcn = { afterDelete: [listKeptVolumes] };
  }

  /**
   * Remembers the declared cluster. When a delete hook runs, this is the cluster being deleted on a
   * destroy (whose kubeconfig the program has just read), the new cluster when a create-before-delete
   * replacement deletes the old one, and unset when the old one goes first (nothing else shares the tag).
   */
  track(clusterId: pulumi.Output<string>, kubeconfig: pulumi.Output<string>): void {
    clusterId.apply((id) => (this.declared.clusterId = id));
    pulumi.all([clusterId, kubeconfig]).apply(([id, text]) => (this.declared.kubeconfig = { clusterId: id, text }));
  }

  private kubeconfig(clusterId: string): Promise<string> {
    const known = this.declared.kubeconfig;
    return known?.clusterId === clusterId ? Promise.resolve(known.text) : this.settings.fetchKubeconfig(clusterId);
  }

  private clients(): CleanupClients {
    this.clientCache ??= cleanupClients(ociAuthenticationProvider(resolveOciAuth({ providerConfig: ociProviderConfig(), env: process.env })), {
      region: this.settings.region,
    });
    return this.clientCache;
  }

  private async beforeClusterDelete(args: pulumi.ResourceHookArgs): Promise<void> {
    const outputs = args.oldOutputs ?? {};
    const current = this.declared.clusterId;
    const result = await cleanUpBeforeClusterDelete({
      kubeconfig: () => this.kubeconfig(args.id),
      clients: () => this.clients(),
      compartmentId: str(outputs.compartmentId),
      lbSubnetIds: (outputs.options?.serviceLbSubnetIds ?? []).filter((id: unknown) => typeof id === "string"),
      stackTag: this.settings.stackTag,
      serviceWaits: this.limits.services,
      sweepWaits: this.limits.sweep,
      log: (message) => pulumi.log.info(message),
      replacedBy: current && current !== args.id ? current : undefined,
    });
    this.claims = result.claims;
  }

  private async listKeptVolumes(args: pulumi.ResourceHookArgs): Promise<void> {
    const compartmentId = str(args.oldOutputs?.compartmentId);
    try {
      const report = keptVolumesReport(await keptVolumes(this.clients(), compartmentId, this.settings.stackTag, this.claims), this.settings.region);
      if (report) pulumi.log.warn(report);
    } catch (error) {
      pulumi.log.warn(
        `Could not list the block volumes this stack kept (${error instanceof Error ? error.message : String(error)}); ` +
          `look for volumes tagged ${STACK_TAG_KEY}=${this.settings.stackTag} in compartment ${compartmentId}.`,
      );
    }
  }
}
