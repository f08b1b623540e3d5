import { createHash } from "crypto";

/**
 * Display names exactly as the console's Quick Create gives them (spec §2):
 * `oke-<type>-quick-<clusterName>-<id>`, route tables without `quick`, subnets ending in `-regional`.
 */
export interface QuickCreateNames {
  vcn: string;
  internetGateway: string;
  natGateway: string;
  serviceGateway: string;
  publicRouteTable: string;
  privateRouteTable: string;
  endpointSecurityList: string;
  workerSecurityList: string;
  lbSecurityList: string;
  endpointSubnet: string;
  workerSubnet: string;
  lbSubnet: string;
  cluster: string;
  nodePool: string;
}

export const NODE_POOL_NAME = "pool1";
export const NAME_SUFFIX_PATTERN = /^[0-9a-f]{9}$/;

/**
 * Quick Create draws one random 9-hex-digit id per cluster. A stack must not rename its resources on
 * every run, so when none is configured the id is a hash of what identifies the stack.
 */
export function deriveNameSuffix(project: string, stack: string, clusterName: string): string {
  return createHash("sha256").update(`${project}/${stack}/${clusterName}`).digest("hex").slice(0, 9);
}

export function quickCreateNames(clusterName: string, id: string): QuickCreateNames {
  const quick = (type: string) => `oke-${type}-quick-${clusterName}-${id}`;
  return {
    vcn: quick("vcn"),
    internetGateway: quick("igw"),
    natGateway: quick("ngw"),
    serviceGateway: quick("sgw"),
    publicRouteTable: `oke-public-routetable-${clusterName}-${id}`,
    privateRouteTable: `oke-private-routetable-${clusterName}-${id}`,
    endpointSecurityList: quick("k8sApiEndpoint"),
    workerSecurityList: quick("nodeseclist"),
    lbSecurityList: quick("svclbseclist"),
    endpointSubnet: `oke-k8sApiEndpoint-subnet-quick-${clusterName}-${id}-regional`,
    workerSubnet: `oke-nodesubnet-quick-${clusterName}-${id}-regional`,
    lbSubnet: `oke-svclbsubnet-quick-${clusterName}-${id}-regional`,
    cluster: clusterName,
    nodePool: NODE_POOL_NAME,
  };
}

/** The VCN's DNS label: the cluster name, alphanumerics only, at most 15 characters (spec §2). */
export function vcnDnsLabel(clusterName: string): string {
  return clusterName.replace(/[^A-Za-z0-9]/g, "").slice(0, 15);
}

/**
 * The bastion's name in Quick Create's style. Quick Create builds no bastion; the pattern follows its
 * `oke-<type>-quick-<clusterName>-<id>`, but OCI takes only letters and digits in a bastion name (the
 * console's Create Bastion form: "alphanumeric characters only, no spaces"), so the hyphens, and any in
 * the cluster name, are dropped: `okebastionquickcluster1dee46d169`.
 */
export function bastionName(clusterName: string, id: string): string {
  return `oke-bastion-quick-${clusterName}-${id}`.replace(/[^A-Za-z0-9]/g, "");
}
