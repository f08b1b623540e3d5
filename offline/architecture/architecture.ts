import { maskInputs } from "../records/masking";
import type { RegisteredResource } from "../records/shapes";
import { API_DEFAULT_CLUSTER_TYPE, API_DEFAULT_CNI, PeerType } from "../../policies/contract";
import { AdPlacement, distributeNodes } from "./nodePlacement";
import { GATEWAY_TYPES, ROUTE_TABLE_TYPES, References, ResourceType, SECURITY_LIST_TYPES } from "./references";

/**
 * The one reading of the engine's records into what a reviewer checks: per resource (the text report's
 * tree prints these) and for the whole stack (the diagrams draw it). Inputs are read masked, so an
 * unknown id or a secret shows as "[unknown]" or "[secret]", never as the engine's sentinels.
 */

export type GatewayKind = "internet" | "nat" | "service";
export type SubnetRole = "endpoint" | "workers" | "load balancers" | "other";

export interface Route {
  destination: string;
  destinationType: string;
  description?: string;
  /** Display name of the gateway, "unknown" when the rule's target cannot be resolved. */
  gateway: string;
  gatewayKind?: GatewayKind;
  /** False when no resource the rule depends on could be matched to it. */
  resolved: boolean;
}

export interface VcnView {
  name: string;
  cidrs: string[];
  dnsLabel?: string;
}

export interface SubnetView {
  name: string;
  role: SubnetRole;
  cidr: string;
  isPublic: boolean;
  /** The route table's display name, "VCN default" when the subnet names none. */
  routeTable: string;
  routes: Route[];
  securityLists: string[];
}

export interface GatewayView {
  name: string;
  kind: GatewayKind;
  /** For a service gateway: the services it reaches ("Oracle Services Network"); set for the whole stack. */
  services?: string;
  /** An internet gateway can be created disabled. */
  enabled: boolean;
  /** For a service gateway: how many services it is attached to. */
  serviceCount: number;
}

export interface RouteTableView {
  name: string;
  /** The VCN's default table, adopted and renamed rather than created. */
  isDefault: boolean;
  routes: Route[];
}

export interface SecurityListView {
  name: string;
  isDefault: boolean;
  ingressRules: number;
  egressRules: number;
}

export interface ClusterView {
  name: string;
  version: string;
  /** BASIC_CLUSTER or ENHANCED_CLUSTER; OKE's default (basic) when the input is absent. */
  type: string;
  /** The pod network's CNI; OKE's default (flannel overlay) when the input is absent. */
  cni: string;
  endpointPublic: boolean;
  endpointSubnet?: string;
  servicesCidr?: string;
}

export interface PlacementConfigView {
  availabilityDomain: string;
  /** Only when the placement config pins them; otherwise OCI chooses (see `placements`). */
  faultDomains?: string[];
}

export interface NodePoolView {
  name: string;
  shape: string;
  ocpus?: number;
  memoryGbs?: number;
  size: number;
  kubernetesVersion: string;
  placementConfigs: PlacementConfigView[];
  /** The predicted spread over fault domains (nodePlacement.ts). */
  placements: AdPlacement[];
  /** Absent when the image's own boot volume size is kept. */
  bootVolumeGbs?: number;
}

/** An OCI Bastion: its private endpoint sits in `targetSubnet` (display name), sessions come from `clientCidrs`. */
export interface BastionView {
  name: string;
  bastionType: string;
  targetSubnet?: string;
  clientCidrs: string[];
  maxSessionTtlSeconds?: number;
}

/** What a reviewer (or a diagram) needs to know about the stack, read from the engine's records. */
export interface Architecture {
  region: string;
  vcn?: VcnView;
  gateways: GatewayView[];
  subnets: SubnetView[];
  cluster?: ClusterView;
  nodePool?: NodePoolView;
  bastion?: BastionView;
}

/** One resource's view, tagged by what it `is`; resources the plan has nothing to say about have none. */
export type ResourceView =
  | ({ is: "vcn" } & VcnView)
  | ({ is: "subnet" } & SubnetView)
  | ({ is: "gateway" } & GatewayView)
  | ({ is: "routeTable" } & RouteTableView)
  | ({ is: "securityList" } & SecurityListView)
  | ({ is: "cluster" } & ClusterView)
  | ({ is: "nodePool" } & NodePoolView)
  | ({ is: "bastion" } & BastionView);

