import * as fs from "fs";
import * as net from "net";
import * as path from "path";
import { run } from "../../tools/oke-inspect/cli";
import { regionOfClusterId } from "../../tools/oke-inspect/args";
import { CLUSTER_ID, ClusterFixture, reportCluster, SUBNETS, vcnNativeCluster } from "./clusterFixture";
import { OciReadStandIn } from "./ociReadStandIn";
import { KubernetesReadStandIn } from "./kubernetesReadStandIn";
import { OTHER_KEY, TEST_PROFILE } from "../helpers/testKeys";
import { API_KEY_PEM, CHECK_IDS, KEY_ID, KUBE_TOKEN, KUBERNETES_CHECK_IDS, makeHome, statuses } from "./inspectHelpers";

// oke-inspect run in-process (its `run`) against two stand-ins on 127.0.0.1: the OCI read APIs, which
// verify every request's signature, and a Kubernetes API over TLS with a bearer token. Each test hands
// both a cluster (tests/inspect/clusterFixture.ts) with at most one difference from Quick Create.

let oci: OciReadStandIn;
let kube: KubernetesReadStandIn;
let dirs: ReturnType<typeof makeHome>;
let kubeconfig: string;

// The SDKs the command requires lazily are loaded here, where a slow machine's load time is not a test's.
const SDK_LOAD_MS = 120_000;

beforeAll(async () => {
  await Promise.all([import("oci-containerengine"), import("oci-core"), import("@kubernetes/client-node")]);
  dirs = makeHome("oke-inspect-");
  oci = await new OciReadStandIn(KEY_ID, API_KEY_PEM).start();
  kube = await new KubernetesReadStandIn(KUBE_TOKEN).start();
  kubeconfig = path.join(dirs.root, "kubeconfig");
  fs.writeFileSync(kubeconfig, kube.kubeconfig());
}, SDK_LOAD_MS);
afterAll(async () => {
  await Promise.all([oci?.stop(), kube?.stop()]);
  fs.rmSync(dirs.root, { recursive: true, force: true });
});

interface Outcome {
  code: number;
  stdout: string;
  stderr: string;
  report: any;
}

/** Runs `oke-inspect` on `fixture` with the test's HOME (OCI profile) and no pulumi on PATH. */
async function inspect(fixture: ClusterFixture, args: string[] = []): Promise<Outcome> {
  oci.fixture = fixture;
  kube.fixture = fixture.kubernetes;
  const json = path.join(dirs.root, `report-${Math.random().toString(36).slice(2)}.json`);
  let stdout = "";
  let stderr = "";
  const code = await run(
    ["--cluster-id", CLUSTER_ID, "--endpoint", oci.url, "--kubeconfig", kubeconfig, "--json", json, ...args],
    { HOME: dirs.home, PATH: "" },
    { stdout: { write: (s: string) => (stdout += s) }, stderr: { write: (s: string) => (stderr += s) } },
  );
  const report = fs.existsSync(json) ? JSON.parse(fs.readFileSync(json, "utf8")) : undefined;
  // Whatever happened, no credential reaches the output.
  for (const text of [stdout, stderr, JSON.stringify(report ?? {})]) {
    expect(text).not.toContain(KUBE_TOKEN);
    expect(text).not.toContain("PRIVATE KEY");
  }
  return { code, stdout, stderr, report };
}

const allPass = Object.fromEntries(CHECK_IDS.map((id) => [id, "pass"]));

test("the field report's cluster (flannel, 3 nodes one per fault domain, 47 GB boot volumes, kube-dns 10.96.5.5) is as Quick Create builds", async () => {
  const { code, stdout, stderr, report } = await inspect(reportCluster());
  expect(stderr).toBe("");
  expect(statuses(report)).toEqual(allPass);
  expect(code).toBe(0);
  expect(report).toMatchObject({ clusterId: CLUSTER_ID, region: "ap-tokyo-1", conformant: true });
  const found = Object.fromEntries(report.checks.map((c: any) => [c.id, c.found]));
  expect(found).toMatchObject({
    "cluster-active": "ACTIVE, v1.34.1, BASIC_CLUSTER",
    "pool-nodes-active": "pool1: 3 ACTIVE of 3",
    "node-fault-domains": "pool1 AP-TOKYO-1-AD-1: FD-1×1 FD-2×1 FD-3×1",
    "node-boot-volume": "pool1: 47 GB on 3 nodes (the image default, 47694 MB)",
    "kubernetes-service": "10.96.0.1",
    "cluster-dns": "10.96.5.5",
    "kube-proxy-mode": "mode empty (iptables)",
  });
  expect(stdout.split("\n")[0]).toBe(`cluster quick-cluster1 (${CLUSTER_ID})`);
  expect(stdout.split("\n")[1]).toBe("  region ap-tokyo-1, Kubernetes v1.34.1, BASIC_CLUSTER, CNI FLANNEL_OVERLAY");
  expect(stdout).toContain("✓ node-boot-volume: pool1: 47 GB on 3 nodes (the image default, 47694 MB)\n");
  expect(stdout.trimEnd().split("\n").pop()).toBe("13 checks: 13 as Quick Create builds, 0 differ, 0 skipped");
  expect(oci.rejected).toEqual([]);
  // Kubernetes lists are followed past their first page (the stand-in answers two nodes a page).
  expect(kube.requests.filter((r) => r.startsWith("GET /api/v1/nodes?") && r.includes("continue=2"))).toHaveLength(1);
});

