import {
  Cidr,
  KUBERNETES_VERSION,
  NAME_SUFFIX_LENGTH,
  NAME_SUFFIX_PATTERN,
  PROJECT_NAME,
  canonicalCidrText,
  contains,
  overlaps,
  parseCidr,
  quickCreateNames,
} from "../policies/contract";
import * as pulumi from "@pulumi/pulumi";
import { QuickCreateConfigError, shownValue } from "./errors";
import { KubeconfigAuthMode } from "./kubeconfig";
import {
  BOOT_VOLUME_GBS,
  COMPARTMENT_OCID,
  IMAGE_DEFAULT_BOOT_VOLUME_GBS,
  IMAGE_OCID,
  LABEL_VALUE,
  MAX_BASTION_CLIENT_CIDRS,
  MAX_DISPLAY_NAME_LENGTH,
  MAX_NODES_PER_POOL,
  MIN_NODES_PER_POOL,
  PODS_PER_NODE_PREFIX,
  SERVICES_PREFIX,
  SUBNET_NARROWEST_PREFIX,
  VCN_PREFIX,
} from "./limits";
import { OPTION_DEFAULTS, OptionArgs, OptionKey, OPTIONS, OptionValues, ResolvedValues, UnsetKey } from "./options";
import { isFlexShape, resolveShapeSizing } from "./shapes";
import { checkSshPublicKey } from "./sshKey";

export type ClusterType = OptionValues["clusterType"];
export type Cni = OptionValues["cni"];
export type KubeconfigAuth = KubeconfigAuthMode;

/**
 * Everything Quick Create lets you choose, plus the address plan it fixes, as components/options.ts
 * declares it. Each option's default is the console's: leaving an option out gives what Quick Create gives.
 */
export type QuickCreateArgs = OptionArgs;

/** The address plan's keys (`vcnCidr`, `workerSubnetCidr`, …), resolved into `cidrs`. */
type AddressKey = Extract<OptionKey, `${string}Cidr`>;
/** The node cycling keys (`nodeCyclingMaximumSurge`, …), resolved into `nodeCycling`. */
type CyclingKey = Extract<OptionKey, `nodeCycling${string}`>;

/** The address plan, every CIDR checked: `vcnCidr` is `vcn`, `workerSubnetCidr` is `workerSubnet`. */
export type AddressPlan = { [K in AddressKey as K extends `${infer Name}Cidr` ? Name : never]: string };

/** How OKE replaces pool1's nodes after a version or image change; kept as text because OKE takes a count or a percentage. */
export type NodeCyclingSettings = { [K in CyclingKey as K extends `nodeCycling${infer Name}` ? Uncapitalize<Name> : never]: string };

type Flat<T> = { [K in keyof T]: T[K] };

/**
 * Settings after defaults and validation, one field per option of components/options.ts: every field
 * present but the `whenUnset` ones (nodeOcpus and nodeMemoryGbs are set for flex shapes only, a fixed
 * shape's size being the shape), the address plan gathered in `cidrs` and node cycling in `nodeCycling`.
 * `bastionClientCidrs` is empty when `bastion` is off.
 */
export type QuickCreateSettings = Flat<
  { [K in Exclude<OptionKey, UnsetKey | AddressKey | CyclingKey>]: ResolvedValues[K] } & { [K in UnsetKey]?: ResolvedValues[K] } & {
    cidrs: AddressPlan;
    nodeCycling: NodeCyclingSettings;
  }
>;

export const DEFAULTS = OPTION_DEFAULTS;

const CLUSTER_NAME_PATTERN = /^[A-Za-z][A-Za-z0-9-]*$/;

/** The value as the error shows it: escaped and cut (tools/common/echo.js), lists as their JSON. */
function shown(value: unknown): string {
  return typeof value === "string" ? shownValue(value) : shownValue(JSON.stringify(value) ?? String(value), false);
}

/**
 * Whether the stack holds the setting as a secret (`pulumi config set --secret`): then an error never
 * quotes it, as Pulumi never shows a secret. The runtime keeps the list the CLI passes; outside a
 * Pulumi run (unit tests) there is none.
 */
function isSecretSetting(key: string): boolean {
  const runtime = pulumi.runtime as unknown as { isConfigSecret?: (fullKey: string) => boolean };
  try {
    return runtime.isConfigSecret?.(`${PROJECT_NAME}:${key}`) ?? false;
  } catch {
    return false;
  }
}

function fail(key: string, value: unknown, allowed: string): never {
  throw new QuickCreateConfigError(key, `Invalid value ${isSecretSetting(key) ? "[secret]" : shown(value)} for ${key}: ${allowed}.`);
}

