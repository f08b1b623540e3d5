import { ANYWHERE, PathDiscovery, PeerKind, PeerType, Port, Protocol, ProtocolNumber } from "../policies/contract";
import { AddressPlan } from "./settings";

/** Who is on the other side of a rule, named by role so one table serves every address plan. */
export type Peer = "workerSubnet" | "endpointSubnet" | "anywhere" | "oracleServices";
export type Direction = "ingress" | "egress";

/** One Quick Create security rule (spec §3), all stateful. No `port` means every port of the protocol. */
export interface SecurityRule {
  direction: Direction;
  peer: Peer;
  protocol: ProtocolNumber;
  port?: number;
  icmp?: { type: number; code: number };
  description: string;
  /** Quick Create adds the rule only with a public API endpoint. */
  publicEndpointOnly?: boolean;
}

/** Spec §3.1: the Kubernetes API endpoint subnet's list. */
export const ENDPOINT_RULES: readonly SecurityRule[] = [
  { direction: "ingress", peer: "anywhere", protocol: Protocol.TCP, port: Port.KUBERNETES_API, description: "External access to Kubernetes API endpoint", publicEndpointOnly: true },
  { direction: "ingress", peer: "workerSubnet", protocol: Protocol.TCP, port: Port.KUBERNETES_API, description: "Kubernetes worker to Kubernetes API endpoint communication" },
  { direction: "ingress", peer: "workerSubnet", protocol: Protocol.TCP, port: Port.OKE_CONTROL_PLANE, description: "Kubernetes worker to control plane communication" },
  { direction: "ingress", peer: "workerSubnet", protocol: Protocol.ICMP, icmp: PathDiscovery, description: "Path discovery" },
  { direction: "egress", peer: "oracleServices", protocol: Protocol.TCP, port: Port.HTTPS, description: "Allow Kubernetes Control Plane to communicate with OKE" },
  { direction: "egress", peer: "workerSubnet", protocol: Protocol.TCP, description: "All traffic to worker nodes" },
  { direction: "egress", peer: "workerSubnet", protocol: Protocol.ICMP, icmp: PathDiscovery, description: "Path discovery" },
];

/** Spec §3.2: the worker subnet's list. */
export const WORKER_RULES: readonly SecurityRule[] = [
  { direction: "ingress", peer: "workerSubnet", protocol: Protocol.ALL, description: "Allow pods on one worker node to communicate with pods on other worker nodes" },
  { direction: "ingress", peer: "endpointSubnet", protocol: Protocol.ICMP, icmp: PathDiscovery, description: "Path discovery" },
  { direction: "ingress", peer: "endpointSubnet", protocol: Protocol.TCP, description: "TCP access from Kubernetes Control Plane" },
  { direction: "ingress", peer: "anywhere", protocol: Protocol.TCP, port: Port.SSH, description: "Inbound SSH traffic to worker nodes" },
  { direction: "egress", peer: "workerSubnet", protocol: Protocol.ALL, description: "Allow pods on one worker node to communicate with pods on other worker nodes" },
  { direction: "egress", peer: "endpointSubnet", protocol: Protocol.TCP, port: Port.KUBERNETES_API, description: "Access to Kubernetes API Endpoint" },
  { direction: "egress", peer: "endpointSubnet", protocol: Protocol.TCP, port: Port.OKE_CONTROL_PLANE, description: "Kubernetes worker to control plane communication" },
  { direction: "egress", peer: "endpointSubnet", protocol: Protocol.ICMP, icmp: PathDiscovery, description: "Path discovery" },
  { direction: "egress", peer: "oracleServices", protocol: Protocol.TCP, port: Port.HTTPS, description: "Allow nodes to communicate with OKE to ensure correct start-up and continued functioning" },
  { direction: "egress", peer: "anywhere", protocol: Protocol.ICMP, icmp: PathDiscovery, description: "ICMP Access from Kubernetes Control Plane" },
  { direction: "egress", peer: "anywhere", protocol: Protocol.ALL, description: "Worker Nodes access to Internet" },
];

/** The OCI shape of one rule: `source*` for ingress, `destination*` for egress. */
export interface OciRule {
  protocol: string;
  stateless: boolean;
  description: string;
  tcpOptions?: { min: number; max: number };
  icmpOptions?: { type: number; code: number };
}
export interface OciIngressRule extends OciRule { source: string; sourceType: PeerKind }
export interface OciEgressRule extends OciRule { destination: string; destinationType: PeerKind }

export interface PeerAddresses {
  plan: AddressPlan;
  /** The region's Oracle Services Network label, e.g. `all-nrt-services-in-oracle-services-network`. */
  oracleServicesCidr: string;
}

function peerAddress(peer: Peer, addresses: PeerAddresses): { address: string; type: PeerKind } {
  switch (peer) {
    case "workerSubnet": return { address: addresses.plan.workerSubnet, type: PeerType.CIDR };
    case "endpointSubnet": return { address: addresses.plan.endpointSubnet, type: PeerType.CIDR };
    case "anywhere": return { address: ANYWHERE, type: PeerType.CIDR };
    case "oracleServices": return { address: addresses.oracleServicesCidr, type: PeerType.SERVICE };
  }
}

function ociRule(rule: SecurityRule): OciRule {
  return {
    protocol: rule.protocol,
    stateless: false,
    description: rule.description,
    ...(rule.port !== undefined ? { tcpOptions: { min: rule.port, max: rule.port } } : {}),
    ...(rule.icmp ? { icmpOptions: { ...rule.icmp } } : {}),
  };
}

/** Turns a rule table into the ingress and egress lists of an OCI security list. */
export function ociSecurityRules(
  table: readonly SecurityRule[],
  addresses: PeerAddresses,
  endpointPublic: boolean,
): { ingressSecurityRules: OciIngressRule[]; egressSecurityRules: OciEgressRule[] } {
  const rules = table.filter((r) => endpointPublic || !r.publicEndpointOnly);
  return {
    ingressSecurityRules: rules.filter((r) => r.direction === "ingress").map((r) => {
      const peer = peerAddress(r.peer, addresses);
      return { ...ociRule(r), source: peer.address, sourceType: peer.type };
    }),
    egressSecurityRules: rules.filter((r) => r.direction === "egress").map((r) => {
      const peer = peerAddress(r.peer, addresses);
      return { ...ociRule(r), destination: peer.address, destinationType: peer.type };
    }),
  };
}
