import { ResourceRecord } from "../run/runProgram";
import { maskInputs } from "../report/masking";
import { AdPlacement, distributeNodes } from "./nodePlacement";
import { References } from "./references";
import { GATEWAY_TYPES, ROUTE_TABLE_TYPES, SECURITY_LIST_TYPES, ResourceType } from "./references";

export type GatewayKind = "internet" | "nat" | "service";
export type SubnetRole = "endpoint" | "workers" | "load balancers" | "other";

export interface Route {
  destination: string;
  destinationType: string;
  description?: string;
  /** Display name of the gateway, "unknown" when the rule's target cannot be resolved. */
  gateway: string;
  gatewayKind?: GatewayKind;
}

export interface SubnetView {
  name: string;
  role: SubnetRole;
  cidr: string;
  isPublic: boolean;
  routeTable: string;
  routes: Route[];
  securityLists: string[];
}

export interface GatewayView {
  name: string;
  kind: GatewayKind;
  /** For a service gateway: the services it reaches ("Oracle Services Network"). */
  services?: string;
}

/** What a reviewer (or a diagram) needs to know about the stack, read from the engine's records. */
export interface Architecture {
  region: string;
  vcn?: { name: string; cidrs: string[] };
  gateways: GatewayView[];
  subnets: SubnetView[];
  cluster?: { name: string; version: string; type: string; cni: string; endpointPublic: boolean; endpointSubnet?: string };
  nodePool?: { name: string; shape: string; ocpus?: number; memoryGbs?: number; size: number; placements: AdPlacement[] };
  /** An OCI Bastion: its private endpoint sits in `targetSubnet` (display name), sessions come from `clientCidrs`. */
  bastion?: { name: string; targetSubnet?: string; clientCidrs: string[] };
}

const ROLE_ORDER: SubnetRole[] = ["endpoint", "workers", "load balancers", "other"];

const GATEWAY_KIND: Record<string, GatewayKind> = {
  [ResourceType.InternetGateway]: "internet",
  [ResourceType.NatGateway]: "nat",
  [ResourceType.ServiceGateway]: "service",
};

function text(value: unknown): string {
  if (value === undefined || value === null) return "";
  return typeof value === "string" ? value : JSON.stringify(value);
}

function routesOf(refs: References, table: ResourceRecord | undefined): Route[] {
  if (!table) return [];
  const rules = (maskInputs(table.inputs).routeRules ?? []) as Array<Record<string, unknown>>;
  return rules.map((rule) => {
    const target = refs.routeTarget(table, rule);
    return {
      destination: text(rule.destination),
      destinationType: text(rule.destinationType ?? "CIDR_BLOCK"),
      description: rule.description ? text(rule.description) : undefined,
      gateway: target ? References.displayName(target) : "unknown",
      gatewayKind: target ? GATEWAY_KIND[target.type] : undefined,
    };
  });
}

function subnetRoles(refs: References): Map<string, SubnetRole> {
  const roles = new Map<string, SubnetRole>();
  for (const cluster of refs.ofType(ResourceType.Cluster)) {
    for (const s of refs.targets(cluster, "endpointConfig", [ResourceType.Subnet])) roles.set(s.urn, "endpoint");
    for (const s of refs.targets(cluster, "options", [ResourceType.Subnet])) roles.set(s.urn, "load balancers");
  }
  for (const pool of refs.ofType(ResourceType.NodePool)) {
    for (const s of refs.targets(pool, "nodeConfigDetails", [ResourceType.Subnet])) roles.set(s.urn, "workers");
  }
  return roles;
}

function subnetView(refs: References, subnet: ResourceRecord, role: SubnetRole): SubnetView {
  const inputs = maskInputs(subnet.inputs);
  const table = refs.target(subnet, "routeTableId", ROUTE_TABLE_TYPES);
  return {
    name: References.displayName(subnet),
    role,
    cidr: text(inputs.cidrBlock),
    // OCI's rule: a subnet is private when it prohibits public IPs on its VNICs.
    isPublic: inputs.prohibitPublicIpOnVnic !== true,
    routeTable: table ? References.displayName(table) : "VCN default",
    routes: routesOf(refs, table),
    securityLists: refs.targets(subnet, "securityListIds", SECURITY_LIST_TYPES).map(References.displayName),
  };
}