/** Why a CIDR was refused: leading zeros get their canonical form, anything else the general rule. */
function cidrHint(text: string, example: string): string {
  const canonical = canonicalCidrText(text);
  return canonical
    ? `write it without leading zeros, ${canonical} (a leading zero reads as octal to some tools)`
    : `use an IPv4 network in CIDR notation whose address is the network's first, such as ${example}`;
}

function oneOf<T extends string>(key: string, value: T | undefined, allowed: readonly T[], fallback: T): T {
  if (value === undefined) return fallback;
  if (!allowed.includes(value)) fail(key, value, `use ${allowed.map((a) => `"${a}"`).join(" or ")}`);
  return value;
}

/** Whole numbers within OCI's bounds; anything past them (or past 2^53) is refused, never used as a count. */
function wholeNumber(key: string, value: number | undefined, min: number, max: number, fallback: number, why: string): number {
  if (value === undefined) return fallback;
  if (!Number.isSafeInteger(value) || value < min || value > max) fail(key, value, `use a whole number from ${min} to ${max}${why}`);
  return value;
}

/**
 * The cluster name becomes the pool's `name` node label and part of every display name, so it must
 * be a valid Kubernetes label value and keep the longest derived name within OCI's limit.
 */
function clusterNameOf(value: string | undefined): string {
  const name = value ?? DEFAULTS.clusterName;
  if (!CLUSTER_NAME_PATTERN.test(name)) fail("clusterName", name, "start with a letter and use only letters, digits and hyphens");
  if (name.length > LABEL_VALUE.maxLength || !LABEL_VALUE.pattern.test(name)) {
    fail(
      "clusterName",
      name,
      `it is also the node pool's "name" label, a Kubernetes label value: at most ${LABEL_VALUE.maxLength} characters ending in a letter or digit`,
    );
  }
  const longest = Object.values(quickCreateNames(name, "0".repeat(NAME_SUFFIX_LENGTH))).reduce((a, b) => (b.length > a.length ? b : a), "");
  if (longest.length > MAX_DISPLAY_NAME_LENGTH) {
    fail(
      "clusterName",
      name,
      `the display name ${longest.slice(0, 40)}… would be ${longest.length} characters, over OCI's ${MAX_DISPLAY_NAME_LENGTH}; choose a shorter name`,
    );
  }
  return name;
}

function cidr(key: string, value: string | undefined, fallback: string): Cidr {
  const text = value ?? fallback;
  const parsed = parseCidr(text);
  if (!parsed) fail(key, text, cidrHint(text, DEFAULTS.workerSubnetCidr));
  return parsed;
}

/** Checks the address plan the way OCI and Kubernetes would reject it, but before anything exists. */
function addressPlan(args: QuickCreateArgs, cni: Cni, nodeCount: number): AddressPlan {
  const vcn = cidr("vcnCidr", args.vcnCidr, DEFAULTS.vcnCidr);
  const subnets: [string, Cidr][] = [
    ["endpointSubnetCidr", cidr("endpointSubnetCidr", args.endpointSubnetCidr, DEFAULTS.endpointSubnetCidr)],
    ["workerSubnetCidr", cidr("workerSubnetCidr", args.workerSubnetCidr, DEFAULTS.workerSubnetCidr)],
    ["lbSubnetCidr", cidr("lbSubnetCidr", args.lbSubnetCidr, DEFAULTS.lbSubnetCidr)],
  ];
  if (vcn.prefix < VCN_PREFIX.widest || vcn.prefix > VCN_PREFIX.narrowest)
    fail("vcnCidr", vcn.text, `OCI accepts VCNs from /${VCN_PREFIX.widest} to /${VCN_PREFIX.narrowest}`);
  for (const [key, subnet] of subnets) {
    if (!contains(vcn, subnet)) fail(key, subnet.text, `choose a subnet inside vcnCidr ${vcn.text}`);
    if (subnet.prefix > SUBNET_NARROWEST_PREFIX) fail(key, subnet.text, `OCI subnets are /${SUBNET_NARROWEST_PREFIX} or larger`);
  }
  for (let i = 0; i < subnets.length; i++) {
    for (let j = i + 1; j < subnets.length; j++) {
      if (overlaps(subnets[i][1], subnets[j][1])) {
        fail(subnets[j][0], subnets[j][1].text, `it overlaps ${subnets[i][0]} ${subnets[i][1].text}; choose a range that does not`);
      }
    }
  }
  const services = cidr("servicesCidr", args.servicesCidr, DEFAULTS.servicesCidr);
  if (services.prefix < SERVICES_PREFIX.widest || services.prefix > SERVICES_PREFIX.narrowest) {
    fail(
      "servicesCidr",
      services.text,
      `Kubernetes takes a service range from /${SERVICES_PREFIX.widest} to /${SERVICES_PREFIX.narrowest} (OKE puts cluster DNS at .5.5 of it), such as ${DEFAULTS.servicesCidr}`,
    );
  }
  if (overlaps(services, vcn)) fail("servicesCidr", services.text, `it overlaps vcnCidr ${vcn.text}; choose a range outside the VCN`);
  const pods = cidr("podsCidr", args.podsCidr, DEFAULTS.podsCidr);
  // With VCN-native pods the pods take worker-subnet addresses, so podsCidr is never used.
  if (cni === "flannel") {
    if (overlaps(pods, vcn)) fail("podsCidr", pods.text, `it overlaps vcnCidr ${vcn.text}; choose a range outside the VCN`);
    if (overlaps(pods, services)) fail("podsCidr", pods.text, `it overlaps servicesCidr ${services.text}; choose a range that does not`);
    // OKE gives each node a /25 of it: the range must hold nodeCount of them.
    const blocks = pods.prefix > PODS_PER_NODE_PREFIX ? 0 : 2 ** (PODS_PER_NODE_PREFIX - pods.prefix);
    if (blocks < nodeCount) {
      const needed = PODS_PER_NODE_PREFIX - Math.ceil(Math.log2(nodeCount));
      fail(
        "podsCidr",
        pods.text,
        `OKE gives each of the ${nodeCount} node${nodeCount === 1 ? "" : "s"} a /${PODS_PER_NODE_PREFIX} of it, so use a /${needed} or wider, such as ${DEFAULTS.podsCidr}`,
      );
    }
  }
  return {
    vcn: vcn.text,
    endpointSubnet: subnets[0][1].text,
    workerSubnet: subnets[1][1].text,
    lbSubnet: subnets[2][1].text,
    pods: pods.text,
    services: services.text,
  };
}

