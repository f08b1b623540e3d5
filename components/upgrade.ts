import { ClusterTypeToken, KUBERNETES_VERSION } from "../policies/contract";
import { DeployedState } from "./deployedState";
import { QuickCreateConfigError } from "./errors";
import { NodeImageSource } from "./regionChoices";
import { ClusterType, NodeCyclingSettings } from "./settings";
import { imageKindForShape } from "./shapes";

/**
 * Day-2 decisions, made from what is deployed before anything is registered: which versions OKE would
 * accept, which image pool1 boots, and how OKE replaces its nodes. Pure functions over plain data.
 */

/** Orders `vX.Y.Z` versions numerically (v1.33.10 after v1.33.9). */
export function compareVersions(a: string, b: string): number {
  const pa = KUBERNETES_VERSION.exec(a)?.slice(1).map(Number) ?? [0, 0, 0];
  const pb = KUBERNETES_VERSION.exec(b)?.slice(1).map(Number) ?? [0, 0, 0];
  for (let i = 0; i < 3; i++) if (pa[i] !== pb[i]) return pa[i] - pb[i];
  return 0;
}

function mayGoTo(running: string, upgrades: readonly string[]): string {
  return upgrades.length ? `it may go to ${upgrades.join(", ")} or stay on ${running}` : `OKE offers it no upgrade yet, so keep ${running}`;
}

/**
 * Refuses, in one sentence, a version OKE would refuse for the deployed cluster: a downgrade, or a
 * version not among the cluster's availableKubernetesUpgrades. Workers may lag the control plane but
 * never lead it, so a pool already newer than the requested version is refused too.
 */
export function checkUpgrade(requested: string, deployed: DeployedState | undefined): void {
  if (!deployed) return;
  const { cluster, pool } = deployed;
  const running = cluster.kubernetesVersion;
  const upgrades = [...cluster.availableKubernetesUpgrades].sort(compareVersions);
  const refuse = (why: string): never => {
    throw new QuickCreateConfigError("kubernetesVersion", `Invalid value "${requested}" for kubernetesVersion: ${why}; ${mayGoTo(running, upgrades)}.`);
  };
  if (requested !== running) {
    if (compareVersions(requested, running) < 0) refuse(`cluster ${cluster.name} runs ${running} and OKE cannot downgrade a cluster`);
    if (!upgrades.includes(requested)) refuse(`cluster ${cluster.name} runs ${running} and OKE does not offer ${requested} as its upgrade`);
  }
  if (pool && compareVersions(pool.kubernetesVersion, requested) > 0) {
    refuse(`pool1 already runs ${pool.kubernetesVersion} and worker nodes may never run a newer version than the control plane`);
  }
}

/**
 * OKE upgrades a basic cluster to an enhanced one in place, but never the reverse (OKE "Working with
 * Enhanced Clusters and Basic Clusters"), though UpdateClusterDetails.type would take the value: the
 * refusal would come minutes into `pulumi up`.
 */
export function checkClusterType(requested: ClusterType, deployed: DeployedState | undefined): void {
  if (requested === "basic" && deployed?.cluster.type === ClusterTypeToken.ENHANCED) {
    throw new QuickCreateConfigError(
      "clusterType",
      `Invalid value "basic" for clusterType: cluster ${deployed.cluster.name} is an enhanced cluster and OKE cannot turn an enhanced cluster back into a basic one; keep "enhanced", or destroy the stack and create it again as basic.`,
    );
  }
}

export interface PoolImageChoice {
  /** The image pool1 gets. */
  image: NodeImageSource;
  /** Why: a reviewer reads this in the plan. */
  reason: "configured" | "newest for a new pool" | "newest for the new version" | "newest for the new shape" | "kept" | "refreshed";
  /** A newer image for the same version that pool1 does not get yet (nodeImageRefresh is off). */
  newerAvailable?: NodeImageSource;
}

/**
 * No image change by surprise: while the version stays, pool1 keeps the image it runs even when OCI
 * publishes a newer one (which is reported), unless `nodeImageRefresh` asks for it. A version change
 * takes the newest image for the new version, as Quick Create does for a new pool. So does a shape
 * change to another architecture (x86_64, aarch64, GPU): the image pool1 runs would not boot on the new
 * shape, and `newest` (chosen for the new shape) is not a newer build of it either.
 */
export function choosePoolImage(args: {
  newest: NodeImageSource;
  configuredImageId?: string;
  kubernetesVersion: string;
  /** The configured shape, which `newest` was chosen for. */
  nodeShape: string;
  deployed?: DeployedState;
  refresh: boolean;
}): PoolImageChoice {
  if (args.configuredImageId && args.refresh) {
    // Two settings that contradict each other: say so rather than silently ignore one.
    throw new QuickCreateConfigError(
      "nodeImageRefresh",
      `Invalid value true for nodeImageRefresh: nodeImageId pins pool1's image to ${args.configuredImageId}, so there is no newer image to move to; set nodeImageRefresh to false or leave nodeImageId unset.`,
    );
  }
  if (args.configuredImageId) return { image: args.newest, reason: "configured" };
  const pool = args.deployed?.pool;
  if (!pool || !pool.imageId) return { image: args.newest, reason: "newest for a new pool" };
  if (pool.kubernetesVersion !== args.kubernetesVersion) return { image: args.newest, reason: "newest for the new version" };
  if (pool.nodeShape && imageKindForShape(pool.nodeShape) !== imageKindForShape(args.nodeShape))
    return { image: args.newest, reason: "newest for the new shape" };
  if (pool.imageId === args.newest.imageId) return { image: args.newest, reason: "kept" };
  if (args.refresh) return { image: args.newest, reason: "refreshed" };
  const running = { imageId: pool.imageId, sourceName: pool.imageName ?? pool.imageId, sourceType: "IMAGE" };
  return { image: running, reason: "kept", newerAvailable: args.newest };
}

/** The stack output `nodeImage`: which image pool1 boots and why, so a preview shows the choice by name. */
export function describePoolImage(choice: PoolImageChoice): string {
  if (choice.reason === "configured") return `${choice.image.imageId} (configured nodeImageId)`;
  return `${choice.image.sourceName} (${choice.reason})`;
}

/** Stack output text naming a newer image that is not applied. */
export function newerImageNotice(choice: PoolImageChoice): string | undefined {
  const newer = choice.newerAvailable;
  if (!newer) return undefined;
  return `${newer.sourceName} (${newer.imageId}) is newer than the image pool1 runs; set nodeImageRefresh to true to move pool1 to it.`;
}

/**
 * OKE cycles nodes on enhanced clusters only, VM and bare-metal shapes alike (OKE "Updating Worker Nodes
 * in an Existing Node Pool by Terminating and Replacing Nodes"); basic clusters get no cycling details.
 */
export function nodePoolCycling(clusterType: ClusterType, settings: NodeCyclingSettings) {
  if (clusterType !== "enhanced") return undefined;
  return { isNodeCyclingEnabled: true, maximumSurge: settings.maximumSurge, maximumUnavailable: settings.maximumUnavailable };
}
