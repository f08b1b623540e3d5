import { AnalyzedResource } from "../../offline/analyzer/records";
import { nodePoolCyclingEnabled } from "../../policies/nodePoolCycling";
import { recordNamed, runStackPolicy } from "./harness";
import { stackRecords, withInputs } from "../helpers/stackRecords";

const POOL = "oke-nodepool-pool1";

let preview: AnalyzedResource[];
beforeAll(async () => {
  // A fresh preview: every id unknown, so the policy must decide from literals alone.
  preview = await stackRecords({}, true);
});

describe("node-pool-cycling-enabled", () => {
  it("accepts the default (enhanced) stack, whose pool1 cycles its nodes, at a fresh preview", async () => {
    const { diagnostics, notApplicable } = await runStackPolicy(nodePoolCyclingEnabled, preview);
    expect(diagnostics).toEqual([]);
    expect(notApplicable).toEqual([]);
  });

  it("flags a pool without nodePoolCyclingDetails on an enhanced cluster, on the pool's URN, as advisory", async () => {
    const records = withInputs(preview, POOL, (i) => delete i.nodePoolCyclingDetails);
    const { diagnostics } = await runStackPolicy(nodePoolCyclingEnabled, records);
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0].enforcementLevel).toBe("advisory");
    expect(diagnostics[0].urn).toBe(recordNamed(records, POOL).urn);
    expect(diagnostics[0].message).toMatch(
      /"pool1" \(Pulumi name "oke-nodepool-pool1"\) on an enhanced cluster has nodePoolCyclingDetails\.isNodeCyclingEnabled \(unset\).*Fix: set nodePoolCyclingDetails/s,
    );
  });

  it("is quiet on a basic cluster, where OKE has no node cycling (and the program sets none)", async () => {
    const basic = await stackRecords({ clusterType: "basic" }, true);
    expect(recordNamed(basic, POOL).inputs.nodePoolCyclingDetails).toBeUndefined();
    expect((await runStackPolicy(nodePoolCyclingEnabled, basic)).diagnostics).toEqual([]);
  });
});
