import { ChildProcess, spawn } from "child_process";
import * as fs from "fs";
import * as net from "net";
import { tmpdir } from "os";
import * as path from "path";
import { parse as parseYaml } from "yaml";
import { BastionStandIn, selfSignedCertificate, SessionScenario, writeStandInSsh } from "./bastionStandIn";
import { API_KEY, OTHER_KEY, TEST_PROFILE } from "../helpers/testKeys";

// Runs the shipped command as a user would (`node bin/oke-bastion.js ...`) against a stand-in Bastion
// API on 127.0.0.1, with its own HOME (OCI profile and key), a PATH holding only a stand-in `ssh`, and
// a TMPDIR of its own so a throwaway key left behind would be seen.
//
// Each test has its own stand-in and TMPDIR, so the tests run side by side: a run spends most of its
// time loading the SDK and waiting on the API and ssh, and the --wait-timeout test waits a full second.
// Only the first test, the one about the throwaway key, pays for generating one; the others preload
// fixedSessionKey.js, which hands the command a fixed RSA key through the same call.

const BIN = path.resolve(__dirname, "..", "..", "bin", "oke-bastion.js");
const FIXED_SESSION_KEY = path.resolve(__dirname, "fixedSessionKey.js");
const BASTION_ID = "ocid1.bastion.oc1.ap-tokyo-1.aaaaaaaastandinbastion";
const PROFILE = TEST_PROFILE;

let root: string;
let home: string;
let bin: string;
let tls: ReturnType<typeof selfSignedCertificate>;
const privateKey = API_KEY;
const apiKeyPem = privateKey.export({ type: "pkcs1", format: "pem" }) as string;
const standIns: BastionStandIn[] = [];

beforeAll(() => {
  root = fs.mkdtempSync(path.join(tmpdir(), "oke-bastion-cli-"));
  home = path.join(root, "home");
  bin = path.join(root, "bin");
  fs.mkdirSync(path.join(home, ".oci"), { recursive: true });
  fs.mkdirSync(bin);
  fs.writeFileSync(path.join(home, ".oci", "oci_api_key.pem"), apiKeyPem, { mode: 0o600 });
  const lines = Object.entries({ ...PROFILE, key_file: "~/.oci/oci_api_key.pem" }).map(([k, v]) => `${k}=${v}`);
  fs.writeFileSync(path.join(home, ".oci", "config"), `[DEFAULT]\n${lines.join("\n")}\n`);
  writeStandInSsh(bin);
  tls = selfSignedCertificate(root);
});
afterAll(async () => {
  await Promise.all(standIns.map((s) => s.stop()));
  fs.rmSync(root, { recursive: true, force: true });
});

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

type SshCall = { argv: string[]; keys: Record<string, unknown>; signal?: string };

/** One test's world: a stand-in Bastion API in `scenario`, a TMPDIR, and the command run against them. */
async function bastion(scenario: SessionScenario = { kind: "active-after", polls: 3 }, options: { generateKey?: boolean } = {}) {
  const api = new BastionStandIn(tls, `${PROFILE.tenancy}/${PROFILE.user}/${PROFILE.fingerprint}`, apiKeyPem, BASTION_ID);
  standIns.push(api);
  await api.start();
  api.reset(scenario);
  const temp = fs.mkdtempSync(path.join(root, "tmp-"));
  const sshLog = path.join(temp, "ssh.log");

  function start(args: string[], env: Record<string, string> = {}): { child: ChildProcess; done: Promise<Run> } {
    const child = spawn(process.execPath, [...(options.generateKey ? [] : ["--require", FIXED_SESSION_KEY]), BIN, ...args], {
      env: {
        HOME: home,
        PATH: bin,
        TMPDIR: temp,
        NODE_EXTRA_CA_CERTS: tls.certFile,
        OKE_BASTION_POLL_MS: "20",
        STANDIN_SSH_LOG: sshLog,
        ...env,
      },
    });
    let stdout = "";
    let stderr = "";
    child.stdout!.on("data", (d) => (stdout += d));
    child.stderr!.on("data", (d) => (stderr += d));
    const done = new Promise<Run>((resolve) => {
      const timer = setTimeout(() => child.kill("SIGKILL"), 20000);
      // "close", not "exit": on a busy machine the last of stderr can arrive after the exit.
      child.on("close", (status) => {
        clearTimeout(timer);
        resolve({ status, stdout, stderr });
      });
    });
    return { child, done };
  }

  return {
    api,
    temp,
    start,
    run: (args: string[], env: Record<string, string> = {}) => start(args, env).done,
    withEndpoint: (args: string[]) => [...args, "--bastion-id", BASTION_ID, "--endpoint", api.endpoint],
    // Whole lines only: the stand-in may be appending one while a test reads.
    sshCalls: (): SshCall[] =>
      fs.existsSync(sshLog)
        ? fs
            .readFileSync(sshLog, "utf8")
            .split("\n")
            .slice(0, -1)
            .map((l) => JSON.parse(l))
        : [],
    methods: () => api.requests.map((r) => r.method),
    /** What the run left in its TMPDIR besides the files the test put there: a throwaway key must not be. */
    leftovers: (...own: string[]) => fs.readdirSync(temp).filter((f) => ![path.basename(sshLog), ...own].includes(f)),
  };
}

