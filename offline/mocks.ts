import * as pulumi from "@pulumi/pulumi";
import { UNKNOWN_VALUE } from "./analyzer/records";
import { DeployedPlan } from "./deployedPlan";
import * as fixtures from "./fixtures";
import { diffResource } from "./plan/diff";
import { maskInputs } from "./plan/masking";
import { ClusterEndpoints, okeKubeconfig } from "./kubeconfigFixture";

export const INVOKE = {
  availabilityDomains: "oci:Identity/getAvailabilityDomains:getAvailabilityDomains",
  services: "oci:Core/getServices:getServices",
  clusterOption: "oci:ContainerEngine/getClusterOption:getClusterOption",
  nodePoolOption: "oci:ContainerEngine/getNodePoolOption:getNodePoolOption",
  clusterKubeConfig: "oci:ContainerEngine/getClusterKubeConfig:getClusterKubeConfig",
  vcns: "oci:Core/getVcns:getVcns",
  clusters: "oci:ContainerEngine/getClusters:getClusters",
  nodePools: "oci:ContainerEngine/getNodePools:getNodePools",
} as const;

const OCID_KIND: Record<string, string> = {
  "oci:Core/vcn:Vcn": "vcn",
  "oci:Core/subnet:Subnet": "subnet",
  "oci:Core/internetGateway:InternetGateway": "internetgateway",
  "oci:Core/natGateway:NatGateway": "natgateway",
  "oci:Core/serviceGateway:ServiceGateway": "servicegateway",
  "oci:Core/routeTable:RouteTable": "routetable",
  "oci:Core/defaultRouteTable:DefaultRouteTable": "routetable",
  "oci:Core/securityList:SecurityList": "securitylist",
  "oci:Core/defaultSecurityList:DefaultSecurityList": "securitylist",
  "oci:Core/networkSecurityGroup:NetworkSecurityGroup": "networksecuritygroup",
  "oci:ContainerEngine/cluster:Cluster": "cluster",
  "oci:ContainerEngine/nodePool:NodePool": "nodepool",
  "oci:Bastion/bastion:Bastion": "bastion",
};

/**
 * Answers the Pulumi engine's resource and invoke calls the way OCI would for `region`. In a preview
 * nothing gets an id or a computed output, exactly as in a first `pulumi preview` of a new stack.
 */
export class OciMocks implements pulumi.runtime.Mocks {
  private readonly subnetCidrs = new Map<string, string>();
  private readonly clusterEndpoints = new Map<string, ClusterEndpoints>();

  // An unknown region fails here, in words: an error raised inside an invoke reaches the program
  // without its message. An unset one is left for the program, which names the key to set.
  // `deployed` is what an earlier plan says exists (`--deployed`); without it nothing does.
  constructor(private readonly region: string, private readonly preview = false, private readonly deployed?: DeployedPlan) {
    if (region) fixtures.regionFixture(region);
  }

  newResource(args: pulumi.runtime.MockResourceArgs): { id: string | undefined; state: Record<string, unknown> } {
    if (this.preview || this.replacesDeployed(args)) return { id: undefined, state: { ...args.inputs } };
    const kind = OCID_KIND[args.type];
    // A Default* resource adopts the VCN's default object: its id is the one it manages, as in OCI.
    const id = args.inputs.manageDefaultResourceId ?? (kind ? fixtures.fakeOcid(kind, this.region, args.name) : `${args.name}-id`);
    return { id, state: { ...args.inputs, ...this.computed(args, id) } };
  }

  /**
   * A deployed resource whose change forces a replacement gets its id only from `pulumi up`, so what
   * refers to it sees an unknown value, as in a real preview. Mocks see no URN; type and name are
   * unique in this stack, so they find the same resource the plan's diff matches by URN.
   */
  private replacesDeployed(args: pulumi.runtime.MockResourceArgs): boolean {
    const before = this.deployed?.find(args.type, args.name);
    if (!before) return false;
    // Unknown inputs reach mocks as undefined outside a preview; the plan shows them as unknown.
    const inputs = maskInputs(JSON.parse(JSON.stringify(args.inputs, (_k, v) => (v === undefined ? UNKNOWN_VALUE : v))));
    const change = diffResource(before, { urn: before.urn, type: args.type, name: args.name, inputs });
    return change?.action === "replace";
  }

