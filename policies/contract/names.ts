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
/** The `<id>`: Quick Create draws 9 lowercase hex digits per cluster. */
export const NAME_SUFFIX_LENGTH = 9;
const NAME_SUFFIX_SOURCE = `[0-9a-f]{${NAME_SUFFIX_LENGTH}}`;
export const NAME_SUFFIX_PATTERN = new RegExp(`^${NAME_SUFFIX_SOURCE}$`);
/** OCI takes at most 15 characters in a DNS label (CreateVcnDetails.dnsLabel). */
export const VCN_DNS_LABEL_MAX_LENGTH = 15;

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
  return clusterName.replace(/[^A-Za-z0-9]/g, "").slice(0, VCN_DNS_LABEL_MAX_LENGTH);
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

/**
 * Recognising Quick Create display names. The patterns are derived from quickCreateNames above by
 * rendering the names with placeholders, so the pack and the stack cannot drift apart: a change in
 * the naming scheme changes what the policies accept.
 */
export type NameRole = keyof QuickCreateNames;

export interface ParsedName {
  role: NameRole;
  clusterName: string;
  id: string;
}

const CLUSTER_PLACEHOLDER = "\u0000CLUSTER\u0000";
const ID_PLACEHOLDER = "\u0000ID\u0000";

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** Roles whose display name carries the cluster name and the 9-hex id (the cluster and pool1 do not). */
const SUFFIXED_ROLES = (Object.keys(quickCreateNames("c", "0")) as NameRole[]).filter((role) => role !== "cluster" && role !== "nodePool");

const PATTERNS: { role: NameRole; pattern: RegExp }[] = SUFFIXED_ROLES.map((role) => {
  const template = quickCreateNames(CLUSTER_PLACEHOLDER, ID_PLACEHOLDER)[role];
  // The cluster name may itself contain hyphens; the id is anchored as the last 9 hex digits before
  // the fixed tail, so a greedy cluster-name group still splits the name correctly.
  const source = escapeRegExp(template)
    .replace(escapeRegExp(CLUSTER_PLACEHOLDER), "(?<clusterName>.+)")
    .replace(escapeRegExp(ID_PLACEHOLDER), `(?<id>${NAME_SUFFIX_SOURCE})`);
  return { role, pattern: new RegExp(`^${source}$`) };
});

/** Which Quick Create resource a display name names, or undefined when it follows no pattern. */
export function parseQuickCreateName(displayName: string): ParsedName | undefined {
  const matches: ParsedName[] = [];
  for (const { role, pattern } of PATTERNS) {
    const m = pattern.exec(displayName);
    if (m?.groups) {
      matches.push({ role, clusterName: m.groups.clusterName, id: m.groups.id });
    }
  }
  // The templates do not overlap today; should a future template make two match, the one leaving
  // the shortest cluster name has the most fixed text and is the intended role.
  matches.sort((a, b) => a.clusterName.length - b.clusterName.length);
  return matches[0];
}

export function hasRole(displayName: unknown, role: NameRole): boolean {
  return typeof displayName === "string" && parseQuickCreateName(displayName)?.role === role;
}

/** A human-readable template for messages, e.g. `oke-nodesubnet-quick-<cluster>-<id>-regional`. */
export function nameTemplate(role: NameRole): string {
  return quickCreateNames("<cluster>", "<id>")[role];
}