test("a VCN-native cluster (today's console default) is as Quick Create builds", async () => {
  const before = oci.requests.length;
  const { code, report, stdout } = await inspect(vcnNativeCluster());
  // Each node's two VNIC attachments (node and pods) come one a page: the second page is read too.
  const vnicPages = oci.requests.slice(before).filter((r) => r.url.startsWith("/20160918/vnicAttachments"));
  expect(vnicPages.filter((r) => r.url.includes("page=1"))).toHaveLength(3);
  expect(statuses(report)).toEqual(allPass);
  expect(code).toBe(0);
  expect(stdout).toContain("CNI OCI_VCN_IP_NATIVE");
  expect(report.checks.find((c: any) => c.id === "pod-network").found).toBe("pod IPs in the pod subnets, vcn-native-ip-cni ready on 3 nodes");
});

test("a kubeconfig whose user runs an exec plugin, as the stack's kubeconfig does, is used as it is", async () => {
  const execKubeconfig = path.join(dirs.root, "exec-kubeconfig");
  fs.writeFileSync(
    execKubeconfig,
    kube.kubeconfig({
      exec: { apiVersion: "client.authentication.k8s.io/v1beta1", command: process.execPath, args: [dirs.execPlugin], interactiveMode: "Never" },
    }),
  );
  const { code, report } = await inspect(reportCluster(), ["--kubeconfig", execKubeconfig]);
  expect(statuses(report)).toEqual(allPass);
  expect(code).toBe(0);
});

test("a deleted node pool OCI still lists is no part of the cluster", async () => {
  const fixture = reportCluster();
  fixture.otherPools.push({ ...fixture.pool, id: "ocid1.nodepool.oc1.ap-tokyo-1.aaaaaaaadeletedpool", name: "pool0", lifecycleState: "DELETED" });
  const before = oci.requests.length;
  const { code, report } = await inspect(fixture);
  expect(statuses(report)).toEqual(allPass);
  expect(code).toBe(0);
  // Both pools were listed (two pages), and only the live one was read.
  const read = oci.requests
    .slice(before)
    .map((r) => r.url)
    .filter((u) => u.startsWith("/20180222/nodePools"));
  expect(read.filter((u) => u.startsWith("/20180222/nodePools?"))).toHaveLength(2);
  expect(read.filter((u) => u.startsWith("/20180222/nodePools/"))).toEqual([`/20180222/nodePools/${fixture.pool.id}`]);
});

type Mutation = [string, (f: ClusterFixture) => void, string, (f: ClusterFixture) => string];
const node = (i: number) => (f: ClusterFixture) => f.nodes[i].node.id;

