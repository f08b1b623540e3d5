import { ResourceType } from "../policies/contract";

/**
 * What each OCI call the stack makes needs from IAM, as OCI's policy references list it: the resource
 * type and the verb (inspect < read < use < manage) each API operation needs. `npm start -- --iam GROUP`
 * derives its policy statements from this table and what a run of the program actually called;
 * tests/plan/iamPolicy.test.ts keeps the table and the calls in step.
 *
 * References: OKE, https://docs.oracle.com/iaas/Content/ContEng/Concepts/contengpolicyconfig.htm
 * (Policy Configuration for Cluster Creation and Deployment) and
 * https://docs.oracle.com/iaas/Content/Identity/Reference/contengpolicyreference.htm; Networking,
 * Compute and Block Volume, https://docs.oracle.com/iaas/Content/Identity/Reference/corepolicyreference.htm;
 * Load Balancing, https://docs.oracle.com/iaas/Content/Identity/Reference/lbpolicyreference.htm;
 * Network Load Balancer, https://docs.oracle.com/iaas/Content/NetworkLoadBalancer/Policies/iam-policies.htm;
 * Bastion, https://docs.oracle.com/iaas/Content/Bastion/Reference/bastionpolicyreference.htm; IAM,
 * https://docs.oracle.com/iaas/Content/Identity/Reference/iampolicyreference.htm.
 */

export const VERBS = ["inspect", "read", "use", "manage"] as const;
export type Verb = (typeof VERBS)[number];

/** One permission: a verb on an IAM resource type (individual, or a `-family` aggregate). */
export interface Permission {
  verb: Verb;
  resourceType: string;
}

export interface OperationNeeds {
  /** The OCI API operation(s) behind the call, as the references name them. */
  api: string;
  needs: Permission[];
  /** Why the needs are what they are, where the reference alone does not say. */
  note?: string;
}

const p = (verb: Verb, resourceType: string): Permission => ({ verb, resourceType });
const manage = (resourceType: string, ...also: Permission[]): Permission[] => [p("manage", resourceType), ...also];

/** The individual resource types each aggregate covers (only those the stack's operations name). */
export const FAMILIES: Record<string, readonly string[]> = {
  "virtual-network-family": [
    "vcns",
    "subnets",
    "route-tables",
    "security-lists",
    "dhcp-options",
    "internet-gateways",
    "nat-gateways",
    "service-gateways",
    "network-security-groups",
    "vnics",
    "vnic-attachments",
    "private-ips",
  ],
  "cluster-family": ["clusters", "cluster-node-pools", "cluster-work-requests"],
  "instance-family": ["instances", "instance-images", "volume-attachments"],
  "bastion-family": ["bastion", "bastion-session", "bastion-work-request"],
};

/**
 * Resources the program registers: `pulumi up` creates, updates and deletes them (manage), and the
 * provider reads them back. A Quick Create network resource also attaches to the VCN and its tables.
 */
export const RESOURCE_NEEDS: Record<string, OperationNeeds> = {
  [ResourceType.Vcn]: { api: "CreateVcn, UpdateVcn, DeleteVcn", needs: manage("vcns") },
  [ResourceType.InternetGateway]: { api: "CreateInternetGateway, DeleteInternetGateway", needs: manage("internet-gateways", p("use", "vcns")) },
  [ResourceType.NatGateway]: { api: "CreateNatGateway, DeleteNatGateway", needs: manage("nat-gateways", p("use", "vcns")) },
  [ResourceType.ServiceGateway]: { api: "CreateServiceGateway, DeleteServiceGateway", needs: manage("service-gateways", p("use", "vcns")) },
  [ResourceType.RouteTable]: {
    api: "CreateRouteTable, UpdateRouteTable, DeleteRouteTable",
    needs: manage("route-tables", p("use", "vcns"), p("use", "internet-gateways"), p("use", "nat-gateways"), p("use", "service-gateways")),
  },
  [ResourceType.DefaultRouteTable]: { api: "UpdateRouteTable", needs: manage("route-tables", p("use", "internet-gateways")) },
  [ResourceType.SecurityList]: { api: "CreateSecurityList, UpdateSecurityList, DeleteSecurityList", needs: manage("security-lists", p("use", "vcns")) },
  [ResourceType.DefaultSecurityList]: { api: "UpdateSecurityList", needs: manage("security-lists") },
  [ResourceType.Subnet]: {
    api: "CreateSubnet, UpdateSubnet, DeleteSubnet",
    needs: manage("subnets", p("use", "vcns"), p("use", "route-tables"), p("use", "security-lists"), p("use", "dhcp-options")),
  },
  [ResourceType.Cluster]: {
    api: "CreateCluster, UpdateCluster, DeleteCluster, GetWorkRequest",
    // contengpolicyconfig: cluster creation uses the subnets and their VNICs and reads the network.
    needs: manage("clusters", p("read", "cluster-work-requests"), p("use", "subnets"), p("use", "vnics"), p("read", "vcns"), p("inspect", "compartments")),
  },
  [ResourceType.NodePool]: {
    api: "CreateNodePool, UpdateNodePool, DeleteNodePool",
    // contengpolicyconfig: OKE launches and terminates the pool's instances on the caller's behalf.
    needs: manage(
      "cluster-node-pools",
      p("manage", "instances"),
      p("read", "instance-images"),
      p("use", "subnets"),
      p("use", "vnics"),
      p("inspect", "compartments"),
    ),
    note: "OKE launches, cycles and terminates the pool's compute instances with the caller's permissions.",
  },
  [ResourceType.Bastion]: { api: "CreateBastion, UpdateBastion, DeleteBastion", needs: manage("bastion", p("use", "subnets")) },
  // The Kubernetes API authorizes with the cluster's RBAC, not IAM: the cluster's creator is its admin.
  [ResourceType.Service]: { api: "Kubernetes API", needs: [], note: "Kubernetes RBAC, not IAM." },
  [ResourceType.Deployment]: { api: "Kubernetes API", needs: [], note: "Kubernetes RBAC, not IAM." },
  "pulumi:providers:kubernetes": { api: "none (a provider)", needs: [] },
};

