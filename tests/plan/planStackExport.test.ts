import * as fs from "fs";
import { changesOf, InProcessPlan, runPlanInProcess } from "../helpers/planInProcess";
import * as os from "os";
import * as path from "path";
import { stackExportOf } from "../helpers/stackExport";

// `npm start -- --deployed state.json` against what `pulumi stack export` writes after `pulumi up` of
// the dev stack (tests/helpers/stackExport.ts: the CLI's shape, a tenancy's own OCIDs and availability
// domain prefix, encrypted or --show-secrets secrets), in-process like planDeployed.test.ts.

const OUT = fs.mkdtempSync(path.join(os.tmpdir(), "plan-stack-export-"));
const file = (name: string) => path.join(OUT, name);
afterAll(() => {
  fs.rmSync(OUT, { recursive: true, force: true });
});

const plan = (args: string[], env: NodeJS.ProcessEnv = { CI: "true" }) => runPlanInProcess(args, { env });

const PLAINTEXT = "token: plaintext-of-a-show-secrets-export";
const EXTRA_URN =
  "urn:pulumi:dev::oke-quick-create::oke-quick-create:index:QuickCreate$oke-quick-create:index:Network$oci:Core/subnet:Subnet::oke-network-extra-subnet";

let base: InProcessPlan,
  same: InProcessPlan,
  shown: InProcessPlan,
  scaled: InProcessPlan,
  privateEndpoint: InProcessPlan,
  moved: InProcessPlan,
  extra: InProcessPlan;
beforeAll(async () => {
  // One at a time: the Pulumi runtime a program runs under is one per process.
  base = await plan(["--json", file("plan.json")]);
  expect(base.status).toBe(0);
  const planJson = JSON.parse(fs.readFileSync(file("plan.json"), "utf8"));
  const state = stackExportOf(planJson, { adPrefix: "Rzkq" });
  fs.writeFileSync(file("state.json"), JSON.stringify(state, null, 2));
  fs.writeFileSync(
    file("state-show.json"),
    JSON.stringify(stackExportOf(planJson, { adPrefix: "Rzkq", showSecrets: true, secretPlaintext: PLAINTEXT }), null, 2),
  );
  const subnet = state.deployment.resources.find((r: { type: string }) => r.type === "oci:Core/subnet:Subnet");
  state.deployment.resources.push({ ...subnet, urn: EXTRA_URN, id: "ocid1.subnet.oc1.ap-tokyo-1.aaaaaaaaextrasubnetnolongerbuilt" });
  fs.writeFileSync(file("state-extra.json"), JSON.stringify(state, null, 2));

  same = await plan(["--deployed", file("state.json"), "--json", file("same.json")]);
  shown = await plan(["--deployed", file("state-show.json"), "--json", file("shown.json")]);
  extra = await plan(["--deployed", file("state-extra.json")]);
  scaled = await plan(["--deployed", file("state.json"), "--config", "nodeCount=5"]);
  privateEndpoint = await plan(["--deployed", file("state.json"), "--config", "endpointPublic=false", "--json", file("private.json")]);
  moved = await plan(["--deployed", file("state.json"), "--config", "oci:region=us-ashburn-1"]);
}, 240000);

