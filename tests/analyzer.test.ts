import { quickCreateStackRecords, withInputs } from "../offline/analyzer/exampleStack";
import { AnalysisReport, Diagnostic, PolicyPackSession, ResourceRecord, UNKNOWN_VALUE, startPolicyPack } from "../offline/analyzer";

/**
 * End to end through the real policy server: the pack runs as a child process started like the CLI
 * starts it (run-policy-pack with ts-node), and is driven over gRPC with the CLI's call sequence.
 * One pack per file: start-up (ts-node type-checking the pack) dominates the cost.
 */
jest.setTimeout(120_000);

let session: PolicyPackSession;
const deployed = quickCreateStackRecords();
const preview = quickCreateStackRecords({ preview: true });
const MANDATORY = ["cluster-network-cidrs", "kubernetes-versions-match", "load-balancer-subnet-public", "no-network-security-groups", "node-pool-boot-volume-image-default", "node-pool-fault-domain-spread", "node-pool-minimum-size", "node-registration-security-rules", "quick-create-names", "worker-subnet-private"];

beforeAll(async () => {
  session = await startPolicyPack({ stack: "e2e" });
});
afterAll(async () => {
  await session?.close();
});

const mandatoryOf = (report: AnalysisReport) => report.mandatory.map((d: Diagnostic) => d.policyName);

describe("the oke-quick-create pack, served", () => {
  it("describes its policies: the mandatory ones and the advisory ones", () => {
    expect(session.info.name).toBe("oke-quick-create");
    expect(session.info.supportsConfig).toBe(true);
    const mandatory = session.info.policies.filter((p) => p.enforcementLevel === "mandatory").map((p) => p.name).sort();
    expect(mandatory).toEqual(MANDATORY);
    expect(session.info.policies.filter((p) => p.enforcementLevel === "advisory")).toHaveLength(8);
  });

  it("finds no mandatory violation in the default stack, and reports the time to its last diagnostic", async () => {
    const report = await session.run(deployed);
    expect(report.mandatory).toEqual([]);
    expect([...new Set(report.advisory.map((d) => d.policyName))].sort()).toEqual(["api-endpoint-open-to-internet", "ccm-managed-lists-ignore-rule-changes"]);
    // eslint-disable-next-line no-console
    console.log(`pack start-up ${session.startupMs} ms; start to last diagnostic ${report.timings.toLastDiagnosticMs} ms (analyze ${report.timings.analyzeMs} ms, analyzeStack ${report.timings.analyzeStackMs} ms)`);
  });

  it("decides every mandatory policy in the preview of a new stack (all ids unknown)", async () => {
    const report = await session.run(preview);
    const downgraded = [...new Set(report.downgradedInPreview.map((d) => d.policyName))];
    // eslint-disable-next-line no-console
    console.log(`preview of a new stack: downgraded to "can't run during preview": ${downgraded.length ? downgraded.join(", ") : "none"}; deciding: all ${session.info.policies.length} policies`);
    expect(downgraded.filter((name) => MANDATORY.includes(name))).toEqual([]);
    expect(report.mandatory).toEqual([]);
  });

  it("still blocks a broken preview of a new stack", async () => {
    const records = withInputs(preview, "node-pool", (i) => (i.nodeConfigDetails.nsgIds = [UNKNOWN_VALUE]));
    const report = await session.run(records);
    expect(mandatoryOf(report)).toEqual(["no-network-security-groups"]);
    expect(report.downgradedInPreview).toEqual([]);
  });

  const mutations: [string, ResourceRecord[], string][] = [
    ["an NSG on the node pool", withInputs(preview, "node-pool", (i) => (i.nodeConfigDetails.nsgIds = [UNKNOWN_VALUE])), "no-network-security-groups"],
    ["boot volume 100", withInputs(preview, "node-pool", (i) => (i.nodeSourceDetails.bootVolumeSizeInGbs = "100")), "node-pool-boot-volume-image-default"],
    ["a public worker subnet", withInputs(preview, "worker-subnet", (i) => (i.prohibitPublicIpOnVnic = false)), "worker-subnet-private"],
    ["a pool pinned to one fault domain", withInputs(preview, "node-pool", (i) => (i.nodeConfigDetails.placementConfigs[0].faultDomains = ["FAULT-DOMAIN-2"])), "node-pool-fault-domain-spread"],
    ["a worker list without 12250", withInputs(preview, "worker-security-list", (i) => (i.egressSecurityRules = i.egressSecurityRules.filter((r: any) => r.tcpOptions?.min !== 12250))), "node-registration-security-rules"],
    ["mismatched versions", withInputs(preview, "node-pool", (i) => (i.kubernetesVersion = "v1.32.1")), "kubernetes-versions-match"],
    ["2 nodes", withInputs(preview, "node-pool", (i) => (i.nodeConfigDetails.size = 2)), "node-pool-minimum-size"],
  ];
  it.each(mutations)("reports exactly one mandatory violation for %s", async (_what, records, policy) => {
    const report = await session.run(records);
    expect(mandatoryOf(report)).toEqual([policy]);
  });

  it("applies --policy-pack-config: an allowed boot volume size", async () => {
    const records = withInputs(deployed, "node-pool", (i) => (i.nodeSourceDetails.bootVolumeSizeInGbs = "100"));
    const report = await session.run(records, { config: { "node-pool-boot-volume-image-default": { allowedBootVolumeSizeInGbs: "100" } } });
    expect(report.mandatory).toEqual([]);
    expect(report.config["node-pool-minimum-size"].properties).toEqual({ minimumNodes: 3 }); // schema defaults filled in
  });

  it("applies --policy-pack-config: enforcement level overrides per policy and for all", async () => {
    const records = withInputs(deployed, "node-pool", (i) => (i.nodeConfigDetails.size = 2));
    const perPolicy = await session.run(records, { config: { "node-pool-minimum-size": "advisory" } });
    expect(perPolicy.mandatory).toEqual([]);
    expect(perPolicy.advisory.map((d) => d.policyName)).toContain("node-pool-minimum-size");
    const all = await session.run(records, { config: { all: "advisory" } });
    expect(all.mandatory).toEqual([]);
    const disabled = await session.run(records, { config: { "node-pool-minimum-size": { enforcementLevel: "disabled" } } });
    expect(disabled.diagnostics.map((d) => d.policyName)).not.toContain("node-pool-minimum-size");
    // Config is replaced on each Configure, as with a new CLI run: the default applies again.
    expect(mandatoryOf(await session.run(records))).toEqual(["node-pool-minimum-size"]);
  });

  it("rejects config that violates a policy's schema, as the CLI does", async () => {
    await expect(session.configure({ "node-pool-minimum-size": { minimumNodes: "three" } })).rejects.toThrow(/minimumNodes: Invalid type/);
  });
});
