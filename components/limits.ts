/**
 * OCI's and Kubernetes' documented limits for the values the stack takes, as data. Each is checked
 * before any resource is registered, so a value OCI would refuse minutes into `pulumi up` fails first.
 */

/**
 * Managed nodes per node pool: 1,000, for basic and enhanced clusters alike.
 * Source: "Kubernetes Engine Limits", docs.oracle.com/iaas/Content/ContEng/Reference/contenglimits.htm
 * (see also .../ContEng/Tasks/contenglargenodelimitconsiderations.htm, whose example splits 2,000
 * managed nodes into pools "with 1,000 managed nodes in each").
 */
export const MAX_NODES_PER_POOL = 1000;
/** A node pool of pool1's kind holds at least one node (OKE allows 0, Quick Create's pool never has none). */
export const MIN_NODES_PER_POOL = 1;

/**
 * Custom boot volume sizes run from 50 GB to 32 TB (32,768 GB); below 50 only the image default exists.
 * Source: "Boot Volumes", docs.oracle.com/iaas/Content/Block/Concepts/bootvolumes.htm ("Custom Boot
 * Volume Sizes"), and the Core API's InstanceSourceViaImageDetails.bootVolumeSizeInGBs ("Minimum value
 * is 50 GB and maximum value is 32,768 GB (32 TB)", as oci-core's model documents it).
 */
export const BOOT_VOLUME_GBS = { min: 50, max: 32 * 1024 } as const;

/** The image default boot volume, as the console labels it: "47 GB" (46.6 GB). */
export const IMAGE_DEFAULT_BOOT_VOLUME_GBS = 47;

/**
 * VCN and subnet sizes: OCI accepts a VCN from /16 to /30 and a subnet of /30 or larger (the Networking
 * documentation's "VCNs and Subnets" overview).
 */
export const VCN_PREFIX = { widest: 16, narrowest: 30 } as const;
export const SUBNET_NARROWEST_PREFIX = 30;

/**
 * OCI Bastion: at most 20 client CIDR blocks, each unique (its CreateBastion 400 InvalidParameter
 * message says so), and sessions of at most 3 hours (CreateBastionDetails.maxSessionTtlInSeconds).
 */
export const MAX_BASTION_CLIENT_CIDRS = 20;
export const BASTION_MAX_SESSION_TTL_SECONDS = 3 * 60 * 60;

/**
 * VCN-native pod networking: OKE's default of 31 pods per node, what the secondary VNIC addresses of a
 * 1-OCPU node hold (Quick Create's `maxPodsPerNode`, docs/quick-create-spec.md §5).
 */
export const MAX_PODS_PER_NODE = 31;

/**
 * Display names (VCN, gateways, route tables, security lists, subnets) and the cluster name are at
 * most 255 characters. Source: the Core Services and Container Engine API references
 * (CreateVcnDetails.displayName, CreateSubnetDetails.displayName, CreateClusterDetails.name: "maxLength": 255),
 * docs.oracle.com/iaas/api/#/en/iaas/20160918/ and .../containerengine/20180222/. With the cluster name
 * held to a 63-character label value the longest derived name is 114 characters, so this check is a
 * guard for the name patterns, not a limit users meet.
 */
export const MAX_DISPLAY_NAME_LENGTH = 255;

/**
 * A Kubernetes label value: at most 63 characters, empty or beginning and ending with an alphanumeric,
 * with dashes, underscores, dots and alphanumerics between. Source:
 * kubernetes.io/docs/concepts/overview/working-with-objects/labels/#syntax-and-character-set.
 */
export const LABEL_VALUE = { maxLength: 63, pattern: /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/ } as const;

/**
 * Flannel pods: OKE gives every worker node a /25 of the pods CIDR, so the range must hold one /25 per
 * node. Source: "CIDR Blocks and Kubernetes Engine (OKE)",
 * docs.oracle.com/iaas/Content/ContEng/Concepts/contengcidrblocks.htm.
 */
export const PODS_PER_NODE_PREFIX = 25;

