import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { readArchitecture } from "../../offline/architecture/architecture";
import { toDot } from "../../offline/diagram/dotDiagram";
import { toMermaid } from "../../offline/diagram/mermaidDiagram";
import { PlanInputError } from "../../offline/report/errors";
import { readProjectFile } from "../../offline/inputs/projectFile";
import { renderTree } from "../../offline/report/resourceTree";
import { resolveStackSettings } from "../../offline/inputs/stackSettings";
import { ProgramRun } from "../../offline/run/runProgram";
import { runStack } from "../helpers/stack";

const REPO = path.resolve(__dirname, "..", "..");

// The README's private-endpoint stack, `npm start -- --config endpointPublic=false --config bastion=true
// --config 'bastionClientCidrs=["203.0.113.0/24"]'`, as the plan reads it (the policy verdict on it is
// in tests/policies/bastion.test.ts, without starting the analyzer).
let run: ProgramRun;
beforeAll(async () => {
  run = await runStack({ endpointPublic: false, bastion: true, bastionClientCidrs: '["203.0.113.0/24"]' });
}, 60000);

describe("offline plan of a private-endpoint stack with a bastion", () => {
  test("the tree shows the bastion and what a reviewer checks", () => {
    const text = renderTree(run.resources).join("\n");
    expect(text).toMatch(
      /oke-bastion \(Bastion\)\n.*oci:Bastion\/bastion:Bastion {2}oke-bastion-bastion\n.*okebastionquickcluster1[0-9a-f]{9} · STANDARD · target subnet oke-nodesubnet-quick-cluster1-[0-9a-f]{9}-regional · clients 203\.0\.113\.0\/24 · sessions up to 10800 s/,
    );
  });

  test("both diagrams put the bastion in the worker subnet, reached from the internet", () => {
    const architecture = readArchitecture(run.resources, "ap-tokyo-1");
    expect(architecture.bastion).toEqual({
      name: expect.stringMatching(/^okebastionquickcluster1[0-9a-f]{9}$/),
      bastionType: "STANDARD",
      targetSubnet: expect.stringMatching(/^oke-nodesubnet-quick-/),
      clientCidrs: ["203.0.113.0/24"],
      maxSessionTtlSeconds: 10800,
    });
    const dot = toDot(architecture, "t");
    const workerCluster = dot.slice(dot.indexOf("workers subnet"), dot.indexOf("load balancers subnet"));
    expect(workerCluster).toMatch(/bastion \[label="OCI Bastion \(private endpoint\)\\nokebastionquick\w+\\nsessions from 203\.0\.113\.0\/24"/);
    expect(dot).toContain('internet -> bastion [label="SSH sessions (OCI Bastion service)"');
    const mmd = toMermaid(architecture, "t");
    expect(mmd).toMatch(/bastion\["OCI Bastion \(private endpoint\)<br\/>okebastionquick\w+<br\/>sessions from 203\.0\.113\.0\/24"\]/);
    expect(mmd).toContain('internet -.->|"SSH sessions (OCI Bastion service)"| bastion');
  });

  test("without a bastion the diagrams draw none", () => {
    const architecture = readArchitecture(
      run.resources.filter((r) => !r.type.startsWith("oci:Bastion")),
      "ap-tokyo-1",
    );
    expect(toDot(architecture, "t")).not.toContain("bastion");
    expect(toMermaid(architecture, "t")).not.toContain("bastion");
  });
});

describe("array configuration, typed per Pulumi.yaml", () => {
  const settings = (value: string) => resolveStackSettings(REPO, readProjectFile(REPO), "dev", [{ key: "bastionClientCidrs", value }]);

  test("--config takes a JSON list and passes it on as JSON, as the engine does", () => {
    expect(settings('["203.0.113.0/24","198.51.100.0/24"]').config["oke-quick-create:bastionClientCidrs"]).toBe('["203.0.113.0/24","198.51.100.0/24"]');
  });

  test("unset, the declared default is an empty list", () => {
    const s = resolveStackSettings(REPO, readProjectFile(REPO), "dev", []);
    expect(s.config["oke-quick-create:bastionClientCidrs"]).toBe("[]");
  });

  test.each(["203.0.113.0/24", "[1, 2]", '{"a": "b"}'])("%s is not a list of strings: one sentence naming the key", (value) => {
    let error: unknown;
    try {
      settings(value);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(PlanInputError);
    expect((error as Error).message).toBe(
      `Stack 'dev' with configuration key 'bastionClientCidrs' must be of type 'array<string>', but --config bastionClientCidrs gives "${value}": set a JSON list of strings such as --config 'bastionClientCidrs=["..."]' (in a stack file, a YAML list).`,
    );
  });

  test("a stack file's YAML list is accepted", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "plan-array-"));
    fs.copyFileSync(path.join(REPO, "Pulumi.yaml"), path.join(dir, "Pulumi.yaml"));
    fs.writeFileSync(
      path.join(dir, "Pulumi.dev.yaml"),
      "config:\n  oci:region: ap-tokyo-1\n  oke-quick-create:compartmentId: ocid1.compartment.oc1..x\n  oke-quick-create:kubernetesVersion: v1.33.1\n  oke-quick-create:bastionClientCidrs:\n    - 203.0.113.0/24\n",
    );
    const s = resolveStackSettings(dir, readProjectFile(dir), "dev", []);
    expect(s.config["oke-quick-create:bastionClientCidrs"]).toBe('["203.0.113.0/24"]');
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
