import { carriesStackTag, STACK_TAG_KEY } from "../../policies/contract";
import type { CleanupClients } from "./ociClients";
import { pollUntil, Waits } from "./waits";

/**
 * The OCI half: after the Services are gone, whatever load balancer or network load balancer still
 * sits in the LB subnet blocks the subnet's deletion (its VNIC). Those tagged with this stack's
 * `oke-quick-create-stack` are the cloud controller's leftovers and are deleted; untagged ones belong to
 * someone else and are never touched, only named.
 */

export interface SubnetLoadBalancer {
  kind: "load balancer" | "network load balancer";
  id: string;
  displayName: string;
  ours: boolean;
  /** Already being deleted: it still holds its VNIC, but needs no delete call. */
  deleting: boolean;
}

export function describeLoadBalancer(lb: SubnetLoadBalancer): string {
  return `${lb.kind} "${lb.displayName}" (${lb.id})`;
}

/** Pages are bounded: a compartment with more than this many pages of load balancers is not waited on. */
const MAX_PAGES = 50;
const DELETED = "DELETED";
const DELETING = "DELETING";

async function allPages<T>(fetchPage: (page?: string) => Promise<{ items: T[]; next?: string }>): Promise<T[]> {
  const items: T[] = [];
  let page: string | undefined;
  for (let i = 0; i < MAX_PAGES; i++) {
    const result = await fetchPage(page);
    items.push(...result.items);
    page = result.next;
    if (!page) break;
  }
  return items;
}

/** Load balancers and network load balancers in `subnetIds` that are not deleted yet. */
export async function subnetLoadBalancers(
  clients: CleanupClients,
  compartmentId: string,
  subnetIds: string[],
  stackTag: string,
): Promise<SubnetLoadBalancer[]> {
  const inSubnet = (ids: string[]) => ids.some((id) => subnetIds.includes(id));
  const lbs = await allPages(async (page) => {
    const r = await clients.loadBalancer.listLoadBalancers({ compartmentId, page });
    return { items: r.items, next: r.opcNextPage };
  });
  const nlbs = await allPages(async (page) => {
    const r = await clients.networkLoadBalancer.listNetworkLoadBalancers({ compartmentId, page });
    return { items: r.networkLoadBalancerCollection?.items ?? [], next: r.opcNextPage };
  });
  return [
    ...lbs
      .filter((lb) => inSubnet(lb.subnetIds ?? []) && lb.lifecycleState !== DELETED)
      .map((lb) => ({
        kind: "load balancer" as const,
        id: lb.id,
        displayName: lb.displayName,
        ours: carriesStackTag(lb.freeformTags, stackTag),
        deleting: lb.lifecycleState === DELETING,
      })),
    ...nlbs
      .filter((nlb) => inSubnet([nlb.subnetId]) && nlb.lifecycleState !== DELETED)
      .map((nlb) => ({
        kind: "network load balancer" as const,
        id: nlb.id,
        displayName: nlb.displayName,
        ours: carriesStackTag(nlb.freeformTags, stackTag),
        deleting: nlb.lifecycleState === DELETING,
      })),
  ];
}

export interface SweepResult {
  deleted: SubnetLoadBalancer[];
}

export class ForeignLoadBalancersError extends Error {
  constructor(
    readonly foreign: SubnetLoadBalancer[],
    stackTag: string,
  ) {
    super(
      `The LB subnet still holds ${foreign.map(describeLoadBalancer).join(", ")}, ` +
        `which ${foreign.length === 1 ? "does" : "do"} not carry the tag ${STACK_TAG_KEY}=${stackTag} and so ${foreign.length === 1 ? "is" : "are"} not this stack's to delete: ` +
        `move or delete ${foreign.length === 1 ? "it" : "them"} yourself, then run \`pulumi destroy --run-program\` again.`,
    );
    this.name = "ForeignLoadBalancersError";
  }
}

/**
 * Deletes this stack's tagged load balancers in the subnets and waits (bounded) until they are gone.
 * Throws ForeignLoadBalancersError naming the untagged ones, which it leaves alone, and an error naming
 * the tagged ones that did not go in time.
 */
export async function sweepTaggedLoadBalancers(
  clients: CleanupClients,
  target: { compartmentId: string; subnetIds: string[]; stackTag: string },
  waits: Waits,
): Promise<SweepResult> {
  const found = await subnetLoadBalancers(clients, target.compartmentId, target.subnetIds, target.stackTag);
  const ours = found.filter((lb) => lb.ours && !lb.deleting);
  for (const lb of ours) {
    if (lb.kind === "load balancer") await clients.loadBalancer.deleteLoadBalancer({ loadBalancerId: lb.id });
    else await clients.networkLoadBalancer.deleteNetworkLoadBalancer({ networkLoadBalancerId: lb.id });
  }
  let left = found;
  await pollUntil(async () => {
    left = await subnetLoadBalancers(clients, target.compartmentId, target.subnetIds, target.stackTag);
    return !left.some((lb) => lb.ours);
  }, waits);
  const stuck = left.filter((lb) => lb.ours);
  if (stuck.length > 0) {
    throw new Error(
      `This stack's ${stuck.map(describeLoadBalancer).join(", ")} did not finish deleting in time: ` +
        `check its work requests in the console, then run \`pulumi destroy --run-program\` again.`,
    );
  }
  const foreign = left.filter((lb) => !lb.ours && !lb.deleting);
  if (foreign.length > 0) throw new ForeignLoadBalancersError(foreign, target.stackTag);
  return { deleted: ours };
}
