import * as path from "path";
import { AnalysisReport, Diagnostic, PolicyPackSession, AnalyzedResource, UNKNOWN_VALUE, DEFAULT_PACK_DIR, startPolicyPack } from "../../offline/analyzer";
import { startPackProcess } from "../../offline/analyzer/process";
import { allPolicies } from "../../policies/catalog";
import { readProjectFile } from "../../offline/inputs/projectFile";
import { resolveStackSettings } from "../../offline/inputs/stackSettings";
import { PROJECT } from "../helpers/stack";
import { StackOverrides, stackRecords, withInputs } from "../helpers/stackRecords";

/**
 * End to end through the real policy server: the pack runs as a child process started like the CLI
 * starts it (run-policy-pack with ts-node), and is driven over gRPC with the CLI's call sequence, fed
 * every resource the real program (index.ts) registers under the OCI mocks.
 * One pack for the suite (its start dominates the cost), the same process the plan suites beside it
 * use for the dev stack.
 */
jest.setTimeout(120_000);

const REPO = path.resolve(__dirname, "..", "..");

/** The Quick Create contract's mandatory policies (the pack may serve more, e.g. for Kubernetes resources). */
const QUICK_CREATE_MANDATORY = [
  "cluster-network-cidrs",
  "kubernetes-versions-match",
  "load-balancer-subnet-public",
  "no-network-security-groups",
  "node-pool-boot-volume-image-default",
  "node-pool-fault-domain-spread",
  "node-pool-minimum-size",
  "node-registration-security-rules",
  "quick-create-names",
  "worker-subnet-private",
];
const CATALOG_MANDATORY = allPolicies
  .filter((p) => p.enforcementLevel === "mandatory")
  .map((p) => p.name)
  .sort();
const CATALOG_ADVISORY = allPolicies
  .filter((p) => p.enforcementLevel === "advisory")
  .map((p) => p.name)
  .sort();

let session: PolicyPackSession;
let deployed: AnalyzedResource[];
let preview: AnalyzedResource[];

beforeAll(async () => {
  [session, deployed, preview] = await Promise.all([
    // The dev stack's config as `pulumi preview` hands it to the pack (the project's defaults included).
    startPolicyPack({ project: PROJECT, stack: "dev", stackConfig: resolveStackSettings(REPO, readProjectFile(REPO), "dev", []).config }),
    stackRecords(),
    stackRecords({}, true),
  ]);
});
afterAll(async () => {
  await session?.close();
});

const mandatoryOf = (report: AnalysisReport) => report.mandatory.map((d: Diagnostic) => d.policyName);
const advisoryOf = (report: AnalysisReport) => [...new Set(report.advisory.map((d: Diagnostic) => d.policyName))].sort();

