import { AnalyzedResource, UNKNOWN_VALUE } from "../../offline/analyzer/records";
import { STACK_TAG_KEY } from "../../policies/contract";
import { clusterCreatedResourcesTagged } from "../../policies/stackTags";
import { allPolicies } from "../../policies/catalog";
import { recordNamed, runResourcePolicy } from "./harness";
import { stackRecords, withInputs } from "../helpers/stackRecords";

const CLUSTER = "oke-cluster-cluster";

let preview: AnalyzedResource[];
beforeAll(async () => {
  preview = await stackRecords({}, true);
});
const clusterWith = (update: (options: Record<string, any>) => void) =>
  recordNamed(
    withInputs(preview, CLUSTER, (i) => update(i.options)),
    CLUSTER,
  );

describe("cluster-created-resources-tagged", () => {
  it("is in the pack, mandatory", () => {
    expect(allPolicies).toContain(clusterCreatedResourcesTagged);
    expect(clusterCreatedResourcesTagged.enforcementLevel).toBe("mandatory");
  });

  it("accepts the stack's own tags at the first preview of a new stack", async () => {
    const cluster = recordNamed(preview, CLUSTER);
    expect((cluster.inputs.options as any).serviceLbConfig.freeformTags[STACK_TAG_KEY]).toBe("oke-quick-create/dev");
    expect((await runResourcePolicy(clusterCreatedResourcesTagged, cluster)).diagnostics).toEqual([]);
  });

  it("rejects load balancers without the tag, naming the field and the fix", async () => {
    const { diagnostics } = await runResourcePolicy(
      clusterCreatedResourcesTagged,
      clusterWith((o) => delete o.serviceLbConfig.freeformTags[STACK_TAG_KEY]),
    );
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0].message).toMatch(/options\.serviceLbConfig\.freeformTags\["oke-quick-create-stack"\] \(unset\).*literal "<project>\/<stack>"/);
  });

  it("rejects volumes tagged with a value that is not <project>/<stack>", async () => {
    const { diagnostics } = await runResourcePolicy(
      clusterCreatedResourcesTagged,
      clusterWith((o) => (o.persistentVolumeConfig.freeformTags[STACK_TAG_KEY] = "dev")),
    );
    expect(diagnostics.map((d) => d.message)).toEqual([expect.stringMatching(/persistentVolumeConfig.*"dev"/)]);
  });

  it("rejects an unknown value: the tag must be a literal", async () => {
    const { diagnostics } = await runResourcePolicy(
      clusterCreatedResourcesTagged,
      clusterWith((o) => (o.serviceLbConfig.freeformTags[STACK_TAG_KEY] = UNKNOWN_VALUE)),
    );
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0].message).toMatch(/serviceLbConfig.*unknown/);
  });

  it("rejects load balancers and volumes tagged for different stacks", async () => {
    const { diagnostics } = await runResourcePolicy(
      clusterCreatedResourcesTagged,
      clusterWith((o) => (o.persistentVolumeConfig.freeformTags[STACK_TAG_KEY] = "oke-quick-create/prod")),
    );
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0].message).toMatch(/"oke-quick-create\/dev" but its volumes "oke-quick-create\/prod"/);
  });
});
