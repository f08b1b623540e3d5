/**
 * Every stack option, declared once. Pulumi.yaml's `config:` block and docs/options.md are generated
 * from this table (`npm run options`) and a unit test fails when they drift; the defaults
 * `resolveSettings` applies, the `QuickCreateArgs` and `QuickCreateSettings` types and
 * `readStackConfig` are derived from it.
 *
 * `description` is Pulumi.yaml's one line; `limits` is what the validation in components/settings.ts
 * (and shapes.ts, sshKey.ts) accepts, in words, for docs/options.md. Both are built from the constants
 * the validation uses (components/limits.ts, the contract), so a changed limit changes its text and the
 * generated files' drift test says so. A key with `whenUnset` uses its
 * default ("" or 0) to mean "not set", because Pulumi.yaml must give every optional key a default;
 * `whenUnset` says what happens then. Every string key takes "" as unset.
 */

import { ADDRESS_PLAN, NAME_SUFFIX_LENGTH, NODE_POOL_NAME, NODE_POOL_SIZE, VCN_DNS_LABEL_MAX_LENGTH } from "../policies/contract";
import {
  ANY_FLEX,
  BOOT_VOLUME_GBS,
  FLEX_SHAPES,
  IMAGE_DEFAULT_BOOT_VOLUME_GBS,
  LABEL_VALUE,
  MAX_BASTION_CLIENT_CIDRS,
  MAX_DISPLAY_NAME_LENGTH,
  MAX_NODES_PER_POOL,
  MAX_PODS_PER_NODE,
  MIN_NODES_PER_POOL,
  PODS_PER_NODE_PREFIX,
  SERVICES_PREFIX,
  SUBNET_NARROWEST_PREFIX,
  VCN_PREFIX,
} from "./limits";
import { DEFAULT_FLEX_OCPUS } from "./shapes";
import { SSH_KEY_TYPES } from "./sshKey";

export type OptionType = "string" | "integer" | "boolean" | "array";

interface Described {
  description: string;
  limits: string;
}

export type Option = Described &
  (
    | { type: "string"; required: string }
    | { type: "string"; default: string; choices?: readonly string[]; whenUnset?: string }
    | { type: "integer"; default: number; whenUnset?: string }
    | { type: "boolean"; default: boolean }
    | { type: "array"; items: "string"; default: readonly string[] }
  );

const CIDR_RULE = "an IPv4 network in CIDR notation whose address is the network's first, written without leading zeros";
const SUBNET_RULE = `${CIDR_RULE}, /${SUBNET_NARROWEST_PREFIX} or wider, inside the VCN, not overlapping the other subnets`;

/** Quick Create's node shape, and the Arm shape the limits name beside it. */
const DEFAULT_NODE_SHAPE = "VM.Standard.E4.Flex";
const ARM_SHAPE = "VM.Standard.A1.Flex";
const defaultShape = FLEX_SHAPES[DEFAULT_NODE_SHAPE];

/** A shape as the limits name it: "VM.Standard.E4.Flex" is "E4.Flex", "VM.Optimized3.Flex" "Optimized3.Flex". */
function shortShape(shape: string): string {
  return shape.replace(/^VM\.(Standard\.)?/, "");
}

/** Each flexible shape's OCPU range, shapes with the same range named together: "E3/E4.Flex 1–64 OCPUs, E5.Flex 1–94, …". */
function ocpuRanges(): string {
  const groups = new Map<string, string[]>();
  for (const [shape, { ocpus }] of Object.entries(FLEX_SHAPES)) {
    const range = `${ocpus.min}–${ocpus.max}`;
    groups.set(range, [...(groups.get(range) ?? []), shortShape(shape).replace(/\.Flex$/, "")]);
  }
  return [...groups].map(([range, shapes], i) => `${shapes.join("/")}.Flex ${range}${i === 0 ? " OCPUs" : ""}`).join(", ");
}

/** The accepted key types, the ECDSA curves named together: "`ssh-rsa`, `ssh-ed25519`, `ecdsa-sha2-nistp256/384/521`". */
function sshKeyTypes(): string {
  const ECDSA = "ecdsa-sha2-nistp";
  const curves = SSH_KEY_TYPES.filter((type) => type.startsWith(ECDSA)).map((type) => type.slice(ECDSA.length));
  const others = SSH_KEY_TYPES.filter((type) => !type.startsWith(ECDSA));
  return [...others, ...(curves.length ? [`${ECDSA}${curves.join("/")}`] : [])].map((type) => `\`${type}\``).join(", ");
}

