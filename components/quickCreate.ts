import * as k8s from "@pulumi/kubernetes";
import * as oci from "@pulumi/oci";
import * as pulumi from "@pulumi/pulumi";
import { OkeCluster } from "./cluster";
import { kubeconfigForAuth } from "./kubeconfig";
import { deriveNameSuffix, QuickCreateNames, quickCreateNames } from "./naming";
import { Network } from "./network";
import { QuickCreateNodePool } from "./nodePool";
import { lookupRegionFacts, RegionFacts } from "./regionLookups";
import { SampleWorkload } from "./sampleWorkload";
import { QuickCreateArgs, QuickCreateSettings, resolveSettings } from "./settings";

/** OKE's kubeconfig token format that `oci ce cluster generate-token` serves. */
export const KUBECONFIG_TOKEN_VERSION = "2.0.0";

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

  /** Validates `args` (one sentence per mistake), looks up the region, then builds. */
  static async create(name: string, args: QuickCreateArgs & { region: string }, opts?: pulumi.ComponentResourceOptions): Promise<QuickCreate> {
    const settings = resolveSettings(args);
    const facts = await lookupRegionFacts({
      region: args.region,
      compartmentId: settings.compartmentId,
      kubernetesVersion: settings.kubernetesVersion,
      nodeShape: settings.nodeShape,
      nodeImageId: settings.nodeImageId,
    });
    return new QuickCreate(name, settings, facts, opts);
  }

  constructor(name: string, settings: QuickCreateSettings, facts: RegionFacts, opts?: pulumi.ComponentResourceOptions) {
    super("oke-quick-create:index:QuickCreate", name, {}, opts);
    this.settings = settings;
    this.facts = facts;
    const suffix = settings.nameSuffix ?? deriveNameSuffix(pulumi.getProject(), pulumi.getStack(), settings.clusterName);
    this.names = quickCreateNames(settings.clusterName, suffix);
    const child = { parent: this };

    this.network = new Network(`${name}-network`, {
      compartmentId: settings.compartmentId,
      clusterName: settings.clusterName,
      names: this.names,
      cidrs: settings.cidrs,
      endpointPublic: settings.endpointPublic,
      workersPublic: settings.workersPublic,
      oracleServices: facts.oracleServices,
    }, child);

    this.cluster = new OkeCluster(`${name}-cluster`, {
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
    }, child);

    this.nodePool = new QuickCreateNodePool(`${name}-nodepool`, {
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
      imageId: facts.nodeImage.imageId,
      bootVolumeSizeGbs: settings.bootVolumeSizeGbs,
      sshPublicKey: settings.sshPublicKey,
    }, child);

    const okeKubeconfig = oci.containerengine.getClusterKubeConfigOutput({
      clusterId: this.cluster.cluster.id,
      tokenVersion: KUBECONFIG_TOKEN_VERSION,
      endpoint: settings.endpointPublic ? "PUBLIC_ENDPOINT" : "PRIVATE_ENDPOINT",
    }, child).content;
    this.kubeconfig = pulumi.secret(okeKubeconfig.apply((content) => kubeconfigForAuth(content, settings.kubeconfigAuth)));
    // Workloads need nodes, not just an ACTIVE control plane: wait for the pool.
    this.provider = new k8s.Provider(`${name}-k8s`, { kubeconfig: this.kubeconfig }, { ...child, dependsOn: [this.nodePool] });
    if (settings.deploySample) {
      this.sample = new SampleWorkload(`${name}-sample`, { provider: this.provider, lbSubnetId: this.network.lbSubnet.id }, child);
    }

    this.registerOutputs({
      clusterId: this.cluster.cluster.id,
      nodePoolId: this.nodePool.nodePool.id,
      vcnId: this.network.vcn.id,
      kubeconfig: this.kubeconfig,
    });
  }
}
