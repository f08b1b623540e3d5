/** OCI gives every availability domain three fault domains (spec §6). */
export const FAULT_DOMAINS = ["FAULT-DOMAIN-1", "FAULT-DOMAIN-2", "FAULT-DOMAIN-3"] as const;

/** Node labels drawn per fault-domain slot; the rest are counted, never one box (or one loop) per node. */
export const LABELS_PER_SLOT = 3;

export interface FaultDomainSlot {
  faultDomain: string;
  /** The first nodes' labels like "node 1" (at most LABELS_PER_SLOT); empty when OKE puts no node there. */
  nodes: string[];
  /** How many nodes the slot holds in all. */
  count: number;
}

export interface AdPlacement {
  availabilityDomain: string;
  faultDomains: FaultDomainSlot[];
}

/**
 * A prediction of where OKE puts `size` nodes when the placement configs name no fault domains: the
 * fault domains are OCI's choice at launch, and OKE's documented aim is an even spread. The plan
 * predicts round-robin over the placement configs' availability domains, and inside each AD
 * round-robin over its three fault domains: three nodes in a one-AD region land one per fault domain;
 * in a three-AD region one per AD, drawn in FD-1. Computed per slot, so a large pool costs nothing.
 */
export function distributeNodes(availabilityDomains: readonly string[], size: number): AdPlacement[] {
  const ads = availabilityDomains.length;
  const total = Number.isSafeInteger(size) && size > 0 ? size : 0;
  return availabilityDomains.map((availabilityDomain, ad) => ({
    availabilityDomain,
    faultDomains: FAULT_DOMAINS.map((faultDomain, fd) => {
      // Node n (0-based) goes to AD n % ads and, as that AD's k-th node (k = floor(n / ads)), to FD k % 3:
      // this slot holds n = ad + ads * (fd + 3j) for j = 0, 1, ...
      const first = ad + ads * fd;
      const step = ads * FAULT_DOMAINS.length;
      const count = first < total ? Math.ceil((total - first) / step) : 0;
      const shown = Math.min(count, LABELS_PER_SLOT);
      return { faultDomain, count, nodes: Array.from({ length: shown }, (_, j) => `node ${first + step * j + 1}`) };
    }),
  }));
}
