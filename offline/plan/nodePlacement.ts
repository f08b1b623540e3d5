/** OCI gives every availability domain three fault domains (spec §6). */
export const FAULT_DOMAINS = ["FAULT-DOMAIN-1", "FAULT-DOMAIN-2", "FAULT-DOMAIN-3"] as const;

export interface FaultDomainSlot {
  faultDomain: string;
  /** Node labels like "node 1"; empty when OKE puts no node there. */
  nodes: string[];
}

export interface AdPlacement {
  availabilityDomain: string;
  faultDomains: FaultDomainSlot[];
}

/**
 * Where OKE puts `size` nodes when the placement configs name no fault domains: round-robin over the
 * placement configs' availability domains, and inside each AD round-robin over its three fault domains.
 * Three nodes in a one-AD region land one per fault domain; in a three-AD region one per AD, in FD-1.
 */
export function distributeNodes(availabilityDomains: readonly string[], size: number): AdPlacement[] {
  const placements: AdPlacement[] = availabilityDomains.map((availabilityDomain) => ({
    availabilityDomain,
    faultDomains: FAULT_DOMAINS.map((faultDomain) => ({ faultDomain, nodes: [] })),
  }));
  if (placements.length === 0) return placements;
  const perAd = placements.map(() => 0);
  for (let node = 0; node < size; node++) {
    const ad = node % placements.length;
    placements[ad].faultDomains[perAd[ad] % FAULT_DOMAINS.length].nodes.push(`node ${node + 1}`);
    perAd[ad]++;
  }
  return placements;
}