const differences: Mutation[] = [
  [
    "a network security group attached by hand to one node's VNIC",
    (f) => {
      f.nodes[1].vnics[0].nsgIds = ["ocid1.networksecuritygroup.oc1.ap-tokyo-1.aaaaaaaahandmade"];
    },
    "node-nsgs",
    node(1),
  ],
  [
    "two nodes in one fault domain",
    (f) => {
      f.nodes[2].node.faultDomain = "FAULT-DOMAIN-1";
    },
    "node-fault-domains",
    node(2),
  ],
  [
    "a 100 GB boot volume on a pool that sets no size",
    (f) => {
      f.nodes[1].bootVolume.sizeInGBs = 100;
    },
    "node-boot-volume",
    node(1),
  ],
  [
    "a node NotReady",
    (f) => {
      f.kubernetes.nodes[0].status.conditions = [{ type: "Ready", status: "False", reason: "KubeletNotReady" }];
    },
    "nodes-registered",
    node(0),
  ],
  [
    "kube-proxy in ipvs mode",
    (f) => {
      f.kubernetes.configMaps[0].data["config.conf"] = f.kubernetes.configMaps[0].data["config.conf"].replace('mode: ""', "mode: ipvs");
    },
    "kube-proxy-mode",
    () => "kube-system/kube-proxy",
  ],
  [
    "kube-dns at another address",
    (f) => {
      f.kubernetes.services[1].spec.clusterIP = "10.96.0.10";
    },
    "cluster-dns",
    () => "kube-system/kube-dns",
  ],
  [
    "a node's VNIC in the load-balancer subnet",
    (f) => {
      const n = f.nodes[2];
      n.node.subnetId = SUBNETS.loadBalancers;
      n.node.privateIp = "10.0.20.5";
      n.vnics[0].subnetId = SUBNETS.loadBalancers;
      n.vnics[0].privateIp = "10.0.20.5";
      const k = f.kubernetes.nodes[2];
      k.metadata.name = "10.0.20.5";
      k.status.addresses = [{ type: "InternalIP", address: "10.0.20.5" }];
    },
    "node-subnet",
    node(2),
  ],
];

test.each(differences)("%s fails exactly its check and names what it concerns", async (_name, mutate, id, subject) => {
  const fixture = reportCluster();
  mutate(fixture);
  const { code, report, stdout } = await inspect(fixture);
  expect(statuses(report)).toEqual({ ...allPass, [id]: "fail" });
  expect(code).toBe(1);
  expect(report.conformant).toBe(false);
  const failed = report.checks.find((c: any) => c.id === id);
  expect(failed.subjects).toContain(subject(fixture));
  expect(stdout).toContain(`✗ ${id}: expected ${failed.expected}; found ${failed.found}`);
  expect(stdout.trimEnd().split("\n").pop()).toBe("13 checks: 12 as Quick Create builds, 1 differ, 0 skipped");
});

test("the node a difference concerns is named by its private IP in the text", async () => {
  const fixture = reportCluster();
  fixture.nodes[1].vnics[0].nsgIds = ["ocid1.networksecuritygroup.oc1.ap-tokyo-1.aaaaaaaahandmade"];
  const { stdout } = await inspect(fixture);
  const line = stdout.split("\n").find((l) => l.startsWith("✗ node-nsgs"));
  expect(line).toBe(
    "✗ node-nsgs: expected no network security group on node VNICs unless the pool sets them (pool1: none); " +
      "found 10.0.10.3 (pool1) primary VNIC has NSG ocid1.networksecuritygroup.oc1.ap-tokyo-1.aaaaaaaahandmade; concerns 10.0.10.3",
  );
});

test("a cluster OCI does not know ends with exit 3 and one sentence naming it", async () => {
  const fixture = reportCluster();
  fixture.cluster.id = "ocid1.cluster.oc1.ap-tokyo-1.aaaaaaaaanother";
  const { code, stdout, stderr, report } = await inspect(fixture);
  expect(code).toBe(3);
  expect(stdout).toBe("");
  expect(report).toBeUndefined();
  expect(stderr).toBe(
    `oke-inspect: reading cluster ${CLUSTER_ID} failed with 404 NotAuthorizedOrNotFound: it does not exist in this region, or your user may not read it; ` +
      "check --cluster-id, --region and the IAM policy (read cluster-family, instance-family, virtual-network-family, volume-family).\n",
  );
});

/** A port on 127.0.0.1 with nothing listening. */
async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as net.AddressInfo).port;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

