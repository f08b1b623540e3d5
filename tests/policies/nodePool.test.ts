import { AnalyzedResource, UNKNOWN_VALUE } from "../../offline/analyzer/records";
import { nodePoolBootVolumeImageDefault, nodePoolFaultDomainSpread, nodePoolFlexShapeConfig, nodePoolMinimumSize } from "../../policies/nodePool";
import { recordNamed, runResourcePolicy, violations } from "./harness";
import { stackRecords, withInputs } from "../helpers/stackRecords";

const POOL = "oke-nodepool-pool1";
const CLUSTER = "oke-cluster-cluster";

let stack: AnalyzedResource[];
beforeAll(async () => {
  stack = await stackRecords();
});
/** The default stack's pool, changed in a way the program itself will not produce. */
const pool = (update: (inputs: Record<string, any>) => void) => recordNamed(withInputs(stack, POOL, update), POOL);
/** The pool the program registers with these stack settings. */
const poolOf = async (overrides: Record<string, string | number | boolean>, preview = false) => recordNamed(await stackRecords(overrides, preview), POOL);

describe("node-pool-boot-volume-image-default", () => {
  it("accepts the image default (bootVolumeSizeInGbs unset)", async () => {
    expect((await runResourcePolicy(nodePoolBootVolumeImageDefault, recordNamed(stack, POOL))).diagnostics).toEqual([]);
  });

  it("rejects an explicit size (bootVolumeSizeGbs 100), naming the pool, the value and the fix", async () => {
    const { diagnostics } = await runResourcePolicy(nodePoolBootVolumeImageDefault, await poolOf({ bootVolumeSizeGbs: 100 }));
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0].enforcementLevel).toBe("mandatory");
    expect(diagnostics[0].message).toMatch(/"pool1".*"100".*Fix: remove bootVolumeSizeInGbs/s);
  });

  it("accepts the one size allowed by config, and only that one", async () => {
    const config = { "node-pool-boot-volume-image-default": { allowedBootVolumeSizeInGbs: "100" } };
    expect((await runResourcePolicy(nodePoolBootVolumeImageDefault, await poolOf({ bootVolumeSizeGbs: 100 }), config)).diagnostics).toEqual([]);
    expect(violations((await runResourcePolicy(nodePoolBootVolumeImageDefault, await poolOf({ bootVolumeSizeGbs: 200 }), config)).diagnostics)).toEqual([
      [
        "node-pool-boot-volume-image-default",
        "oke-nodepool-pool1",
        expect.stringMatching(/sets nodeSourceDetails\.bootVolumeSizeInGbs to "200".*Fix: remove bootVolumeSizeInGbs or set it to the allowed "100"/),
      ],
    ]);
  });

  it("still decides when the size is unknown in a preview: a computed size is a set size", async () => {
    const { diagnostics } = await runResourcePolicy(
      nodePoolBootVolumeImageDefault,
      pool((i) => (i.nodeSourceDetails.bootVolumeSizeInGbs = UNKNOWN_VALUE)),
    );
    expect(violations(diagnostics)).toEqual([
      [
        "node-pool-boot-volume-image-default",
        "oke-nodepool-pool1",
        expect.stringMatching(/sets nodeSourceDetails\.bootVolumeSizeInGbs to \(unknown until the resource it comes from exists\)/),
      ],
    ]);
    expect(diagnostics[0].enforcementLevel).toBe("mandatory");
  });

  it("does not apply to other resource types", async () => {
    expect((await runResourcePolicy(nodePoolBootVolumeImageDefault, recordNamed(stack, CLUSTER))).diagnostics).toEqual([]);
  });
});

