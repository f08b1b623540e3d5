import * as k8s from "./pulumiKubernetes";
import * as oci from "./pulumiOci";
import * as pulumi from "@pulumi/pulumi";
import { QuickCreateBastion } from "./bastion";
import { OkeCluster } from "./cluster";
import { kubeconfigForAuth } from "./kubeconfig";
import { bastionName, componentType, QuickCreateNames, quickCreateNames, stackTagValue } from "../policies/contract";
import { deriveNameSuffix } from "./naming";
import { Network } from "./network";
import { DestroyHooks } from "./destroyHooks";
import { QuickCreateNodePool } from "./nodePool";
import { lookupDeployedState } from "./deployedState";
import { lookupRegionFacts, RegionFacts } from "./regionLookups";
import { SampleWorkload } from "./sampleWorkload";
import { QuickCreateArgs, QuickCreateSettings, resolveSettings } from "./settings";
import { checkClusterType, checkUpgrade, choosePoolImage, nodePoolCycling, PoolImageChoice } from "./upgrade";

/** OKE's kubeconfig token format that `oci ce cluster generate-token` serves. */
export const KUBECONFIG_TOKEN_VERSION = "2.0.0";

/** Display names are derived, never drawn at random, so a later run finds what an earlier one built. */
function nameSuffixOf(settings: QuickCreateSettings): string {
  return settings.nameSuffix ?? deriveNameSuffix(pulumi.getProject(), pulumi.getStack(), settings.clusterName);
}

function namesOf(settings: QuickCreateSettings): QuickCreateNames {
  return quickCreateNames(settings.clusterName, nameSuffixOf(settings));
}

/**
 * Everything the console's Quick Create builds: network, cluster and node pool, with its names.
 * Create it with `QuickCreate.create`, which validates the settings and runs the region lookups
 * before a single resource is registered.
 */
export class QuickCreate extends pulumi.ComponentResource {
  readonly settings: QuickCreateSettings;
  readonly facts: RegionFacts;
  readonly names: QuickCreateNames;
  readonly network: Network;
  readonly cluster: OkeCluster;
  readonly nodePool: QuickCreateNodePool;
  /** OKE's kubeconfig for the configured endpoint (public or private) and auth mode, as a secret. */
  readonly kubeconfig: pulumi.Output<string>;
  /** A Kubernetes provider for the cluster, built from `kubeconfig`, for workloads in the same program. */
  readonly provider: k8s.Provider;
  /** The smoke workload, when `deploySample` is on. */
  readonly sample?: SampleWorkload;
  /** The OCI Bastion into the worker subnet, when `bastion` is on. */
  readonly bastion?: QuickCreateBastion;
  /** Which image pool1 boots and why (kept, newest for a new version, ...), from what is deployed. */
  readonly poolImage: PoolImageChoice;
  /** What `pulumi destroy --run-program` runs around the cluster, subnets and VCN. */
  readonly destroyHooks: DestroyHooks;

  /** Validates `args` (one sentence per mistake), looks up the region, then builds. */
  static async create(name: string, args: QuickCreateArgs & { region: string }, opts?: pulumi.ComponentResourceOptions): Promise<QuickCreate> {
    const settings = resolveSettings(args);
    const names = namesOf(settings);
    const [facts, deployed] = await Promise.all([
      lookupRegionFacts({
        region: args.region,
        compartmentId: settings.compartmentId,
        kubernetesVersion: settings.kubernetesVersion,
        nodeShape: settings.nodeShape,
        nodeImageId: settings.nodeImageId,
      }),
      lookupDeployedState({ compartmentId: settings.compartmentId, clusterName: names.cluster, vcnDisplayName: names.vcn }),
    ]);
    // A version OKE would refuse stops here, before it can reach any resource's inputs.
    checkUpgrade(settings.kubernetesVersion, deployed);
    checkClusterType(settings.clusterType, deployed);
    const poolImage = choosePoolImage({
      newest: facts.nodeImage,
      configuredImageId: settings.nodeImageId,
      kubernetesVersion: settings.kubernetesVersion,
      nodeShape: settings.nodeShape,
      deployed,
      refresh: settings.nodeImageRefresh,
    });
    return new QuickCreate(name, settings, facts, opts, poolImage);
  }

