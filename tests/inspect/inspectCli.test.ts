import { spawn } from "child_process";
import * as fs from "fs";
import * as https from "https";
import { AddressInfo } from "net";
import * as path from "path";
import { CLUSTER_ID, reportCluster } from "./clusterFixture";
import { OciReadStandIn } from "./ociReadStandIn";
import { KubernetesReadStandIn } from "./kubernetesReadStandIn";
import { selfSignedCertificate } from "../kubernetes/bastionStandIn";
import { API_KEY_PEM, KEY_ID, KUBE_TOKEN, makeHome } from "./inspectHelpers";

// The shipped command as a user runs it (`node bin/oke-inspect.js`), against the stand-ins over HTTPS
// with their CA trusted through NODE_EXTRA_CA_CERTS, with a HOME of its own and a PATH holding only a
// stand-in `pulumi`. These runs show what in-process runs cannot: the cluster id read from the stack
// output, and a process that ends by itself when an API never answers.

const BIN = path.resolve(__dirname, "..", "..", "bin", "oke-inspect.js");

let dirs: ReturnType<typeof makeHome>;
let tls: ReturnType<typeof selfSignedCertificate>;
let oci: OciReadStandIn;
let kube: KubernetesReadStandIn;
let silent: https.Server;
let bin: string;

beforeAll(async () => {
  dirs = makeHome("oke-inspect-cli-");
  tls = selfSignedCertificate(dirs.root);
  oci = await new OciReadStandIn(KEY_ID, API_KEY_PEM, { key: tls.key, cert: tls.cert }).start();
  kube = await new KubernetesReadStandIn(KUBE_TOKEN).start();
  const fixture = reportCluster();
  oci.fixture = fixture;
  kube.fixture = fixture.kubernetes;
  // Accepts TLS connections and never answers a request.
  silent = https.createServer({ key: tls.key, cert: tls.cert }, () => undefined);
  await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
  bin = path.join(dirs.root, "bin");
  fs.mkdirSync(bin);
  // `pulumi stack output clusterId --non-interactive` prints the id, as the project's stack does.
  fs.writeFileSync(
    path.join(bin, "pulumi"),
    `#!${process.execPath}
const args = process.argv.slice(2).join(" ");
if (args === "stack output clusterId --non-interactive") { process.stdout.write(${JSON.stringify(CLUSTER_ID)} + "\\n"); process.exit(0); }
process.stderr.write("error: unexpected pulumi " + args + "\\n");
process.exit(1);
`,
    { mode: 0o755 },
  );
  // As `oke-bastion tunnel --to api` prints it: the certificate checked against the endpoint's IP.
  const tunnel = JSON.parse(kube.kubeconfig());
  tunnel.clusters[0].cluster["tls-server-name"] = "127.0.0.1";
  fs.writeFileSync(path.join(dirs.root, "kubeconfig"), JSON.stringify(tunnel));
  fs.writeFileSync(path.join(dirs.root, "silent-kubeconfig"), kube.kubeconfig(undefined, `https://127.0.0.1:${(silent.address() as AddressInfo).port}`));
});
afterAll(async () => {
  silent?.closeAllConnections();
  await Promise.all([oci?.stop(), kube?.stop(), new Promise((resolve) => (silent ? silent.close(resolve) : resolve(undefined)))]);
  fs.rmSync(dirs.root, { recursive: true, force: true });
});

function runCli(args: string[]): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      cwd: dirs.root,
      env: { HOME: dirs.home, PATH: bin, NODE_EXTRA_CA_CERTS: tls.certFile },
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    child.on("close", (status) => resolve({ status, stdout, stderr }));
  });
}

test("the command finds the cluster through `pulumi stack output clusterId`, reads a tunnel's kubeconfig, and reports it as Quick Create builds (exit 0)", async () => {
  const { status, stdout, stderr } = await runCli(["--endpoint", oci.url, "--kubeconfig", path.join(dirs.root, "kubeconfig")]);
  expect(stderr).toBe("");
  expect(stdout.split("\n")[0]).toBe(`cluster quick-cluster1 (${CLUSTER_ID})`);
  expect(stdout.trimEnd().split("\n").pop()).toBe("13 checks: 13 as Quick Create builds, 0 differ, 0 skipped");
  expect(status).toBe(0);
  expect(oci.rejected).toEqual([]);
});

test("a Kubernetes API that never answers is given up after --timeout and the process ends (exit 3)", async () => {
  const { status, stdout, stderr } = await runCli(["--endpoint", oci.url, "--kubeconfig", path.join(dirs.root, "silent-kubeconfig"), "--timeout", "1"]);
  expect(stdout).toMatch(/– nodes-registered: skipped, listing nodes at https:\/\/127\.0\.0\.1:\d+ failed: listing nodes got no answer within 1 s\n/);
  expect(stderr).toMatch(
    /^oke-inspect: 7 checks could not be made: listing nodes at .* got no answer within 1 s; pass --oci-only to check the OCI side alone\.\n$/,
  );
  expect(status).toBe(3);
});

test("an OCI API that never answers is given up after --timeout and the process ends (exit 3)", async () => {
  oci.hang = true;
  try {
    const { status, stdout, stderr } = await runCli(["--cluster-id", CLUSTER_ID, "--endpoint", oci.url, "--oci-only", "--timeout", "1"]);
    expect(stdout).toBe("");
    expect(stderr).toBe(
      `oke-inspect: reading cluster ${CLUSTER_ID} got no answer within 1 s; check the network path to ${oci.url}, or allow longer with --timeout.\n`,
    );
    expect(status).toBe(3);
  } finally {
    oci.hang = false;
  }
});