test("an unreachable Kubernetes API skips the Kubernetes checks with the reason and exits 3; --oci-only exits 0", async () => {
  const unreachable = path.join(dirs.root, "unreachable-kubeconfig");
  fs.writeFileSync(unreachable, kube.kubeconfig(undefined, `https://127.0.0.1:${await closedPort()}`));
  const skipped = Object.fromEntries(KUBERNETES_CHECK_IDS.map((id) => [id, "skip"]));

  const out = await inspect(reportCluster(), ["--kubeconfig", unreachable]);
  expect(statuses(out.report)).toEqual({ ...allPass, ...skipped });
  expect(out.code).toBe(3);
  expect(out.report.conformant).toBe(false);
  expect(out.report.checks.find((c: any) => c.id === "nodes-registered").reason).toMatch(/^listing nodes at https:\/\/127\.0\.0\.1:\d+ failed: .*ECONNREFUSED/);
  expect(out.stdout).toContain("– nodes-registered: skipped, listing nodes at");
  expect(out.stdout.trimEnd().split("\n").pop()).toBe("13 checks: 6 as Quick Create builds, 0 differ, 7 skipped");
  expect(out.stderr).toMatch(/^oke-inspect: 7 checks could not be made: listing nodes at .*; pass --oci-only to check the OCI side alone\.\n$/);

  const ociOnly = await inspect(reportCluster(), ["--kubeconfig", unreachable, "--oci-only"]);
  expect(statuses(ociOnly.report)).toEqual({ ...allPass, ...skipped });
  expect(ociOnly.report.checks.filter((c: any) => c.status === "skip").map((c: any) => c.reason)).toEqual(KUBERNETES_CHECK_IDS.map(() => "--oci-only"));
  expect(ociOnly.code).toBe(0);
  expect(ociOnly.report.conformant).toBe(true);
  expect(ociOnly.stderr).toBe("");
});

test("for a private API endpoint, the skip reason gives the oke-bastion command that reaches it", async () => {
  const unreachable = path.join(dirs.root, "private-kubeconfig");
  fs.writeFileSync(unreachable, kube.kubeconfig(undefined, `https://127.0.0.1:${await closedPort()}`));
  const fixture = reportCluster();
  fixture.cluster.endpointConfig.isPublicIpEnabled = false;
  delete fixture.cluster.endpoints.publicEndpoint;
  const { code, report } = await inspect(fixture, ["--kubeconfig", unreachable]);
  expect(code).toBe(3);
  expect(report.checks.find((c: any) => c.id === "cluster-dns").reason).toContain(
    "the API endpoint is private (10.0.0.2:6443): open `npx oke-bastion tunnel --to api > tunnel.kubeconfig` and pass --kubeconfig tunnel.kubeconfig",
  );
});

test("--json - prints the JSON report on stdout and the text on stderr", async () => {
  oci.fixture = reportCluster();
  kube.fixture = oci.fixture.kubernetes;
  let stdout = "";
  let stderr = "";
  const code = await run(
    ["--cluster-id", CLUSTER_ID, "--endpoint", oci.url, "--kubeconfig", kubeconfig, "--json", "-"],
    { HOME: dirs.home, PATH: "" },
    {
      stdout: { write: (s: string) => (stdout += s) },
      stderr: { write: (s: string) => (stderr += s) },
    },
  );
  expect(code).toBe(0);
  const report = JSON.parse(stdout);
  expect(Object.keys(report)).toEqual(["clusterId", "region", "conformant", "checks"]);
  expect(report.checks.map((c: any) => c.id)).toEqual(CHECK_IDS);
  expect(Object.keys(report.checks[0])).toEqual(["id", "status", "expected", "found", "subjects"]);
  expect(stderr).toContain("13 checks: 13 as Quick Create builds, 0 differ, 0 skipped");
});

test("the region comes from --region, else the profile, else the cluster OCID (a region key such as iad included)", async () => {
  const noRegion = path.join(dirs.root, "config-without-region");
  fs.writeFileSync(noRegion, fs.readFileSync(path.join(dirs.home, ".oci", "config"), "utf8").replace(/^region=.*\n/m, ""));
  const fromOcid = await inspect(reportCluster(), ["--config-file", noRegion, "--oci-only"]);
  expect(fromOcid.code).toBe(0);
  expect(fromOcid.report.region).toBe("ap-tokyo-1");
  const fromFlag = await inspect(reportCluster(), ["--region", "ap-osaka-1", "--oci-only"]);
  expect(fromFlag.report.region).toBe("ap-osaka-1");
  expect(regionOfClusterId("ocid1.cluster.oc1.iad.aaaaaaaaexample")).toBe("us-ashburn-1");
});