/** One sentence on one line, no stack trace. */
function expectOneSentence(stderr: string, pattern: RegExp) {
  const last = stderr.trimEnd().split("\n").pop()!;
  expect(last).toMatch(/^oke-bastion: .+\.$/);
  expect(last).toMatch(pattern);
  expect(stderr).not.toMatch(/\n\s+at /);
}

/** A port nothing listens on now: the tests run side by side, so none may take a fixed one. */
function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = net.createServer().listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

async function waitFor(check: () => boolean, what: string) {
  // Generous: the tests run side by side, on a machine that may be running other test files too.
  for (let i = 0; i < 600; i++) {
    if (check()) return;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`timed out waiting for ${what}`);
}

describe("oke-bastion ssh", () => {
  it.concurrent("opens a PORT_FORWARDING session to port 22, waits for ACTIVE, runs ssh through it and deletes the session", async () => {
    const { api, temp, run, withEndpoint, sshCalls, methods, leftovers } = await bastion(undefined, { generateKey: true });
    const r = await run(withEndpoint(["ssh", "10.0.10.3"]), { STANDIN_SSH_EXIT: "0" });
    expect(r.status).toBe(0);
    expect(api.rejected).toEqual([]);
    // create, three polls CREATING then ACTIVE, delete
    expect(methods()).toEqual(["POST", "GET", "GET", "GET", "DELETE"]);
    const create = api.requests[0].body;
    expect(create).toMatchObject({
      bastionId: BASTION_ID,
      targetResourceDetails: { sessionType: "PORT_FORWARDING", targetResourcePrivateIpAddress: "10.0.10.3", targetResourcePort: 22 },
      keyType: "PUB",
      sessionTtlInSeconds: 10800,
    });
    expect(create.keyDetails.publicKeyContent).toMatch(/^ssh-rsa AAAA/);
    expect(api.liveSessions()).toEqual([]);

    const [call] = sshCalls();
    const sessionId = api.requests[4].path.split("/").pop();
    const proxy = call.argv[call.argv.indexOf("-o") + 1];
    expect(proxy).toMatch(
      new RegExp(
        `^ProxyCommand=ssh -i \\S+ -o IdentitiesOnly=yes -o BatchMode=yes -o StrictHostKeyChecking=accept-new -o ServerAliveInterval=30 -W %h:%p -p 22 ${sessionId!.replace(/\./g, "\\.")}@127\\.0\\.0\\.1$`,
      ),
    );
    expect(call.argv.slice(-3)).toEqual(["-p", "22", "opc@10.0.10.3"]);
    expect(call.argv).toContain("StrictHostKeyChecking=accept-new");
    // The throwaway key existed only for the session: 0600 in a 0700 directory (in TMPDIR), gone afterwards.
    const [[keyFile, modes]] = Object.entries(call.keys);
    expect(path.dirname(path.dirname(keyFile))).toBe(temp);
    expect(modes).toEqual({ file: "600", dir: "700" });
    expect([keyFile].filter(fs.existsSync)).toEqual([]);
    expect(leftovers()).toEqual([]);
    expect(r.stderr).toMatch(/session \S+ deleted\./);
  });

  it.concurrent("uses --identity and its .pub for the session, and passes ssh's exit status through", async () => {
    const { api, temp, run, withEndpoint, sshCalls, methods } = await bastion();
    const identity = path.join(temp, "id_node");
    const nodeKey = OTHER_KEY;
    fs.writeFileSync(identity, nodeKey.export({ type: "pkcs1", format: "pem" }), { mode: 0o600 });
    // No .pub: the public key is derived from the private one.
    const r = await run(withEndpoint(["ssh", "10.0.10.3", "--user", "admin", "--identity", identity]), { STANDIN_SSH_EXIT: "3" });
    expect(r.status).toBe(3);
    const derived = api.requests[0].body.keyDetails.publicKeyContent;
    expect(derived).toMatch(/^ssh-rsa AAAA/);
    const [call] = sshCalls();
    expect(call.argv.slice(-5)).toEqual(["-i", identity, "-p", "22", "admin@10.0.10.3"]);
    expect(call.argv.join(" ")).toContain(`-i ${identity} -o IdentitiesOnly=yes`);
    expect([identity].filter(fs.existsSync)).toEqual([identity]);
    expect(methods().pop()).toBe("DELETE");

    fs.writeFileSync(`${identity}.pub`, "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIExamplePublicKeyFromTheDotPubFile me@laptop\n");
    api.reset({ kind: "active-after", polls: 0 });
    await run(withEndpoint(["ssh", "10.0.10.3", "--identity", identity]));
    expect(api.requests[0].body.keyDetails.publicKeyContent).toBe("ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIExamplePublicKeyFromTheDotPubFile me@laptop");
  });

  it.concurrent("a FAILED session is one sentence, exit 1, no ssh, and the session is still deleted", async () => {
    const { api, run, withEndpoint, sshCalls, methods, leftovers } = await bastion({
      kind: "fails-after",
      polls: 2,
      details: "Target 10.0.10.3 is not reachable from the bastion's subnet.",
    });
    const r = await run(withEndpoint(["ssh", "10.0.10.3"]));
    expect(r.status).toBe(1);
    expectOneSentence(
      r.stderr.replace(/\noke-bastion: session \S+ deleted\.\n?$/, "\n"),
      /session \S+ is FAILED \(Target 10\.0\.10\.3 is not reachable from the bastion's subnet\)/,
    );
    expect(sshCalls()).toEqual([]);
    expect(methods().pop()).toBe("DELETE");
    expect(api.liveSessions()).toEqual([]);
    expect(leftovers()).toEqual([]);
  });

  it.concurrent("gives up after --wait-timeout with the time in the sentence, and deletes the session", async () => {
    const { api, run, withEndpoint, sshCalls, methods, leftovers } = await bastion({ kind: "never-active" });
    // Polls every 250 ms, not 20: the same deadline with five signed reads instead of some forty, each
    // of which costs the command a signature and the stand-in a verification.
    const r = await run(withEndpoint(["ssh", "10.0.10.3", "--wait-timeout", "1"]), { OKE_BASTION_POLL_MS: "250" });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/oke-bastion: session \S+ was still CREATING after 1 s; try again, or wait longer with --wait-timeout\./);
    // The second counts from the session's creation, not the command's start: it does not give up
    // early. (How soon it gives up after the deadline depends on the machine, not on the command.)
    const lived = api.requests[api.requests.length - 1].at - api.requests[0].at;
    expect(methods().filter((m) => m !== "GET")).toEqual(["POST", "DELETE"]);
    expect(lived).toBeGreaterThanOrEqual(1000);
    expect(sshCalls()).toEqual([]);
    expect(api.liveSessions()).toEqual([]);
    expect(leftovers()).toEqual([]);
  });

  it.concurrent("an unknown bastion is one sentence with exit 1, and nothing is left", async () => {
    const { run, withEndpoint, sshCalls, leftovers } = await bastion({ kind: "unknown-bastion" });
    const r = await run(withEndpoint(["ssh", "10.0.10.3"]));
    expect(r.status).toBe(1);
    expectOneSentence(
      r.stderr,
      /creating a session on bastion ocid1\.bastion\.oc1\.ap-tokyo-1\.aaaaaaaastandinbastion failed with 404 NotAuthorizedOrNotFound: .*check --bastion-id, --region/,
    );
    expect(sshCalls()).toEqual([]);
    expect(leftovers()).toEqual([]);
  });

  it.concurrent("without --bastion-id and without the pulumi CLI, says the flag is required (exit 2) before any API call", async () => {
    const { api, run } = await bastion();
    const r = await run(["ssh", "10.0.10.3", "--endpoint", api.endpoint]);
    expect(r.status).toBe(2);
    expectOneSentence(r.stderr, /--bastion-id is required: the pulumi CLI is not on PATH to read the stack output bastionId/);
    expect(api.requests).toEqual([]);
  });

  it.concurrent("reads --bastion-id from `pulumi stack output bastionId` when the pulumi CLI is on PATH", async () => {
    const { api, temp, run } = await bastion();
    const pulumiBin = path.join(temp, "pulumi-bin");
    fs.mkdirSync(pulumiBin);
    fs.copyFileSync(path.join(bin, "ssh"), path.join(pulumiBin, "ssh"));
    fs.writeFileSync(
      path.join(pulumiBin, "pulumi"),
      `#!${process.execPath}\nconst a = process.argv.slice(2).join(" ");\nif (a === "stack output bastionId --non-interactive") { console.log("${BASTION_ID}"); } else { console.error("error: unexpected " + a); process.exit(1); }\n`,
      { mode: 0o755 },
    );
    const r = await run(["ssh", "10.0.10.3", "--endpoint", api.endpoint], { PATH: pulumiBin });
    expect(r.stderr).not.toMatch(/required/);
    expect(r.status).toBe(0);
    expect(api.requests[0].body.bastionId).toBe(BASTION_ID);
  });

  it.concurrent("without ssh on PATH, says so in one sentence (exit 1) before opening a session", async () => {
    const { api, temp, run, withEndpoint } = await bastion();
    const r = await run(withEndpoint(["ssh", "10.0.10.3"]), { PATH: path.join(temp, "nothing-here") });
    expect(r.status).toBe(1);
    expectOneSentence(r.stderr, /no `ssh` on PATH; install the OpenSSH client/);
    expect(api.requests).toEqual([]);
  });

  it.concurrent("rejects a node that is not an IPv4 address with exit 2", async () => {
    const { run, withEndpoint } = await bastion();
    const r = await run(withEndpoint(["ssh", "node-1"]));
    expect(r.status).toBe(2);
    expectOneSentence(r.stderr, /"node-1" is not a node's private IPv4 address/);
  });

  it.concurrent("a request signed with another key is refused by the stand-in, and the command says 401 in one sentence", async () => {
    const { api, temp, run, withEndpoint, sshCalls, leftovers } = await bastion();
    const other = path.join(temp, "other.pem");
    fs.writeFileSync(other, OTHER_KEY.export({ type: "pkcs1", format: "pem" }), { mode: 0o600 });
    const r = await run(withEndpoint(["ssh", "10.0.10.3"]), { OCI_CLI_KEY_FILE: other });
    expect(r.status).toBe(1);
    expect(api.rejected).toEqual([expect.stringMatching(/^POST \/20210331\/sessions: the signature does not verify with the API key's public key$/)]);
    expectOneSentence(r.stderr, /failed with 401 NotAuthenticated: the API key was not accepted/);
    expect(sshCalls()).toEqual([]);
    expect(leftovers("other.pem")).toEqual([]);
  });

  it.concurrent("names its own command in credential errors (shared with oke-token)", async () => {
    const { run, withEndpoint } = await bastion();
    const r = await run(withEndpoint(["ssh", "10.0.10.3", "--profile", "NOPE"]));
    expect(r.status).toBe(1);
    expectOneSentence(r.stderr, /^oke-bastion: OCI config file .* has no profile \[NOPE\]/);
  });
});

describe("oke-bastion tunnel", () => {
  const KUBECONFIG = [
    "apiVersion: v1",
    "kind: Config",
    "clusters:",
    "  - name: cluster-c1",
    "    cluster:",
    "      server: https://10.0.0.2:6443",
    "      certificate-authority-data: LS0tQ0E=",
    "contexts:",
    "  - name: context-c1",
    "    context: { cluster: cluster-c1, user: user-c1 }",
    "current-context: context-c1",
    "users:",
    "  - name: user-c1",
    "    user: { exec: { apiVersion: client.authentication.k8s.io/v1beta1, command: oci, args: [ce, cluster, generate-token] } }",
    "",
  ].join("\n");

  it.concurrent(
    "--to api with --kubeconfig: forwards 127.0.0.1:<--local-port> to the private endpoint and prints the kubeconfig with tls-server-name; Ctrl-C deletes the session",
    async () => {
      const { api, temp, start, withEndpoint, sshCalls, methods, leftovers } = await bastion();
      const file = path.join(temp, "kubeconfig");
      fs.writeFileSync(file, KUBECONFIG);
      const port = await freePort();
      const { child, done } = start(withEndpoint(["tunnel", "--to", "api", "--kubeconfig", file, "--local-port", String(port)]), { STANDIN_SSH_EXIT: "wait" });
      let stdout = "";
      child.stdout!.on("data", (d) => (stdout += d));
      await waitFor(() => sshCalls().length === 1 && stdout.includes("current-context"), "the tunnel to start");
      expect(api.liveSessions()).toHaveLength(1);
      child.kill("SIGINT");
      const r = await done;
      expect(r.status).toBe(130);
      expect(api.rejected).toEqual([]);
      expect(api.liveSessions()).toEqual([]);
      expect(methods().pop()).toBe("DELETE");
      expect(api.requests[0].body.targetResourceDetails).toEqual({
        sessionType: "PORT_FORWARDING",
        targetResourcePrivateIpAddress: "10.0.0.2",
        targetResourcePort: 6443,
      });

      const calls = sshCalls();
      expect(calls[0].argv).toEqual(expect.arrayContaining(["-N", "-L", `127.0.0.1:${port}:10.0.0.2:6443`, "ExitOnForwardFailure=yes", "BatchMode=yes"]));
      expect(calls[calls.length - 1].signal).toBe("SIGTERM");
      const printed = parseYaml(r.stdout);
      expect(printed.clusters[0].cluster).toEqual({
        server: `https://127.0.0.1:${port}`,
        "tls-server-name": "10.0.0.2",
        "certificate-authority-data": "LS0tQ0E=",
      });
      expect(printed.users[0].user.exec.command).toBe("oci");
      expect(leftovers("kubeconfig")).toEqual([]);
    },
  );

  it.concurrent("--to ip:port --local-port: a skeleton kubeconfig names what to add, printed once the forward listens; the session ends with ssh", async () => {
    const { api, start, withEndpoint, sshCalls, leftovers } = await bastion();
    const port = await freePort();
    const { child, done } = start(withEndpoint(["tunnel", "--to", "10.0.0.2:6443", "--local-port", String(port)]), { STANDIN_SSH_EXIT: "wait" });
    let stdout = "";
    child.stdout!.on("data", (d) => (stdout += d));
    await waitFor(() => stdout.includes("current-context"), "the kubeconfig");
    child.kill("SIGTERM");
    const r = await done;
    expect(r.status).toBe(143);
    expect(sshCalls()[0].argv).toContain(`127.0.0.1:${port}:10.0.0.2:6443`);
    expect(r.stdout).toMatch(/^# Add the cluster's certificate-authority-data/);
    expect(r.stdout).toContain(`server: https://127.0.0.1:${port}`);
    expect(r.stdout).toContain("tls-server-name: 10.0.0.2");
    expect(api.liveSessions()).toEqual([]);
    expect(leftovers()).toEqual([]);
  });

  it.concurrent(
    "prints no kubeconfig when ssh exits before its forward listens (a port it cannot bind), with ssh's status, and deletes the session",
    async () => {
      const { api, run, withEndpoint, leftovers } = await bastion();
      const port = await freePort();
      const r = await run(withEndpoint(["tunnel", "--to", "10.0.0.2:6443", "--local-port", String(port)]), { STANDIN_SSH_EXIT: "255" });
      expect(r.status).toBe(255);
      expect(r.stdout).toBe("");
      expect(r.stderr).toContain(`ssh exited (status 255) before its forward on 127.0.0.1:${port} was listening, so no kubeconfig was printed`);
      expect(api.liveSessions()).toEqual([]);
      expect(leftovers()).toEqual([]);
    },
  );

  it.concurrent("--to api without a kubeconfig or the pulumi CLI says what to pass (exit 2)", async () => {
    const { api, run, withEndpoint } = await bastion();
    const r = await run(withEndpoint(["tunnel", "--to", "api"]));
    expect(r.status).toBe(2);
    expectOneSentence(r.stderr, /--to api reads the private endpoint from the cluster's kubeconfig, and the pulumi CLI is not on PATH; pass --kubeconfig FILE/);
    expect(api.requests).toEqual([]);
  });

  it.concurrent("SIGINT while the session is still CREATING deletes it without starting ssh", async () => {
    const { api, start, withEndpoint, sshCalls, leftovers } = await bastion({ kind: "never-active" });
    const { child, done } = start(withEndpoint(["tunnel", "--to", "10.0.0.2:6443", "--local-port", String(await freePort())]));
    await waitFor(() => api.requests.some((r) => r.method === "GET"), "the first poll");
    child.kill("SIGINT");
    const r = await done;
    expect(r.status).toBe(130);
    expect(sshCalls()).toEqual([]);
    expect(api.liveSessions()).toEqual([]);
    expect(leftovers()).toEqual([]);
  });
});
