import * as path from "path";
import { parseArgs } from "../../offline/inputs/args";
import { planJson } from "../../offline/report/jsonReport";
import { describeResources } from "../../offline/architecture/architecture";
import { toMermaid } from "../../offline/diagram/mermaidDiagram";
import { Progress } from "../../offline/report/progress";
import { Plan, runPlan } from "../../offline/runPlan";
import { renderTextReport } from "../../offline/report/textReport";
import { ResourceType } from "../../policies/contract";
import { withShortStacks } from "../helpers/stack";

const REPO = path.resolve(__dirname, "..", "..");
const silent: Progress = { step: (_label, work) => work() };

// One plan of the dev stack (program plus the real policy pack) shared by every test in this file.
let plan: Plan;
beforeAll(async () => {
  plan = await withShortStacks(() => runPlan(parseArgs([]), { projectDir: REPO, progress: silent }));
}, 60000);

function report(): string {
  return renderTextReport({ ...plan, stack: plan.settings.stack, project: plan.settings.project });
}

describe("offline plan of the dev stack", () => {
  test("the text report shows the tree with the facts a reviewer checks", () => {
    const text = report();
    expect(text).toContain("oke (QuickCreate)");
    expect(text).toMatch(/oci:Core\/subnet:Subnet {2}oke-network-worker-subnet\n.*cidr 10\.0\.10\.0\/24 · private/);
    expect(text).toMatch(/route 0\.0\.0\.0\/0 → oke-ngw-quick-cluster1-\w+ · route all-nrt-services-in-oracle-services-network → oke-sgw-/);
    expect(text).toContain("4 ingress rules, 7 egress rules");
    expect(text).toContain("3 × VM.Standard.E4.Flex (1 OCPU, 16 GB) · v1.33.1 · placement Uocm:AP-TOKYO-1-AD-1");
  });

  test("the tree and the diagrams read one derivation of the facts", () => {
    const views = [...describeResources(plan.records).values()];
    const workers = plan.architecture.subnets.find((s) => s.role === "workers");
    expect(views.find((v) => v.is === "subnet" && v.role === "workers")).toEqual({ is: "subnet", ...workers });
    expect(workers).toMatchObject({
      cidr: "10.0.10.0/24",
      isPublic: false,
      routes: [{ gatewayKind: "nat", destination: "0.0.0.0/0" }, { gatewayKind: "service" }],
    });
    const pool = views.find((v) => v.is === "nodePool");
    expect(pool).toEqual({ is: "nodePool", ...plan.architecture.nodePool });
    expect(plan.architecture.nodePool).toMatchObject({ shape: "VM.Standard.E4.Flex", ocpus: 1, memoryGbs: 16, size: 3, kubernetesVersion: "v1.33.1" });
  });

  test("secret outputs are masked in text and JSON, and the kubeconfig text never appears", () => {
    const text = report();
    expect(text).toMatch(/kubeconfig\s*: \[secret\]/);
    expect(text).not.toContain("apiVersion");
    const json = planJson(plan.settings, plan.records, plan.outputs, plan.policies);
    expect(json.outputs.kubeconfig).toBe("[secret]");
    expect(JSON.stringify(json)).not.toContain("generate-token");
  });

  test("secret config keys are masked in the JSON", () => {
    const settings = {
      ...plan.settings,
      config: { ...plan.settings.config, "oke-quick-create:sshPublicKey": "ssh-ed25519 AAAA" },
      secretKeys: ["oke-quick-create:sshPublicKey"],
    };
    const json = planJson(settings, plan.records, plan.outputs, plan.policies);
    expect(json.config["oke-quick-create:sshPublicKey"]).toBe("[secret]");
    expect(JSON.stringify(json)).not.toContain("ssh-ed25519");
  });

  test("the JSON has the documented shape", () => {
    const json = JSON.parse(JSON.stringify(planJson(plan.settings, plan.records, plan.outputs, plan.policies, plan.changes)));
    expect(Object.keys(json).sort()).toEqual(["changes", "config", "outputs", "policies", "project", "resources", "stack"]);
    expect(json).toMatchObject({ stack: "dev", project: "oke-quick-create" });
    expect(json.resources.map((r: any) => r.urn)).toEqual(plan.records.map((r) => r.urn));
    const pool = json.resources.find((r: any) => r.type === ResourceType.NodePool);
    expect(Object.keys(pool).sort()).toEqual(["dependencies", "id", "inputs", "name", "parent", "type", "urn"]);
    // Nothing deployed: every resource is a create, matched by URN.
    expect(json.changes).toContainEqual({ urn: pool.urn, type: pool.type, name: pool.name, action: "create", paths: [] });
    expect(json.changes.map((c: any) => c.action)).toEqual(plan.records.map(() => "create"));
    expect(pool.inputs.nodeConfigDetails.size).toBe(3);
    expect(json.policies.packs).toEqual([{ name: "oke-quick-create", version: "0.1.0" }]);
    // The default stack's one finding: Quick Create opens the public endpoint's API port to the internet.
    expect(json.policies.diagnostics).toEqual([
      {
        policyPack: "oke-quick-create",
        policy: "api-endpoint-open-to-internet",
        enforcementLevel: "advisory",
        urn: expect.stringMatching(/\$oci:Core\/securityList:SecurityList::oke-network-endpoint-seclist$/),
        message: expect.stringContaining("ingress rule #0 allows 0.0.0.0/0 to the Kubernetes API (TCP 6443)"),
      },
    ]);
  });

  test("the policies block and summary follow the CLI: pack@version, levels, one summary line", () => {
    const text = report();
    expect(text).toMatch(/^Policies:\n {4}(✅|⚠️ ) oke-quick-create@v0\.1\.0 \(local: policies\)$/m);
    expect(text).toContain("        - [advisory]  api-endpoint-open-to-internet  (oci:Core/securityList:SecurityList: oke-network-endpoint-seclist)\n");
    expect(text.trimEnd().split("\n").pop()).toBe("19 resources, 0 mandatory violations, 1 advisory");
    for (const d of plan.policies.diagnostics) expect(text).toContain(`- [${d.enforcementLevel}]  ${d.policy}`);
  });

  test("the Mermaid diagram holds every subnet and the three tokyo fault domains with one node each", () => {
    const mmd = toMermaid(plan.architecture, "t");
    for (const cidr of ["10.0.0.0/28 · public", "10.0.10.0/24 · private", "10.0.20.0/24 · public"]) expect(mmd).toContain(cidr);
    expect(mmd).toContain('subgraph ad0["Uocm:AP-TOKYO-1-AD-1<br/>fault domains predicted; OCI places the nodes"]');
    for (const [fd, node] of [
      [0, 1],
      [1, 2],
      [2, 3],
    ]) {
      expect(mmd).toMatch(new RegExp(`subgraph ad0_fd${fd}\\["FAULT-DOMAIN-${fd + 1}"\\]\\n\\s+ad0_fd${fd}_n0\\["pool1 node ${node}`));
    }
    expect(mmd).toMatch(/subnet\d -->\|"OCI services \(SERVICE_CIDR_BLOCK\)"\| gw\d/);
    expect(mmd).toContain("osn((");
  });
});
