/**
 * Pulumi type tokens of the resources the pack inspects (spec §7). Policies match on these strings
 * instead of importing @pulumi/oci classes: the CLI's policy runner type-checks the pack with
 * ts-node, and pulling in the OCI SDK's declarations costs seconds and about a gigabyte.
 */
export const ResourceType = {
  Vcn: "oci:Core/vcn:Vcn",
  Subnet: "oci:Core/subnet:Subnet",
  InternetGateway: "oci:Core/internetGateway:InternetGateway",
  NatGateway: "oci:Core/natGateway:NatGateway",
  ServiceGateway: "oci:Core/serviceGateway:ServiceGateway",
  RouteTable: "oci:Core/routeTable:RouteTable",
  DefaultRouteTable: "oci:Core/defaultRouteTable:DefaultRouteTable",
  SecurityList: "oci:Core/securityList:SecurityList",
  DefaultSecurityList: "oci:Core/defaultSecurityList:DefaultSecurityList",
  NetworkSecurityGroup: "oci:Core/networkSecurityGroup:NetworkSecurityGroup",
  NetworkSecurityGroupSecurityRule: "oci:Core/networkSecurityGroupSecurityRule:NetworkSecurityGroupSecurityRule",
  Cluster: "oci:ContainerEngine/cluster:Cluster",
  NodePool: "oci:ContainerEngine/nodePool:NodePool",
  Bastion: "oci:Bastion/bastion:Bastion",
  Service: "kubernetes:core/v1:Service",
  Deployment: "kubernetes:apps/v1:Deployment",
} as const;

/** Both kinds of security list carry the same rule shape (ingressSecurityRules / egressSecurityRules). */
export const SECURITY_LIST_TYPES: readonly string[] = [ResourceType.SecurityList, ResourceType.DefaultSecurityList];
