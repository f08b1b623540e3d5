import { AnalyzedResource, UNKNOWN_VALUE } from "../../offline/analyzer/records";
import { clusterNetworkCidrs, kubernetesVersionSupported, kubernetesVersionsMatch, podNetworkMatchesNodePool } from "../../policies/cluster";
import { recordNamed, runResourcePolicy, runStackPolicy, violations } from "./harness";
import { stackRecords, withInputs } from "../helpers/stackRecords";

const POOL = "oke-nodepool-pool1";
const CLUSTER = "oke-cluster-cluster";

let preview: AnalyzedResource[];
let flannel: AnalyzedResource[];
beforeAll(async () => {
  preview = await stackRecords({}, true);
  flannel = await stackRecords({ cni: "flannel" }, true);
});
/** The preview's cluster, changed in a way the program itself will not produce. */
const cluster = (update: (inputs: Record<string, any>) => void, records = preview) => recordNamed(withInputs(records, CLUSTER, update), CLUSTER);
const clusterOf = async (overrides: Record<string, string | number | boolean>) => recordNamed(await stackRecords(overrides, true), CLUSTER);

describe("kubernetes-versions-match", () => {
  it("accepts one literal version on cluster and pool", async () => {
    expect((await runStackPolicy(kubernetesVersionsMatch, preview)).diagnostics).toEqual([]);
  });

  it("rejects a node pool on another version, on the pool's URN", async () => {
    const records = withInputs(preview, POOL, (i) => (i.kubernetesVersion = "v1.32.1"));
    const { diagnostics } = await runStackPolicy(kubernetesVersionsMatch, records);
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0].urn).toBe(recordNamed(records, POOL).urn);
    expect(diagnostics[0].message).toMatch(/"pool1".*"v1\.32\.1".*"v1\.33\.1"/);
  });

  it("rejects a node pool without a version", async () => {
    const { diagnostics } = await runStackPolicy(
      kubernetesVersionsMatch,
      withInputs(preview, POOL, (i) => delete i.kubernetesVersion),
    );
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0].message).toMatch(/kubernetesVersion \(unset\)/);
  });

  it.each(["1.33.1", "v1.33", UNKNOWN_VALUE])("rejects the cluster version %s", async (version) => {
    const records = withInputs(preview, CLUSTER, (i) => (i.kubernetesVersion = version));
    const { diagnostics } = await runStackPolicy(kubernetesVersionsMatch, records);
    expect(violations(diagnostics)).toEqual([
      [
        "kubernetes-versions-match",
        "oke-cluster-cluster",
        expect.stringMatching(/Cluster "cluster1" \(Pulumi name "oke-cluster-cluster"\) has kubernetesVersion .*; it must be a literal "vX\.Y\.Z"/),
      ],
    ]);
    expect(diagnostics[0].enforcementLevel).toBe("mandatory");
  });
});

describe("cluster-network-cidrs", () => {
  it("accepts VCN-native pods with the 10.96.0.0/16 service CIDR", async () => {
    expect((await runResourcePolicy(clusterNetworkCidrs, recordNamed(preview, CLUSTER))).diagnostics).toEqual([]);
  });

  it("rejects another service CIDR (servicesCidr 10.100.0.0/16), unless configured", async () => {
    const record = await clusterOf({ servicesCidr: "10.100.0.0/16" });
    const { diagnostics } = await runResourcePolicy(clusterNetworkCidrs, record);
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0].message).toMatch(/servicesCidr "10\.100\.0\.0\/16"/);
    expect((await runResourcePolicy(clusterNetworkCidrs, record, { "cluster-network-cidrs": { servicesCidr: "10.100.0.0/16" } })).diagnostics).toEqual([]);
  });

  it("accepts flannel (cni flannel) with its pod CIDR, and requires that CIDR", async () => {
    expect((await runResourcePolicy(clusterNetworkCidrs, recordNamed(flannel, CLUSTER))).diagnostics).toEqual([]);
    const withoutPodsCidr = cluster((i) => delete i.options.kubernetesNetworkConfig.podsCidr, flannel);
    expect(violations((await runResourcePolicy(clusterNetworkCidrs, withoutPodsCidr)).diagnostics)).toEqual([
      [
        "cluster-network-cidrs",
        "oke-cluster-cluster",
        expect.stringMatching(
          /uses flannel overlay networking with options\.kubernetesNetworkConfig\.podsCidr \(unset\); the configured pod CIDR is "10\.244\.0\.0\/16"/,
        ),
      ],
    ]);
  });

  it("treats a cluster without pod network options as flannel (the API default)", async () => {
    const record = cluster((i) => delete i.clusterPodNetworkOptions);
    expect((await runResourcePolicy(clusterNetworkCidrs, record)).diagnostics[0].message).toMatch(/flannel overlay/);
  });

  it("rejects a pod CIDR with VCN-native pods", async () => {
    const { diagnostics } = await runResourcePolicy(
      clusterNetworkCidrs,
      cluster((i) => (i.options.kubernetesNetworkConfig.podsCidr = "10.244.0.0/16")),
    );
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0].message).toMatch(/Fix: remove podsCidr/);
  });
});

