import * as oci from "./pulumiOci";
import * as pulumi from "@pulumi/pulumi";
import { componentType, ENDPOINT_RULES, LB_RULES, QuickCreateNames, vcnDnsLabel, WORKER_RULES } from "../policies/contract";
import { OracleService } from "./regionChoices";
import { privateRouteRules, publicRouteRules } from "./routeRules";
import { ociSecurityRules } from "./securityRules";
import { AddressPlan } from "./settings";

export interface NetworkArgs {
  compartmentId: string;
  clusterName: string;
  names: QuickCreateNames;
  cidrs: AddressPlan;
  endpointPublic: boolean;
  workersPublic: boolean;
  /** The region's "All <KEY> Services In Oracle Services Network" entry. */
  oracleServices: OracleService;
  /** Resource hooks for the subnets and the VCN (destroyHooks.ts). */
  hooks?: { subnets?: pulumi.ResourceHookBinding; vcn?: pulumi.ResourceHookBinding };
}

/** Whether the private route table and its NAT and service gateways are built. */
export function needsPrivateRouting(args: Pick<NetworkArgs, "endpointPublic" | "workersPublic">): boolean {
  // Quick Create builds them for private workers. A private endpoint with public workers still needs
  // the service gateway to reach OKE, so it gets the same private routing rather than none.
  return !args.workersPublic || !args.endpointPublic;
}

/** Subnet flags: a private subnet takes no public IPs and no internet ingress (spec §2). */
export function subnetExposure(isPublic: boolean) {
  return { prohibitPublicIpOnVnic: !isPublic, prohibitInternetIngress: !isPublic };
}

/**
 * The Quick Create VCN: gateways, the default route table and security list taken over and renamed,
 * the two rule-bearing security lists and the three regional subnets.
 */
export class Network extends pulumi.ComponentResource {
  readonly vcn: oci.core.Vcn;
  readonly internetGateway: oci.core.InternetGateway;
  readonly natGateway?: oci.core.NatGateway;
  readonly serviceGateway?: oci.core.ServiceGateway;
  readonly publicRouteTable: oci.core.DefaultRouteTable;
  readonly privateRouteTable?: oci.core.RouteTable;
  readonly endpointSecurityList: oci.core.SecurityList;
  readonly workerSecurityList: oci.core.SecurityList;
  readonly lbSecurityList: oci.core.DefaultSecurityList;
  readonly endpointSubnet: oci.core.Subnet;
  readonly workerSubnet: oci.core.Subnet;
  readonly lbSubnet: oci.core.Subnet;

  constructor(name: string, args: NetworkArgs, opts?: pulumi.ComponentResourceOptions) {
    super(componentType("Network"), name, {}, opts);
    const child = { parent: this };
    const { compartmentId, names, cidrs } = args;

    this.vcn = new oci.core.Vcn(
      `${name}-vcn`,
      {
        compartmentId,
        cidrBlocks: [cidrs.vcn],
        displayName: names.vcn,
        dnsLabel: vcnDnsLabel(args.clusterName),
      },
      { ...child, hooks: args.hooks?.vcn },
    );
    const vcnId = this.vcn.id;

    this.internetGateway = new oci.core.InternetGateway(
      `${name}-igw`,
      {
        compartmentId,
        vcnId,
        enabled: true,
        displayName: names.internetGateway,
      },
      child,
    );

    this.publicRouteTable = new oci.core.DefaultRouteTable(
      `${name}-public-rt`,
      {
        manageDefaultResourceId: this.vcn.defaultRouteTableId,
        compartmentId,
        displayName: names.publicRouteTable,
        routeRules: publicRouteRules(this.internetGateway.id),
      },
      child,
    );

    if (needsPrivateRouting(args)) {
      this.natGateway = new oci.core.NatGateway(`${name}-ngw`, { compartmentId, vcnId, displayName: names.natGateway }, child);
      this.serviceGateway = new oci.core.ServiceGateway(
        `${name}-sgw`,
        {
          compartmentId,
          vcnId,
          displayName: names.serviceGateway,
          services: [{ serviceId: args.oracleServices.id }],
        },
        child,
      );
      this.privateRouteTable = new oci.core.RouteTable(
        `${name}-private-rt`,
        {
          compartmentId,
          vcnId,
          displayName: names.privateRouteTable,
          routeRules: privateRouteRules(this.natGateway.id, this.serviceGateway.id, args.oracleServices.cidrBlock),
        },
        child,
      );
    }

    const peers = { plan: cidrs, oracleServicesCidr: args.oracleServices.cidrBlock };
    this.endpointSecurityList = new oci.core.SecurityList(
      `${name}-endpoint-seclist`,
      {
        compartmentId,
        vcnId,
        displayName: names.endpointSecurityList,
        ...ociSecurityRules(ENDPOINT_RULES, peers, args.endpointPublic),
      },
      child,
    );
    // The cloud controller adds ingress rules for each LoadBalancer Service to the worker list (spec §3.3);
    // rewriting them away on the next `up` would cut the load balancers off from their backends.
    this.workerSecurityList = new oci.core.SecurityList(
      `${name}-worker-seclist`,
      {
        compartmentId,
        vcnId,
        displayName: names.workerSecurityList,
        ...ociSecurityRules(WORKER_RULES, peers, args.endpointPublic),
      },
      { ...child, ignoreChanges: ["ingressSecurityRules"] },
    );
    // Quick Create empties the VCN's default list and hands it to the load balancers; from then on the
    // cloud controller owns its rules, so the stack only sets them at creation.
    this.lbSecurityList = new oci.core.DefaultSecurityList(
      `${name}-lb-seclist`,
      {
        manageDefaultResourceId: this.vcn.defaultSecurityListId,
        compartmentId,
        displayName: names.lbSecurityList,
        ...ociSecurityRules(LB_RULES, peers, args.endpointPublic),
      },
      { ...child, ignoreChanges: ["ingressSecurityRules", "egressSecurityRules"] },
    );

    const routeFor = (isPublic: boolean) => (isPublic ? this.publicRouteTable.id : this.privateRouteTable!.id);
    const subnet = (suffix: string, displayName: string, cidrBlock: string, isPublic: boolean, securityListId: pulumi.Input<string>) =>
      new oci.core.Subnet(
        `${name}-${suffix}`,
        {
          compartmentId,
          vcnId,
          displayName,
          cidrBlock,
          routeTableId: routeFor(isPublic),
          securityListIds: [securityListId],
          dhcpOptionsId: this.vcn.defaultDhcpOptionsId,
          ...subnetExposure(isPublic),
        },
        { ...child, hooks: args.hooks?.subnets },
      );
    this.endpointSubnet = subnet("endpoint-subnet", names.endpointSubnet, cidrs.endpointSubnet, args.endpointPublic, this.endpointSecurityList.id);
    this.workerSubnet = subnet("worker-subnet", names.workerSubnet, cidrs.workerSubnet, args.workersPublic, this.workerSecurityList.id);
    this.lbSubnet = subnet("lb-subnet", names.lbSubnet, cidrs.lbSubnet, true, this.lbSecurityList.id);

    this.registerOutputs({
      vcnId,
      endpointSubnetId: this.endpointSubnet.id,
      workerSubnetId: this.workerSubnet.id,
      lbSubnetId: this.lbSubnet.id,
    });
  }
}