function serviceNames(refs: References, gateway: ResourceRecord, region: string): string | undefined {
  if (gateway.type !== ResourceType.ServiceGateway) return undefined;
  // The route to the gateway names the service CIDR label (all-<key>-services-in-oracle-services-network).
  const label = refs
    .ofType(ROUTE_TABLE_TYPES)
    .flatMap((t) => routesOf(refs, t))
    .find((r) => r.gatewayKind === "service")?.destination;
  return label ? `Oracle Services Network (${label})` : `Oracle Services Network (${region})`;
}

function nodePoolView(pool: ResourceRecord): Architecture["nodePool"] {
  const inputs = maskInputs(pool.inputs) as Record<string, any>;
  const details = inputs.nodeConfigDetails ?? {};
  const ads = ((details.placementConfigs ?? []) as Array<Record<string, unknown>>).map((p) => text(p.availabilityDomain));
  const size = typeof details.size === "number" ? details.size : 0;
  return {
    name: text(inputs.name ?? pool.name),
    shape: text(inputs.nodeShape),
    ocpus: inputs.nodeShapeConfig?.ocpus,
    memoryGbs: inputs.nodeShapeConfig?.memoryInGbs,
    size,
    placements: distributeNodes(ads, size),
  };
}

function bastionView(refs: References, bastion: ResourceRecord): Architecture["bastion"] {
  const inputs = maskInputs(bastion.inputs) as Record<string, any>;
  const target = refs.target(bastion, "targetSubnetId", [ResourceType.Subnet]);
  return {
    name: text(inputs.name ?? bastion.name),
    targetSubnet: target ? References.displayName(target) : undefined,
    clientCidrs: ((inputs.clientCidrBlockAllowLists ?? []) as unknown[]).map(text),
  };
}

export function readArchitecture(records: readonly ResourceRecord[], region: string): Architecture {
  const refs = new References(records);
  const roles = subnetRoles(refs);
  const vcn = refs.ofType(ResourceType.Vcn)[0];
  const cluster = refs.ofType(ResourceType.Cluster)[0];
  const pool = refs.ofType(ResourceType.NodePool)[0];
  const bastion = refs.ofType(ResourceType.Bastion)[0];
  const clusterInputs = cluster ? (maskInputs(cluster.inputs) as Record<string, any>) : undefined;
  const endpointSubnet = cluster ? refs.target(cluster, "endpointConfig", [ResourceType.Subnet]) : undefined;
  return {
    region,
    vcn: vcn ? { name: References.displayName(vcn), cidrs: ((vcn.inputs.cidrBlocks ?? []) as unknown[]).map(text) } : undefined,
    gateways: refs.ofType(GATEWAY_TYPES).map((g) => ({
      name: References.displayName(g),
      kind: GATEWAY_KIND[g.type],
      services: serviceNames(refs, g, region),
    })),
    subnets: refs
      .ofType(ResourceType.Subnet)
      .map((s) => subnetView(refs, s, roles.get(s.urn) ?? "other"))
      .sort((a, b) => ROLE_ORDER.indexOf(a.role) - ROLE_ORDER.indexOf(b.role)),
    cluster: clusterInputs && {
      name: text(clusterInputs.name),
      version: text(clusterInputs.kubernetesVersion),
      type: text(clusterInputs.type),
      cni: text(clusterInputs.clusterPodNetworkOptions?.[0]?.cniType),
      endpointPublic: clusterInputs.endpointConfig?.isPublicIpEnabled === true,
      endpointSubnet: endpointSubnet ? References.displayName(endpointSubnet) : undefined,
    },
    nodePool: pool ? nodePoolView(pool) : undefined,
    bastion: bastion ? bastionView(refs, bastion) : undefined,
  };
}
