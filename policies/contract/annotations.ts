/**
 * Service annotation keys the OCI cloud controller manager (CCM) reads to open a load balancer.
 * Verified against oracle/oci-cloud-controller-manager, docs/load-balancer-annotations.md (keys, the
 * "lb"/"nlb" families) and OKE's "Summary of Annotations". The smoke workload writes them, the
 * kubernetes policies read them.
 */
export const LoadBalancerAnnotation = {
  loadBalancerType: "oci.oraclecloud.com/load-balancer-type",
  shape: "service.beta.kubernetes.io/oci-load-balancer-shape",
  flexMin: "service.beta.kubernetes.io/oci-load-balancer-shape-flex-min",
  flexMax: "service.beta.kubernetes.io/oci-load-balancer-shape-flex-max",
  internal: "service.beta.kubernetes.io/oci-load-balancer-internal",
  subnet1: "service.beta.kubernetes.io/oci-load-balancer-subnet1",
  nlbInternal: "oci-network-load-balancer.oraclecloud.com/internal",
  nlbSubnet: "oci-network-load-balancer.oraclecloud.com/subnet",
} as const;

/** OCI's documented bandwidth range for a flexible load balancer, in Mbps ("Creating a Load Balancer"). */
export const FLEX_MIN_MBPS = 10;
export const FLEX_MAX_MBPS = 8000;
