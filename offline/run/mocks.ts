import * as pulumi from "@pulumi/pulumi";
import { ADDRESS_PLAN, ResourceType } from "../../policies/contract";
import { UNKNOWN_VALUE } from "../analyzer/records";
import { DeployedPlan } from "./deployedPlan";
import * as fixtures from "./fixtures";
import { diffResource, movesWithRegion } from "../report/diff";
import { maskInputs, SECRET_MASK, UNKNOWN_MASK } from "../records/masking";
import type { DeployedResource } from "./deployedPlan";

/**
 * What the provider computed for a deployed resource that stays, handed back as the engine does in a
 * preview: the outputs the mocks compute for its type (the VCN's default list and route table, the
 * cluster's endpoints), taken from the state where it holds a value of the same kind. Values a plan
 * file masked are not values.
 */
function keptOutputs(kept: DeployedResource | undefined, computed: Record<string, unknown>): Record<string, unknown> {
  const kind = (v: unknown) => (Array.isArray(v) ? "array" : v === null ? "null" : typeof v);
  const masked = (v: unknown) => JSON.stringify(v ?? null).includes(`"${SECRET_MASK}"`) || JSON.stringify(v ?? null).includes(`"${UNKNOWN_MASK}"`);
  return Object.fromEntries(Object.entries(kept?.outputs ?? {}).filter(([k, v]) => k in computed && kind(v) === kind(computed[k]) && !masked(v)));
}

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

/** The kind segment of the OCID OCI gives each resource type (`ocid1.<kind>.oc1...`). */
const OCID_KIND: Record<string, string> = {
  [ResourceType.Vcn]: "vcn",
  [ResourceType.Subnet]: "subnet",
  [ResourceType.InternetGateway]: "internetgateway",
  [ResourceType.NatGateway]: "natgateway",
  [ResourceType.ServiceGateway]: "servicegateway",
  [ResourceType.RouteTable]: "routetable",
  [ResourceType.DefaultRouteTable]: "routetable",
  [ResourceType.SecurityList]: "securitylist",
  [ResourceType.DefaultSecurityList]: "securitylist",
  [ResourceType.NetworkSecurityGroup]: "networksecuritygroup",
  [ResourceType.Cluster]: "cluster",
  [ResourceType.NodePool]: "nodepool",
  [ResourceType.Bastion]: "bastion",
};

/**
 * Answers the Pulumi engine's resource and invoke calls the way OCI would for `region`. In a preview
 * nothing gets an id or a computed output, exactly as in a first `pulumi preview` of a new stack.
 */
export class OciMocks implements pulumi.runtime.Mocks {
  private readonly subnetCidrs = new Map<string, string>();
  private readonly clusterEndpoints = new Map<string, fixtures.ClusterEndpoints>();

  // An unknown region fails here, in words: an error raised inside an invoke reaches the program
  // without its message. An unset one is left for the program, which names the key to set.
  // `deployed` is what an earlier plan says exists (`--deployed`); without it nothing does.
  // `invoked`, when given, collects the token of every invoke the program calls (`--iam` reads it).
  constructor(
    private readonly region: string,
    private readonly preview = false,
    private readonly deployed?: DeployedPlan,
    private readonly invoked?: Set<string>,
  ) {
    if (region) fixtures.regionFixture(region);
  }

  newResource(args: pulumi.runtime.MockResourceArgs): { id: string | undefined; state: Record<string, unknown> } {
    if (this.preview || this.replacesDeployed(args)) return { id: undefined, state: { ...args.inputs } };
    const kind = OCID_KIND[args.type];
    // A resource that stays keeps its id and what the provider computed for it, as in a real preview;
    // a new one gets an OCID of its kind. A Default* resource adopts the VCN's default object: its id
    // is the one it manages, as in OCI.
    const kept = this.deployed?.find(args.type, args.name);
    const id = kept?.id ?? args.inputs.manageDefaultResourceId ?? (kind ? fixtures.fakeOcid(kind, this.region, args.name) : `${args.name}-id`);
    const computed = this.computed(args, id);
    return { id, state: { ...args.inputs, ...computed, ...keptOutputs(kept, computed) } };
  }

