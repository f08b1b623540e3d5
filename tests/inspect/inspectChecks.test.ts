import { ociChecks } from "../../tools/oke-inspect/ociChecks";
import { kubernetesChecks } from "../../tools/oke-inspect/kubernetesChecks";
import { within, firstHost } from "../../tools/oke-inspect/cidr";
import { ClusterFixture, reportCluster, SUBNETS, vcnNativeCluster } from "./clusterFixture";

// The checks on their own, fed the fixtures as the readers hand them over: the settings a pool may
// carry beyond Quick Create's (named fault domains, a boot volume size, NSGs) move the expectation
// with them, and the differences the end-to-end tests do not make are still caught.

function views(f: ClusterFixture) {
  const view = {
    cluster: f.cluster,
    pools: [
      {
        pool: f.pool,
        nodes: f.nodes.map((n) => ({ node: n.node, vnics: n.vnics, bootVolume: n.bootVolume })),
        image: f.image,
        imageProblem: f.image ? undefined : "reading image x failed with 404",
      },
    ],
    subnets: new Map(f.subnets.map((s) => [s.id, s])),
    region: "ap-tokyo-1",
    endpoint: "http://standin",
  };
  const k = f.kubernetes;
  const kube = {
    nodes: k.nodes,
    kubernetesService: k.services.find((s) => s.metadata.name === "kubernetes"),
    kubeDns: k.services.find((s) => s.metadata.name === "kube-dns"),
    kubeProxyConfig: k.configMaps.find((c) => c.metadata.name === "kube-proxy"),
    daemonSets: k.daemonSets,
    deployments: k.deployments,
    pods: k.pods,
  };
  return { view: view as any, kube: kube as any };
}

/** Every check's status, and the subjects of those that fail. */
function judge(f: ClusterFixture) {
  const { view, kube } = views(f);
  const checks = [...ociChecks(view), ...kubernetesChecks(view, kube)];
  return {
    failing: Object.fromEntries(checks.filter((c) => c.status !== "pass").map((c) => [c.id, { status: c.status, subjects: c.subjects }])),
    find: (id: string) => checks.find((c) => c.id === id)!,
  };
}

const nodeId = (f: ClusterFixture, i: number) => f.nodes[i].node.id;

test("both fixtures pass every check", () => {
  expect(judge(reportCluster()).failing).toEqual({});
  expect(judge(vcnNativeCluster()).failing).toEqual({});
});

test("a pool that names fault domains is judged on those only", () => {
  const f = reportCluster();
  f.pool.nodeConfigDetails.placementConfigs[0].faultDomains = ["FAULT-DOMAIN-1", "FAULT-DOMAIN-2"];
  const r = judge(f);
  expect(r.failing).toEqual({ "node-fault-domains": { status: "fail", subjects: [nodeId(f, 2)] } });
  expect(r.find("node-fault-domains").found).toContain("is in FAULT-DOMAIN-3, not one of FAULT-DOMAIN-1, FAULT-DOMAIN-2");
  // Three nodes over two named fault domains: 2 and 1 is an even spread.
  f.nodes[2].node.faultDomain = "FAULT-DOMAIN-1";
  expect(judge(f).failing).toEqual({});
});

test("a pool with bootVolumeSizeInGBs expects that size, and the image default no longer", () => {
  const f = reportCluster();
  f.pool.nodeSourceDetails.bootVolumeSizeInGBs = 100;
  const r = judge(f);
  expect(r.failing).toEqual({ "node-boot-volume": { status: "fail", subjects: [nodeId(f, 0), nodeId(f, 1), nodeId(f, 2)] } });
  expect(r.find("node-boot-volume").expected).toBe("pool1: 100 GB (the pool's bootVolumeSizeInGBs)");
  for (const n of f.nodes) n.bootVolume.sizeInGBs = 100;
  expect(judge(f).failing).toEqual({});
});

test("an image OCI no longer returns leaves the default size unknown: skipped, unless the pool's sizes already differ", () => {
  const f = reportCluster();
  f.image = undefined;
  expect(judge(f).failing).toEqual({ "node-boot-volume": { status: "skip", subjects: [] } });
  expect(judge(f).find("node-boot-volume").reason).toBe("pool1's image default size is unknown (reading image x failed with 404)");
  f.nodes[0].bootVolume.sizeInGBs = 60;
  expect(judge(f).failing).toEqual({ "node-boot-volume": { status: "fail", subjects: [nodeId(f, 0), nodeId(f, 1), nodeId(f, 2)] } });
});

test("NSGs the pool sets are expected on every node, exactly", () => {
  const f = reportCluster();
  const nsg = "ocid1.networksecuritygroup.oc1.ap-tokyo-1.aaaaaaaapoolnsg";
  f.pool.nodeConfigDetails.nsgIds = [nsg];
  expect(judge(f).failing).toEqual({ "node-nsgs": { status: "fail", subjects: [nodeId(f, 0), nodeId(f, 1), nodeId(f, 2)] } });
  for (const n of f.nodes) n.vnics[0].nsgIds = [nsg];
  expect(judge(f).failing).toEqual({});
});

