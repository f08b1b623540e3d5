import { UNKNOWN_VALUE } from "../offline/analyzer/records";
import { quickCreateStackRecords, withInputs } from "../offline/analyzer/exampleStack";
import { nodePoolBootVolumeImageDefault, nodePoolFaultDomainSpread, nodePoolFlexShapeConfig, nodePoolMinimumSize } from "../policies/nodePool";
import { recordNamed, runResourcePolicy } from "./policiesHarness";

const stack = quickCreateStackRecords();
const pool = (update: (inputs: Record<string, any>) => void, records = stack) => recordNamed(withInputs(records, "node-pool", update), "node-pool");

describe("node-pool-boot-volume-image-default", () => {
  it("accepts the image default (bootVolumeSizeInGbs unset)", async () => {
    expect((await runResourcePolicy(nodePoolBootVolumeImageDefault, recordNamed(stack, "node-pool"))).diagnostics).toEqual([]);
  });

  it("rejects an explicit size, naming the pool, the value and the fix", async () => {
    const { diagnostics } = await runResourcePolicy(nodePoolBootVolumeImageDefault, pool((i) => (i.nodeSourceDetails.bootVolumeSizeInGbs = "100")));
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0].enforcementLevel).toBe("mandatory");
    expect(diagnostics[0].message).toMatch(/"pool1".*"100".*Fix: remove bootVolumeSizeInGbs/s);
  });

  it("accepts the one size allowed by config, and only that one", async () => {
    const config = { "node-pool-boot-volume-image-default": { allowedBootVolumeSizeInGbs: "100" } };
    expect((await runResourcePolicy(nodePoolBootVolumeImageDefault, pool((i) => (i.nodeSourceDetails.bootVolumeSizeInGbs = "100")), config)).diagnostics).toEqual([]);
    expect((await runResourcePolicy(nodePoolBootVolumeImageDefault, pool((i) => (i.nodeSourceDetails.bootVolumeSizeInGbs = "200")), config)).diagnostics).toHaveLength(1);
  });

  it("still decides when the size is unknown in a preview: a computed size is a set size", async () => {
    const { diagnostics } = await runResourcePolicy(nodePoolBootVolumeImageDefault, pool((i) => (i.nodeSourceDetails.bootVolumeSizeInGbs = UNKNOWN_VALUE)));
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0].enforcementLevel).toBe("mandatory");
  });

  it("does not apply to other resource types", async () => {
    expect((await runResourcePolicy(nodePoolBootVolumeImageDefault, recordNamed(stack, "cluster"))).diagnostics).toEqual([]);
  });
});

describe("node-pool-minimum-size", () => {
  it("accepts 3 nodes", async () => {
    expect((await runResourcePolicy(nodePoolMinimumSize, recordNamed(stack, "node-pool"))).diagnostics).toEqual([]);
  });

  it("rejects 2 nodes", async () => {
    const { diagnostics } = await runResourcePolicy(nodePoolMinimumSize, pool((i) => (i.nodeConfigDetails.size = 2)));
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0].message).toMatch(/"pool1" \(Pulumi name "node-pool"\) has nodeConfigDetails.size 2, below the minimum of 3/);
  });

  it("uses the configured minimum", async () => {
    const config = { "node-pool-minimum-size": { minimumNodes: 2 } };
    expect((await runResourcePolicy(nodePoolMinimumSize, pool((i) => (i.nodeConfigDetails.size = 2)), config)).diagnostics).toEqual([]);
  });

  it("rejects a pool without nodeConfigDetails (legacy subnetIds form)", async () => {
    const { diagnostics } = await runResourcePolicy(nodePoolMinimumSize, pool((i) => delete i.nodeConfigDetails));
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0].message).toMatch(/size \(unset\)/);
  });
});

describe("node-pool-fault-domain-spread", () => {
  it("accepts one placement per AD without fault domains, also in a preview", async () => {
    expect((await runResourcePolicy(nodePoolFaultDomainSpread, recordNamed(stack, "node-pool"))).diagnostics).toEqual([]);
    const preview = quickCreateStackRecords({ preview: true });
    expect((await runResourcePolicy(nodePoolFaultDomainSpread, recordNamed(preview, "node-pool"))).diagnostics).toEqual([]);
  });

  it("rejects a placement pinned to one fault domain", async () => {
    const { diagnostics } = await runResourcePolicy(nodePoolFaultDomainSpread, pool((i) => (i.nodeConfigDetails.placementConfigs[0].faultDomains = ["FAULT-DOMAIN-1"])));
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
    const { diagnostics } = await runResourcePolicy(nodePoolFaultDomainSpread, pool((i) => (i.nodeConfigDetails.placementConfigs = [])));
    expect(diagnostics).toHaveLength(1);
  });

  it("accepts three ADs, one placement each", async () => {
    const records = quickCreateStackRecords({ availabilityDomains: ["x:US-ASHBURN-AD-1", "x:US-ASHBURN-AD-2", "x:US-ASHBURN-AD-3"] });
    expect((await runResourcePolicy(nodePoolFaultDomainSpread, recordNamed(records, "node-pool"))).diagnostics).toEqual([]);
  });
});

describe("node-pool-flex-shape-config", () => {
  it("accepts a flex shape with ocpus and memory", async () => {
    expect((await runResourcePolicy(nodePoolFlexShapeConfig, recordNamed(stack, "node-pool"))).diagnostics).toEqual([]);
  });

  it("advises when a flex shape has no shape config", async () => {
    const { diagnostics } = await runResourcePolicy(nodePoolFlexShapeConfig, pool((i) => delete i.nodeShapeConfig));
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0].enforcementLevel).toBe("advisory");
    expect(diagnostics[0].message).toMatch(/"VM.Standard.E4.Flex"/);
  });

  it("ignores fixed shapes", async () => {
    const record = pool((i) => {
      i.nodeShape = "VM.Standard2.1";
      delete i.nodeShapeConfig;
    });
    expect((await runResourcePolicy(nodePoolFlexShapeConfig, record)).diagnostics).toEqual([]);
  });
});
