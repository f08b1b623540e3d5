import { ANYWHERE, PathDiscovery, PeerType, Port, Protocol } from "../../components/protocols";
import { quickCreateNames, vcnDnsLabel } from "../../components/naming";
import { ResourceRecord, UNKNOWN_VALUE, makeUrn } from "./records";

/**
 * A hand-written record set of the default Quick Create stack (spec §2–§5: public endpoint, private
 * workers, VCN-native pods), in the format the stack's mock run will produce. It stands in for that
 * run until the stack exists; `preview: true` renders it as the preview of a brand-new stack, where
 * every id is the CLI's unknown sentinel.
 */
export interface ExampleStackOptions {
  project?: string;
  stack?: string;
  clusterName?: string;
  nameId?: string;
  /** Region key for the OSN label (`all-<key>-services-in-oracle-services-network`). */
  regionKey?: string;
  availabilityDomains?: string[];
  kubernetesVersion?: string;
  compartmentId?: string;
  preview?: boolean;
}

const STACK_TYPE = "pulumi:pulumi:Stack";

export function quickCreateStackRecords(options: ExampleStackOptions = {}): ResourceRecord[] {
  const project = options.project ?? "oke-quick-create";
  const stack = options.stack ?? "dev";
  const clusterName = options.clusterName ?? "cluster1";
  const names = quickCreateNames(clusterName, options.nameId ?? "a1b2c3d4e");
  const ads = options.availabilityDomains ?? ["Uocm:AP-TOKYO-1-AD-1"];
  const version = options.kubernetesVersion ?? "v1.33.1";
  const compartmentId = options.compartmentId ?? "ocid1.compartment.oc1..example";
  const osn = `all-${(options.regionKey ?? "nrt").toLowerCase()}-services-in-oracle-services-network`;
  const cidr = { vcn: "10.0.0.0/16", endpoint: "10.0.0.0/28", worker: "10.0.10.0/24", lb: "10.0.20.0/24" };

  const stackUrn = makeUrn(stack, project, STACK_TYPE, `${project}-${stack}`);
  const records: ResourceRecord[] = [{ urn: stackUrn, type: STACK_TYPE, name: `${project}-${stack}`, inputs: {}, dependencies: [] }];
  const urnOf = new Map<string, string>();
  /** An id input: a fake OCID after deployment, the unknown sentinel in the preview of a new stack. */
  const id = (name: string, attribute = "id") => (options.preview ? UNKNOWN_VALUE : `ocid1.${name}.${attribute}.oc1..example`);

  function add(type: string, name: string, inputs: Record<string, unknown>, propertyDependencies: Record<string, string[]> = {}) {
    const urn = makeUrn(stack, project, type, name, STACK_TYPE);
    const resolved: Record<string, string[]> = {};
    for (const [key, deps] of Object.entries(propertyDependencies)) {
      resolved[key] = deps.map((d) => urnOf.get(d) as string);
    }
    const dependencies = [...new Set(Object.values(resolved).flat())];
    records.push({ urn, type, name, parent: stackUrn, inputs, dependencies, propertyDependencies: resolved });
    urnOf.set(name, urn);
  }

  const tcp = (port: number) => ({ min: port, max: port });
  const icmp34 = { type: PathDiscovery.type, code: PathDiscovery.code };
  const ingress = (source: string, protocol: string, description: string, extra: Record<string, unknown> = {}) => ({
    source, sourceType: PeerType.CIDR, protocol, stateless: false, description, ...extra,
  });
  const egress = (destination: string, protocol: string, description: string, extra: Record<string, unknown> = {}, destinationType: string = PeerType.CIDR) => ({
    destination, destinationType, protocol, stateless: false, description, ...extra,
  });

  add("oci:Core/vcn:Vcn", "vcn", { compartmentId, cidrBlocks: [cidr.vcn], displayName: names.vcn, dnsLabel: vcnDnsLabel(clusterName) });
  add("oci:Core/internetGateway:InternetGateway", "internet-gateway", { compartmentId, vcnId: id("vcn"), displayName: names.internetGateway, enabled: true }, { vcnId: ["vcn"] });
  add("oci:Core/natGateway:NatGateway", "nat-gateway", { compartmentId, vcnId: id("vcn"), displayName: names.natGateway }, { vcnId: ["vcn"] });
  add("oci:Core/serviceGateway:ServiceGateway", "service-gateway", {
    compartmentId, vcnId: id("vcn"), displayName: names.serviceGateway, services: [{ serviceId: "ocid1.service.oc1.ap-tokyo-1.all" }],
  }, { vcnId: ["vcn"] });
  add("oci:Core/defaultRouteTable:DefaultRouteTable", "public-route-table", {
    manageDefaultResourceId: id("vcn", "defaultRouteTableId"), displayName: names.publicRouteTable,
    routeRules: [{ destination: ANYWHERE, destinationType: PeerType.CIDR, networkEntityId: id("internetGateway"), description: "traffic to/from internet" }],
  }, { manageDefaultResourceId: ["vcn"], routeRules: ["internet-gateway"] });
  add("oci:Core/routeTable:RouteTable", "private-route-table", {
    compartmentId, vcnId: id("vcn"), displayName: names.privateRouteTable,
    routeRules: [
      { destination: ANYWHERE, destinationType: PeerType.CIDR, networkEntityId: id("natGateway"), description: "traffic to the internet" },
      { destination: osn, destinationType: PeerType.SERVICE, networkEntityId: id("serviceGateway"), description: "traffic to OCI services" },
    ],
  }, { vcnId: ["vcn"], routeRules: ["nat-gateway", "service-gateway"] });
  add("oci:Core/securityList:SecurityList", "endpoint-security-list", {
    compartmentId, vcnId: id("vcn"), displayName: names.endpointSecurityList,
    ingressSecurityRules: [
      ingress(ANYWHERE, Protocol.TCP, "External access to Kubernetes API endpoint", { tcpOptions: tcp(Port.KUBERNETES_API) }),
      ingress(cidr.worker, Protocol.TCP, "Kubernetes worker to Kubernetes API endpoint communication", { tcpOptions: tcp(Port.KUBERNETES_API) }),
      ingress(cidr.worker, Protocol.TCP, "Kubernetes worker to control plane communication", { tcpOptions: tcp(Port.OKE_CONTROL_PLANE) }),
      ingress(cidr.worker, Protocol.ICMP, "Path discovery", { icmpOptions: icmp34 }),
    ],
    egressSecurityRules: [
      egress(osn, Protocol.TCP, "Allow Kubernetes Control Plane to communicate with OKE", { tcpOptions: tcp(Port.HTTPS) }, PeerType.SERVICE),
      egress(cidr.worker, Protocol.TCP, "All traffic to worker nodes"),
      egress(cidr.worker, Protocol.ICMP, "Path discovery", { icmpOptions: icmp34 }),
    ],
  }, { vcnId: ["vcn"] });
  const podToPod = "Allow pods on one worker node to communicate with pods on other worker nodes";
  add("oci:Core/securityList:SecurityList", "worker-security-list", {
    compartmentId, vcnId: id("vcn"), displayName: names.workerSecurityList,
    ingressSecurityRules: [
      ingress(cidr.worker, Protocol.ALL, podToPod),
      ingress(cidr.endpoint, Protocol.ICMP, "Path discovery", { icmpOptions: icmp34 }),
      ingress(cidr.endpoint, Protocol.TCP, "TCP access from Kubernetes Control Plane"),
      ingress(ANYWHERE, Protocol.TCP, "Inbound SSH traffic to worker nodes", { tcpOptions: tcp(Port.SSH) }),
    ],
    egressSecurityRules: [
      egress(cidr.worker, Protocol.ALL, podToPod),
      egress(cidr.endpoint, Protocol.TCP, "Access to Kubernetes API Endpoint", { tcpOptions: tcp(Port.KUBERNETES_API) }),
      egress(cidr.endpoint, Protocol.TCP, "Kubernetes worker to control plane communication", { tcpOptions: tcp(Port.OKE_CONTROL_PLANE) }),
      egress(cidr.endpoint, Protocol.ICMP, "Path discovery", { icmpOptions: icmp34 }),
      egress(osn, Protocol.TCP, "Allow nodes to communicate with OKE to ensure correct start-up and continued functioning", { tcpOptions: tcp(Port.HTTPS) }, PeerType.SERVICE),
      egress(ANYWHERE, Protocol.ICMP, "ICMP Access from Kubernetes Control Plane", { icmpOptions: icmp34 }),
      egress(ANYWHERE, Protocol.ALL, "Worker Nodes access to Internet"),
    ],
  }, { vcnId: ["vcn"] });
  add("oci:Core/defaultSecurityList:DefaultSecurityList", "lb-security-list", {
    manageDefaultResourceId: id("vcn", "defaultSecurityListId"), displayName: names.lbSecurityList, ingressSecurityRules: [], egressSecurityRules: [],
  }, { manageDefaultResourceId: ["vcn"] });

  const subnet = (name: string, displayName: string, cidrBlock: string, isPrivate: boolean, routeTable: string, list: string) =>
    add("oci:Core/subnet:Subnet", name, {
      compartmentId, vcnId: id("vcn"), displayName, cidrBlock,
      prohibitPublicIpOnVnic: isPrivate, prohibitInternetIngress: isPrivate,
      routeTableId: id(routeTable), securityListIds: [id(list)], dhcpOptionsId: id("vcn", "defaultDhcpOptionsId"),
    }, { vcnId: ["vcn"], routeTableId: [routeTable], securityListIds: [list], dhcpOptionsId: ["vcn"] });
  subnet("endpoint-subnet", names.endpointSubnet, cidr.endpoint, false, "public-route-table", "endpoint-security-list");
  subnet("worker-subnet", names.workerSubnet, cidr.worker, true, "private-route-table", "worker-security-list");
  subnet("lb-subnet", names.lbSubnet, cidr.lb, false, "public-route-table", "lb-security-list");

  add("oci:ContainerEngine/cluster:Cluster", "cluster", {
    compartmentId, vcnId: id("vcn"), name: names.cluster, kubernetesVersion: version, type: "ENHANCED_CLUSTER",
    clusterPodNetworkOptions: [{ cniType: "OCI_VCN_IP_NATIVE" }],
    endpointConfig: { isPublicIpEnabled: true, subnetId: id("endpointSubnet") },
    imagePolicyConfig: { isPolicyEnabled: false },
    options: {
      addOns: { isKubernetesDashboardEnabled: false, isTillerEnabled: false },
      kubernetesNetworkConfig: { servicesCidr: "10.96.0.0/16" },
      serviceLbSubnetIds: [id("lbSubnet")],
      persistentVolumeConfig: { freeformTags: { OKEclusterName: clusterName } },
      serviceLbConfig: { freeformTags: { OKEclusterName: clusterName } },
    },
    freeformTags: { OKEclusterName: clusterName },
  }, { vcnId: ["vcn"], endpointConfig: ["endpoint-subnet"], options: ["lb-subnet"] });

  add("oci:ContainerEngine/nodePool:NodePool", "node-pool", {
    compartmentId, clusterId: id("cluster"), name: names.nodePool, kubernetesVersion: version,
    nodeShape: "VM.Standard.E4.Flex", nodeShapeConfig: { ocpus: 1, memoryInGbs: 16 },
    nodeConfigDetails: {
      size: 3,
      placementConfigs: ads.map((availabilityDomain) => ({ availabilityDomain, subnetId: id("workerSubnet") })),
      nodePoolPodNetworkOptionDetails: { cniType: "OCI_VCN_IP_NATIVE", maxPodsPerNode: 31, podSubnetIds: [id("workerSubnet")] },
      freeformTags: { OKEnodePoolName: names.nodePool },
    },
    nodeSourceDetails: { sourceType: "IMAGE", imageId: id("image") },
    initialNodeLabels: [{ key: "name", value: clusterName }],
    nodeEvictionNodePoolSettings: { evictionGraceDuration: "PT60M", isForceDeleteAfterGraceDuration: false },
    freeformTags: { OKEnodePoolName: names.nodePool },
  }, { clusterId: ["cluster"], nodeConfigDetails: ["worker-subnet"] });

  return records;
}

/**
 * A copy of `records` where `update` has changed the inputs of the resource with Pulumi name `name`:
 * the way tests express one mutation of the default stack.
 */
export function withInputs(records: ResourceRecord[], name: string, update: (inputs: Record<string, any>) => void): ResourceRecord[] {
  const copy: ResourceRecord[] = JSON.parse(JSON.stringify(records));
  const target = copy.find((r) => r.name === name);
  if (!target) {
    throw new Error(`no resource named "${name}" in the records`);
  }
  update(target.inputs);
  return copy;
}