const CIDR_LIST_EXAMPLE = "`pulumi config set --path 'bastionClientCidrs[0]' 203.0.113.0/24` (your own address range)";

/** The allow-list only matters with a bastion; without one it is not read, so stale values do no harm. */
function bastionClientCidrs(bastion: boolean, value: unknown): string[] {
  if (!bastion) return [];
  if (value === undefined || value === null || (Array.isArray(value) && value.length === 0)) {
    fail("bastionClientCidrs", value ?? [], `bastion is on, so list the address ranges allowed to open sessions with ${CIDR_LIST_EXAMPLE}`);
  }
  if (!Array.isArray(value)) fail("bastionClientCidrs", value, `use a list of CIDRs set with ${CIDR_LIST_EXAMPLE}`);
  const cidrs = value as unknown[];
  for (const item of cidrs) {
    if (typeof item !== "string" || !parseCidr(item)) {
      const canonical = typeof item === "string" ? canonicalCidrText(item) : undefined;
      if (canonical) fail("bastionClientCidrs", value, `${shown(item)} has leading zeros; write ${canonical} (a leading zero reads as octal to some tools)`);
      fail(
        "bastionClientCidrs",
        value,
        `${shown(item)} is not an IPv4 network in CIDR notation such as 203.0.113.0/24; set each entry with ${CIDR_LIST_EXAMPLE}`,
      );
    }
  }
  const texts = cidrs as string[];
  const duplicate = texts.find((c, i) => texts.indexOf(c) !== i);
  if (duplicate) fail("bastionClientCidrs", value, `${duplicate} is listed twice and OCI accepts each range once; remove the duplicate`);
  if (texts.length > MAX_BASTION_CLIENT_CIDRS) fail("bastionClientCidrs", value, `OCI accepts at most ${MAX_BASTION_CLIENT_CIDRS} ranges; merge some`);
  return texts;
}

