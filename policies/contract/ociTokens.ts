/**
 * OCI's enumeration values and formats the program writes and the pack reads, spelled once
 * (Container Engine API: CreateClusterDetails.type, ClusterPodNetworkOptionDetails.cniType).
 */

/** A cluster's `type`. OKE makes a basic cluster when the input is absent. */
export const ClusterTypeToken = {
  ENHANCED: "ENHANCED_CLUSTER",
  BASIC: "BASIC_CLUSTER",
} as const;
export type ClusterTypeTokenValue = (typeof ClusterTypeToken)[keyof typeof ClusterTypeToken];
export const API_DEFAULT_CLUSTER_TYPE = ClusterTypeToken.BASIC;

/** A cluster's or node pool's pod network (`cniType`). The API's default, with no option given, is flannel. */
export const CniToken = {
  VCN_NATIVE: "OCI_VCN_IP_NATIVE",
  FLANNEL: "FLANNEL_OVERLAY",
} as const;
export type CniTokenValue = (typeof CniToken)[keyof typeof CniToken];
export const API_DEFAULT_CNI = CniToken.FLANNEL;

/** A Kubernetes version as OKE names it, `vMAJOR.MINOR.PATCH`; the groups are the three numbers. */
export const KUBERNETES_VERSION = /^v(\d+)\.(\d+)\.(\d+)$/;
