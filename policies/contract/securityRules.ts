import { PathDiscovery, Port, Protocol, ProtocolNumber } from "./protocols";

/**
 * Quick Create's security rules (spec §3), row for row, as the one table both sides read: the program
 * builds the OCI security lists from these rows (components/securityRules.ts), and the
 * node-registration policy requires the rows marked `registration` (policies/securityLists.ts).
 */

/** Who is on the other side of a rule, named by role so one table serves every address plan. */
export type RulePeer = "workerSubnet" | "endpointSubnet" | "anywhere" | "oracleServices";
export type RuleDirection = "ingress" | "egress";

/** One Quick Create security rule. No `port` means every port of the protocol. */
export interface SecurityRuleRow {
  direction: RuleDirection;
  peer: RulePeer;
  protocol: ProtocolNumber;
  port?: number;
  icmp?: { type: number; code: number };
  /** The console's wording: a reader finds the rule in the console by it, and the pack quotes it. */
  description: string;
  /** Every Quick Create rule is stateful: replies pass by connection tracking. */
  stateless: false;
  /** Quick Create adds the rule only with a public API endpoint. */
  publicEndpointOnly?: true;
  /** Nodes never register without it ("node register timeout"), so node-registration-security-rules requires it. */
  registration: boolean;
}

const PATH_DISCOVERY_RULE = "Path discovery";
const POD_TO_POD = "Allow pods on one worker node to communicate with pods on other worker nodes";
const WORKER_TO_CONTROL_PLANE = "Kubernetes worker to control plane communication";

/** Spec §3.1: the Kubernetes API endpoint subnet's list. */
export const ENDPOINT_RULES: readonly SecurityRuleRow[] = [
  {
    direction: "ingress",
    peer: "anywhere",
    protocol: Protocol.TCP,
    port: Port.KUBERNETES_API,
    description: "External access to Kubernetes API endpoint",
    stateless: false,
    publicEndpointOnly: true,
    registration: false,
  },
  {
    direction: "ingress",
    peer: "workerSubnet",
    protocol: Protocol.TCP,
    port: Port.KUBERNETES_API,
    description: "Kubernetes worker to Kubernetes API endpoint communication",
    stateless: false,
    registration: true,
  },
  {
    direction: "ingress",
    peer: "workerSubnet",
    protocol: Protocol.TCP,
    port: Port.OKE_CONTROL_PLANE,
    description: WORKER_TO_CONTROL_PLANE,
    stateless: false,
    registration: true,
  },
  {
    direction: "ingress",
    peer: "workerSubnet",
    protocol: Protocol.ICMP,
    icmp: PathDiscovery,
    description: PATH_DISCOVERY_RULE,
    stateless: false,
    registration: true,
  },
  {
    direction: "egress",
    peer: "oracleServices",
    protocol: Protocol.TCP,
    port: Port.HTTPS,
    description: "Allow Kubernetes Control Plane to communicate with OKE",
    stateless: false,
    registration: true,
  },
  { direction: "egress", peer: "workerSubnet", protocol: Protocol.TCP, description: "All traffic to worker nodes", stateless: false, registration: true },
  {
    direction: "egress",
    peer: "workerSubnet",
    protocol: Protocol.ICMP,
    icmp: PathDiscovery,
    description: PATH_DISCOVERY_RULE,
    stateless: false,
    registration: true,
  },
];

/** Spec §3.2: the worker subnet's list. SSH and the internet egress are not needed to register. */
export const WORKER_RULES: readonly SecurityRuleRow[] = [
  { direction: "ingress", peer: "workerSubnet", protocol: Protocol.ALL, description: POD_TO_POD, stateless: false, registration: true },
  {
    direction: "ingress",
    peer: "endpointSubnet",
    protocol: Protocol.ICMP,
    icmp: PathDiscovery,
    description: PATH_DISCOVERY_RULE,
    stateless: false,
    registration: true,
  },
  {
    direction: "ingress",
    peer: "endpointSubnet",
    protocol: Protocol.TCP,
    description: "TCP access from Kubernetes Control Plane",
    stateless: false,
    registration: true,
  },
  {
    direction: "ingress",
    peer: "anywhere",
    protocol: Protocol.TCP,
    port: Port.SSH,
    description: "Inbound SSH traffic to worker nodes",
    stateless: false,
    registration: false,
  },
  { direction: "egress", peer: "workerSubnet", protocol: Protocol.ALL, description: POD_TO_POD, stateless: false, registration: true },
  {
    direction: "egress",
    peer: "endpointSubnet",
    protocol: Protocol.TCP,
    port: Port.KUBERNETES_API,
    description: "Access to Kubernetes API Endpoint",
    stateless: false,
    registration: true,
  },
  {
    direction: "egress",
    peer: "endpointSubnet",
    protocol: Protocol.TCP,
    port: Port.OKE_CONTROL_PLANE,
    description: WORKER_TO_CONTROL_PLANE,
    stateless: false,
    registration: true,
  },
  {
    direction: "egress",
    peer: "endpointSubnet",
    protocol: Protocol.ICMP,
    icmp: PathDiscovery,
    description: PATH_DISCOVERY_RULE,
    stateless: false,
    registration: true,
  },
  {
    direction: "egress",
    peer: "oracleServices",
    protocol: Protocol.TCP,
    port: Port.HTTPS,
    description: "Allow nodes to communicate with OKE to ensure correct start-up and continued functioning",
    stateless: false,
    registration: true,
  },
  {
    direction: "egress",
    peer: "anywhere",
    protocol: Protocol.ICMP,
    icmp: PathDiscovery,
    description: "ICMP Access from Kubernetes Control Plane",
    stateless: false,
    registration: false,
  },
  { direction: "egress", peer: "anywhere", protocol: Protocol.ALL, description: "Worker Nodes access to Internet", stateless: false, registration: false },
];

/**
 * Spec §2/§3.3: the load-balancer list, the VCN's default list emptied; the OCI cloud controller
 * manager adds one rule per LoadBalancer Service from then on.
 */
export const LB_RULES: readonly SecurityRuleRow[] = [];

/** The rows that must hold for nodes to register, in table order. */
export function registrationRules(table: readonly SecurityRuleRow[]): SecurityRuleRow[] {
  return table.filter((row) => row.registration);
}