describe("npm start -- --deployed <pulumi stack export>", () => {
  test("the same program and config against its own deployed state changes nothing", () => {
    expect(same.status).toBe(0);
    expect(changesOf(same)).toBe(`Changes against ${file("state.json")}:\n0 to create, 0 to update, 0 to replace, 0 to delete`);
    expect(JSON.parse(fs.readFileSync(file("same.json"), "utf8")).changes).toEqual([]);
  });

  test("an export with --show-secrets changes nothing either, and its plain text is printed and written nowhere", () => {
    expect(changesOf(shown)).toBe(`Changes against ${file("state-show.json")}:\n0 to create, 0 to update, 0 to replace, 0 to delete`);
    expect(shown.stdout + shown.stderr + fs.readFileSync(file("shown.json"), "utf8")).not.toContain("plaintext-of-a-show-secrets-export");
  });

  test("--json prints a line naming what it wrote", () => {
    expect(same.stderr).toMatch(
      new RegExp(
        `^Wrote the plan as JSON to ${file("same.json").replace(/[.*+?^${}()|[\]\\]/g, "\\$&")} \\(19 resources, 0 changes, secrets masked\\)\\.$`,
        "m",
      ),
    );
  });

  test("nodeCount=5 updates pool1's size in place, nothing else", () => {
    expect(changesOf(scaled)).toBe(
      `Changes against ${file("state.json")}:\n` +
        "    ~ update   oci:ContainerEngine/nodePool:NodePool  oke-nodepool-pool1\n" +
        "          nodeConfigDetails.size: 3 → 5\n" +
        "0 to create, 1 to update, 0 to replace, 0 to delete",
    );
  });

  test("a private endpoint removes one rule from the endpoint list, in text and in JSON in the provider's shape", () => {
    const block = changesOf(privateEndpoint);
    const ruleLines = block.split("\n").filter((l) => /^ {10}[+-] (ingress|egress) /.test(l));
    expect(block).toContain(
      "    ~ update   oci:Core/securityList:SecurityList  oke-network-endpoint-seclist\n" +
        '          - ingress 0.0.0.0/0 TCP 6443 "External access to Kubernetes API endpoint"\n',
    );
    expect(ruleLines).toEqual(['          - ingress 0.0.0.0/0 TCP 6443 "External access to Kubernetes API endpoint"']);
    expect(block).not.toMatch(/SecurityRules\[\d+\]/);
    const changes = JSON.parse(fs.readFileSync(file("private.json"), "utf8")).changes;
    expect(changes.find((c: { name: string }) => c.name === "oke-network-endpoint-seclist")).toEqual({
      urn: expect.stringMatching(/::oke-network-endpoint-seclist$/),
      type: "oci:Core/securityList:SecurityList",
      name: "oke-network-endpoint-seclist",
      action: "update",
      paths: ["ingressSecurityRules"],
      rules: {
        added: [],
        removed: [
          {
            description: "External access to Kubernetes API endpoint",
            protocol: "6",
            source: "0.0.0.0/0",
            sourceType: "CIDR_BLOCK",
            stateless: false,
            tcpOptions: { max: 6443, min: 6443 },
          },
        ],
      },
    });
  });

  test("another region replaces every OCI resource, the reason stated once, and no dependent without what it depends on", () => {
    const block = changesOf(moved);
    expect(block.match(/oci:region moves/g)).toEqual(["oci:region moves"]);
    expect(block).toContain("    oci:region moves from ap-tokyo-1 to us-ashburn-1: OCI resources cannot move between regions, so every one is replaced.\n");
    const replaced = [...block.matchAll(/^ {4}\+-replace {2}(\S+) {2}(\S+)$/gm)].map((m) => m[1]);
    expect(replaced.filter((t) => !t.startsWith("oci:"))).toEqual([]);
    expect(new Set(replaced)).toEqual(
      new Set(
        JSON.parse(fs.readFileSync(file("plan.json"), "utf8"))
          .resources.map((r: { type: string }) => r.type)
          .filter((t: string) => t.startsWith("oci:")),
      ),
    );
    expect(block).toMatch(/\n0 to create, \d+ to update, 14 to replace, 0 to delete$/);
  });

  test("a resource the program no longer builds is a delete, counted", () => {
    expect(changesOf(extra)).toBe(
      `Changes against ${file("state-extra.json")}:\n` +
        "    - delete   oci:Core/subnet:Subnet  oke-network-extra-subnet\n" +
        "0 to create, 0 to update, 0 to replace, 1 to delete",
    );
  });

  test("an export of another stack is one sentence naming both and the --stack to pass (exit 2)", async () => {
    fs.writeFileSync(file("prod.json"), fs.readFileSync(file("state.json"), "utf8").replace(/urn:pulumi:dev::/g, "urn:pulumi:prod::"));
    const r = await plan(["--deployed", file("prod.json")]);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe(`error: --deployed ${file("prod.json")} is stack prod of oke-quick-create, not dev; pass --stack prod.\n`);
  });
});