describe("the oke-quick-create pack, served", () => {
  it("describes its policies: exactly the catalog's, with the Quick Create contract's mandatory ones among them", () => {
    expect(session.info).toMatchObject({ name: "oke-quick-create", supportsConfig: true });
    const served = (level: string) =>
      session.info.policies
        .filter((p) => p.enforcementLevel === level)
        .map((p) => p.name)
        .sort();
    expect(served("mandatory")).toEqual(CATALOG_MANDATORY);
    expect(served("advisory")).toEqual(CATALOG_ADVISORY);
    expect(served("mandatory")).toEqual(expect.arrayContaining(QUICK_CREATE_MANDATORY));
  });

  it("is sent every resource the program registers: components, OCI resources and the Kubernetes provider", () => {
    const types = new Set(deployed.map((r) => r.type));
    for (const type of [
      "oke-quick-create:index:QuickCreate",
      "oci:Core/vcn:Vcn",
      "oci:Core/subnet:Subnet",
      "oci:Core/securityList:SecurityList",
      "oci:Core/defaultSecurityList:DefaultSecurityList",
      "oci:ContainerEngine/cluster:Cluster",
      "oci:ContainerEngine/nodePool:NodePool",
      "pulumi:providers:kubernetes",
    ]) {
      expect(types).toContain(type);
    }
    // A preview of a new stack registers the same resources, only with unknown ids.
    expect(preview.map((r) => r.urn)).toEqual(deployed.map((r) => r.urn));
  });

  it.each([
    ["deployed", false],
    ["the preview of a new stack", true],
  ])("finds no mandatory violation in the default stack (%s), only the public endpoint's advisory", async (_what, isPreview) => {
    const report = await session.run(isPreview ? preview : deployed);
    expect(report.mandatory).toEqual([]);
    // The stack sets ignoreChanges on the CCM-managed rule lists (spec §3.3), so ccm-managed-lists-ignore-rule-changes is quiet.
    expect(advisoryOf(report)).toEqual(["api-endpoint-open-to-internet"]);
  });

  it("finds no mandatory violation with the smoke workload (deploySample true), whose LoadBalancer Service the pack also checks", async () => {
    const records = await stackRecords({ deploySample: true }, true);
    expect(records.map((r) => r.type)).toContain("kubernetes:core/v1:Service");
    const report = await session.run(records);
    expect(report.mandatory).toEqual([]);
    expect(advisoryOf(report)).toEqual(["api-endpoint-open-to-internet"]);
    expect(report.downgradedInPreview).toEqual([]);
  });

  it("decides every mandatory policy in the preview of a new stack (all ids unknown)", async () => {
    const report = await session.run(preview);
    const downgraded = [...new Set(report.downgradedInPreview.map((d) => d.policyName))].sort();
    expect(downgraded.filter((name) => CATALOG_MANDATORY.includes(name))).toEqual([]);
    expect(report.mandatory).toEqual([]);
  });

  it("still blocks a broken preview of a new stack", async () => {
    const records = withInputs(preview, "oke-nodepool-pool1", (i) => (i.nodeConfigDetails.nsgIds = [UNKNOWN_VALUE]));
    const report = await session.run(records);
    expect(mandatoryOf(report)).toEqual(["no-network-security-groups"]);
    expect(report.downgradedInPreview).toEqual([]);
  });

  // Changes the program refuses to make, applied to the records of its preview.
  const mutations: [string, string, (inputs: Record<string, any>) => void, string][] = [
    ["an NSG on the node pool", "oke-nodepool-pool1", (i) => (i.nodeConfigDetails.nsgIds = [UNKNOWN_VALUE]), "no-network-security-groups"],
    ["boot volume 100", "oke-nodepool-pool1", (i) => (i.nodeSourceDetails.bootVolumeSizeInGbs = "100"), "node-pool-boot-volume-image-default"],
    ["a public worker subnet", "oke-network-worker-subnet", (i) => (i.prohibitPublicIpOnVnic = false), "worker-subnet-private"],
    [
      "a pool pinned to one fault domain",
      "oke-nodepool-pool1",
      (i) => (i.nodeConfigDetails.placementConfigs[0].faultDomains = ["FAULT-DOMAIN-2"]),
      "node-pool-fault-domain-spread",
    ],
    [
      "a worker list without 12250",
      "oke-network-worker-seclist",
      (i) => (i.egressSecurityRules = i.egressSecurityRules.filter((r: any) => r.tcpOptions?.min !== 12250)),
      "node-registration-security-rules",
    ],
    ["mismatched versions", "oke-nodepool-pool1", (i) => (i.kubernetesVersion = "v1.32.1"), "kubernetes-versions-match"],
    ["2 nodes", "oke-nodepool-pool1", (i) => (i.nodeConfigDetails.size = 2), "node-pool-minimum-size"],
  ];
  it.each(mutations)("reports exactly one mandatory violation for %s", async (_what, name, update, policy) => {
    const report = await session.run(withInputs(preview, name, update));
    expect(mandatoryOf(report)).toEqual([policy]);
  });

  // Stack settings the program accepts, run through the program and previewed as a new stack.
  const settings: [string, StackOverrides, string, string[]][] = [
    ["bootVolumeSizeGbs 100", { bootVolumeSizeGbs: 100 }, "node-pool-boot-volume-image-default", ["api-endpoint-open-to-internet"]],
    ["nodeCount 2", { nodeCount: 2 }, "node-pool-minimum-size", ["api-endpoint-open-to-internet"]],
    // worker-subnet-private's allowPublicWorkers defaults to false: public workers are blocked unless the config allows them.
    ["workersPublic true", { workersPublic: true }, "worker-subnet-private", ["api-endpoint-open-to-internet", "ssh-open-to-internet"]],
  ];
  it.each(settings)("reports exactly one mandatory violation for the stack setting %s", async (_what, overrides, policy, advisories) => {
    const report = await session.run(await stackRecords(overrides, true));
    expect(mandatoryOf(report)).toEqual([policy]);
    expect(advisoryOf(report)).toEqual(advisories);
    expect(report.downgradedInPreview).toEqual([]);
  });

  it("applies --policy-pack-config: public workers allowed", async () => {
    const records = await stackRecords({ workersPublic: true }, true);
    expect(mandatoryOf(await session.run(records))).toEqual(["worker-subnet-private"]);
    const report = await session.run(records, { config: { "worker-subnet-private": { allowPublicWorkers: true } } });
    expect(report.mandatory).toEqual([]);
  });

  it("applies --policy-pack-config: an allowed boot volume size", async () => {
    const records = await stackRecords({ bootVolumeSizeGbs: 100 });
    expect(mandatoryOf(await session.run(records))).toEqual(["node-pool-boot-volume-image-default"]);
    const report = await session.run(records, { config: { "node-pool-boot-volume-image-default": { allowedBootVolumeSizeInGbs: "100" } } });
    expect(report.mandatory).toEqual([]);
    expect(report.config["node-pool-minimum-size"].properties).toEqual({ minimumNodes: 3 }); // schema defaults filled in
  });

  it("applies --policy-pack-config: enforcement level overrides per policy and for all", async () => {
    const records = await stackRecords({ nodeCount: 2 });
    const perPolicy = await session.run(records, { config: { "node-pool-minimum-size": "advisory" } });
    expect(perPolicy.mandatory).toEqual([]);
    expect(advisoryOf(perPolicy)).toEqual(["api-endpoint-open-to-internet", "node-pool-minimum-size"]);
    const all = await session.run(records, { config: { all: "advisory" } });
    expect(all.mandatory).toEqual([]);
    expect(advisoryOf(all)).toEqual(["api-endpoint-open-to-internet", "node-pool-minimum-size"]);
    const disabled = await session.run(records, { config: { "node-pool-minimum-size": { enforcementLevel: "disabled" } } });
    expect(disabled.mandatory).toEqual([]);
    expect(advisoryOf(disabled)).toEqual(["api-endpoint-open-to-internet"]);
    // Config is replaced on each Configure, as with a new CLI run: the default applies again.
    expect(mandatoryOf(await session.run(records))).toEqual(["node-pool-minimum-size"]);
  });

  it("rejects config that violates a policy's schema, as the CLI does", async () => {
    await expect(session.configure({ "node-pool-minimum-size": { minimumNodes: "three" } })).rejects.toThrow(/minimumNodes: Invalid type/);
  });
});

describe("a pack start nobody needs any more", () => {
  it("is stopped at once: the process is gone when the start gives up", async () => {
    const abandon = new AbortController();
    const starting = startPackProcess({ packDir: DEFAULT_PACK_DIR, project: PROJECT, stack: "dev", signal: abandon.signal });
    abandon.abort();
    const error: Error = await starting.then(
      () => new Error("the pack started"),
      (e: Error) => e,
    );
    expect(error.message).toMatch(/^policy pack \(pid \d+\) stopped mid-start/);
    const pid = Number(/pid (\d+)/.exec(error.message)![1]);
    expect(() => process.kill(pid, 0)).toThrow(expect.objectContaining({ code: "ESRCH" }));
  });
});