describe("kubernetes-version-supported", () => {
  it("is quiet for v1.33.1, and for the oldest version the region offers (v1.31.10) by default", async () => {
    expect((await runResourcePolicy(kubernetesVersionSupported, recordNamed(preview, CLUSTER))).diagnostics).toEqual([]);
    expect((await runResourcePolicy(kubernetesVersionSupported, await clusterOf({ kubernetesVersion: "v1.31.10" }))).diagnostics).toEqual([]);
  });

  it("advises on a version older than the configured oldest minor", async () => {
    const record = await clusterOf({ kubernetesVersion: "v1.31.10" });
    const { diagnostics } = await runResourcePolicy(kubernetesVersionSupported, record, { "kubernetes-version-supported": { oldestSupportedMinor: "1.32" } });
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0].enforcementLevel).toBe("advisory");
    expect(diagnostics[0].message).toMatch(/"v1\.31\.10", older than 1\.32/);
  });

  it("advises on a version older than the default oldest minor (1.31), which no region here offers", async () => {
    const { diagnostics } = await runResourcePolicy(
      kubernetesVersionSupported,
      cluster((i) => (i.kubernetesVersion = "v1.29.1")),
    );
    expect(violations(diagnostics)).toEqual([
      ["kubernetes-version-supported", "oke-cluster-cluster", expect.stringMatching(/runs Kubernetes "v1\.29\.1", older than 1\.31/)],
    ]);
    const config = { "kubernetes-version-supported": { oldestSupportedMinor: "1.29" } };
    expect(
      (
        await runResourcePolicy(
          kubernetesVersionSupported,
          cluster((i) => (i.kubernetesVersion = "v1.29.1")),
          config,
        )
      ).diagnostics,
    ).toEqual([]);
  });
});

describe("pod-network-matches-node-pool", () => {
  it("accepts VCN-native on both, and flannel on both (cni flannel)", async () => {
    expect((await runStackPolicy(podNetworkMatchesNodePool, preview)).diagnostics).toEqual([]);
    expect((await runStackPolicy(podNetworkMatchesNodePool, flannel)).diagnostics).toEqual([]);
  });

  it("advises when the pool's CNI differs", async () => {
    const records = withInputs(preview, POOL, (i) => (i.nodeConfigDetails.nodePoolPodNetworkOptionDetails = { cniType: "FLANNEL_OVERLAY" }));
    const { diagnostics } = await runStackPolicy(podNetworkMatchesNodePool, records);
    expect(violations(diagnostics)).toEqual([
      [
        "pod-network-matches-node-pool",
        "oke-nodepool-pool1",
        expect.stringMatching(/uses pod network "FLANNEL_OVERLAY" but cluster "cluster1" .* uses "OCI_VCN_IP_NATIVE"/),
      ],
    ]);
    expect(diagnostics[0].enforcementLevel).toBe("advisory");
  });
});
