import { readArchitecture } from "../../offline/architecture/architecture";
import { toMermaid } from "../../offline/diagram/mermaidDiagram";
import { distributeNodes } from "../../offline/architecture/nodePlacement";
import { runStack } from "../helpers/stack";

describe("node placement as OKE distributes it", () => {
  test("one AD: nodes go round-robin over its three fault domains", () => {
    const [ad] = distributeNodes(["AD-1"], 4);
    expect(ad.faultDomains.map((f) => f.nodes)).toEqual([["node 1", "node 4"], ["node 2"], ["node 3"]]);
  });

  test("three ADs: nodes go round-robin over the ADs first, then over each AD's fault domains", () => {
    const ads = distributeNodes(["AD-1", "AD-2", "AD-3"], 5);
    expect(ads.map((a) => a.faultDomains.map((f) => f.nodes.length))).toEqual([
      [1, 1, 0],
      [1, 1, 0],
      [1, 0, 0],
    ]);
  });

  test("a three-AD region in preview: three placement configs and nine fault-domain slots in the diagram", async () => {
    const run = await runStack({ "oci:region": "us-ashburn-1" }, true);
    const architecture = readArchitecture(run.resources, "us-ashburn-1");
    expect(architecture.nodePool?.placements.map((p) => p.availabilityDomain)).toEqual([1, 2, 3].map((i) => `Uocm:US-ASHBURN-1-AD-${i}`));
    const mmd = toMermaid(architecture, "t");
    expect(mmd.match(/subgraph ad\d_fd\d\["FAULT-DOMAIN-\d"\]/g)).toHaveLength(9);
    expect(mmd.match(/\["pool1 node \d/g)).toHaveLength(3);
    // In a preview ids are unknown; routes are still resolved through property dependencies.
    expect(architecture.subnets.find((s) => s.role === "workers")?.routes.map((r) => r.gatewayKind)).toEqual(["nat", "service"]);
  });
});
