import { Architecture } from "../../offline/architecture/architecture";
import { DIAGRAM_FONT, toDot, withFontFallbacks } from "../../offline/diagram/dotDiagram";
import { toMermaid } from "../../offline/diagram/mermaidDiagram";
import { distributeNodes, LABELS_PER_SLOT } from "../../offline/architecture/nodePlacement";

function architecture(size: number, ads = 1): Architecture {
  return {
    region: "r",
    gateways: [],
    subnets: [{ name: "workers", role: "workers", cidr: "10.0.10.0/24", isPublic: false, routeTable: "t", routes: [], securityLists: [] }],
    nodePool: {
      name: "pool1",
      shape: "VM.Standard.E4.Flex",
      ocpus: 1,
      memoryGbs: 16,
      size,
      kubernetesVersion: "v1.33.1",
      placementConfigs: [],
      placements: distributeNodes(
        Array.from({ length: ads }, (_, i) => `AD-${i + 1}`),
        size,
      ),
    },
  };
}

describe("placement, a prediction with a bound", () => {
  it("counts a 1000-node pool per slot without a label (or a box) per node", () => {
    const ads = distributeNodes(["AD-1", "AD-2", "AD-3"], 1000);
    const counts = ads.flatMap((a) => a.faultDomains.map((f) => f.count));
    expect(counts.reduce((x, y) => x + y, 0)).toBe(1000);
    expect(Math.max(...counts) - Math.min(...counts)).toBeLessThanOrEqual(1);
    for (const a of ads) for (const f of a.faultDomains) expect(f.nodes.length).toBeLessThanOrEqual(LABELS_PER_SLOT);
    expect(ads[0].faultDomains[0].nodes).toEqual(["node 1", "node 10", "node 19"]);
  });

  it("draws nothing for sizes the program would never send", () => {
    for (const size of [Number.MAX_SAFE_INTEGER + 2, Infinity, NaN, -1]) {
      expect(distributeNodes(["AD-1"], size).flatMap((a) => a.faultDomains.map((f) => f.count))).toEqual([0, 0, 0]);
    }
  });

  it("the diagrams summarise the nodes past the labels and call the fault domains a prediction", () => {
    const dot = toDot(architecture(1000, 3), "t");
    // 1000 over nine slots: one holds 112 (3 labelled, 109 more), eight hold 111.
    expect(dot.match(/\+ 109 more nodes/g)).toHaveLength(1);
    expect(dot.match(/\+ 108 more nodes/g)).toHaveLength(8);
    expect(dot.match(/fault domains predicted; OCI places the nodes/g)).toHaveLength(3);
    expect(dot.length).toBeLessThan(20000);
    const mmd = toMermaid(architecture(1000, 3), "t");
    expect(mmd).toContain("+ 108 more");
    expect(mmd.match(/fault domains predicted; OCI places the nodes/g)).toHaveLength(3);
    expect(mmd).toContain("ad0 ~~~ ad1 ~~~ ad2");
  });

  it("lays out with the font the SVG asks for first", () => {
    const dot = toDot(architecture(3), "t");
    expect([...new Set(dot.match(/fontname="([^"]+)"/g))]).toEqual([`fontname="${DIAGRAM_FONT}"`]);
    expect(withFontFallbacks('<text font-family="Verdana">x</text>')).toBe(
      '<text font-family="Verdana,DejaVu Sans,Bitstream Vera Sans,Arial,Helvetica,sans-serif">x</text>',
    );
  });
});
