import { AnalyzedResource, UNKNOWN_VALUE } from "../../offline/analyzer/records";
import { parseQuickCreateName } from "../../policies/contract";
import { quickCreateNames } from "../../policies/naming";
import { recordNamed, runStackPolicy, violations } from "./harness";
import { nameIdOf, stackRecords, withInputs } from "../helpers/stackRecords";

let preview: AnalyzedResource[];
let nameId: string;
beforeAll(async () => {
  preview = await stackRecords({}, true);
  nameId = nameIdOf(preview);
});

describe("parseQuickCreateName", () => {
  it("splits cluster names with hyphens from the 9-hex id", () => {
    expect(parseQuickCreateName("oke-nodesubnet-quick-my-cluster-2-0123456789abcdef-abcdef012-regional")).toEqual({
      role: "workerSubnet",
      clusterName: "my-cluster-2-0123456789abcdef",
      id: "abcdef012",
    });
    expect(parseQuickCreateName("oke-k8sApiEndpoint-subnet-quick-c-abcdef012-regional")?.role).toBe("endpointSubnet");
    expect(parseQuickCreateName("oke-k8sApiEndpoint-quick-c-abcdef012")?.role).toBe("endpointSecurityList");
    expect(parseQuickCreateName("oke-vcn-quick-c-ABCDEF012")).toBeUndefined();
  });
});

describe("quick-create-names", () => {
  it("accepts the default stack", async () => {
    expect((await runStackPolicy(quickCreateNames, preview)).diagnostics).toEqual([]);
  });

  it.each<[string, Record<string, string>]>([
    ["another cluster name (clusterName my-cluster-2)", { clusterName: "my-cluster-2" }],
    ["a chosen name suffix (nameSuffix 012345678)", { nameSuffix: "012345678" }],
  ])("accepts the stack with %s", async (_what, overrides) => {
    const records = await stackRecords(overrides, true);
    expect((await runStackPolicy(quickCreateNames, records)).diagnostics).toEqual([]);
  });

  it("rejects one resource with another id, naming it", async () => {
    const records = withInputs(preview, "oke-network-ngw", (i) => (i.displayName = "oke-ngw-quick-cluster1-fffffffff"));
    const { diagnostics } = await runStackPolicy(quickCreateNames, records);
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0].urn).toBe(recordNamed(records, "oke-network-ngw").urn);
    expect(diagnostics[0].message).toContain(`id "fffffffff"`);
    expect(diagnostics[0].message).toContain(`id "${nameId}"`);
  });

  it("rejects a name outside the pattern for its kind", async () => {
    const records = withInputs(preview, "oke-network-worker-subnet", (i) => (i.displayName = `oke-svclbsubnet-quick-cluster1-${nameId}`));
    const { diagnostics } = await runStackPolicy(quickCreateNames, records);
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0].message).toMatch(/oke-nodesubnet-quick-<cluster>-<id>-regional/);
  });

  it("rejects an unknown display name without being downgraded", async () => {
    const { diagnostics } = await runStackPolicy(
      quickCreateNames,
      withInputs(preview, "oke-network-vcn", (i) => (i.displayName = UNKNOWN_VALUE)),
    );
    expect(violations(diagnostics)).toEqual([
      ["quick-create-names", "oke-network-vcn", expect.stringMatching(/"oke-network-vcn" has displayName \(unknown until the resource it comes from exists\)/)],
    ]);
    expect(diagnostics[0].enforcementLevel).toBe("mandatory");
  });

  it("rejects two resources with the same role", async () => {
    const lbSubnet = recordNamed(preview, "oke-network-lb-subnet");
    const copy = { ...lbSubnet, name: "oke-network-lb-subnet-2", urn: `${lbSubnet.urn}-2` };
    const { diagnostics } = await runStackPolicy(quickCreateNames, [...preview, copy]);
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0].message).toMatch(/2 resources are named like oke-svclbsubnet/);
  });

  it("rejects a cluster, node pool or VCN DNS label that does not match", async () => {
    let records = withInputs(preview, "oke-cluster-cluster", (i) => (i.name = "other"));
    records = withInputs(records, "oke-nodepool-pool1", (i) => (i.name = "pool2"));
    records = withInputs(records, "oke-network-vcn", (i) => (i.dnsLabel = "x"));
    const messages = (await runStackPolicy(quickCreateNames, records)).diagnostics.map((d) => d.message);
    expect(messages).toEqual([
      expect.stringMatching(
        /\nVCN "oke-vcn-quick-cluster1-[0-9a-f]{9}" \(Pulumi name "oke-network-vcn"\) has dnsLabel "x"; .* Fix: set dnsLabel to "cluster1"\.$/,
      ),
      expect.stringMatching(
        /\nCluster "other" \(Pulumi name "oke-cluster-cluster"\) has name "other", but the network resources are named for cluster "cluster1"/,
      ),
      expect.stringMatching(/\nNode pool "oke-nodepool-pool1" has name "pool2"; Quick Create names its node pool "pool1"/),
    ]);
    for (const expected of [/has name "other"/, /has name "pool2"/, /has dnsLabel "x"/]) {
      expect(messages).toContainEqual(expect.stringMatching(expected));
    }
  });

  it("accepts another node pool name when configured", async () => {
    const records = withInputs(preview, "oke-nodepool-pool1", (i) => (i.name = "workers"));
    expect((await runStackPolicy(quickCreateNames, records, { "quick-create-names": { nodePoolName: "workers" } })).diagnostics).toEqual([]);
  });
});
