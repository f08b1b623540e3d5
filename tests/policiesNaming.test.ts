import { UNKNOWN_VALUE } from "../offline/analyzer/records";
import { quickCreateStackRecords, withInputs } from "../offline/analyzer/exampleStack";
import { parseQuickCreateName } from "../policies/lib/names";
import { quickCreateNames } from "../policies/naming";
import { recordNamed, runStackPolicy } from "./policiesHarness";

const preview = quickCreateStackRecords({ preview: true });

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

  it("rejects one resource with another id, naming it", async () => {
    const records = withInputs(preview, "nat-gateway", (i) => (i.displayName = "oke-ngw-quick-cluster1-fffffffff"));
    const { diagnostics } = await runStackPolicy(quickCreateNames, records);
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0].urn).toBe(recordNamed(records, "nat-gateway").urn);
    expect(diagnostics[0].message).toMatch(/id "fffffffff".*id "a1b2c3d4e"/);
  });

  it("rejects a name outside the pattern for its kind", async () => {
    const records = withInputs(preview, "worker-subnet", (i) => (i.displayName = "oke-svclbsubnet-quick-cluster1-a1b2c3d4e"));
    const { diagnostics } = await runStackPolicy(quickCreateNames, records);
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0].message).toMatch(/oke-nodesubnet-quick-<cluster>-<id>-regional/);
  });

  it("rejects an unknown display name without being downgraded", async () => {
    const { diagnostics } = await runStackPolicy(quickCreateNames, withInputs(preview, "vcn", (i) => (i.displayName = UNKNOWN_VALUE)));
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0].enforcementLevel).toBe("mandatory");
  });

  it("rejects two resources with the same role", async () => {
    const copy = { ...recordNamed(preview, "lb-subnet"), name: "lb-subnet-2", urn: "urn:pulumi:dev::p::oci:Core/subnet:Subnet::lb-subnet-2" };
    const { diagnostics } = await runStackPolicy(quickCreateNames, [...preview, copy]);
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0].message).toMatch(/2 resources are named like oke-svclbsubnet/);
  });

  it("rejects a cluster, node pool or VCN DNS label that does not match", async () => {
    let records = withInputs(preview, "cluster", (i) => (i.name = "other"));
    records = withInputs(records, "node-pool", (i) => (i.name = "pool2"));
    records = withInputs(records, "vcn", (i) => (i.dnsLabel = "x"));
    const messages = (await runStackPolicy(quickCreateNames, records)).diagnostics.map((d) => d.message);
    expect(messages).toHaveLength(3);
    for (const expected of [/has name "other"/, /has name "pool2"/, /has dnsLabel "x"/]) {
      expect(messages.some((m) => expected.test(m))).toBe(true);
    }
  });

  it("accepts another node pool name when configured", async () => {
    const records = withInputs(preview, "node-pool", (i) => (i.name = "workers"));
    expect((await runStackPolicy(quickCreateNames, records, { "quick-create-names": { nodePoolName: "workers" } })).diagnostics).toEqual([]);
  });
});
