import { ANYWHERE, PeerKind, PeerType, RulePeer, SecurityRuleRow } from "../policies/contract";
import { AddressPlan } from "./settings";

/**
 * OCI security lists built from the contract's rule rows (policies/contract/securityRules.ts): each
 * row's peer role becomes the address plan's CIDR, 0.0.0.0/0 or the region's Oracle Services Network.
 */

/** The OCI shape of one rule: `source*` for ingress, `destination*` for egress. */
export interface OciRule {
  protocol: string;
  stateless: boolean;
  description: string;
  tcpOptions?: { min: number; max: number };
  icmpOptions?: { type: number; code: number };
}
export interface OciIngressRule extends OciRule {
  source: string;
  sourceType: PeerKind;
}
export interface OciEgressRule extends OciRule {
  destination: string;
  destinationType: PeerKind;
}

export interface PeerAddresses {
  plan: AddressPlan;
  /** The region's Oracle Services Network label, e.g. `all-nrt-services-in-oracle-services-network`. */
  oracleServicesCidr: string;
}

function peerAddress(peer: RulePeer, addresses: PeerAddresses): { address: string; type: PeerKind } {
  switch (peer) {
    case "workerSubnet":
      return { address: addresses.plan.workerSubnet, type: PeerType.CIDR };
    case "endpointSubnet":
      return { address: addresses.plan.endpointSubnet, type: PeerType.CIDR };
    case "anywhere":
      return { address: ANYWHERE, type: PeerType.CIDR };
    case "oracleServices":
      return { address: addresses.oracleServicesCidr, type: PeerType.SERVICE };
  }
}

function ociRule(rule: SecurityRuleRow): OciRule {
  return {
    protocol: rule.protocol,
    stateless: rule.stateless,
    description: rule.description,
    ...(rule.port !== undefined ? { tcpOptions: { min: rule.port, max: rule.port } } : {}),
    ...(rule.icmp ? { icmpOptions: { ...rule.icmp } } : {}),
  };
}

/** Turns a rule table into the ingress and egress lists of an OCI security list. */
export function ociSecurityRules(
  table: readonly SecurityRuleRow[],
  addresses: PeerAddresses,
  endpointPublic: boolean,
): { ingressSecurityRules: OciIngressRule[]; egressSecurityRules: OciEgressRule[] } {
  const rules = table.filter((r) => endpointPublic || !r.publicEndpointOnly);
  return {
    ingressSecurityRules: rules
      .filter((r) => r.direction === "ingress")
      .map((r) => {
        const peer = peerAddress(r.peer, addresses);
        return { ...ociRule(r), source: peer.address, sourceType: peer.type };
      }),
    egressSecurityRules: rules
      .filter((r) => r.direction === "egress")
      .map((r) => {
        const peer = peerAddress(r.peer, addresses);
        return { ...ociRule(r), destination: peer.address, destinationType: peer.type };
      }),
  };
}
