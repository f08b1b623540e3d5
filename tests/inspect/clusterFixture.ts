/**
 * A Quick Create cluster as OCI describes it, in the camelCase JSON shapes of the OCI REST APIs
 * (ContainerEngine 20180222 Cluster and NodePool with nodes[]; Core 20160918 VnicAttachment, Vnic,
 * Subnet, BootVolumeAttachment, BootVolume, Image), plus what its Kubernetes API holds. The stand-ins
 * serve these objects; a test changes one field to make one difference.
 *
 * `reportCluster()` is the 2020 field report's cluster: flannel, pool1 of 3 nodes at 10.0.10.2–4, one
 * per fault domain of ap-tokyo-1's single availability domain, no NSGs, 47 GB boot volumes (the image
 * default, 46.6 GB), kube-dns at 10.96.5.5, kube-proxy mode empty. `vcnNativeCluster()` is today's
 * console default: enhanced, VCN-native pod networking with pods in the worker subnet.
 */

export const TENANCY_COMPARTMENT = "ocid1.compartment.oc1..aaaaaaaastandincompartment";
export const AD = "Uocm:AP-TOKYO-1-AD-1";
export const CLUSTER_ID = "ocid1.cluster.oc1.ap-tokyo-1.aaaaaaaastandincluster";
export const POOL_ID = "ocid1.nodepool.oc1.ap-tokyo-1.aaaaaaaastandinpool1";
export const IMAGE_ID = "ocid1.image.oc1.ap-tokyo-1.aaaaaaaastandinokeimage";
export const SUBNETS = {
  endpoint: "ocid1.subnet.oc1.ap-tokyo-1.aaaaaaaastandinendpoint",
  workers: "ocid1.subnet.oc1.ap-tokyo-1.aaaaaaaastandinworkers",
  loadBalancers: "ocid1.subnet.oc1.ap-tokyo-1.aaaaaaaastandinlbs",
} as const;
export const VCN_ID = "ocid1.vcn.oc1.ap-tokyo-1.aaaaaaaastandinvcn";
/** The image's size: 46.6 GB, which OCI shows (and gives a default boot volume) as 47 GB. */
export const IMAGE_SIZE_MB = 47694;
export const VERSION = "v1.34.1";

export interface NodeFixture {
  /** The OKE node, as GetNodePool lists it in nodes[]. */
  node: Record<string, any>;
  vnics: Array<Record<string, any>>;
  bootVolume: Record<string, any>;
}

export interface KubernetesFixture {
  nodes: Array<Record<string, any>>;
  services: Array<Record<string, any>>;
  configMaps: Array<Record<string, any>>;
  daemonSets: Array<Record<string, any>>;
  deployments: Array<Record<string, any>>;
  pods: Array<Record<string, any>>;
}

export interface ClusterFixture {
  cluster: Record<string, any>;
  pool: Record<string, any>;
  /** Other pools ListNodePools returns (a deleted one, say); GetNodePool answers them with no nodes. */
  otherPools: Array<Record<string, any>>;
  nodes: NodeFixture[];
  subnets: Array<Record<string, any>>;
  image: Record<string, any> | undefined;
  kubernetes: KubernetesFixture;
}

const CREATED = "2026-01-01T00:00:00.000Z";

function subnet(id: string, name: string, cidrBlock: string, prohibitPublicIpOnVnic: boolean) {
  return {
    id,
    displayName: name,
    cidrBlock,
    compartmentId: TENANCY_COMPARTMENT,
    vcnId: VCN_ID,
    lifecycleState: "AVAILABLE",
    prohibitPublicIpOnVnic,
    prohibitInternetIngress: prohibitPublicIpOnVnic,
    routeTableId: "ocid1.routetable.oc1.ap-tokyo-1.aaaaaaaart",
    securityListIds: ["ocid1.securitylist.oc1.ap-tokyo-1.aaaaaaaasl"],
    virtualRouterIp: cidrBlock.replace(/\d+\/\d+$/, "1"),
    virtualRouterMac: "00:00:17:00:00:01",
    timeCreated: CREATED,
  };
}