test("fewer nodes than the pool's size, or a node not ACTIVE, fails pool-nodes-active", () => {
  const f = reportCluster();
  f.pool.nodeConfigDetails.size = 4;
  f.nodes[1].node.lifecycleState = "UPDATING";
  const r = judge(f);
  expect(r.failing).toEqual({ "pool-nodes-active": { status: "fail", subjects: [f.pool.id, nodeId(f, 1)] } });
  expect(r.find("pool-nodes-active").found).toBe("pool1 has 3 nodes, its size is 4; 10.0.10.3 (pool1) is UPDATING");
});

test("a public IP on a node in a subnet that prohibits them fails node-subnet", () => {
  const f = reportCluster();
  f.nodes[0].vnics[0].publicIp = "192.0.2.77";
  expect(judge(f).failing).toEqual({ "node-subnet": { status: "fail", subjects: [nodeId(f, 0)] } });
});

test("Kubernetes differences the end-to-end runs do not make", () => {
  const f = reportCluster();
  f.kubernetes.nodes[0].status.nodeInfo.kubeletVersion = "v1.33.1";
  f.kubernetes.nodes[1].metadata.labels.name = "pool2";
  f.kubernetes.nodes[2].metadata.labels["topology.kubernetes.io/zone"] = "AP-OSAKA-1-AD-1";
  f.kubernetes.nodes[2].spec.podCIDR = "172.16.0.0/24";
  f.kubernetes.deployments[0].status.availableReplicas = 1;
  f.kubernetes.services[0].spec.clusterIP = "10.96.0.2";
  const r = judge(f);
  expect(r.failing).toEqual({
    "nodes-registered": { status: "fail", subjects: [nodeId(f, 0)] },
    "node-labels": { status: "fail", subjects: [nodeId(f, 1), nodeId(f, 2)] },
    "pod-network": { status: "fail", subjects: [nodeId(f, 2)] },
    "system-workloads": { status: "fail", subjects: ["kube-system/coredns"] },
    "kubernetes-service": { status: "fail", subjects: ["default/kubernetes"] },
  });
  expect(r.find("nodes-registered").found).toBe("10.0.10.2 (pool1) runs kubelet v1.33.1, the pool's version is v1.34.1");
});

test("a Kubernetes node that is no node of the pools, and a DaemonSet not on every node, are named", () => {
  const f = reportCluster();
  const stranger = JSON.parse(JSON.stringify(f.kubernetes.nodes[0]));
  stranger.metadata.name = "10.0.10.99";
  stranger.spec.providerID = "ocid1.instance.oc1.ap-tokyo-1.aaaaaaaastranger";
  stranger.status.addresses = [{ type: "InternalIP", address: "10.0.10.99" }];
  f.kubernetes.nodes.push(stranger);
  const r = judge(f);
  expect(r.failing).toEqual({
    "nodes-registered": { status: "fail", subjects: ["10.0.10.99"] },
    "pod-network": { status: "fail", subjects: ["kube-system/kube-flannel-ds"] },
    "system-workloads": { status: "fail", subjects: ["kube-system/kube-proxy"] },
  });
  expect(r.find("system-workloads").found).toBe("DaemonSet kube-system/kube-proxy is scheduled on 3 of 4 nodes");
});

test("VCN-native: a pod IP outside the pool's pod subnets fails pod-network and names the node", () => {
  const f = vcnNativeCluster();
  f.kubernetes.pods[2].status.podIP = "10.0.20.9";
  const r = judge(f);
  expect(r.failing).toEqual({ "pod-network": { status: "fail", subjects: [nodeId(f, 1)] } });
  expect(r.find("pod-network").found).toBe("10.0.10.3 (pool1) runs pods outside the pool's pod subnets (10.0.10.0/24): kube-system/coredns-1 10.0.20.9");
  expect(f.pool.nodeConfigDetails.nodePoolPodNetworkOptionDetails.podSubnetIds).toEqual([SUBNETS.workers]);
});

test("CIDR arithmetic", () => {
  expect([
    within("10.0.10.4", "10.0.10.0/24"),
    within("10.0.20.5", "10.0.10.0/24"),
    within("10.244.3.0/25", "10.244.0.0/16"),
    within("10.0.0.0/8", "10.0.0.0/16"),
  ]).toEqual([true, false, true, false]);
  expect([firstHost("10.96.0.0/16"), firstHost("172.16.0.0/12")]).toEqual(["10.96.0.1", "172.16.0.1"]);
});

test("two nodes in one fault domain: the spread found, and the nodes that share it", () => {
  const f = reportCluster();
  f.nodes[2].node.faultDomain = "FAULT-DOMAIN-1";
  expect(judge(f).find("node-fault-domains").found).toBe(
    "pool1 AP-TOKYO-1-AD-1: FD-1×2 FD-2×1 FD-3×0, 3 nodes over 2 of 3 fault domains; 10.0.10.2, 10.0.10.4 share FAULT-DOMAIN-1",
  );
});