/** Applies Quick Create's defaults and rejects bad input with one sentence naming the key, before any resource exists. */
export function resolveSettings(args: QuickCreateArgs): QuickCreateSettings {
  if (!args.compartmentId) fail("compartmentId", args.compartmentId ?? "", "set it to the OCID of the compartment, ocid1.compartment.oc1..<id>");
  if (!COMPARTMENT_OCID.test(args.compartmentId))
    fail(
      "compartmentId",
      args.compartmentId,
      "use a compartment or tenancy OCID (ocid1.compartment.… or ocid1.tenancy.…), such as ocid1.compartment.oc1..<id>",
    );
  if (!args.kubernetesVersion) fail("kubernetesVersion", args.kubernetesVersion ?? "", "set it to a version the region offers, such as v1.33.1");
  if (!KUBERNETES_VERSION.test(args.kubernetesVersion)) fail("kubernetesVersion", args.kubernetesVersion, "use the form vMAJOR.MINOR.PATCH, such as v1.33.1");
  const clusterName = clusterNameOf(args.clusterName);
  if (args.nameSuffix !== undefined && !NAME_SUFFIX_PATTERN.test(args.nameSuffix))
    fail("nameSuffix", args.nameSuffix, `use ${NAME_SUFFIX_LENGTH} lowercase hexadecimal digits, or leave it unset to derive one`);
  const cni = oneOf("cni", args.cni, OPTIONS.cni.choices, DEFAULTS.cni);
  const nodeShape = args.nodeShape ?? DEFAULTS.nodeShape;
  if (!/^[A-Za-z0-9.]+$/.test(nodeShape)) fail("nodeShape", nodeShape, `use an OCI shape name such as ${DEFAULTS.nodeShape}`);
  const bootVolume = args.bootVolumeSizeGbs;
  if (bootVolume !== undefined && (!Number.isSafeInteger(bootVolume) || bootVolume < BOOT_VOLUME_GBS.min || bootVolume > BOOT_VOLUME_GBS.max)) {
    fail(
      "bootVolumeSizeGbs",
      bootVolume,
      `use a whole number of GB from ${BOOT_VOLUME_GBS.min} to ${BOOT_VOLUME_GBS.max} (${BOOT_VOLUME_GBS.max / 1024} TB), or leave it unset for the image default (about ${IMAGE_DEFAULT_BOOT_VOLUME_GBS} GB)`,
    );
  }
  const sizing = resolveShapeSizing(nodeShape, args.nodeOcpus, args.nodeMemoryGbs);
  const nodeCount = wholeNumber("nodeCount", args.nodeCount, MIN_NODES_PER_POOL, MAX_NODES_PER_POOL, DEFAULTS.nodeCount, ", OKE's limit per node pool");
  if (args.nodeImageId !== undefined && !IMAGE_OCID.test(args.nodeImageId)) {
    fail("nodeImageId", args.nodeImageId, "use an image OCID (ocid1.image.oc1.<region>.<id>), or leave it unset for the newest OKE image for the shape");
  }
  const sshPublicKey = args.sshPublicKey === undefined ? undefined : checkSshPublicKey(args.sshPublicKey);
  return {
    compartmentId: args.compartmentId,
    kubernetesVersion: args.kubernetesVersion,
    clusterName,
    nameSuffix: args.nameSuffix,
    clusterType: oneOf("clusterType", args.clusterType, OPTIONS.clusterType.choices, DEFAULTS.clusterType),
    cni,
    endpointPublic: args.endpointPublic ?? DEFAULTS.endpointPublic,
    workersPublic: args.workersPublic ?? DEFAULTS.workersPublic,
    nodeShape,
    nodeOcpus: sizing?.ocpus,
    nodeMemoryGbs: sizing?.memoryGbs,
    nodeCount,
    nodeImageId: args.nodeImageId,
    bootVolumeSizeGbs: bootVolume,
    sshPublicKey,
    cidrs: addressPlan(args, cni, nodeCount),
    kubeconfigAuth: oneOf("kubeconfigAuth", args.kubeconfigAuth, OPTIONS.kubeconfigAuth.choices, DEFAULTS.kubeconfigAuth),
    deploySample: args.deploySample ?? DEFAULTS.deploySample,
    bastion: args.bastion ?? DEFAULTS.bastion,
    bastionClientCidrs: bastionClientCidrs(args.bastion ?? DEFAULTS.bastion, args.bastionClientCidrs),
    nodeCycling: nodeCycling(args, nodeCount),
    nodeImageRefresh: args.nodeImageRefresh ?? DEFAULTS.nodeImageRefresh,
  };
}

const CYCLING_AMOUNT = /^(\d+)(%?)$/;

/**
 * OKE takes maximumSurge and maximumUnavailable as a count from 0 to the pool's size or a percentage
 * from 0% to 100% (NodePoolCyclingDetails); with both at zero no node could ever be replaced.
 */
function nodeCycling(args: QuickCreateArgs, nodeCount: number): NodeCyclingSettings {
  const amount = (key: string, value: string | undefined, fallback: string): string => {
    const text = value ?? fallback;
    const match = CYCLING_AMOUNT.exec(text);
    const limit = match?.[2] ? 100 : nodeCount;
    if (!match || Number(match[1]) > limit) {
      fail(key, text, `use a whole number from 0 to nodeCount (${nodeCount}) or a percentage from 0% to 100%`);
    }
    return text;
  };
  const maximumSurge = amount("nodeCyclingMaximumSurge", args.nodeCyclingMaximumSurge, DEFAULTS.nodeCyclingMaximumSurge);
  const maximumUnavailable = amount("nodeCyclingMaximumUnavailable", args.nodeCyclingMaximumUnavailable, DEFAULTS.nodeCyclingMaximumUnavailable);
  if (parseInt(maximumSurge, 10) === 0 && parseInt(maximumUnavailable, 10) === 0) {
    fail(
      "nodeCyclingMaximumUnavailable",
      maximumUnavailable,
      "with nodeCyclingMaximumSurge also 0 OKE could never replace a node; allow at least one extra or one missing node",
    );
  }
  return { maximumSurge, maximumUnavailable };
}

export { isFlexShape };