test("credentials from OCI_CLI_* variables alone work; a key OCI does not accept ends with exit 3", async () => {
  const emptyHome = fs.mkdtempSync(path.join(dirs.root, "empty-home-"));
  oci.fixture = reportCluster();
  const env = (key: string) => ({
    HOME: emptyHome,
    PATH: "",
    OCI_CLI_USER: TEST_PROFILE.user,
    OCI_CLI_TENANCY: TEST_PROFILE.tenancy,
    OCI_CLI_FINGERPRINT: TEST_PROFILE.fingerprint,
    OCI_CLI_KEY_CONTENT: key,
  });
  const args = ["--cluster-id", CLUSTER_ID, "--endpoint", oci.url, "--oci-only"];
  let stderr = "";
  const io = { stdout: { write: () => undefined }, stderr: { write: (s: string) => (stderr += s) } };
  expect(await run(args, env(API_KEY_PEM), io)).toBe(0);
  expect(stderr).toBe("");
  const other = OTHER_KEY.export({ type: "pkcs1", format: "pem" }) as string;
  expect(await run(args, env(other), io)).toBe(3);
  expect(stderr).toBe(
    `oke-inspect: reading cluster ${CLUSTER_ID} failed with 401 NotAuthenticated: the API key was not accepted; check the profile's user, fingerprint and key_file.\n`,
  );
  oci.rejected.length = 0;
});

test.each([
  [["--timeout", "0"], 'oke-inspect: --timeout "0" is not a whole number of seconds from 1 to 600;'],
  [
    ["--cluster-id", "ocid1.instance.oc1.ap-tokyo-1.aaaa"],
    'oke-inspect: --cluster-id "ocid1.instance.oc1.ap-tokyo-1.aaaa" is not a cluster OCID such as ocid1.cluster.oc1.<region>.<id>.',
  ],
  [["--region", "Tokyo"], 'oke-inspect: --region "Tokyo" is not an OCI region identifier'],
  [["--endpoint", "127.0.0.1:8443"], 'oke-inspect: --endpoint "127.0.0.1:8443" is not a base URL'],
  [["--frobnicate"], 'oke-inspect: unknown argument "--frobnicate";'],
  [["--json"], "oke-inspect: --json needs a value;"],
  [
    ["--kubeconfig", "/nonexistent/kubeconfig"],
    "oke-inspect: --kubeconfig /nonexistent/kubeconfig does not exist: write it with `pulumi stack output kubeconfig --show-secrets > FILE`",
  ],
  [["--context", "elsewhere"], 'oke-inspect: --context "elsewhere" is not in --kubeconfig'],
  // The password in the user info was echoed in the error after the run had started.
  [["--endpoint", "https://admin:pw-2b9e-secret@127.0.0.1:1"], 'oke-inspect: --endpoint "https://[secret]@127.0.0.1:1" holds a user name or password;'],
  // URL parsing drops the newline; the value was then echoed raw, over two lines.
  [["--endpoint", "https://127.0.0.1\n:1"], 'oke-inspect: --endpoint "https://127.0.0.1\\n:1" is not a base URL'],
  // These failed (a FIFO: hung) only once the whole inspection had run.
  [["--json", "/tmp"], "oke-inspect: --json /tmp is a directory;"],
  [["--json", "/dev/null"], "oke-inspect: --json /dev/null is not a regular file (a pipe or a device);"],
  [["--json", "/nonexistent/report.json"], "oke-inspect: --json /nonexistent/report.json: the folder /nonexistent does not exist;"],
])("bad command line %j: exit 2 with one sentence, before any API call", async (args, message) => {
  const before = oci.requests.length;
  const { code, stdout, stderr } = await inspect(reportCluster(), args);
  expect(code).toBe(2);
  expect(stdout).toBe("");
  expect(stderr.slice(0, message.length)).toBe(message);
  expect(stderr).not.toContain("pw-2b9e-secret");
  expect(stderr.trimEnd().split("\n")).toHaveLength(1);
  expect(oci.requests.length).toBe(before);
});

test("without --cluster-id and no pulumi on PATH, the command says to pass it (exit 2)", async () => {
  let stderr = "";
  const code = await run([], { HOME: dirs.home, PATH: "" }, { stdout: { write: () => undefined }, stderr: { write: (s: string) => (stderr += s) } });
  expect(code).toBe(2);
  expect(stderr).toBe(
    "oke-inspect: --cluster-id is required: the pulumi CLI is not on PATH to read the stack output clusterId; pass --cluster-id ocid1.cluster.oc1.<region>.<id> (from `pulumi stack output clusterId`).\n",
  );
});

// Last, over every request the tests above made: the command only ever reads.
test("nothing but GET ever reached either API", () => {
  expect(oci.requests.length).toBeGreaterThan(0);
  expect(kube.requests.length).toBeGreaterThan(0);
  expect(oci.requests.filter((r) => r.method !== "GET")).toEqual([]);
  expect(kube.requests.filter((r) => !r.startsWith("GET "))).toEqual([]);
});