/** Invokes: the region lookups and the read-back of what the stack runs (every `pulumi up` and preview). */
export const INVOKE_NEEDS: Record<string, OperationNeeds> = {
  "oci:Identity/getAvailabilityDomains:getAvailabilityDomains": {
    api: "ListAvailabilityDomains",
    needs: [p("inspect", "compartments")],
    note: "Listed for the compartment; OKE's reference asks for inspect compartments in any case.",
  },
  "oci:Core/getServices:getServices": {
    api: "ListServices",
    needs: [p("inspect", "service-gateways")],
    note: "The Oracle Services Network entry the service gateway routes to; conservatively a service-gateways verb.",
  },
  "oci:ContainerEngine/getClusterOption:getClusterOption": {
    api: "GetClusterOptions",
    needs: [p("inspect", "clusters")],
    note: "The Kubernetes versions the region offers; conservatively a clusters verb.",
  },
  "oci:ContainerEngine/getNodePoolOption:getNodePoolOption": {
    api: "GetNodePoolOptions",
    needs: [p("inspect", "cluster-node-pools")],
    note: "The node images and shapes the region offers node pools; conservatively a cluster-node-pools verb.",
  },
  "oci:Core/getVcns:getVcns": { api: "ListVcns", needs: [p("inspect", "vcns")] },
  "oci:ContainerEngine/getClusters:getClusters": { api: "ListClusters", needs: [p("inspect", "clusters")] },
  "oci:ContainerEngine/getNodePools:getNodePools": { api: "ListNodePools", needs: [p("inspect", "cluster-node-pools")] },
  "oci:ContainerEngine/getClusterKubeConfig:getClusterKubeConfig": {
    api: "CreateKubeconfig",
    needs: [p("use", "clusters")],
    note: "The kubeconfig output and the destroy hook's kubeconfig; conservatively use rather than read.",
  },
};

/**
 * The official SDK calls the destroy hooks make (components/cleanup/), keyed `client.method` by the
 * CleanupClients field. They run on `pulumi destroy --run-program` and when the cluster is replaced.
 */
export const HOOK_CALL_NEEDS: Record<string, OperationNeeds> = {
  "loadBalancer.listLoadBalancers": { api: "ListLoadBalancers", needs: [p("read", "load-balancers")], note: "Reads each load balancer's subnets and tags." },
  "loadBalancer.deleteLoadBalancer": { api: "DeleteLoadBalancer", needs: [p("manage", "load-balancers")] },
  "networkLoadBalancer.listNetworkLoadBalancers": { api: "ListNetworkLoadBalancers", needs: [p("read", "network-load-balancers")] },
  "networkLoadBalancer.deleteNetworkLoadBalancer": { api: "DeleteNetworkLoadBalancer", needs: [p("manage", "network-load-balancers")] },
  "blockstorage.listVolumes": {
    api: "ListVolumes",
    needs: [p("read", "volumes")],
    note: "inspect lists volumes without their user metadata; the hook filters by the stack's freeform tag.",
  },
};

/** The `oke-bastion` tool's SDK calls (tools/oke-bastion/sessions.js), used when `bastion` is on. */
export const BASTION_TOOL_NEEDS: Record<string, OperationNeeds> = {
  createSession: { api: "CreateSession", needs: [p("manage", "bastion-session"), p("read", "bastion")] },
  getSession: { api: "GetSession", needs: [p("read", "bastion-session")] },
  deleteSession: { api: "DeleteSession", needs: [p("manage", "bastion-session")] },
};