function node(index: number, vcnNative: boolean): NodeFixture {
  const id = `ocid1.instance.oc1.ap-tokyo-1.aaaaaaaastandinnode${index}`;
  const privateIp = `10.0.10.${index + 2}`;
  const vnics = [
    {
      id: `ocid1.vnic.oc1.ap-tokyo-1.aaaaaaaastandinvnic${index}`,
      displayName: `oke-node-${index}`,
      availabilityDomain: AD,
      compartmentId: TENANCY_COMPARTMENT,
      isPrimary: true,
      lifecycleState: "AVAILABLE",
      privateIp,
      subnetId: SUBNETS.workers,
      nsgIds: [],
      macAddress: `02:00:17:00:00:0${index}`,
      skipSourceDestCheck: vcnNative,
      timeCreated: CREATED,
    },
  ];
  if (vcnNative) {
    // VCN-native pod networking attaches a secondary VNIC in the pod subnet for the pods' addresses.
    vnics.push({
      id: `ocid1.vnic.oc1.ap-tokyo-1.aaaaaaaastandinpodvnic${index}`,
      displayName: `oke-pod-vnic-${index}`,
      availabilityDomain: AD,
      compartmentId: TENANCY_COMPARTMENT,
      isPrimary: false,
      lifecycleState: "AVAILABLE",
      privateIp: `10.0.10.${index + 100}`,
      subnetId: SUBNETS.workers,
      nsgIds: [],
      macAddress: `02:00:17:00:01:0${index}`,
      skipSourceDestCheck: true,
      timeCreated: CREATED,
    });
  }
  return {
    node: {
      id,
      name: `oke-cstandin-nstandin-s1-${index}`,
      kubernetesVersion: VERSION,
      availabilityDomain: AD,
      subnetId: SUBNETS.workers,
      nodePoolId: POOL_ID,
      faultDomain: `FAULT-DOMAIN-${index + 1}`,
      privateIp,
      lifecycleState: "ACTIVE",
      lifecycleDetails: "",
      freeformTags: {},
      definedTags: {},
    },
    vnics,
    bootVolume: {
      id: `ocid1.bootvolume.oc1.ap-tokyo-1.aaaaaaaastandinboot${index}`,
      displayName: `oke-node-${index} (Boot Volume)`,
      availabilityDomain: AD,
      compartmentId: TENANCY_COMPARTMENT,
      sizeInGBs: 47,
      sizeInMBs: 48128,
      lifecycleState: "AVAILABLE",
      imageId: IMAGE_ID,
      timeCreated: CREATED,
    },
  };
}

const ready = (status: "True" | "False") => ({
  type: "Ready",
  status,
  reason: status === "True" ? "KubeletReady" : "KubeletNotReady",
  lastTransitionTime: CREATED,
});

function daemonSet(name: string, count: number) {
  return {
    apiVersion: "apps/v1",
    kind: "DaemonSet",
    metadata: { name, namespace: "kube-system" },
    spec: { selector: { matchLabels: { app: name } }, template: { metadata: { labels: { app: name } }, spec: { containers: [] } } },
    status: {
      desiredNumberScheduled: count,
      currentNumberScheduled: count,
      numberReady: count,
      numberAvailable: count,
      numberMisscheduled: 0,
      updatedNumberScheduled: count,
    },
  };
}

function service(namespace: string, name: string, clusterIP: string) {
  return {
    apiVersion: "v1",
    kind: "Service",
    metadata: { namespace, name },
    spec: { type: "ClusterIP", clusterIP, clusterIPs: [clusterIP], ports: [{ port: name === "kubernetes" ? 443 : 53, protocol: "TCP" }] },
  };
}

