import { UNKNOWN_VALUE } from "../offline/analyzer/records";
import { quickCreateStackRecords, withInputs } from "../offline/analyzer/exampleStack";
import { clusterNetworkCidrs, kubernetesVersionSupported, kubernetesVersionsMatch, podNetworkMatchesNodePool } from "../policies/cluster";
import { recordNamed, runResourcePolicy, runStackPolicy } from "./policiesHarness";

const preview = quickCreateStackRecords({ preview: true });
const cluster = (update: (inputs: Record<string, any>) => void) => recordNamed(withInputs(preview, "cluster", update), "cluster");

describe("kubernetes-versions-match", () => {
  it("accepts one literal version on cluster and pool", async () => {
    expect((await runStackPolicy(kubernetesVersionsMatch, preview)).diagnostics).toEqual([]);
  });

  it("rejects a node pool on another version, on the pool's URN", async () => {
    const records = withInputs(preview, "node-pool", (i) => (i.kubernetesVersion = "v1.32.1"));
    const { diagnostics } = await runStackPolicy(kubernetesVersionsMatch, records);
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0].urn).toBe(recordNamed(records, "node-pool").urn);
    expect(diagnostics[0].message).toMatch(/"pool1".*"v1\.32\.1".*"v1\.33\.1"/);
  });

  it("rejects a node pool without a version", async () => {
    const { diagnostics } = await runStackPolicy(kubernetesVersionsMatch, withInputs(preview, "node-pool", (i) => delete i.kubernetesVersion));
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0].message).toMatch(/kubernetesVersion \(unset\)/);
  });

  it.each(["1.33.1", "v1.33", UNKNOWN_VALUE])("rejects the cluster version %s", async (version) => {
    const records = withInputs(preview, "cluster", (i) => (i.kubernetesVersion = version));
    const { diagnostics } = await runStackPolicy(kubernetesVersionsMatch, records);
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0].enforcementLevel).toBe("mandatory");
  });
});

describe("cluster-network-cidrs", () => {
  it("accepts VCN-native pods with the 10.96.0.0/16 service CIDR", async () => {
    expect((await runResourcePolicy(clusterNetworkCidrs, recordNamed(preview, "cluster"))).diagnostics).toEqual([]);
  });

  it("rejects another service CIDR, unless configured", async () => {
    const record = cluster((i) => (i.options.kubernetesNetworkConfig.servicesCidr = "10.100.0.0/16"));
    const { diagnostics } = await runResourcePolicy(clusterNetworkCidrs, record);
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0].message).toMatch(/servicesCidr "10\.100\.0\.0\/16"/);
    expect((await runResourcePolicy(clusterNetworkCidrs, record, { "cluster-network-cidrs": { servicesCidr: "10.100.0.0/16" } })).diagnostics).toEqual([]);
  });

  it("requires the pod CIDR with flannel", async () => {
    const flannel = (podsCidr?: string) =>
      cluster((i) => {
        i.clusterPodNetworkOptions = [{ cniType: "FLANNEL_OVERLAY" }];
        if (podsCidr) i.options.kubernetesNetworkConfig.podsCidr = podsCidr;
      });
    expect((await runResourcePolicy(clusterNetworkCidrs, flannel())).diagnostics).toHaveLength(1);
    expect((await runResourcePolicy(clusterNetworkCidrs, flannel("10.244.0.0/16"))).diagnostics).toEqual([]);
  });

  it("treats a cluster without pod network options as flannel (the API default)", async () => {
    const record = cluster((i) => delete i.clusterPodNetworkOptions);
    expect((await runResourcePolicy(clusterNetworkCidrs, record)).diagnostics[0].message).toMatch(/flannel overlay/);
  });

  it("rejects a pod CIDR with VCN-native pods", async () => {
    const { diagnostics } = await runResourcePolicy(clusterNetworkCidrs, cluster((i) => (i.options.kubernetesNetworkConfig.podsCidr = "10.244.0.0/16")));
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0].message).toMatch(/Fix: remove podsCidr/);
  });
});

describe("kubernetes-version-supported", () => {
  it("is quiet for v1.33.1", async () => {
    expect((await runResourcePolicy(kubernetesVersionSupported, recordNamed(preview, "cluster"))).diagnostics).toEqual([]);
  });

  it("advises on a version older than the configured oldest minor", async () => {
    const { diagnostics } = await runResourcePolicy(kubernetesVersionSupported, cluster((i) => (i.kubernetesVersion = "v1.29.1")));
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0].enforcementLevel).toBe("advisory");
    const config = { "kubernetes-version-supported": { oldestSupportedMinor: "1.29" } };
    expect((await runResourcePolicy(kubernetesVersionSupported, cluster((i) => (i.kubernetesVersion = "v1.29.1")), config)).diagnostics).toEqual([]);
  });
});

describe("pod-network-matches-node-pool", () => {
  it("accepts VCN-native on both", async () => {
    expect((await runStackPolicy(podNetworkMatchesNodePool, preview)).diagnostics).toEqual([]);
  });

  it("advises when the pool's CNI differs", async () => {
    const records = withInputs(preview, "node-pool", (i) => (i.nodeConfigDetails.nodePoolPodNetworkOptionDetails = { cniType: "FLANNEL_OVERLAY" }));
    const { diagnostics } = await runStackPolicy(podNetworkMatchesNodePool, records);
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0].enforcementLevel).toBe("advisory");
  });
});