  /**
   * A deployed resource whose change forces a replacement gets its id only from `pulumi up`, so what
   * refers to it sees an unknown value, as in a real preview. Mocks see no URN; type and name are
   * unique in this stack, so they find the same resource the plan's diff matches by URN. OCI resources
   * cannot move between regions: in another region every one is new.
   */
  private replacesDeployed(args: pulumi.runtime.MockResourceArgs): boolean {
    const before = this.deployed?.find(args.type, args.name);
    if (!before) return false;
    if (this.deployed!.region && this.deployed!.region !== this.region && movesWithRegion(args.type)) return true;
    // Unknown inputs reach mocks as undefined outside a preview; the plan shows them as unknown.
    const inputs = maskInputs(JSON.parse(JSON.stringify(args.inputs, (_k, v) => (v === undefined ? UNKNOWN_VALUE : v))));
    const change = diffResource(before, { urn: before.urn, type: args.type, name: args.name, inputs });
    return change?.action === "replace";
  }

  private computed(args: pulumi.runtime.MockResourceArgs, id: string): Record<string, unknown> {
    const inputs = args.inputs;
    switch (args.type) {
      case ResourceType.Vcn:
        return {
          defaultRouteTableId: fixtures.fakeOcid("routetable", this.region, `${args.name}-default`),
          defaultSecurityListId: fixtures.fakeOcid("securitylist", this.region, `${args.name}-default`),
          defaultDhcpOptionsId: fixtures.fakeOcid("dhcpoptions", this.region, `${args.name}-default`),
          state: "AVAILABLE",
        };
      case ResourceType.Subnet:
        this.subnetCidrs.set(id, inputs.cidrBlock);
        return { state: "AVAILABLE" };
      case ResourceType.Cluster: {
        const cidr = this.subnetCidrs.get(inputs.endpointConfig?.subnetId) ?? ADDRESS_PLAN.endpointSubnetCidr;
        const endpoints = fixtures.clusterEndpoints(cidr, inputs.endpointConfig?.isPublicIpEnabled !== false);
        this.clusterEndpoints.set(id, endpoints);
        return { endpoints: [endpoints], state: "ACTIVE" };
      }
      case ResourceType.Bastion: {
        const cidr = this.subnetCidrs.get(inputs.targetSubnetId) ?? ADDRESS_PLAN.workerSubnetCidr;
        return { privateEndpointIpAddress: fixtures.bastionPrivateEndpointIp(cidr), state: "ACTIVE" };
      }
      case ResourceType.Service:
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
    this.invoked?.add(args.token);
    switch (args.token) {
      // Names and ids the tenancy gave are in its state; an offline plan cannot know them otherwise.
      case INVOKE.availabilityDomains:
        return fixtures.availabilityDomains(this.region, inputs.compartmentId, this.deployedHere?.tenancyAdPrefix());
      case INVOKE.services:
        return fixtures.services(this.region, this.deployedHere?.allServicesId());
      case INVOKE.clusterOption:
        return fixtures.clusterOption(inputs.compartmentId);
      case INVOKE.nodePoolOption:
        return fixtures.nodePoolOption(this.region, inputs.compartmentId);
      case INVOKE.vcns:
        return {
          id: "CoreVcnsDataSource",
          compartmentId: inputs.compartmentId,
          virtualNetworks: this.deployedHere?.vcns(inputs.compartmentId, inputs.displayName) ?? [],
        };
      case INVOKE.clusters:
        return {
          id: "ContainerengineClustersDataSource",
          compartmentId: inputs.compartmentId,
          clusters: this.deployedHere?.clusters(inputs.compartmentId, inputs.name) ?? [],
        };
      case INVOKE.nodePools:
        return {
          id: "ContainerengineNodePoolsDataSource",
          compartmentId: inputs.compartmentId,
          nodePools: this.deployedHere?.nodePools(inputs.compartmentId, inputs.clusterId, inputs.name) ?? [],
        };
      case INVOKE.clusterKubeConfig: {
        const endpoints = this.clusterEndpoints.get(inputs.clusterId);
        if (!endpoints) throw new Error(`No cluster ${inputs.clusterId} was created, so there is no kubeconfig for it.`);
        return fixtures.okeKubeconfig(this.region, inputs.clusterId, endpoints, inputs.endpoint);
      }
      default:
        throw new Error(`No offline answer for invoke ${args.token}.`);
    }
  }
}