  constructor(name: string, settings: QuickCreateSettings, facts: RegionFacts, opts?: pulumi.ComponentResourceOptions, poolImage?: PoolImageChoice) {
    super(componentType("QuickCreate"), name, {}, opts);
    this.settings = settings;
    this.facts = facts;
    this.poolImage = poolImage ?? { image: facts.nodeImage, reason: "newest for a new pool" };
    this.names = namesOf(settings);
    const child = { parent: this };
    const stackTag = stackTagValue(pulumi.getProject(), pulumi.getStack());
    const kubeconfigEndpoint = settings.endpointPublic ? "PUBLIC_ENDPOINT" : "PRIVATE_ENDPOINT";
    this.destroyHooks = new DestroyHooks(name, {
      stackTag,
      region: facts.region,
      fetchKubeconfig: async (clusterId) => {
        const { content } = await oci.containerengine.getClusterKubeConfig({ clusterId, tokenVersion: KUBECONFIG_TOKEN_VERSION, endpoint: kubeconfigEndpoint });
        return kubeconfigForAuth(content, settings.kubeconfigAuth);
      },
    });

    this.network = new Network(
      `${name}-network`,
      {
        compartmentId: settings.compartmentId,
        clusterName: settings.clusterName,
        names: this.names,
        cidrs: settings.cidrs,
        endpointPublic: settings.endpointPublic,
        workersPublic: settings.workersPublic,
        oracleServices: facts.oracleServices,
        hooks: { subnets: this.destroyHooks.subnets, vcn: this.destroyHooks.vcn },
      },
      child,
    );

    this.cluster = new OkeCluster(
      `${name}-cluster`,
      {
        compartmentId: settings.compartmentId,
        name: this.names.cluster,
        kubernetesVersion: settings.kubernetesVersion,
        clusterType: settings.clusterType,
        cni: settings.cni,
        endpointPublic: settings.endpointPublic,
        servicesCidr: settings.cidrs.services,
        podsCidr: settings.cidrs.pods,
        vcnId: this.network.vcn.id,
        endpointSubnetId: this.network.endpointSubnet.id,
        lbSubnetId: this.network.lbSubnet.id,
        stackTag,
        hooks: this.destroyHooks.cluster,
      },
      child,
    );

    this.nodePool = new QuickCreateNodePool(
      `${name}-nodepool`,
      {
        compartmentId: settings.compartmentId,
        clusterId: this.cluster.cluster.id,
        clusterName: settings.clusterName,
        kubernetesVersion: settings.kubernetesVersion,
        cni: settings.cni,
        availabilityDomains: facts.availabilityDomains,
        workerSubnetId: this.network.workerSubnet.id,
        nodeShape: settings.nodeShape,
        nodeOcpus: settings.nodeOcpus,
        nodeMemoryGbs: settings.nodeMemoryGbs,
        nodeCount: settings.nodeCount,
        imageId: this.poolImage.image.imageId,
        bootVolumeSizeGbs: settings.bootVolumeSizeGbs,
        sshPublicKey: settings.sshPublicKey,
        cycling: nodePoolCycling(settings.clusterType, settings.nodeCycling),
      },
      child,
    );

    const okeKubeconfig = oci.containerengine.getClusterKubeConfigOutput(
      {
        clusterId: this.cluster.cluster.id,
        tokenVersion: KUBECONFIG_TOKEN_VERSION,
        endpoint: kubeconfigEndpoint,
      },
      child,
    ).content;
    this.kubeconfig = pulumi.secret(okeKubeconfig.apply((content) => kubeconfigForAuth(content, settings.kubeconfigAuth)));
    this.destroyHooks.track(this.cluster.cluster.id, this.kubeconfig);
    // Workloads need nodes, not just an ACTIVE control plane: wait for the pool.
    this.provider = new k8s.Provider(`${name}-k8s`, { kubeconfig: this.kubeconfig }, { ...child, dependsOn: [this.nodePool] });
    if (settings.deploySample) {
      this.sample = new SampleWorkload(`${name}-sample`, { provider: this.provider, lbSubnetId: this.network.lbSubnet.id }, child);
    }

    if (settings.bastion) {
      this.bastion = new QuickCreateBastion(
        `${name}-bastion`,
        {
          compartmentId: settings.compartmentId,
          name: bastionName(settings.clusterName, nameSuffixOf(settings)),
          targetSubnetId: this.network.workerSubnet.id,
          clientCidrs: settings.bastionClientCidrs,
        },
        child,
      );
    }

    this.registerOutputs({
      clusterId: this.cluster.cluster.id,
      nodePoolId: this.nodePool.nodePool.id,
      vcnId: this.network.vcn.id,
      kubeconfig: this.kubeconfig,
    });
  }
}
