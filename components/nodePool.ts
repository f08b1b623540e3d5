import * as oci from "./pulumiOci";
import * as pulumi from "@pulumi/pulumi";
import { CNI_TYPE } from "./cluster";
import { componentType, NODE_POOL_NAME } from "../policies/contract";
import { MAX_PODS_PER_NODE } from "./limits";
import { Cni } from "./settings";

/** Quick Create drains a node for up to an hour before deleting it, and never forces the delete. */
export const EVICTION = { evictionGraceDuration: "PT60M", isForceDeleteAfterGraceDuration: false } as const;

export interface NodePoolArgs {
  compartmentId: string;
  clusterId: pulumi.Input<string>;
  clusterName: string;
  kubernetesVersion: string;
  cni: Cni;
  availabilityDomains: string[];
  workerSubnetId: pulumi.Input<string>;
  nodeShape: string;
  /** Flex shapes only; a fixed shape takes no shape config. */
  nodeOcpus?: number;
  nodeMemoryGbs?: number;
  nodeCount: number;
  imageId: string;
  /** Unset keeps the image default (the "47 GB"). */
  bootVolumeSizeGbs?: number;
  sshPublicKey?: string;
  /** How OKE replaces nodes after a version or image change; unset where OKE has no cycling (basic clusters). */
  cycling?: { isNodeCyclingEnabled: boolean; maximumSurge: string; maximumUnavailable: string };
}

/**
 * One placement per availability domain and no fault domains named: OKE then spreads the nodes evenly
 * over every fault domain, which is what makes a single-AD region survive a fault-domain outage.
 */
export function placementConfigs<Id>(availabilityDomains: readonly string[], subnetId: Id) {
  return availabilityDomains.map((availabilityDomain) => ({ availabilityDomain, subnetId }));
}

/** Boot volume: absent means the image default; the provider takes the size as a string. */
export function nodeSourceDetails(imageId: string, bootVolumeSizeGbs?: number) {
  return {
    sourceType: "IMAGE",
    imageId,
    ...(bootVolumeSizeGbs !== undefined ? { bootVolumeSizeInGbs: String(bootVolumeSizeGbs) } : {}),
  };
}

export function podNetworkOptions<Id>(cni: Cni, workerSubnetId: Id) {
  return cni === "vcn-native" ? { cniType: CNI_TYPE[cni], maxPodsPerNode: MAX_PODS_PER_NODE, podSubnetIds: [workerSubnetId] } : { cniType: CNI_TYPE[cni] };
}

/** Node pool `pool1` of spec §5: private workers across fault domains, no NSGs, image-default boot volume. */
export class QuickCreateNodePool extends pulumi.ComponentResource {
  readonly nodePool: oci.containerengine.NodePool;

  constructor(name: string, args: NodePoolArgs, opts?: pulumi.ComponentResourceOptions) {
    super(componentType("NodePool"), name, {}, opts);
    this.nodePool = new oci.containerengine.NodePool(
      `${name}-${NODE_POOL_NAME}`,
      {
        compartmentId: args.compartmentId,
        clusterId: args.clusterId,
        name: NODE_POOL_NAME,
        kubernetesVersion: args.kubernetesVersion,
        nodeShape: args.nodeShape,
        ...(args.nodeOcpus !== undefined ? { nodeShapeConfig: { ocpus: args.nodeOcpus, memoryInGbs: args.nodeMemoryGbs } } : {}),
        nodeSourceDetails: nodeSourceDetails(args.imageId, args.bootVolumeSizeGbs),
        nodeConfigDetails: {
          size: args.nodeCount,
          placementConfigs: placementConfigs(args.availabilityDomains, args.workerSubnetId),
          nodePoolPodNetworkOptionDetails: podNetworkOptions(args.cni, args.workerSubnetId),
        },
        initialNodeLabels: [{ key: "name", value: args.clusterName }],
        nodeEvictionNodePoolSettings: { ...EVICTION },
        freeformTags: { OKEnodePoolName: NODE_POOL_NAME },
        ...(args.sshPublicKey ? { sshPublicKey: args.sshPublicKey } : {}),
        ...(args.cycling ? { nodePoolCyclingDetails: { ...args.cycling } } : {}),
      },
      { parent: this },
    );
    this.registerOutputs({ nodePoolId: this.nodePool.id });
  }
}
