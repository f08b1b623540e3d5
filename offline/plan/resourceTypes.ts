/** The type tokens the plan reads (spec §7). */
export const T = {
  vcn: "oci:Core/vcn:Vcn",
  subnet: "oci:Core/subnet:Subnet",
  internetGateway: "oci:Core/internetGateway:InternetGateway",
  natGateway: "oci:Core/natGateway:NatGateway",
  serviceGateway: "oci:Core/serviceGateway:ServiceGateway",
  routeTable: "oci:Core/routeTable:RouteTable",
  defaultRouteTable: "oci:Core/defaultRouteTable:DefaultRouteTable",
  securityList: "oci:Core/securityList:SecurityList",
  defaultSecurityList: "oci:Core/defaultSecurityList:DefaultSecurityList",
  nsg: "oci:Core/networkSecurityGroup:NetworkSecurityGroup",
  cluster: "oci:ContainerEngine/cluster:Cluster",
  nodePool: "oci:ContainerEngine/nodePool:NodePool",
} as const;

export const GATEWAY_TYPES: readonly string[] = [T.internetGateway, T.natGateway, T.serviceGateway];
export const ROUTE_TABLE_TYPES: readonly string[] = [T.routeTable, T.defaultRouteTable];
export const SECURITY_LIST_TYPES: readonly string[] = [T.securityList, T.defaultSecurityList];