  private computed(args: pulumi.runtime.MockResourceArgs, id: string): Record<string, unknown> {
    const inputs = args.inputs;
    switch (args.type) {
      case "oci:Core/vcn:Vcn":
        return {
          defaultRouteTableId: fixtures.fakeOcid("routetable", this.region, `${args.name}-default`),
          defaultSecurityListId: fixtures.fakeOcid("securitylist", this.region, `${args.name}-default`),
          defaultDhcpOptionsId: fixtures.fakeOcid("dhcpoptions", this.region, `${args.name}-default`),
          state: "AVAILABLE",
        };
      case "oci:Core/subnet:Subnet":
        this.subnetCidrs.set(id, inputs.cidrBlock);
        return { state: "AVAILABLE" };
      case "oci:ContainerEngine/cluster:Cluster": {
        const cidr = this.subnetCidrs.get(inputs.endpointConfig?.subnetId) ?? "10.0.0.0/28";
        const endpoints = fixtures.clusterEndpoints(cidr, inputs.endpointConfig?.isPublicIpEnabled !== false);
        this.clusterEndpoints.set(id, endpoints);
        return { endpoints: [endpoints], state: "ACTIVE" };
      }
      case "oci:Bastion/bastion:Bastion": {
        const cidr = this.subnetCidrs.get(inputs.targetSubnetId) ?? "10.0.10.0/24";
        return { privateEndpointIpAddress: fixtures.bastionPrivateEndpointIp(cidr), state: "ACTIVE" };
      }
      case "kubernetes:core/v1:Service":
        return inputs.spec?.type === "LoadBalancer" ? { status: { loadBalancer: { ingress: [{ ip: "203.0.113.20" }] } } } : {};
      default:
        return {};
    }
  }

  /** Read-back lookups are regional: a plan deployed to another region has nothing here. */
  private get deployedHere(): DeployedPlan | undefined {
    return this.deployed && (!this.deployed.region || this.deployed.region === this.region) ? this.deployed : undefined;
  }

  call(args: pulumi.runtime.MockCallArgs): Record<string, unknown> {
    const inputs = args.inputs;
    switch (args.token) {
      case INVOKE.availabilityDomains: return fixtures.availabilityDomains(this.region, inputs.compartmentId);
      case INVOKE.services: return fixtures.services(this.region);
      case INVOKE.clusterOption: return fixtures.clusterOption(inputs.compartmentId);
      case INVOKE.nodePoolOption: return fixtures.nodePoolOption(this.region, inputs.compartmentId);
      case INVOKE.vcns:
        return { id: "CoreVcnsDataSource", compartmentId: inputs.compartmentId, virtualNetworks: this.deployedHere?.vcns(inputs.compartmentId, inputs.displayName) ?? [] };
      case INVOKE.clusters:
        return { id: "ContainerengineClustersDataSource", compartmentId: inputs.compartmentId, clusters: this.deployedHere?.clusters(inputs.compartmentId, inputs.name) ?? [] };
      case INVOKE.nodePools:
        return {
          id: "ContainerengineNodePoolsDataSource",
          compartmentId: inputs.compartmentId,
          nodePools: this.deployedHere?.nodePools(inputs.compartmentId, inputs.clusterId, inputs.name) ?? [],
        };
      case INVOKE.clusterKubeConfig: {
        const endpoints = this.clusterEndpoints.get(inputs.clusterId);
        if (!endpoints) throw new Error(`No cluster ${inputs.clusterId} was created, so there is no kubeconfig for it.`);
        return okeKubeconfig(this.region, inputs.clusterId, endpoints, inputs.endpoint);
      }
      default:
        throw new Error(`No offline answer for invoke ${args.token}.`);
    }
  }
}
