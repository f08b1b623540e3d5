/** Quick Create's address plan (spec §2, §4): the VCN, its three subnets, and the cluster's two overlay ranges. */
export const ADDRESS_PLAN = {
  vcnCidr: "10.0.0.0/16",
  endpointSubnetCidr: "10.0.0.0/28",
  workerSubnetCidr: "10.0.10.0/24",
  lbSubnetCidr: "10.0.20.0/24",
  /** Pod overlay network, used only with flannel. */
  podsCidr: "10.244.0.0/16",
  /** Kubernetes service network; OKE puts cluster DNS at .5.5 of it. */
  servicesCidr: "10.96.0.0/16",
} as const;
