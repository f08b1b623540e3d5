/**
 * Every stack option, declared once. Pulumi.yaml's `config:` block and docs/options.md are generated
 * from this table (`npm run options`) and a unit test fails when they drift; the defaults
 * `resolveSettings` applies, the `QuickCreateArgs` type and `readStackConfig` are derived from it.
 *
 * `description` is Pulumi.yaml's one line; `limits` is what the validation in components/settings.ts
 * (and shapes.ts, sshKey.ts) accepts, in words, for docs/options.md. A key with `whenUnset` uses its
 * default ("" or 0) to mean "not set", because Pulumi.yaml must give every optional key a default;
 * `whenUnset` says what happens then. Every string key takes "" as unset.
 */

import { ADDRESS_PLAN } from "../policies/contract";
import { BOOT_VOLUME_GBS, MAX_NODES_PER_POOL } from "./limits";

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
    description: "Kubernetes version for the cluster and pool1, such as v1.33.1; must be one the region offers (required).",
    limits: "`vMAJOR.MINOR.PATCH`, one the region offers (a wrong one lists the offered ones)",
  },
  clusterName: {
    type: "string",
    default: "cluster1",
    description: "Cluster name; display names follow oke-<type>-quick-<clusterName>-<id> and the VCN DNS label is derived from it.",
    limits:
      "the `<n>` of every display name and pool1's `name` node label: a letter, then letters, digits and hyphens, ending in a letter or digit, at most 63 characters (a Kubernetes label value; every derived display name then stays within OCI's 255); the VCN DNS label is its alphanumerics (15 max)",
  },
  nameSuffix: {
    type: "string",
    default: "",
    whenUnset: "derived from project, stack and cluster name",
    description: "The 9-hex-digit <id> in every display name; empty derives a stable one from project, stack and cluster name.",
    limits: "exactly 9 lowercase hex digits, the `<id>`",
  },
  clusterType: {
    type: "string",
    default: "enhanced",
    choices: ["enhanced", "basic"],
    description: "enhanced (the console's default) or basic.",
    limits: "`enhanced` or `basic`",
  },
  cni: {
    type: "string",
    default: "vcn-native",
    choices: ["vcn-native", "flannel"],
    description: "vcn-native (OCI VCN-native pod networking, the console's default) or flannel (overlay).",
    limits: "`vcn-native` (pods in the worker subnet, 31 per node) or `flannel` (overlay, `podsCidr`)",
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
      "Put worker nodes in a public subnet (then no NAT or service gateway is built). The default policy pack refuses it (mandatory worker-subnet-private) unless the pack's config allows it: write {\"worker-subnet-private\": {\"allowPublicWorkers\": true}} to policy-config.json and pass --policy-pack-config policy-config.json.",
    limits: "public workers drop the NAT and service gateways and use the public route table",
  },
  nodeShape: {
    type: "string",
    default: "VM.Standard.E4.Flex",
    description: "Node shape.",
    limits: "one of the region's node-pool shapes (a wrong one lists them); Arm shapes get the aarch64 OKE image, GPU shapes the GPU image",
  },
  nodeOcpus: {
    type: "integer",
    default: 0,
    whenUnset: "the shape default, 1 OCPU on E4.Flex",
    description: "OCPUs per node, flex shapes only (E4.Flex 1-64); 0 keeps the shape default (1). A fixed shape refuses a value.",
    limits:
      "flex shapes only, within the shape's range: E3/E4.Flex 1–64 OCPUs, E5.Flex 1–94, Standard3.Flex 1–32, Optimized3.Flex 1–18, A1.Flex 1–80 (other flex shapes: 1–64 GB per OCPU only); a fixed shape refuses any non-zero value",
  },
  nodeMemoryGbs: {
    type: "integer",
    default: 0,
    whenUnset: "the shape default, 16 GB per OCPU on E4.Flex",
    description:
      "Memory per node in GB, flex shapes only (1-64 GB per OCPU within the shape's maximum); 0 keeps the shape default (16 GB per OCPU for E4.Flex). A fixed shape refuses a value.",
    limits: "flex shapes only: 1–64 GB per OCPU up to the shape's maximum (1024 GB on E4.Flex, 512 on A1.Flex); a fixed shape refuses any non-zero value",
  },
  nodeCount: {
    type: "integer",
    default: 3,
    description: `Number of nodes in pool1 (1-${MAX_NODES_PER_POOL}, OKE's limit per pool), spread over fault domains.`,
    limits: `1–${MAX_NODES_PER_POOL} (OKE's limit per node pool)`,
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
    whenUnset: "the image default (\"47 GB\")",
    description: `Boot volume size in GB, ${BOOT_VOLUME_GBS.min} to ${BOOT_VOLUME_GBS.max}; 0 keeps the image default (the "47 GB").`,
    limits: `${BOOT_VOLUME_GBS.min}–${BOOT_VOLUME_GBS.max} (32 TB)`,
  },
  sshPublicKey: {
    type: "string",
    default: "",
    whenUnset: "no key",
    description: "SSH public key for the nodes; empty for none.",
    limits: "one OpenSSH public key line (`ssh-rsa`, `ssh-ed25519`, `ecdsa-sha2-nistp256/384/521`) whose base64 body names the same type; a private key is refused without being printed",
  },
  vcnCidr: {
    type: "string",
    default: ADDRESS_PLAN.vcnCidr,
    description: "VCN address range.",
    limits: `${CIDR_RULE}, /16 to /30`,
  },
  endpointSubnetCidr: {
    type: "string",
    default: ADDRESS_PLAN.endpointSubnetCidr,
    description: "Kubernetes API endpoint subnet.",
    limits: `${CIDR_RULE}, /30 or wider, inside the VCN, not overlapping the other subnets`,
  },
  workerSubnetCidr: {
    type: "string",
    default: ADDRESS_PLAN.workerSubnetCidr,
    description: "Worker node subnet (also the pods' with vcn-native).",
    limits: `${CIDR_RULE}, /30 or wider, inside the VCN, not overlapping the other subnets`,
  },
  lbSubnetCidr: {
    type: "string",
    default: ADDRESS_PLAN.lbSubnetCidr,
    description: "Load balancer subnet.",
    limits: `${CIDR_RULE}, /30 or wider, inside the VCN, not overlapping the other subnets`,
  },
  podsCidr: {
    type: "string",
    default: ADDRESS_PLAN.podsCidr,
    description: "Pod overlay network, used only with flannel.",
    limits: `${CIDR_RULE}; only with flannel: outside the VCN and servicesCidr, holding a /25 per node`,
  },
  servicesCidr: {
    type: "string",
    default: ADDRESS_PLAN.servicesCidr,
    description: "Kubernetes service network.",
    limits: `${CIDR_RULE}, /12 to /21 (OKE's cluster DNS sits at .5.5 of it), outside the VCN`,
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
    limits: "required with `bastion`: 1 to 20 distinct IPv4 CIDRs, without leading zeros; set entries with `pulumi config set --path 'bastionClientCidrs[0]' 203.0.113.0/24`",
  },
  nodeCyclingMaximumSurge: {
    type: "string",
    // OKE's own defaults for NodePoolCyclingDetails: one node added before one is drained, none missing.
    default: "1",
    description:
      "Enhanced clusters - extra nodes OKE may add while it replaces pool1's nodes after a version or image change; a count (0 to nodeCount) or a percentage.",
    limits: "enhanced clusters: a count (0 to `nodeCount`) or a percentage (0% to 100%)",
  },
  nodeCyclingMaximumUnavailable: {
    type: "string",
    default: "0",
    description:
      "Enhanced clusters - nodes OKE may take away while it replaces pool1's nodes; a count (0 to nodeCount) or a percentage. 0 keeps nodeCount nodes throughout.",
    limits: "enhanced clusters: a count (0 to `nodeCount`) or a percentage (0% to 100%); not 0 together with a surge of 0",
  },
  nodeImageRefresh: {
    type: "boolean",
    default: false,
    description: "Move pool1 to the newest image for its Kubernetes version; false keeps the image the deployed pool runs.",
    limits: "`true` moves pool1 to the newest image for its version; refused together with `nodeImageId`",
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