describe("node-pool-minimum-size", () => {
  it("accepts 3 nodes", async () => {
    expect((await runResourcePolicy(nodePoolMinimumSize, recordNamed(stack, POOL))).diagnostics).toEqual([]);
  });

  it("rejects 2 nodes (nodeCount 2)", async () => {
    const { diagnostics } = await runResourcePolicy(nodePoolMinimumSize, await poolOf({ nodeCount: 2 }));
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0].message).toMatch(/"pool1" \(Pulumi name "oke-nodepool-pool1"\) has nodeConfigDetails.size 2, below the minimum of 3/);
  });

  it("uses the configured minimum", async () => {
    const config = { "node-pool-minimum-size": { minimumNodes: 2 } };
    expect((await runResourcePolicy(nodePoolMinimumSize, await poolOf({ nodeCount: 2 }), config)).diagnostics).toEqual([]);
  });

  it("rejects a pool without nodeConfigDetails (legacy subnetIds form)", async () => {
    const { diagnostics } = await runResourcePolicy(
      nodePoolMinimumSize,
      pool((i) => delete i.nodeConfigDetails),
    );
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0].message).toMatch(/size \(unset\)/);
  });
});

describe("node-pool-fault-domain-spread", () => {
  it("accepts one placement per AD without fault domains, also in a preview", async () => {
    expect((await runResourcePolicy(nodePoolFaultDomainSpread, recordNamed(stack, POOL))).diagnostics).toEqual([]);
    expect((await runResourcePolicy(nodePoolFaultDomainSpread, await poolOf({}, true))).diagnostics).toEqual([]);
  });

  it("rejects a placement pinned to one fault domain", async () => {
    const { diagnostics } = await runResourcePolicy(
      nodePoolFaultDomainSpread,
      pool((i) => (i.nodeConfigDetails.placementConfigs[0].faultDomains = ["FAULT-DOMAIN-1"])),
    );
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0].message).toMatch(/placementConfigs\[0\] to faultDomains \["FAULT-DOMAIN-1"\]/);
  });

  it("accepts all three fault domains named explicitly", async () => {
    const record = pool((i) => (i.nodeConfigDetails.placementConfigs[0].faultDomains = ["FAULT-DOMAIN-1", "FAULT-DOMAIN-2", "FAULT-DOMAIN-3"]));
    expect((await runResourcePolicy(nodePoolFaultDomainSpread, record)).diagnostics).toEqual([]);
  });

  it("rejects an availability domain listed twice", async () => {
    const record = pool((i) => i.nodeConfigDetails.placementConfigs.push({ ...i.nodeConfigDetails.placementConfigs[0] }));
    const { diagnostics } = await runResourcePolicy(nodePoolFaultDomainSpread, record);
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0].message).toMatch(/"Uocm:AP-TOKYO-1-AD-1" in placementConfigs\[0\] and placementConfigs\[1\]/);
  });

  it("rejects a pool without placement configs", async () => {
    const { diagnostics } = await runResourcePolicy(
      nodePoolFaultDomainSpread,
      pool((i) => (i.nodeConfigDetails.placementConfigs = [])),
    );
    expect(violations(diagnostics)).toEqual([
      ["node-pool-fault-domain-spread", "oke-nodepool-pool1", expect.stringMatching(/has nodeConfigDetails\.placementConfigs empty or unset/)],
    ]);
  });

  it("accepts three ADs, one placement each (us-ashburn-1)", async () => {
    const record = await poolOf({ "oci:region": "us-ashburn-1" });
    expect((record.inputs as any).nodeConfigDetails.placementConfigs).toHaveLength(3);
    expect((await runResourcePolicy(nodePoolFaultDomainSpread, record)).diagnostics).toEqual([]);
  });
});

describe("node-pool-flex-shape-config", () => {
  it("accepts a flex shape with ocpus and memory", async () => {
    expect((await runResourcePolicy(nodePoolFlexShapeConfig, recordNamed(stack, POOL))).diagnostics).toEqual([]);
  });

  it("advises when a flex shape has no shape config", async () => {
    const { diagnostics } = await runResourcePolicy(
      nodePoolFlexShapeConfig,
      pool((i) => delete i.nodeShapeConfig),
    );
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0].enforcementLevel).toBe("advisory");
    expect(diagnostics[0].message).toMatch(/"VM.Standard.E4.Flex"/);
  });

  it("ignores fixed shapes (nodeShape VM.Standard2.1)", async () => {
    const record = await poolOf({ nodeShape: "VM.Standard2.1" });
    expect((record.inputs as any).nodeShapeConfig).toBeUndefined();
    expect((await runResourcePolicy(nodePoolFlexShapeConfig, record)).diagnostics).toEqual([]);
  });
});
