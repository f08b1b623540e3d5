import { execFile } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

const REPO = path.resolve(__dirname, "..", "..");
const OUT = fs.mkdtempSync(path.join(os.tmpdir(), "plan-cli-"));

interface Result {
  status: number;
  stdout: string;
  stderr: string;
}

/** `npm start -- <args>` without npm's banner: the exit status is what CI sees. */
function plan(...args: string[]): Promise<Result> {
  return new Promise((resolve) => {
    execFile(process.execPath, [path.join(REPO, "scripts", "plan.js"), ...args], { cwd: REPO, env: { ...process.env, CI: "true" } }, (err, stdout, stderr) => {
      resolve({ status: err ? Number((err as NodeJS.ErrnoException & { code: unknown }).code) : 0, stdout, stderr });
    });
  });
}

const file = (name: string) => path.join(OUT, name);
/** The SVG's text with Graphviz's entity escapes ("&#45;" for "-") undone. */
const svgText = (name: string) => fs.readFileSync(file(name), "utf8").replace(/&#(\d+);/g, (_m, code) => String.fromCharCode(Number(code)));
let clean: Result, mandatory: Result, invalid: Result;

// Three runs at once, each a separate process that starts its own policy pack. The violating run is
// also the three-AD one: a diagram does not depend on the verdict, and each run costs ~3 s of CPU.
beforeAll(async () => {
  [clean, mandatory, invalid] = await Promise.all([
    plan("--json", file("plan.json"), "--diagram", file("plan.svg")),
    plan("--config", "bootVolumeSizeGbs=100", "--config", "oci:region=us-ashburn-1", "--diagram", file("ashburn.svg")),
    plan("--config", "nodeCount=0"),
  ]);
}, 60000);

describe("npm start exit statuses", () => {
  test("0 for the dev stack, with the summary line last and progress on stderr only", () => {
    expect(clean.status).toBe(0);
    const resources = JSON.parse(fs.readFileSync(file("plan.json"), "utf8")).resources.length;
    expect(clean.stdout.trimEnd().split("\n").pop()).toMatch(new RegExp(`^${resources} resources, 0 mandatory violations, \\d+ advisory$`));
    expect(clean.stderr).toContain("Starting policy pack");
    // CI=true: no spinner frames or carriage returns in logs.
    expect(clean.stderr).not.toMatch(/\r|⠋/);
  });

  test("1 when a mandatory policy is violated: a custom boot volume", () => {
    expect(mandatory.status).toBe(1);
    expect(mandatory.stdout).toMatch(/❌ oke-quick-create@v0\.1\.0/);
    expect(mandatory.stdout).toContain("- [mandatory]  node-pool-boot-volume-image-default  (oci:ContainerEngine/nodePool:NodePool: oke-nodepool-pool1)");
    expect(mandatory.stdout).toMatch(/, 1 mandatory violation, /);
  });

  test("2 for invalid config, printing the program's one sentence and no stack trace", () => {
    expect(invalid.status).toBe(2);
    const errorLines = invalid.stderr.split("\n").filter((l) => l.startsWith("error:"));
    expect(errorLines).toEqual(["error: Invalid value 0 for nodeCount: use a whole number from 1 to 1000, OKE's limit per node pool."]);
    expect(invalid.stderr).not.toMatch(/^\s+at /m);
    expect(invalid.stdout).toBe("");
  });
});

describe("files the plan writes", () => {
  test("--json writes the plan with secrets masked", () => {
    const json = JSON.parse(fs.readFileSync(file("plan.json"), "utf8"));
    expect(json.stack).toBe("dev");
    expect(json.outputs.kubeconfig).toBe("[secret]");
    expect(json.resources.map((r: { type: string }) => r.type)).toContain("oci:ContainerEngine/nodePool:NodePool");
    expect(JSON.stringify(json)).not.toContain("certificate-authority-data");
    // The engine's URNs, usable with `pulumi up --replace`, and the policies speak of the same ones.
    const urns = new Set(json.resources.map((r: { urn: string }) => r.urn));
    expect(urns).toContain(
      "urn:pulumi:dev::oke-quick-create::oke-quick-create:index:QuickCreate$oke-quick-create:index:Network$oci:Core/vcn:Vcn::oke-network-vcn",
    );
    const endpointSeclist =
      "urn:pulumi:dev::oke-quick-create::oke-quick-create:index:QuickCreate$oke-quick-create:index:Network$oci:Core/securityList:SecurityList::oke-network-endpoint-seclist";
    expect(urns).toContain(endpointSeclist);
    expect(json.policies.diagnostics.map((d: { policy: string; urn?: string }) => [d.policy, d.urn])).toEqual([
      ["api-endpoint-open-to-internet", endpointSeclist],
    ]);
  });

  test("--diagram .svg draws every subnet and each node in its fault domain", () => {
    const svg = svgText("plan.svg");
    expect(svg).toMatch(/^<\?xml|<svg/);
    for (const cidr of ["10.0.0.0/28 · public", "10.0.10.0/24 · private", "10.0.20.0/24 · public"]) expect(svg).toContain(cidr);
    for (const gw of ["Internet gateway", "NAT gateway", "Service gateway", "Oracle Services Network"]) expect(svg).toContain(gw);
    expect(svg.match(/>FAULT-DOMAIN-\d</g)).toHaveLength(3);
    expect(svg.match(/>pool1 node \d</g)).toHaveLength(3);
  });

  test("a three-AD region draws three ADs and nine fault-domain slots", () => {
    expect(mandatory.status).toBe(1);
    const svg = svgText("ashburn.svg");
    expect(svg.match(/>Uocm:US-ASHBURN-1-AD-\d</g)).toHaveLength(3);
    expect(svg.match(/>FAULT-DOMAIN-\d</g)).toHaveLength(9);
    expect(svg.match(/>pool1 node \d</g)).toHaveLength(3);
    // Fault domains are OCI's choice: each AD says the drawing is a prediction.
    expect(svg.match(/>fault domains predicted; OCI places the nodes</g)).toHaveLength(3);
    // Readable at page width: the ADs are rows, so three ADs are no wider than a landscape page (842 pt).
    expect(Number(/<svg width="(\d+)pt"/.exec(svg)![1])).toBeLessThanOrEqual(842);
    // Boxes were measured with Verdana; the SVG asks for it first and falls back only to narrower faces.
    expect(svg).not.toMatch(/font-family="(?!Verdana,DejaVu Sans,)/);
  });
});
