import type { CleanupClients } from "./ociClients";
import { blockVolumeClaims, deleteLoadBalancerServices } from "./kubernetesServices";
import { sweepTaggedLoadBalancers } from "./subnetLoadBalancers";
import { minutes, Waits } from "./waits";

export interface ClusterCleanupInput {
  /** The cluster's kubeconfig; a rejection means the API cannot be reached, and only the OCI sweep runs. */
  kubeconfig: () => Promise<string>;
  clients: () => CleanupClients;
  compartmentId: string;
  lbSubnetIds: string[];
  stackTag: string;
  serviceWaits: Waits;
  sweepWaits: Waits;
  log: (message: string) => void;
  /**
   * The program's cluster when it is not the one being deleted: a replacement during `pulumi up`. The
   * new cluster's load balancers carry the same stack tag in the same subnet, so the tagged sweep is
   * skipped then; it runs on a destroy, where the program's cluster is the one going.
   */
  replacedBy?: string;
}

export interface ClusterCleanupResult {
  /** Block volume OCID → `namespace/claim`, read while the cluster still answered. */
  claims: Map<string, string>;
}

function reason(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * What runs before OKE deletes the cluster: the cloud controller still exists, so it is asked (through
 * the Services) to delete its load balancers; then this stack's tagged load balancers still in the LB
 * subnet are deleted directly. Throws, stopping the cluster's deletion, when load balancers that are not
 * this stack's sit in the subnet (the subnet could not be deleted anyway).
 */
export async function cleanUpBeforeClusterDelete(input: ClusterCleanupInput): Promise<ClusterCleanupResult> {
  let claims = new Map<string, string>();
  try {
    const kubeconfig = await input.kubeconfig();
    claims = await blockVolumeClaims(kubeconfig).catch(() => claims);
    const services = await deleteLoadBalancerServices(kubeconfig, input.serviceWaits);
    if (services.deleted.length > 0) input.log(`Deleted LoadBalancer Service(s) ${services.deleted.join(", ")}.`);
    if (services.stillPresent.length > 0) {
      input.log(
        `Service(s) ${services.stillPresent.join(", ")} still waited for the cloud controller after ${minutes(input.serviceWaits.timeoutMs)}; deleting this stack's tagged load balancers directly.`,
      );
    }
  } catch (error) {
    input.log(`The cluster's Kubernetes API could not be used (${reason(error)}); deleting this stack's tagged load balancers directly.`);
  }
  if (input.replacedBy) {
    input.log(`The cluster is being replaced by ${input.replacedBy}, whose load balancers share this stack's tag: left the LB subnet as it is.`);
  } else if (input.lbSubnetIds.length > 0) {
    const sweep = await sweepTaggedLoadBalancers(
      input.clients(),
      {
        compartmentId: input.compartmentId,
        subnetIds: input.lbSubnetIds,
        stackTag: input.stackTag,
      },
      input.sweepWaits,
    );
    if (sweep.deleted.length > 0) input.log(`Deleted ${sweep.deleted.map((lb) => `${lb.kind} "${lb.displayName}"`).join(", ")} left in the LB subnet.`);
  }
  return { claims };
}
