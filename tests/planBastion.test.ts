import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { parseArgs } from "../offline/plan/args";
import { toDot } from "../offline/plan/dotDiagram";
import { toMermaid } from "../offline/plan/mermaidDiagram";
import { PlanInputError } from "../offline/plan/planError";
import { countByLevel } from "../offline/plan/policyResults";
import { readProjectFile } from "../offline/plan/projectFile";
import { Progress } from "../offline/plan/progress";
import { Plan, runPlan } from "../offline/plan/runPlan";
import { resolveStackSettings } from "../offline/plan/stackSettings";
import { renderTextReport } from "../offline/plan/textReport";

const REPO = path.resolve(__dirname, "..");
const silent: Progress = { step: (_label, work) => work() };
const FLAGS = ["--config", "endpointPublic=false", "--config", "bastion=true", "--config", 'bastionClientCidrs=["203.0.113.0/24"]'];

// The README's private-endpoint stack: `npm start -- --config endpointPublic=false --config bastion=true ...`.
let plan: Plan;
beforeAll(async () => {
  plan = await runPlan(parseArgs(FLAGS), { projectDir: REPO, progress: silent });
}, 60000);

describe("offline plan of a private-endpoint stack with a bastion", () => {
  test("plans with no mandatory violation", () => {
    expect(countByLevel(plan.policies).mandatory).toBe(0);
    expect(plan.policies.diagnostics.map((d) => d.policy)).not.toContain("bastion-targets-worker-subnet");
  });

  test("the tree shows the bastion and what a reviewer checks", () => {
    const text = renderTextReport({ ...plan, stack: plan.settings.stack, project: plan.settings.project });
    expect(text).toMatch(/oke-bastion \(Bastion\)\n.*oci:Bastion\/bastion:Bastion {2}oke-bastion-bastion\n.*okebastionquickcluster1[0-9a-f]{9} · STANDARD · target subnet oke-nodesubnet-quick-cluster1-[0-9a-f]{9}-regional · clients 203\.0\.113\.0\/24 · sessions up to 10800 s/);
    expect(text).toMatch(/bastionId +: "ocid1\.bastion\.oc1\.ap-tokyo-1\./);
  });

  test("both diagrams put the bastion in the worker subnet, reached from the internet", () => {
    expect(plan.architecture.bastion).toEqual({
      name: expect.stringMatching(/^okebastionquickcluster1[0-9a-f]{9}$/),
      targetSubnet: expect.stringMatching(/^oke-nodesubnet-quick-/),
      clientCidrs: ["203.0.113.0/24"],
    });
    const dot = toDot(plan.architecture, "t");
    const workerCluster = dot.slice(dot.indexOf("workers subnet"), dot.indexOf("load balancers subnet"));
    expect(workerCluster).toMatch(/bastion \[label="OCI Bastion \(private endpoint\)\\nokebastionquick\w+\\nsessions from 203\.0\.113\.0\/24"/);
    expect(dot).toContain('internet -> bastion [label="SSH sessions (OCI Bastion service)"');
    const mmd = toMermaid(plan.architecture, "t");
    expect(mmd).toMatch(/bastion\["OCI Bastion \(private endpoint\)<br\/>okebastionquick\w+<br\/>sessions from 203\.0\.113\.0\/24"\]/);
    expect(mmd).toContain("internet -.->|\"SSH sessions (OCI Bastion service)\"| bastion");
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
      `Stack 'dev' with configuration key 'bastionClientCidrs' must be of type 'array', but --config bastionClientCidrs gives "${value}": set a JSON list of strings such as --config 'bastionClientCidrs=["..."]' (in a stack file, a YAML list).`,
    );
  });

  test("a stack file's YAML list is accepted", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "plan-array-"));
    fs.copyFileSync(path.join(REPO, "Pulumi.yaml"), path.join(dir, "Pulumi.yaml"));
    fs.writeFileSync(path.join(dir, "Pulumi.dev.yaml"), "config:\n  oci:region: ap-tokyo-1\n  oke-quick-create:compartmentId: ocid1.compartment.oc1..x\n  oke-quick-create:kubernetesVersion: v1.33.1\n  oke-quick-create:bastionClientCidrs:\n    - 203.0.113.0/24\n");
    const s = resolveStackSettings(dir, readProjectFile(dir), "dev", []);
    expect(s.config["oke-quick-create:bastionClientCidrs"]).toBe('["203.0.113.0/24"]');
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
