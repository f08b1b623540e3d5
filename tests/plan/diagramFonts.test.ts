import { execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { Architecture } from "../../offline/architecture/architecture";
import { SVG_FONT_FAMILY, toDot } from "../../offline/diagram/dotDiagram";
import { distributeNodes } from "../../offline/architecture/nodePlacement";

// Boxes are sized with Verdana; the SVG lets the viewer fall back to the other faces it names. Each
// label, measured by Graphviz's own font tables in every one of those faces, must fit the room its box
// was given: at most a hair (the box margins) wider than its Verdana measure.

const ARCH: Architecture = {
  region: "us-ashburn-1",
  vcn: { name: "oke-vcn-quick-cluster1-dee46d169", cidrs: ["10.0.0.0/16"] },
  gateways: [
    { name: "oke-igw-quick-cluster1-dee46d169", kind: "internet", enabled: true, serviceCount: 0 },
    {
      name: "oke-sgw-quick-cluster1-dee46d169",
      kind: "service",
      enabled: true,
      serviceCount: 1,
      services: "Oracle Services Network (all-iad-services-in-oracle-services-network)",
    },
  ],
  subnets: [
    {
      name: "oke-k8sApiEndpoint-subnet-quick-cluster1-dee46d169-regional",
      role: "endpoint",
      cidr: "10.0.0.0/28",
      isPublic: true,
      routeTable: "t",
      routes: [],
      securityLists: [],
    },
    {
      name: "oke-nodesubnet-quick-cluster1-dee46d169-regional",
      role: "workers",
      cidr: "10.0.10.0/24",
      isPublic: false,
      routeTable: "t",
      routes: [],
      securityLists: [],
    },
    {
      name: "oke-svclbsubnet-quick-cluster1-dee46d169-regional",
      role: "load balancers",
      cidr: "10.0.20.0/24",
      isPublic: true,
      routeTable: "t",
      routes: [],
      securityLists: [],
    },
  ],
  cluster: { name: "cluster1", version: "v1.33.1", type: "ENHANCED_CLUSTER", cni: "OCI_VCN_IP_NATIVE", endpointPublic: true },
  nodePool: {
    name: "pool1",
    shape: "VM.Standard.E4.Flex",
    ocpus: 1,
    memoryGbs: 16,
    size: 5,
    kubernetesVersion: "v1.33.1",
    placementConfigs: [],
    placements: distributeNodes(["Uocm:US-ASHBURN-1-AD-1", "Uocm:US-ASHBURN-1-AD-2", "Uocm:US-ASHBURN-1-AD-3"], 5),
  },
  // The bastion's box and its edge label are drawn too (bastion=true).
  bastion: {
    name: "okebastionquickcluster1dee46d169",
    bastionType: "STANDARD",
    targetSubnet: "oke-nodesubnet-quick-cluster1-dee46d169-regional",
    clientCidrs: ["203.0.113.0/24", "198.51.100.0/24"],
  },
};

// @hpcc-js/wasm-graphviz is ESM-only, which jest's registry cannot load: measure in a child node.
const MEASURE = `
import { Graphviz } from "@hpcc-js/wasm-graphviz";
import fs from "fs";
const g = await Graphviz.load();
const [labels, fonts] = JSON.parse(fs.readFileSync(process.argv[1], "utf8"));
const width = (font, text) => {
  const svg = g.dot(\`digraph { node [shape=box, fontname="\${font}", fontsize=10, margin=0]; a [label=\${JSON.stringify(text)}]; }\`, "svg");
  const xs = /<polygon fill="none" stroke="black" points="([^"]+)"/.exec(svg)[1].split(" ").map((p) => Number(p.split(",")[0]));
  return Math.max(...xs) - Math.min(...xs);
};
process.stdout.write(JSON.stringify(labels.map((t) => fonts.map((f) => width(f, t)))));
`;

test("every label fits its Verdana-sized room in each fallback face the SVG names", () => {
  const dot = toDot(ARCH, "oke-quick-create · stack dev · us-ashburn-1");
  const labels = new Set<string>();
  for (const m of dot.matchAll(/label="((?:[^"\\]|\\.)*)"/g)) m[1].split("\\n").forEach((t) => t && labels.add(t.replace(/\\"/g, '"')));
  for (const m of dot.matchAll(/>([^<>]+)</g)) if (m[1].trim()) labels.add(m[1].trim().replace(/&amp;/g, "&"));
  // Bitstream Vera Sans is DejaVu Sans' ancestor with the same Latin widths; Graphviz's tables know DejaVu.
  const faces = SVG_FONT_FAMILY.split(",").filter((f) => f !== "sans-serif" && f !== "Bitstream Vera Sans");
  expect(faces[0]).toBe("Verdana");
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "diagram-fonts-"));
  const input = path.join(dir, "labels.json");
  fs.writeFileSync(input, JSON.stringify([[...labels], faces]));
  const widths: number[][] = JSON.parse(
    execFileSync(process.execPath, ["--input-type=module", "-e", MEASURE, input], {
      cwd: path.resolve(__dirname, "..", ".."),
      encoding: "utf8",
      timeout: 20000,
    }),
  );
  fs.rmSync(dir, { recursive: true, force: true });
  expect(labels.size).toBeGreaterThan(20);
  [...labels].forEach((label, i) => {
    const [verdana, ...others] = widths[i];
    // Graphviz pads every box and cluster label by at least 8 pt; 2% of the widest label is under 7.
    for (const w of others) expect({ label, ratio: w / verdana <= 1.02 }).toEqual({ label, ratio: true });
  });
});
