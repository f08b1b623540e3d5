import * as oci from "./pulumiOci";
import { NODE_POOL_NAME } from "../policies/contract";
import { QuickCreateLookupError } from "./errors";

/**
 * What this stack already runs, read back from OCI before anything is registered: the cluster (found
 * by compartment and name, and only inside this stack's VCN, found by its display name) and its pool1.
 * No state file and no CLI: the same invokes answer `pulumi up` and the offline plan's `--deployed`.
 */
export interface DeployedCluster {
  id: string;
  name: string;
  vcnId: string;
  kubernetesVersion: string;
  /** The versions OKE lets this cluster move to (Cluster.availableKubernetesUpgrades). */
  availableKubernetesUpgrades: string[];
  type: string;
}

export interface DeployedPool {
  id: string;
  kubernetesVersion: string;
  /** The image its nodes boot from (nodeSourceDetails), when OKE reports one. */
  imageId?: string;
  imageName?: string;
  /** The shape its nodes run on: a change to another architecture needs another image. */
  nodeShape?: string;
}

export interface DeployedState {
  cluster: DeployedCluster;
  pool?: DeployedPool;
}

export interface DeployedQuery {
  compartmentId: string;
  clusterName: string;
  vcnDisplayName: string;
}

// Lifecycle states of what is gone or going: a cluster being deleted is not one to upgrade.
const GONE = new Set(["DELETING", "DELETED", "TERMINATING", "TERMINATED", "FAILED"]);

interface Lifecycle {
  id: string;
  state?: string;
}

/** Ids of the live resources among `found`. */
export function liveIds(found: readonly Lifecycle[]): Set<string> {
  return new Set(found.filter((r) => !GONE.has(r.state ?? "")).map((r) => r.id));
}

/**
 * The one live cluster in one of our VCNs. A cluster with the same name in another VCN (another stack,
 * a console-made one) is not ours and is ignored; two of ours is a state only a human can sort out.
 */
export function selectOurCluster<C extends Lifecycle & { vcnId: string; name: string }>(
  clusters: readonly C[],
  vcnIds: ReadonlySet<string>,
  vcnDisplayName: string,
): C | undefined {
  const ours = clusters.filter((c) => !GONE.has(c.state ?? "") && vcnIds.has(c.vcnId));
  if (ours.length > 1) {
    throw new QuickCreateLookupError(
      `Found ${ours.length} live clusters named "${ours[0].name}" in VCN ${vcnDisplayName} (${ours.map((c) => c.id).join(", ")}); delete the one this stack does not manage before running it again.`,
    );
  }
  return ours[0];
}

export function selectPool<P extends Lifecycle>(pools: readonly P[]): P | undefined {
  return pools.find((p) => !GONE.has(p.state ?? ""));
}

/** Looks up the deployed cluster and pool1; `undefined` before the first `pulumi up`. */
export async function lookupDeployedState(query: DeployedQuery, opts?: { provider?: oci.Provider }): Promise<DeployedState | undefined> {
  const invokeOpts = opts?.provider ? { provider: opts.provider } : undefined;
  const [vcns, clusters] = await Promise.all([
    oci.core.getVcns({ compartmentId: query.compartmentId, displayName: query.vcnDisplayName }, invokeOpts),
    oci.containerengine.getClusters({ compartmentId: query.compartmentId, name: query.clusterName }, invokeOpts),
  ]);
  const cluster = selectOurCluster(clusters.clusters ?? [], liveIds(vcns.virtualNetworks ?? []), query.vcnDisplayName);
  if (!cluster) return undefined;
  const pools = await oci.containerengine.getNodePools({ compartmentId: query.compartmentId, clusterId: cluster.id, name: NODE_POOL_NAME }, invokeOpts);
  const pool = selectPool(pools.nodePools ?? []);
  const source = pool?.nodeSourceDetails?.[0];
  return {
    cluster: {
      id: cluster.id,
      name: cluster.name,
      vcnId: cluster.vcnId,
      kubernetesVersion: cluster.kubernetesVersion,
      availableKubernetesUpgrades: cluster.availableKubernetesUpgrades ?? [],
      type: cluster.type,
    },
    pool: pool && {
      id: pool.id,
      kubernetesVersion: pool.kubernetesVersion,
      imageId: source?.imageId || pool.nodeImageId || undefined,
      imageName: pool.nodeImageName || undefined,
      nodeShape: pool.nodeShape || undefined,
    },
  };
}