/**
 * Services: kube-apiserver refuses an IPv4 service range wider than /12 (kubernetes.io/docs/reference/
 * command-line-tools-reference/kube-apiserver/, --service-cluster-ip-range, "more than 20 bits"), and
 * OKE puts cluster DNS 5.5 into the range (10.96.5.5 for 10.96.0.0/16, docs/quick-create-spec.md §1),
 * so the range must hold at least 1,286 addresses: /21 or wider.
 */
export const SERVICES_PREFIX = { widest: 12, narrowest: 21 } as const;

export interface FlexShapeLimits {
  ocpus: { min: number; max: number };
  /** Memory per OCPU, GB. */
  memoryPerOcpuGbs: { min: number; max: number };
  /** Memory per instance, GB, whatever the OCPUs. */
  maxMemoryGbs: number;
  /** What OCI gives per OCPU when memory is not set (ShapeMemoryOptions.defaultPerOcpuInGBs). */
  defaultMemoryPerOcpuGbs: number;
}

/**
 * The flexible VM shapes' ranges. Source: "Compute Shapes", Flexible Shapes and Standard Shapes
 * tables, docs.oracle.com/iaas/Content/Compute/References/computeshapes.htm: memory is 1 GB per OCPU
 * (at least 1 GB) up to 64 GB per OCPU, within the shape's maximum.
 */
export const FLEX_SHAPES: Readonly<Record<string, FlexShapeLimits>> = {
  "VM.Standard.E3.Flex": { ocpus: { min: 1, max: 64 }, memoryPerOcpuGbs: { min: 1, max: 64 }, maxMemoryGbs: 1024, defaultMemoryPerOcpuGbs: 16 },
  "VM.Standard.E4.Flex": { ocpus: { min: 1, max: 64 }, memoryPerOcpuGbs: { min: 1, max: 64 }, maxMemoryGbs: 1024, defaultMemoryPerOcpuGbs: 16 },
  "VM.Standard.E5.Flex": { ocpus: { min: 1, max: 94 }, memoryPerOcpuGbs: { min: 1, max: 64 }, maxMemoryGbs: 1049, defaultMemoryPerOcpuGbs: 16 },
  "VM.Standard3.Flex": { ocpus: { min: 1, max: 32 }, memoryPerOcpuGbs: { min: 1, max: 64 }, maxMemoryGbs: 512, defaultMemoryPerOcpuGbs: 16 },
  "VM.Optimized3.Flex": { ocpus: { min: 1, max: 18 }, memoryPerOcpuGbs: { min: 1, max: 64 }, maxMemoryGbs: 256, defaultMemoryPerOcpuGbs: 16 },
  "VM.Standard.A1.Flex": { ocpus: { min: 1, max: 80 }, memoryPerOcpuGbs: { min: 1, max: 64 }, maxMemoryGbs: 512, defaultMemoryPerOcpuGbs: 6 },
};

/** A flexible shape the table does not list yet: only OCI's rules common to every flexible VM shape. */
export const ANY_FLEX: FlexShapeLimits = {
  ocpus: { min: 1, max: Number.MAX_SAFE_INTEGER },
  memoryPerOcpuGbs: { min: 1, max: 64 },
  maxMemoryGbs: Number.MAX_SAFE_INTEGER,
  defaultMemoryPerOcpuGbs: 16,
};

/**
 * OCIDs: ocid1.<resource type>.<realm>.[region][.future use].<unique id>. Source: "Resource
 * Identifiers", docs.oracle.com/iaas/Content/General/Concepts/identifiers.htm.
 */
export function ocidPattern(...resourceTypes: string[]): RegExp {
  return new RegExp(`^ocid1\\.(?:${resourceTypes.join("|")})\\.[a-z0-9-]+\\.[a-z0-9-]*(?:\\.[a-z0-9-]*)?\\.[a-z0-9]+$`);
}

/** compartmentId may name a compartment or the tenancy (its root compartment). */
export const COMPARTMENT_OCID = ocidPattern("compartment", "tenancy");
export const IMAGE_OCID = ocidPattern("image");