const CLUSTER_TYPES = ["enhanced", "basic"] as const;

export const OPTIONS = {
  compartmentId: {
    type: "string",
    required: "ocid1.compartment.oc1..<id>",
    description: "OCID of the compartment for every resource (required).",
    limits: "a compartment or tenancy OCID (`ocid1.compartment.…`, `ocid1.tenancy.…`); `Pulumi.dev.yaml` holds a placeholder",
  },
  kubernetesVersion: {
    type: "string",
    required: "v1.33.1",
    description: `Kubernetes version for the cluster and ${NODE_POOL_NAME}, such as v1.33.1; must be one the region offers (required).`,
    limits: "`vMAJOR.MINOR.PATCH`, one the region offers (a wrong one lists the offered ones)",
  },
  clusterName: {
    type: "string",
    default: "cluster1",
    description: "Cluster name; display names follow oke-<type>-quick-<clusterName>-<id> and the VCN DNS label is derived from it.",
    limits: `the \`<n>\` of every display name and ${NODE_POOL_NAME}'s \`name\` node label: a letter, then letters, digits and hyphens, ending in a letter or digit, at most ${LABEL_VALUE.maxLength} characters (a Kubernetes label value; every derived display name then stays within OCI's ${MAX_DISPLAY_NAME_LENGTH}); the VCN DNS label is its alphanumerics (${VCN_DNS_LABEL_MAX_LENGTH} max)`,
  },
  nameSuffix: {
    type: "string",
    default: "",
    whenUnset: "derived from project, stack and cluster name",
    description: `The ${NAME_SUFFIX_LENGTH}-hex-digit <id> in every display name; empty derives a stable one from project, stack and cluster name.`,
    limits: `exactly ${NAME_SUFFIX_LENGTH} lowercase hex digits, the \`<id>\``,
  },
  clusterType: {
    type: "string",
    default: "enhanced",
    choices: CLUSTER_TYPES,
    description: "enhanced (the console's default) or basic.",
    limits: CLUSTER_TYPES.map((type) => `\`${type}\``).join(" or "),
  },
  cni: {
    type: "string",
    default: "vcn-native",
    choices: ["vcn-native", "flannel"],
    description: "vcn-native (OCI VCN-native pod networking, the console's default) or flannel (overlay).",
    limits: `\`vcn-native\` (pods in the worker subnet, ${MAX_PODS_PER_NODE} per node) or \`flannel\` (overlay, \`podsCidr\`)`,
  },
  endpointPublic: {
    type: "boolean",
    default: true,
    description: "Give the Kubernetes API endpoint a public IP.",
    limits: "public or private Kubernetes API endpoint",
  },
  workersPublic: {
    type: "boolean",
    default: false,
    description:
      'Put worker nodes in a public subnet (then no NAT or service gateway is built). The default policy pack refuses it (mandatory worker-subnet-private) unless the pack\'s config allows it: write {"worker-subnet-private": {"allowPublicWorkers": true}} to policy-config.json and pass --policy-pack-config policy-config.json.',
    limits: "public workers drop the NAT and service gateways and use the public route table",
  },
  nodeShape: {
    type: "string",
    default: DEFAULT_NODE_SHAPE,
    description: "Node shape.",
    limits: "one of the region's node-pool shapes (a wrong one lists them); Arm shapes get the aarch64 OKE image, GPU shapes the GPU image",
  },
  nodeOcpus: {
    type: "integer",
    default: 0,
    whenUnset: `the shape default, ${DEFAULT_FLEX_OCPUS} OCPU on ${shortShape(DEFAULT_NODE_SHAPE)}`,
    description: `OCPUs per node, flex shapes only (${shortShape(DEFAULT_NODE_SHAPE)} ${defaultShape.ocpus.min}-${defaultShape.ocpus.max}); 0 keeps the shape default (${DEFAULT_FLEX_OCPUS}). A fixed shape refuses a value.`,
    limits: `flex shapes only, within the shape's range: ${ocpuRanges()} (other flex shapes: ${ANY_FLEX.memoryPerOcpuGbs.min}–${ANY_FLEX.memoryPerOcpuGbs.max} GB per OCPU only); a fixed shape refuses any non-zero value`,
  },
  nodeMemoryGbs: {
    type: "integer",
    default: 0,
    whenUnset: `the shape default, ${defaultShape.defaultMemoryPerOcpuGbs} GB per OCPU on ${shortShape(DEFAULT_NODE_SHAPE)}`,
    description: `Memory per node in GB, flex shapes only (${defaultShape.memoryPerOcpuGbs.min}-${defaultShape.memoryPerOcpuGbs.max} GB per OCPU within the shape's maximum); 0 keeps the shape default (${defaultShape.defaultMemoryPerOcpuGbs} GB per OCPU for ${shortShape(DEFAULT_NODE_SHAPE)}). A fixed shape refuses a value.`,
    limits: `flex shapes only: ${defaultShape.memoryPerOcpuGbs.min}–${defaultShape.memoryPerOcpuGbs.max} GB per OCPU up to the shape's maximum (${defaultShape.maxMemoryGbs} GB on ${shortShape(DEFAULT_NODE_SHAPE)}, ${FLEX_SHAPES[ARM_SHAPE].maxMemoryGbs} on ${shortShape(ARM_SHAPE)}); a fixed shape refuses any non-zero value`,
  },
  nodeCount: {
    type: "integer",
    default: NODE_POOL_SIZE,
    description: `Number of nodes in ${NODE_POOL_NAME} (${MIN_NODES_PER_POOL}-${MAX_NODES_PER_POOL}, OKE's limit per pool), spread over fault domains.`,
    limits: `${MIN_NODES_PER_POOL}–${MAX_NODES_PER_POOL} (OKE's limit per node pool)`,
  },
  nodeImageId: {
    type: "string",
    default: "",
    whenUnset: "the newest Oracle Linux OKE image for the version and the shape (x86_64, aarch64 or GPU)",
    description:
      "Node image OCID (ocid1.image.); empty picks the newest Oracle Linux OKE image for the version and the shape (aarch64 for Arm, GPU for GPU shapes).",
    limits: "an image OCID (`ocid1.image.…`) built for the shape and, for an OKE image, for `kubernetesVersion`",
  },
  bootVolumeSizeGbs: {
    type: "integer",
    default: 0,
    whenUnset: `the image default ("${IMAGE_DEFAULT_BOOT_VOLUME_GBS} GB")`,
    description: `Boot volume size in GB, ${BOOT_VOLUME_GBS.min} to ${BOOT_VOLUME_GBS.max}; 0 keeps the image default (the "${IMAGE_DEFAULT_BOOT_VOLUME_GBS} GB").`,
    limits: `${BOOT_VOLUME_GBS.min}–${BOOT_VOLUME_GBS.max} (${BOOT_VOLUME_GBS.max / 1024} TB)`,
  },
  sshPublicKey: {
    type: "string",
    default: "",
    whenUnset: "no key",
    description: "SSH public key for the nodes; empty for none.",
    limits: `one OpenSSH public key line (${sshKeyTypes()}) whose base64 body names the same type; a private key is refused without being printed`,
  },
  vcnCidr: {
    type: "string",
    default: ADDRESS_PLAN.vcnCidr,
    description: "VCN address range.",
    limits: `${CIDR_RULE}, /${VCN_PREFIX.widest} to /${VCN_PREFIX.narrowest}`,
  },
  endpointSubnetCidr: {
    type: "string",
    default: ADDRESS_PLAN.endpointSubnetCidr,
    description: "Kubernetes API endpoint subnet.",
    limits: SUBNET_RULE,
  },
  workerSubnetCidr: {
    type: "string",
    default: ADDRESS_PLAN.workerSubnetCidr,
    description: "Worker node subnet (also the pods' with vcn-native).",
    limits: SUBNET_RULE,
  },
  lbSubnetCidr: {
    type: "string",
    default: ADDRESS_PLAN.lbSubnetCidr,
    description: "Load balancer subnet.",
    limits: SUBNET_RULE,
  },
  podsCidr: {
    type: "string",
    default: ADDRESS_PLAN.podsCidr,
    description: "Pod overlay network, used only with flannel.",
    limits: `${CIDR_RULE}; only with flannel: outside the VCN and servicesCidr, holding a /${PODS_PER_NODE_PREFIX} per node`,
  },
  servicesCidr: {
    type: "string",
    default: ADDRESS_PLAN.servicesCidr,
    description: "Kubernetes service network.",
    limits: `${CIDR_RULE}, /${SERVICES_PREFIX.widest} to /${SERVICES_PREFIX.narrowest} (OKE's cluster DNS sits at .5.5 of it), outside the VCN`,
  },
  kubeconfigAuth: {
    type: "string",
    default: "oci-cli",
    choices: ["oci-cli", "token-helper"],
    description: "How the exported kubeconfig and provider get tokens - oci-cli (Quick Create's) or token-helper (the bundled oke-token).",
    limits: "`oci-cli` or `token-helper` (see docs/kubernetes.md)",
  },
  deploySample: {
    type: "boolean",
    default: false,
    description: "Deploy the smoke workload (3 replicas over fault domains behind a flexible load balancer).",
    limits: "deploy the smoke workload",
  },
  bastion: {
    type: "boolean",
    default: false,
    description: "Build an OCI Bastion into the worker subnet to reach private nodes (SSH) and a private API endpoint; needs bastionClientCidrs.",
    limits: "build an OCI Bastion into the worker subnet (see docs/bastion.md)",
  },
  bastionClientCidrs: {
    type: "array",
    items: "string",
    default: [],
    description:
      "Address ranges allowed to open bastion sessions, set with pulumi config set --path 'bastionClientCidrs[0]' 203.0.113.0/24 (required with bastion).",
    limits: `required with \`bastion\`: 1 to ${MAX_BASTION_CLIENT_CIDRS} distinct IPv4 CIDRs, without leading zeros; set entries with \`pulumi config set --path 'bastionClientCidrs[0]' 203.0.113.0/24\``,
  },
  nodeCyclingMaximumSurge: {
    type: "string",
    // OKE's own defaults for NodePoolCyclingDetails: one node added before one is drained, none missing.
    default: "1",
    description: `Enhanced clusters - extra nodes OKE may add while it replaces ${NODE_POOL_NAME}'s nodes after a version or image change; a count (0 to nodeCount) or a percentage.`,
    limits: "enhanced clusters: a count (0 to `nodeCount`) or a percentage (0% to 100%)",
  },
  nodeCyclingMaximumUnavailable: {
    type: "string",
    default: "0",
    description: `Enhanced clusters - nodes OKE may take away while it replaces ${NODE_POOL_NAME}'s nodes; a count (0 to nodeCount) or a percentage. 0 keeps nodeCount nodes throughout.`,
    limits: "enhanced clusters: a count (0 to `nodeCount`) or a percentage (0% to 100%); not 0 together with a surge of 0",
  },
  nodeImageRefresh: {
    type: "boolean",
    default: false,
    description: `Move ${NODE_POOL_NAME} to the newest image for its Kubernetes version; false keeps the image the deployed pool runs.`,
    limits: `\`true\` moves ${NODE_POOL_NAME} to the newest image for its version; refused together with \`nodeImageId\``,
  },
} as const satisfies Record<string, Option>;