/** What the Kubernetes API of this cluster holds: one node per OCI node, as OKE registers it. */
function kubernetesOf(nodes: NodeFixture[], nameLabel: string, vcnNative: boolean): KubernetesFixture {
  const cni = vcnNative ? "vcn-native-ip-cni" : "kube-flannel-ds";
  return {
    nodes: nodes.map(({ node: n }, i) => ({
      apiVersion: "v1",
      kind: "Node",
      metadata: {
        name: n.privateIp,
        labels: {
          name: nameLabel,
          "kubernetes.io/hostname": n.privateIp,
          "topology.kubernetes.io/zone": "AP-TOKYO-1-AD-1",
          "failure-domain.beta.kubernetes.io/zone": "AP-TOKYO-1-AD-1",
          "oci.oraclecloud.com/fault-domain": n.faultDomain,
        },
      },
      spec: { providerID: n.id, ...(vcnNative ? {} : { podCIDR: `10.244.${i}.0/25`, podCIDRs: [`10.244.${i}.0/25`] }) },
      status: {
        conditions: [ready("True")],
        addresses: [
          { type: "InternalIP", address: n.privateIp },
          { type: "Hostname", address: n.privateIp },
        ],
        nodeInfo: { kubeletVersion: VERSION, kubeProxyVersion: VERSION, containerRuntimeVersion: "cri-o://1.34.1", osImage: "Oracle Linux Server 8.10" },
      },
    })),
    services: [service("default", "kubernetes", "10.96.0.1"), service("kube-system", "kube-dns", "10.96.5.5")],
    configMaps: [
      {
        apiVersion: "v1",
        kind: "ConfigMap",
        metadata: { namespace: "kube-system", name: "kube-proxy" },
        data: {
          "config.conf":
            'apiVersion: kubeproxy.config.k8s.io/v1alpha1\nkind: KubeProxyConfiguration\nclusterCIDR: 10.244.0.0/16\nmode: ""\niptables:\n  masqueradeAll: false\n',
          kubeconfig: "apiVersion: v1\nkind: Config\n",
        },
      },
    ],
    daemonSets: [
      daemonSet(cni, nodes.length),
      daemonSet("kube-proxy", nodes.length),
      daemonSet("proxymux-client", nodes.length),
      daemonSet("csi-oci-node", nodes.length),
    ],
    deployments: [
      {
        apiVersion: "apps/v1",
        kind: "Deployment",
        metadata: { namespace: "kube-system", name: "coredns" },
        spec: { replicas: 3 },
        status: { replicas: 3, readyReplicas: 3, availableReplicas: 3, updatedReplicas: 3, conditions: [{ type: "Available", status: "True" }] },
      },
    ],
    pods: nodes.flatMap(({ node: n }, i) => [
      {
        apiVersion: "v1",
        kind: "Pod",
        metadata: { namespace: "kube-system", name: `coredns-${i}` },
        spec: { nodeName: n.privateIp, containers: [] },
        status: { phase: "Running", podIP: vcnNative ? `10.0.10.${i + 110}` : `10.244.${i}.2`, hostIP: n.privateIp },
      },
      {
        apiVersion: "v1",
        kind: "Pod",
        metadata: { namespace: "kube-system", name: `kube-proxy-${i}` },
        spec: { nodeName: n.privateIp, hostNetwork: true, containers: [] },
        status: { phase: "Running", podIP: n.privateIp, hostIP: n.privateIp },
      },
    ]),
  };
}

