import { expectedNodeImage } from "../../offline/run/fixtures";
import { ProgramRun } from "../../offline/run/runProgram";
import { ofType, runStack } from "../helpers/stack";
import { ResourceType } from "../../policies/contract";

/** A real OpenSSH ed25519 public key line: the stack refuses anything else. */
const SSH_KEY = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIKp6Abn42Kc8WnShrrjXada8UbHEPzvJoO/i8jsn+oxO user@host";

const CLUSTER = ResourceType.Cluster;
const NODE_POOL = ResourceType.NodePool;
const only = (run: ProgramRun, type: string) => {
  const found = ofType(run, type);
  expect(found).toHaveLength(1);
  return found[0].inputs as any;
};

describe("cluster and pool1 with Quick Create's defaults", () => {
  let run: ProgramRun;
  beforeAll(async () => {
    run = await runStack();
  });

  test("cluster: enhanced, VCN-native pods, public endpoint in its subnet, LBs in the LB subnet, add-ons off", () => {
    const cluster = only(run, CLUSTER);
    const subnets = Object.fromEntries(ofType(run, ResourceType.Subnet).map((s) => [s.name, s]));
    expect(cluster).toMatchObject({
      name: "cluster1",
      kubernetesVersion: "v1.33.1",
      type: "ENHANCED_CLUSTER",
      clusterPodNetworkOptions: [{ cniType: "OCI_VCN_IP_NATIVE" }],
      endpointConfig: { isPublicIpEnabled: true },
      imagePolicyConfig: { isPolicyEnabled: false },
      freeformTags: { OKEclusterName: "cluster1" },
      options: {
        kubernetesNetworkConfig: { servicesCidr: "10.96.0.0/16" },
        addOns: { isKubernetesDashboardEnabled: false, isTillerEnabled: false },
        persistentVolumeConfig: { freeformTags: { OKEclusterName: "cluster1" } },
        serviceLbConfig: { freeformTags: { OKEclusterName: "cluster1" } },
      },
    });
    expect(cluster.options.kubernetesNetworkConfig.podsCidr).toBeUndefined();
    expect(cluster.endpointConfig.nsgIds).toBeUndefined();
    const idOf = (name: string) => run.outputs[name];
    expect(cluster.endpointConfig.subnetId).toBe(idOf("endpointSubnetId"));
    expect(cluster.options.serviceLbSubnetIds).toEqual([idOf("lbSubnetId")]);
    expect(cluster.vcnId).toBe(idOf("vcnId"));
    expect(Object.keys(subnets).sort()).toEqual(["oke-network-endpoint-subnet", "oke-network-lb-subnet", "oke-network-worker-subnet"]);
  });

  test("pool1: 3 nodes, one placement in Tokyo's single AD, no fault domains, no NSGs, image-default boot volume", () => {
    const pool = only(run, NODE_POOL);
    expect(pool).toMatchObject({
      name: "pool1",
      kubernetesVersion: "v1.33.1",
      nodeShape: "VM.Standard.E4.Flex",
      nodeShapeConfig: { ocpus: 1, memoryInGbs: 16 },
      initialNodeLabels: [{ key: "name", value: "cluster1" }],
      nodeEvictionNodePoolSettings: { evictionGraceDuration: "PT60M", isForceDeleteAfterGraceDuration: false },
      freeformTags: { OKEnodePoolName: "pool1" },
    });
    expect(pool.clusterId).toBe(run.outputs.clusterId);
    expect(pool.nodeConfigDetails.size).toBe(3);
    expect(pool.nodeConfigDetails.placementConfigs).toEqual([{ availabilityDomain: "Uocm:AP-TOKYO-1-AD-1", subnetId: run.outputs.workerSubnetId }]);
    expect(pool.nodeConfigDetails.nsgIds).toBeUndefined();
    expect(pool.nodeConfigDetails.nodePoolPodNetworkOptionDetails).toEqual({
      cniType: "OCI_VCN_IP_NATIVE",
      maxPodsPerNode: 31,
      podSubnetIds: [run.outputs.workerSubnetId],
    });
    expect(pool.nodeSourceDetails).toEqual({ sourceType: "IMAGE", imageId: expectedNodeImage("ap-tokyo-1", "v1.33.1").imageId });
    expect(pool.sshPublicKey).toBeUndefined();
  });
});

describe("choices", () => {
  test("three-AD region: one placement config per availability domain", async () => {
    const run = await runStack({ "oci:region": "us-ashburn-1" });
    const pool = only(run, NODE_POOL);
    expect(pool.nodeConfigDetails.placementConfigs.map((p: any) => p.availabilityDomain)).toEqual([
      "Uocm:US-ASHBURN-1-AD-1",
      "Uocm:US-ASHBURN-1-AD-2",
      "Uocm:US-ASHBURN-1-AD-3",
    ]);
    expect(pool.nodeConfigDetails.placementConfigs.map((p: any) => p.faultDomains)).toEqual([undefined, undefined, undefined]);
    expect(run.outputs.names).toMatchObject({ vcn: expect.stringMatching(/^oke-vcn-quick-cluster1-/) });
  });

  test("flannel, basic, fixed shape, 5 nodes, 100 GB boot volume, SSH key, older version", async () => {
    const run = await runStack({
      cni: "flannel",
      clusterType: "basic",
      nodeShape: "VM.Standard2.1",
      nodeCount: 5,
      bootVolumeSizeGbs: 100,
      sshPublicKey: SSH_KEY,
      kubernetesVersion: "v1.32.1",
    });
    const cluster = only(run, CLUSTER);
    expect(cluster.type).toBe("BASIC_CLUSTER");
    expect(cluster.clusterPodNetworkOptions).toEqual([{ cniType: "FLANNEL_OVERLAY" }]);
    expect(cluster.options.kubernetesNetworkConfig).toEqual({ podsCidr: "10.244.0.0/16", servicesCidr: "10.96.0.0/16" });
    const pool = only(run, NODE_POOL);
    expect(pool.kubernetesVersion).toBe("v1.32.1");
    expect(pool.nodeShapeConfig).toBeUndefined();
    expect(pool.nodeConfigDetails.size).toBe(5);
    expect(pool.nodeConfigDetails.nodePoolPodNetworkOptionDetails).toEqual({ cniType: "FLANNEL_OVERLAY" });
    expect(pool.nodeSourceDetails.bootVolumeSizeInGbs).toBe("100");
    expect(pool.nodeSourceDetails.imageId).toBe(expectedNodeImage("ap-tokyo-1", "v1.32.1").imageId);
    expect(pool.sshPublicKey).toBe(SSH_KEY);
  });

  test("a configured node image replaces the lookup's choice", async () => {
    const run = await runStack({ nodeImageId: "ocid1.image.oc1.ap-tokyo-1.custom" });
    expect(only(run, NODE_POOL).nodeSourceDetails.imageId).toBe("ocid1.image.oc1.ap-tokyo-1.custom");
  });
});