type Options = typeof OPTIONS;
export type OptionKey = keyof Options;

/** Keys Pulumi.yaml declares without a default: the CLI refuses to run until they are set. */
export type RequiredKey = { [K in OptionKey]: Options[K] extends { required: string } ? K : never }[OptionKey];

/** A value as the program takes it; arrays arrive as read from config and are checked in resolveSettings. */
type ValueOf<O> = O extends { choices: readonly (infer C)[] }
  ? C
  : O extends { type: "string" }
    ? string
    : O extends { type: "integer" }
      ? number
      : O extends { type: "boolean" }
        ? boolean
        : unknown;

export type OptionValues = { -readonly [K in OptionKey]: ValueOf<Options[K]> };

/** Keys whose default ("" or 0) stands for "not set": after resolution they are present only when set. */
export type UnsetKey = { [K in OptionKey]: Options[K] extends { whenUnset: string } ? K : never }[OptionKey];

/** A value after resolveSettings has checked it: a list of strings is then a list of strings. */
export type ResolvedValues = { [K in OptionKey]: Options[K] extends { type: "array"; items: "string" } ? string[] : OptionValues[K] };

/** What a caller passes: the required keys, and any other key left out takes its default. */
export type OptionArgs = { [K in RequiredKey]: OptionValues[K] } & { [K in Exclude<OptionKey, RequiredKey>]?: OptionValues[K] };

export const OPTION_KEYS = Object.keys(OPTIONS) as OptionKey[];

export function optionOf(key: OptionKey): Option {
  return OPTIONS[key];
}

/** Pulumi.yaml's default of every optional key. */
export const OPTION_DEFAULTS = Object.fromEntries(
  OPTION_KEYS.flatMap((key) => {
    const option = optionOf(key);
    return "default" in option ? [[key, option.default]] : [];
  }),
) as { readonly [K in Exclude<OptionKey, RequiredKey>]: OptionValues[K] };
