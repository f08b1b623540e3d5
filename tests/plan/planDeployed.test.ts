import * as fs from "fs";
import { changesOf, InProcessPlan, runPlanInProcess } from "../helpers/planInProcess";
import * as os from "os";
import * as path from "path";
import { startAhead } from "../helpers/brokeredPacks";
import { DEFAULT_PACK_DIR } from "../../offline/analyzer";
import { packStartOptions } from "../../offline/run/policyCheck";
import { parseArgs } from "../../offline/inputs/args";
import { readProjectFile } from "../../offline/inputs/projectFile";
import { resolveStackSettings } from "../../offline/inputs/stackSettings";

const REPO = path.resolve(__dirname, "..", "..");
const OUT = fs.mkdtempSync(path.join(os.tmpdir(), "plan-deployed-"));
const file = (name: string) => path.join(OUT, name);

// In-process `npm start -- ...` (planCli.test.ts covers the process boundary: exit statuses, stderr).
const plan = (...args: string[]) => runPlanInProcess(args, { env: { CI: "true" } });

/** The pack `npm start -- ...args` starts: what runPlan hands startPolicyPack for those arguments. */
function packOf(...args: string[]) {
  const { stack, config } = parseArgs(args);
  const settings = resolveStackSettings(REPO, readProjectFile(REPO), stack, config);
  return packStartOptions({ packDir: DEFAULT_PACK_DIR, project: settings.project, stack: settings.stack, stackConfig: settings.config });
}

let same: InProcessPlan, upgrade: InProcessPlan, flannel: InProcessPlan, bad: InProcessPlan, preview: InProcessPlan;
beforeAll(async () => {
  // The plans below run one after another; the packs of the upgrade and the CNI change start beside
  // the dev stack's, not each in its turn.
  await Promise.all([packOf(), packOf("--config", "kubernetesVersion=v1.34.1"), packOf("--config", "cni=flannel")].map(startAhead));
  fs.writeFileSync(file("bad.json"), "{}");
  // One at a time: the Pulumi runtime a program runs under is one per process.
  const base = await plan("--json", file("plan.json"));
  expect(base.status).toBe(0);
  bad = await plan("--deployed", file("bad.json"));
  same = await plan("--deployed", file("plan.json"), "--json", file("same.json"));
  upgrade = await plan("--deployed", file("plan.json"), "--config", "kubernetesVersion=v1.34.1");
  flannel = await plan("--deployed", file("plan.json"), "--config", "cni=flannel", "--json", file("flannel.json"));
  preview = await plan("--deployed", file("plan.json"), "--preview");
}, 90000);

describe("npm start -- --deployed plan.json", () => {
  test("the same config changes nothing", () => {
    expect(same.status).toBe(0);
    expect(changesOf(same)).toBe(`Changes against ${file("plan.json")}:\n0 to create, 0 to update, 0 to replace, 0 to delete`);
    expect(JSON.parse(fs.readFileSync(file("same.json"), "utf8")).changes).toEqual([]);
  });

  test("the next offered version updates the cluster and pool1 in place and replaces nothing", () => {
    expect(upgrade.status).toBe(0);
    const block = changesOf(upgrade);
    expect(block).toMatch(/~ update {3}oci:ContainerEngine\/cluster:Cluster {2}oke-cluster-cluster\n {10}kubernetesVersion: "v1\.33\.1" → "v1\.34\.1"\n/);
    expect(block).toMatch(
      /~ update {3}oci:ContainerEngine\/nodePool:NodePool {2}oke-nodepool-pool1\n {10}kubernetesVersion: "v1\.33\.1" → "v1\.34\.1"\n {10}nodeSourceDetails\.imageId: /,
    );
    expect(block).toMatch(/\n0 to create, 2 to update, 0 to replace, 0 to delete$/);
  });

  test("cni=flannel replaces the cluster, naming the CNI input that forces it, in text and JSON", () => {
    expect(flannel.status).toBe(0);
    expect(changesOf(flannel)).toMatch(
      /\+-replace {2}oci:ContainerEngine\/cluster:Cluster {2}oke-cluster-cluster {2}\(replaced: clusterPodNetworkOptions\[0\]\.cniType, options\.kubernetesNetworkConfig\.podsCidr cannot change in place\)/,
    );
    const changes = JSON.parse(fs.readFileSync(file("flannel.json"), "utf8")).changes;
    const cluster = changes.find((c: { name: string }) => c.name === "oke-cluster-cluster");
    expect(cluster).toMatchObject({
      type: "oci:ContainerEngine/cluster:Cluster",
      action: "replace",
      replaceReasons: expect.arrayContaining(["clusterPodNetworkOptions[0].cniType"]),
    });
    expect(cluster.urn).toMatch(/^urn:pulumi:dev::oke-quick-create::.*oke-cluster-cluster$/);
    // The pool points at the new cluster, whose id only `pulumi up` knows: it is replaced too.
    expect(changes.find((c: { name: string }) => c.name === "oke-nodepool-pool1")).toMatchObject({ action: "replace", replaceReasons: ["clusterId"] });
  });

  test("a file that is not a plan, and --preview with --deployed, are one-sentence errors (exit 2)", () => {
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain(
      `error: --deployed ${file("bad.json")} is neither a stack export ({"version", "deployment"}) nor a plan ({"resources": [...]}): pass the file \`pulumi stack export --file FILE\` or an earlier \`npm start -- --json FILE\` wrote.`,
    );
    expect(preview.status).toBe(2);
    expect(preview.stderr).toContain("error: --preview plans a stack with nothing deployed, so it cannot be combined with --deployed: drop one of them.");
  });
});