type Inputs = Record<string, any>;

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

const inputsOf = (record: RegisteredResource) => maskInputs(record.inputs) as Inputs;

function routesOf(refs: References, table: RegisteredResource | undefined): Route[] {
  if (!table) return [];
  const rules = (inputsOf(table).routeRules ?? []) as Inputs[];
  return rules.map((rule) => {
    const target = refs.routeTarget(table, rule);
    return {
      destination: text(rule.destination),
      destinationType: text(rule.destinationType ?? PeerType.CIDR),
      description: rule.description ? text(rule.description) : undefined,
      gateway: target ? References.displayName(target) : "unknown",
      gatewayKind: target ? GATEWAY_KIND[target.type] : undefined,
      resolved: target !== undefined,
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

const names = (records: RegisteredResource[]) => records.map(References.displayName);

function vcnView(vcn: RegisteredResource): VcnView {
  const inputs = inputsOf(vcn);
  return { name: References.displayName(vcn), cidrs: ((inputs.cidrBlocks ?? []) as unknown[]).map(text), dnsLabel: inputs.dnsLabel };
}

function subnetView(refs: References, subnet: RegisteredResource, role: SubnetRole): SubnetView {
  const inputs = inputsOf(subnet);
  const tables = refs.targets(subnet, "routeTableId", ROUTE_TABLE_TYPES);
  return {
    name: References.displayName(subnet),
    role,
    cidr: text(inputs.cidrBlock),
    // OCI's rule: a subnet is private when it prohibits public IPs on its VNICs.
    isPublic: inputs.prohibitPublicIpOnVnic !== true,
    routeTable: names(tables).join(", ") || "VCN default",
    routes: routesOf(refs, tables[0]),
    securityLists: names(refs.targets(subnet, "securityListIds", SECURITY_LIST_TYPES)),
  };
}

function gatewayView(gateway: RegisteredResource): GatewayView {
  const inputs = inputsOf(gateway);
  return {
    name: References.displayName(gateway),
    kind: GATEWAY_KIND[gateway.type],
    enabled: inputs.enabled !== false,
    serviceCount: ((inputs.services ?? []) as unknown[]).length,
  };
}

function serviceNames(refs: References, region: string): string {
  // The route to the gateway names the service CIDR label (all-<key>-services-in-oracle-services-network).
  const label = refs
    .ofType(ROUTE_TABLE_TYPES)
    .flatMap((t) => routesOf(refs, t))
    .find((r) => r.gatewayKind === "service")?.destination;
  return label ? `Oracle Services Network (${label})` : `Oracle Services Network (${region})`;
}

function securityListView(list: RegisteredResource): SecurityListView {
  const inputs = inputsOf(list);
  return {
    name: References.displayName(list),
    isDefault: list.type === ResourceType.DefaultSecurityList,
    ingressRules: (inputs.ingressSecurityRules ?? []).length,
    egressRules: (inputs.egressSecurityRules ?? []).length,
  };
}

function clusterView(refs: References, cluster: RegisteredResource): ClusterView {
  const inputs = inputsOf(cluster);
  const endpointSubnet = refs.target(cluster, "endpointConfig", [ResourceType.Subnet]);
  return {
    name: text(inputs.name),
    version: text(inputs.kubernetesVersion),
    type: text(inputs.type ?? API_DEFAULT_CLUSTER_TYPE),
    cni: text(inputs.clusterPodNetworkOptions?.[0]?.cniType ?? API_DEFAULT_CNI),
    endpointPublic: inputs.endpointConfig?.isPublicIpEnabled === true,
    endpointSubnet: endpointSubnet ? References.displayName(endpointSubnet) : undefined,
    servicesCidr: inputs.options?.kubernetesNetworkConfig?.servicesCidr,
  };
}

function nodePoolView(pool: RegisteredResource): NodePoolView {
  const inputs = inputsOf(pool);
  const details = inputs.nodeConfigDetails ?? {};
  const placementConfigs = ((details.placementConfigs ?? []) as Inputs[]).map((p) => ({
    availabilityDomain: text(p.availabilityDomain),
    faultDomains: p.faultDomains as string[] | undefined,
  }));
  const size = typeof details.size === "number" ? details.size : 0;
  return {
    name: text(inputs.name ?? pool.name),
    shape: text(inputs.nodeShape),
    ocpus: inputs.nodeShapeConfig?.ocpus,
    memoryGbs: inputs.nodeShapeConfig?.memoryInGbs,
    size,
    kubernetesVersion: text(inputs.kubernetesVersion),
    placementConfigs,
    placements: distributeNodes(
      placementConfigs.map((p) => p.availabilityDomain),
      size,
    ),
    bootVolumeGbs: inputs.nodeSourceDetails?.bootVolumeSizeInGbs,
  };
}

/** The shape as a reviewer reads it: "VM.Standard.E4.Flex (1 OCPU, 16 GB)" for a flexible shape. */
export function shapeLabel(pool: NodePoolView): string {
  return pool.ocpus !== undefined ? `${pool.shape} (${pool.ocpus} OCPU, ${pool.memoryGbs} GB)` : pool.shape;
}

function bastionView(refs: References, bastion: RegisteredResource): BastionView {
  const inputs = inputsOf(bastion);
  const target = refs.target(bastion, "targetSubnetId", [ResourceType.Subnet]);
  return {
    name: text(inputs.name ?? bastion.name),
    bastionType: text(inputs.bastionType),
    targetSubnet: target ? References.displayName(target) : undefined,
    clientCidrs: ((inputs.clientCidrBlockAllowLists ?? []) as unknown[]).map(text),
    maxSessionTtlSeconds: inputs.maxSessionTtlInSeconds,
  };
}

/** What the plan knows about one resource; `roles` comes from subnetRoles when known. */
export function describeResource(refs: References, record: RegisteredResource, roles = subnetRoles(refs)): ResourceView | undefined {
  switch (record.type) {
    case ResourceType.Vcn:
      return { is: "vcn", ...vcnView(record) };
    case ResourceType.Subnet:
      return { is: "subnet", ...subnetView(refs, record, roles.get(record.urn) ?? "other") };
    case ResourceType.Cluster:
      return { is: "cluster", ...clusterView(refs, record) };
    case ResourceType.NodePool:
      return { is: "nodePool", ...nodePoolView(record) };
    case ResourceType.Bastion:
      return { is: "bastion", ...bastionView(refs, record) };
  }
  if (GATEWAY_TYPES.includes(record.type)) return { is: "gateway", ...gatewayView(record) };
  if (ROUTE_TABLE_TYPES.includes(record.type)) {
    return {
      is: "routeTable",
      name: References.displayName(record),
      isDefault: record.type === ResourceType.DefaultRouteTable,
      routes: routesOf(refs, record),
    };
  }
  if (SECURITY_LIST_TYPES.includes(record.type)) return { is: "securityList", ...securityListView(record) };
  return undefined;
}

/** Every resource's view by URN: what the text report's tree prints under each resource. */
export function describeResources(records: readonly RegisteredResource[]): Map<string, ResourceView> {
  const refs = new References(records);
  const roles = subnetRoles(refs);
  const views = new Map<string, ResourceView>();
  for (const record of records) {
    const view = describeResource(refs, record, roles);
    if (view) views.set(record.urn, view);
  }
  return views;
}

export function readArchitecture(records: readonly RegisteredResource[], region: string): Architecture {
  const refs = new References(records);
  const roles = subnetRoles(refs);
  const first = <T>(type: string, view: (r: RegisteredResource) => T) => {
    const record = refs.ofType(type)[0];
    return record ? view(record) : undefined;
  };
  return {
    region,
    vcn: first(ResourceType.Vcn, vcnView),
    gateways: refs.ofType(GATEWAY_TYPES).map((g) => {
      const view = gatewayView(g);
      return view.kind === "service" ? { ...view, services: serviceNames(refs, region) } : view;
    }),
    subnets: refs
      .ofType(ResourceType.Subnet)
      .map((s) => subnetView(refs, s, roles.get(s.urn) ?? "other"))
      .sort((a, b) => ROLE_ORDER.indexOf(a.role) - ROLE_ORDER.indexOf(b.role)),
    cluster: first(ResourceType.Cluster, (c) => clusterView(refs, c)),
    nodePool: first(ResourceType.NodePool, nodePoolView),
    bastion: first(ResourceType.Bastion, (b) => bastionView(refs, b)),
  };
}
