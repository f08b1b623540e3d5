import { PolicyConfigSchema, PolicyResource, ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import { Documented } from "./lib/documented";
import { configWithDefaults, policyConfigHint } from "./lib/config";
import { label, ofType } from "./lib/resources";
import { ADDRESS_PLAN, API_DEFAULT_CNI, CniToken, KUBERNETES_VERSION, ResourceType } from "./contract";
import { UNKNOWN, read, readArray, readPath, show } from "./lib/values";

/**
 * Cluster policies (spec §4): explicit, matching Kubernetes versions and the network CIDRs Quick Create
 * configures.
 */

function clusterLabel(cluster: PolicyResource): string {
  return label(cluster.name, cluster.props, "name");
}

export const kubernetesVersionsMatch: Documented<StackValidationPolicy> = {
  name: "kubernetes-versions-match",
  description:
    'The cluster and every node pool state the same literal Kubernetes version ("vX.Y.Z"), as Quick Create does, so nodes never run a version the control plane did not choose.',
  enforcementLevel: "mandatory",
  validateStack: (args, reportViolation) => {
    const clusters = ofType(args.resources, ResourceType.Cluster);
    const pools = ofType(args.resources, ResourceType.NodePool);
    if (clusters.length === 0) {
      if (pools.length > 0) {
        reportViolation(
          `The stack has ${pools.length} node pool(s) and no cluster, so their Kubernetes version cannot be checked. Fix: declare the cluster in this stack.`,
        );
      }
      return;
    }
    if (clusters.length > 1) {
      reportViolation(`The stack declares ${clusters.length} clusters; Quick Create makes one cluster per stack. Fix: keep one cluster per stack.`);
    }
    const cluster = clusters[0];
    const clusterVersion = read(cluster.props, "kubernetesVersion");
    if (typeof clusterVersion !== "string" || !KUBERNETES_VERSION.test(clusterVersion)) {
      reportViolation(
        `Cluster ${clusterLabel(cluster)} has kubernetesVersion ${show(clusterVersion)}; it must be a literal "vX.Y.Z". ` +
          `Fix: resolve the newest offered version (getClusterOption) into a literal such as "v1.33.1".`,
        cluster.urn,
      );
      return;
    }
    for (const pool of pools) {
      const poolVersion = read(pool.props, "kubernetesVersion");
      if (poolVersion !== clusterVersion) {
        reportViolation(
          `Node pool ${label(pool.name, pool.props, "name")} has kubernetesVersion ${show(poolVersion)} but cluster ${clusterLabel(cluster)} runs "${clusterVersion}". ` +
            `Fix: set the node pool's kubernetesVersion to "${clusterVersion}" (and choose its image for that version).`,
          pool.urn,
        );
      }
    }
  },
  doc: {
    asserts: "The cluster's `kubernetesVersion` is a literal `vX.Y.Z`; every node pool's equals it; one cluster per stack",
    why: "Nodes never run a version the control plane did not choose",
    spec: "§4 Version, §5",
  },
};

const cidrSchema: PolicyConfigSchema = {
  properties: {
    servicesCidr: { type: "string", default: ADDRESS_PLAN.servicesCidr, description: "Kubernetes service CIDR the cluster must use." },
    podsCidr: { type: "string", default: ADDRESS_PLAN.podsCidr, description: "Pod CIDR the cluster must use with flannel overlay networking." },
  },
};

/** The CNI a cluster uses; the API's default (no clusterPodNetworkOptions) is flannel. */
function cniTypeOf(props: unknown): unknown {
  const options = readArray(props, "clusterPodNetworkOptions");
  if (options === UNKNOWN) {
    return UNKNOWN;
  }
  return options.length === 0 ? API_DEFAULT_CNI : read(options[0], "cniType");
}

export const clusterNetworkCidrs: Documented<ResourceValidationPolicy> = {
  name: "cluster-network-cidrs",
  description: `The cluster sets the configured service CIDR (${ADDRESS_PLAN.servicesCidr} by default) and, only with flannel overlay networking, the configured pod CIDR (${ADDRESS_PLAN.podsCidr} by default), as Quick Create does.`,
  enforcementLevel: "mandatory",
  configSchema: cidrSchema,
  validateResource: (args, reportViolation) => {
    if (args.type !== ResourceType.Cluster) {
      return;
    }
    const config = configWithDefaults<{ servicesCidr: string; podsCidr: string }>(cidrSchema, args.getConfig());
    const cluster = label(args.name, args.props, "name");
    const network = readPath(args.props, "options", "kubernetesNetworkConfig");
    const servicesCidr = read(network, "servicesCidr");
    const podsCidr = read(network, "podsCidr");
    if (servicesCidr !== config.servicesCidr) {
      reportViolation(
        `Cluster ${cluster} has options.kubernetesNetworkConfig.servicesCidr ${show(servicesCidr)}; the configured service CIDR is "${config.servicesCidr}". ` +
          `Fix: set servicesCidr to "${config.servicesCidr}", or change the expectation: ${policyConfigHint("cluster-network-cidrs", { servicesCidr: typeof servicesCidr === "string" ? servicesCidr : "<cidr>" })}.`,
      );
    }
    const cni = cniTypeOf(args.props);
    if (cni === CniToken.FLANNEL && podsCidr !== config.podsCidr) {
      reportViolation(
        `Cluster ${cluster} uses flannel overlay networking with options.kubernetesNetworkConfig.podsCidr ${show(podsCidr)}; the configured pod CIDR is "${config.podsCidr}". ` +
          `Fix: set podsCidr to "${config.podsCidr}" or configure the policy's podsCidr.`,
      );
    } else if (cni === CniToken.VCN_NATIVE && podsCidr !== undefined && podsCidr !== null) {
      reportViolation(
        `Cluster ${cluster} uses VCN-native pod networking but sets options.kubernetesNetworkConfig.podsCidr ${show(podsCidr)}; pods take their IPs from the worker subnet, so Quick Create sets no pod CIDR. ` +
          `Fix: remove podsCidr.`,
      );
    } else if (cni !== CniToken.FLANNEL && cni !== CniToken.VCN_NATIVE) {
      reportViolation(
        `Cluster ${cluster} has clusterPodNetworkOptions[0].cniType ${show(cni)}; it must be the literal "${CniToken.VCN_NATIVE}" (Quick Create) or "${CniToken.FLANNEL}". ` +
          `Fix: set clusterPodNetworkOptions: [{ cniType: "${CniToken.VCN_NATIVE}" }].`,
      );
    }
  },
  doc: {
    asserts: `\`options.kubernetesNetworkConfig.servicesCidr\` = \`servicesCidr\` (${ADDRESS_PLAN.servicesCidr}); with \`${CniToken.FLANNEL}\` (also the API default when \`clusterPodNetworkOptions\` is absent) \`podsCidr\` = \`podsCidr\` (${ADDRESS_PLAN.podsCidr}); with \`${CniToken.VCN_NATIVE}\` no \`podsCidr\`; the CNI is one of the two`,
    why: "Quick Create's network config",
    spec: "§1, §4 Network config",
  },
};

/** OKE supports the newest three minors; the default moves when OKE retires one. */
const OLDEST_SUPPORTED_MINOR = "1.31";

const supportSchema: PolicyConfigSchema = {
  properties: {
    oldestSupportedMinor: {
      type: "string",
      pattern: "^[0-9]+\\.[0-9]+$",
      default: OLDEST_SUPPORTED_MINOR,
      description:
        "Oldest Kubernetes minor version OKE still supports (OKE supports the newest three). Update it when OKE retires a version; the pack cannot look it up without credentials.",
    },
  },
};

export const kubernetesVersionSupported: Documented<ResourceValidationPolicy> = {
  name: "kubernetes-version-supported",
  description: `Flags a cluster or node pool on a Kubernetes minor version older than the configured oldest supported one (${OLDEST_SUPPORTED_MINOR} by default), since OKE stops patching and eventually upgrading such clusters.`,
  enforcementLevel: "advisory",
  configSchema: supportSchema,
  validateResource: (args, reportViolation) => {
    if (args.type !== ResourceType.Cluster && args.type !== ResourceType.NodePool) {
      return;
    }
    const { oldestSupportedMinor } = configWithDefaults<{ oldestSupportedMinor: string }>(supportSchema, args.getConfig());
    const version = read(args.props, "kubernetesVersion");
    const m = typeof version === "string" ? KUBERNETES_VERSION.exec(version) : null;
    if (!m) {
      return; // kubernetes-versions-match reports versions that are not literal "vX.Y.Z"
    }
    const [major, minor] = oldestSupportedMinor.split(".").map(Number);
    const tooOld = Number(m[1]) < major || (Number(m[1]) === major && Number(m[2]) < minor);
    if (tooOld) {
      reportViolation(
        `${args.type === ResourceType.Cluster ? "Cluster" : "Node pool"} ${label(args.name, args.props, "name")} runs Kubernetes "${version}", older than ${oldestSupportedMinor}. ` +
          `Fix: upgrade to a version OKE currently offers, or update oldestSupportedMinor in the policy config if OKE's support window moved.`,
      );
    }
  },
  doc: {
    asserts: `Cluster and node pool minor ≥ \`oldestSupportedMinor\` (${OLDEST_SUPPORTED_MINOR})`,
    why: "OKE supports the newest three minors. The newest version is a lookup, so the threshold is config: update it when OKE retires a version",
    spec: "§4 Version",
  },
};

export const podNetworkMatchesNodePool: Documented<StackValidationPolicy> = {
  name: "pod-network-matches-node-pool",
  description: "Flags a node pool whose pod network CNI differs from the cluster's: pods on such nodes get no addresses.",
  enforcementLevel: "advisory",
  validateStack: (args, reportViolation) => {
    const cluster = ofType(args.resources, ResourceType.Cluster)[0];
    if (!cluster) {
      return;
    }
    const clusterCni = cniTypeOf(cluster.props);
    for (const pool of ofType(args.resources, ResourceType.NodePool)) {
      const poolCni = readPath(pool.props, "nodeConfigDetails", "nodePoolPodNetworkOptionDetails", "cniType") ?? API_DEFAULT_CNI;
      if (clusterCni !== UNKNOWN && poolCni !== UNKNOWN && poolCni !== clusterCni) {
        reportViolation(
          `Node pool ${label(pool.name, pool.props, "name")} uses pod network ${show(poolCni)} but cluster ${clusterLabel(cluster)} uses ${show(clusterCni)}. ` +
            `Fix: set nodeConfigDetails.nodePoolPodNetworkOptionDetails.cniType to ${show(clusterCni)}.`,
          pool.urn,
        );
      }
    }
  },
  doc: {
    asserts: "A node pool's `nodePoolPodNetworkOptionDetails.cniType` (flannel when absent) equals the cluster's CNI",
    why: "Pods on a mismatched pool get no addresses",
    spec: "§4 CNI, §5 VCN-native pods",
  },
};

export const clusterResourcePolicies: Documented<ResourceValidationPolicy>[] = [clusterNetworkCidrs, kubernetesVersionSupported];
export const clusterStackPolicies: Documented<StackValidationPolicy>[] = [kubernetesVersionsMatch, podNetworkMatchesNodePool];