function build(vcnNative: boolean): ClusterFixture {
  const name = "quick-cluster1";
  const nodes = [0, 1, 2].map((i) => node(i, vcnNative));
  const cni = vcnNative ? "OCI_VCN_IP_NATIVE" : "FLANNEL_OVERLAY";
  // The report saw name=pool1; today's console sets name=<cluster name>.
  const nameLabel = vcnNative ? name : "pool1";
  return {
    cluster: {
      id: CLUSTER_ID,
      name,
      compartmentId: TENANCY_COMPARTMENT,
      vcnId: VCN_ID,
      kubernetesVersion: VERSION,
      lifecycleState: "ACTIVE",
      type: vcnNative ? "ENHANCED_CLUSTER" : "BASIC_CLUSTER",
      endpointConfig: { subnetId: SUBNETS.endpoint, isPublicIpEnabled: true, nsgIds: [] },
      endpoints: { kubernetes: "", publicEndpoint: "192.0.2.10:6443", privateEndpoint: "10.0.0.2:6443" },
      clusterPodNetworkOptions: [{ cniType: cni }],
      options: {
        serviceLbSubnetIds: [SUBNETS.loadBalancers],
        kubernetesNetworkConfig: vcnNative ? { servicesCidr: "10.96.0.0/16" } : { podsCidr: "10.244.0.0/16", servicesCidr: "10.96.0.0/16" },
        addOns: { isKubernetesDashboardEnabled: false, isTillerEnabled: false },
      },
      metadata: { timeCreated: CREATED },
      freeformTags: { OKEclusterName: name },
      definedTags: {},
      availableKubernetesUpgrades: [],
    },
    pool: {
      id: POOL_ID,
      compartmentId: TENANCY_COMPARTMENT,
      clusterId: CLUSTER_ID,
      name: "pool1",
      kubernetesVersion: VERSION,
      lifecycleState: "ACTIVE",
      nodeImageId: IMAGE_ID,
      nodeImageName: "Oracle-Linux-8.10-2026.01.01-0-OKE-1.34.1-1",
      nodeShape: "VM.Standard.E4.Flex",
      nodeShapeConfig: { ocpus: 1, memoryInGBs: 16 },
      nodeSource: { sourceType: "IMAGE", sourceName: "Oracle-Linux-8.10-2026.01.01-0-OKE-1.34.1-1", imageId: IMAGE_ID },
      nodeSourceDetails: { sourceType: "IMAGE", imageId: IMAGE_ID },
      initialNodeLabels: [{ key: "name", value: nameLabel }],
      sshPublicKey: "",
      quantityPerSubnet: 0,
      subnetIds: [],
      nodeConfigDetails: {
        size: 3,
        placementConfigs: [{ availabilityDomain: AD, subnetId: SUBNETS.workers }],
        nodePoolPodNetworkOptionDetails: vcnNative ? { cniType: cni, maxPodsPerNode: 31, podSubnetIds: [SUBNETS.workers], podNsgIds: [] } : { cniType: cni },
        isPvEncryptionInTransitEnabled: false,
        freeformTags: { OKEnodePoolName: "pool1" },
      },
      freeformTags: { OKEnodePoolName: "pool1" },
      definedTags: {},
      nodeEvictionNodePoolSettings: { evictionGraceDuration: "PT60M", isForceDeleteAfterGraceDuration: false },
    },
    otherPools: [],
    nodes,
    subnets: [
      subnet(SUBNETS.endpoint, "oke-k8sApiEndpoint-subnet-quick-quick-cluster1-abcdef123-regional", "10.0.0.0/28", false),
      subnet(SUBNETS.workers, "oke-nodesubnet-quick-quick-cluster1-abcdef123-regional", "10.0.10.0/24", true),
      subnet(SUBNETS.loadBalancers, "oke-svclbsubnet-quick-quick-cluster1-abcdef123-regional", "10.0.20.0/24", false),
    ],
    image: {
      id: IMAGE_ID,
      compartmentId: null,
      displayName: "Oracle-Linux-8.10-2026.01.01-0-OKE-1.34.1-1",
      operatingSystem: "Oracle Linux",
      operatingSystemVersion: "8",
      lifecycleState: "AVAILABLE",
      sizeInMBs: IMAGE_SIZE_MB,
      createImageAllowed: true,
      launchMode: "PARAVIRTUALIZED",
      timeCreated: CREATED,
    },
    kubernetes: kubernetesOf(nodes, nameLabel, vcnNative),
  };
}

/** The field report's cluster (flannel, basic, 3 nodes one per fault domain). */
export function reportCluster(): ClusterFixture {
  return build(false);
}

/** Today's Quick Create default (enhanced, VCN-native pod networking). */
export function vcnNativeCluster(): ClusterFixture {
  return build(true);
}
