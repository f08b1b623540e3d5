import * as oci from "./pulumiOci";
import * as pulumi from "@pulumi/pulumi";
import { ClusterType, Cni } from "./settings";
import { ClusterTypeToken, ClusterTypeTokenValue, CniToken, CniTokenValue, componentType, STACK_TAG_KEY } from "../policies/contract";

/** The option values (components/options.ts) as the tokens OCI takes. */
export const CLUSTER_TYPE: Record<ClusterType, ClusterTypeTokenValue> = { enhanced: ClusterTypeToken.ENHANCED, basic: ClusterTypeToken.BASIC };
export const CNI_TYPE: Record<Cni, CniTokenValue> = { "vcn-native": CniToken.VCN_NATIVE, flannel: CniToken.FLANNEL };

export interface ClusterArgs {
  compartmentId: string;
  name: string;
  kubernetesVersion: string;
  clusterType: ClusterType;
  cni: Cni;
  endpointPublic: boolean;
  servicesCidr: string;
  /** Used only with flannel: VCN-native pods take worker-subnet addresses. */
  podsCidr: string;
  vcnId: pulumi.Input<string>;
  endpointSubnetId: pulumi.Input<string>;
  lbSubnetId: pulumi.Input<string>;
  /** `<project>/<stack>`: tags what the cloud controller creates, so a destroy can find it (policies/contract/stackTag.ts). */
  stackTag: string;
  /** Resource hooks for the cluster itself (destroyHooks.ts). */
  hooks?: pulumi.ResourceHookBinding;
}

/** Quick Create tags the cluster and what it creates later (volumes, load balancers) with its name (spec §4). */
export function clusterTags(clusterName: string): Record<string, string> {
  return { OKEclusterName: clusterName };
}

/** Tags OKE copies onto the load balancers and block volumes it creates: Quick Create's plus this stack's. */
export function createdResourceTags(clusterName: string, stackTag: string): Record<string, string> {
  return { ...clusterTags(clusterName), [STACK_TAG_KEY]: stackTag };
}

/** The OKE cluster of spec §4: VCN-native endpoint, service load balancers in the LB subnet, add-ons off. */
export class OkeCluster extends pulumi.ComponentResource {
  readonly cluster: oci.containerengine.Cluster;

  constructor(name: string, args: ClusterArgs, opts?: pulumi.ComponentResourceOptions) {
    super(componentType("Cluster"), name, {}, opts);
    const tags = clusterTags(args.name);
    this.cluster = new oci.containerengine.Cluster(
      `${name}-cluster`,
      {
        compartmentId: args.compartmentId,
        name: args.name,
        kubernetesVersion: args.kubernetesVersion,
        type: CLUSTER_TYPE[args.clusterType],
        vcnId: args.vcnId,
        clusterPodNetworkOptions: [{ cniType: CNI_TYPE[args.cni] }],
        endpointConfig: { subnetId: args.endpointSubnetId, isPublicIpEnabled: args.endpointPublic },
        imagePolicyConfig: { isPolicyEnabled: false },
        freeformTags: tags,
        options: {
          serviceLbSubnetIds: [args.lbSubnetId],
          kubernetesNetworkConfig: {
            servicesCidr: args.servicesCidr,
            ...(args.cni === "flannel" ? { podsCidr: args.podsCidr } : {}),
          },
          addOns: { isKubernetesDashboardEnabled: false, isTillerEnabled: false },
          persistentVolumeConfig: { freeformTags: createdResourceTags(args.name, args.stackTag) },
          serviceLbConfig: { freeformTags: createdResourceTags(args.name, args.stackTag) },
        },
      },
      { parent: this, hooks: args.hooks },
    );
    this.registerOutputs({ clusterId: this.cluster.id });
  }
}
