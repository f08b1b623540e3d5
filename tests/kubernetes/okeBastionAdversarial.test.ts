import { execFileSync, spawn } from "child_process";
import { generateKeyPairSync } from "crypto";
import * as fs from "fs";
import * as net from "net";
import { tmpdir } from "os";
import * as path from "path";
import { BastionStandIn, selfSignedCertificate, SessionScenario, writeStandInSsh } from "./bastionStandIn";
import { API_KEY, OTHER_KEY, TEST_PROFILE } from "../helpers/testKeys";

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { apiEndpoint, tunnelKubeconfig } = require("../../tools/oke-bastion/kubeconfig");

// What a hostile or careless user may hand `oke-bastion`, one row each: the shipped command
// (`node bin/oke-bastion.js`) runs against a stand-in Bastion API and a stand-in ssh, and every row
// must end with the expected status and one sentence on stderr (besides the progress lines a
// session's life prints), within the harness's bound: a run still alive after RUN_BOUND_MS is killed
// and the row fails. No row may print or leave behind a key, a passphrase or a token.

const BIN = path.resolve(__dirname, "..", "..", "bin", "oke-bastion.js");
const FIXED_SESSION_KEY = path.resolve(__dirname, "fixedSessionKey.js");
const BASTION_ID = "ocid1.bastion.oc1.ap-tokyo-1.aaaaaaaastandinbastion";
/**
 * Far above a healthy run on a machine busy with other work (a run takes 1–5 s), far below the
 * minutes a pending request used to keep the command alive.
 */
const RUN_BOUND_MS = 60_000;
/** The bound the rows about a hanging API give each call: long enough for the calls that do get answered. */
const HANG_BOUND_MS = 5000;
const PASSPHRASE = "correct-horse-battery-staple-7";
const apiKeyPem = API_KEY.export({ type: "pkcs1", format: "pem" }) as string;
const identityPem = OTHER_KEY.export({ type: "pkcs1", format: "pem" }) as string;
const tinyKeyPem = generateKeyPairSync("rsa", { modulusLength: 1024 }).privateKey.export({ type: "pkcs1", format: "pem" }) as string;

/** Lines of every private key the rows use: none may appear in any output. */
const SECRET_LINES = [apiKeyPem, identityPem, tinyKeyPem].flatMap((pem) => pem.split("\n").filter((l) => l.length >= 40));
const SECRETS = [...SECRET_LINES, PASSPHRASE];

/** Lines a session's life prints on the way: informational, not the sentence a row is about. */
const PROGRESS = [/^oke-bastion: session \S+ to \S+ created; waiting until it is ACTIVE/, /^oke-bastion: session \S+ deleted\.$/];

let root: string;
let home: string;
let bin: string;
let files: Record<string, string>;
let tls: ReturnType<typeof selfSignedCertificate>;
const standIns: BastionStandIn[] = [];
const busy: net.Server[] = [];

const kubeconfig = (server: string) =>
  `apiVersion: v1\nkind: Config\nclusters:\n- name: c\n  cluster:\n    server: ${server}\ncontexts:\n- name: x\n  context: {cluster: c, user: u}\ncurrent-context: x\nusers:\n- name: u\n  user: {}\n`;

beforeAll(() => {
  root = fs.mkdtempSync(path.join(tmpdir(), "oke-bastion-adversarial-"));
  home = path.join(root, "home");
  bin = path.join(root, "bin");
  const f = path.join(root, "files");
  fs.mkdirSync(path.join(home, ".oci"), { recursive: true });
  fs.mkdirSync(bin);
  fs.mkdirSync(f);
  fs.writeFileSync(path.join(home, ".oci", "oci_api_key.pem"), apiKeyPem, { mode: 0o600 });
  const lines = Object.entries({ ...TEST_PROFILE, key_file: "~/.oci/oci_api_key.pem" }).map(([k, v]) => `${k}=${v}`);
  fs.writeFileSync(path.join(home, ".oci", "config"), `[DEFAULT]\n${lines.join("\n")}\n`);
  writeStandInSsh(bin);
  tls = selfSignedCertificate(root);

  files = {
    fifo: path.join(f, "fifo"),
    devZeroLink: path.join(f, "zero-link"),
    directory: path.join(f, "a-directory"),
    huge: path.join(f, "huge"),
    binary: path.join(f, "binary"),
    latin1: path.join(f, "latin1"),
    tinyKey: path.join(f, "tiny.pem"),
    identity: path.join(f, "id_node"),
    pubFifoIdentity: path.join(f, "id_pubfifo"),
    octalServer: path.join(f, "octal-kubeconfig"),
    httpServer: path.join(f, "http-kubeconfig"),
    apiKubeconfig: path.join(f, "kubeconfig"),
    deep: path.join(f, "deep-kubeconfig"),
    aliasBomb: path.join(f, "alias-bomb-kubeconfig"),
  };
  execFileSync("mkfifo", [files.fifo, `${files.pubFifoIdentity}.pub`]);
  fs.symlinkSync("/dev/zero", files.devZeroLink);
  fs.mkdirSync(files.directory);
  fs.writeFileSync(files.huge, "");
  fs.truncateSync(files.huge, 5 * 1024 * 1024); // sparse: over the 4 MiB kubeconfig cap, no disk used
  fs.writeFileSync(files.binary, Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0, 1, 2, 3]));
  fs.writeFileSync(files.latin1, Buffer.from("apiVersion: v1\nclusters: [] # caf\xe9\n", "latin1"));
  fs.writeFileSync(files.tinyKey, tinyKeyPem, { mode: 0o600 });
  fs.writeFileSync(files.identity, identityPem, { mode: 0o600 });
  fs.writeFileSync(files.pubFifoIdentity, identityPem, { mode: 0o600 });
  fs.writeFileSync(files.octalServer, kubeconfig("https://010.0.0.2:6443"));
  fs.writeFileSync(files.httpServer, kubeconfig("http://10.0.0.2:6443"));
  fs.writeFileSync(files.apiKubeconfig, kubeconfig("https://10.0.0.2:6443"));
  fs.writeFileSync(files.deep, `clusters: ${"[".repeat(100_000)}${"]".repeat(100_000)}\n`);
  // "Billion laughs": each alias doubles the document the parser would build.
  const levels = Array.from({ length: 30 }, (_, i) => `l${i + 1}: &l${i + 1} [${Array(10).fill(`*l${i}`).join(",")}]`);
  fs.writeFileSync(files.aliasBomb, `l0: &l0 [lol]\n${levels.join("\n")}\nclusters: *l30\n`);
});

afterAll(async () => {
  await Promise.all(standIns.map((s) => s.stop()));
  await Promise.all(busy.map((s) => new Promise((r) => s.close(r))));
  fs.rmSync(root, { recursive: true, force: true });
});

/** A port something else already listens on, as when a second tunnel is started by mistake. */
function busyPort(): Promise<number> {
  return new Promise((resolve) => {
    const server = net.createServer().listen(0, "127.0.0.1", () => resolve((server.address() as net.AddressInfo).port));
    busy.push(server);
  });
}

/** A port nothing listens on. */
function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = net.createServer().listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

interface Context {
  endpoint: string;
  freePort: number;
  busyPort: number;
}

interface Row {
  name: string;
  argv: (c: Context) => string[];
  env?: (c: Context) => Record<string, string>;
  scenario?: SessionScenario;
  /** STANDIN_SSH_EXIT */
  ssh?: string;
  status: number;
  sentence: RegExp;
  /** What the stand-in must have seen abandoned (the command closed the request, it did not wait on). */
  abandoned?: string;
}

const ssh =
  (...rest: string[]) =>
  (c: Context) => ["ssh", "10.0.10.3", "--bastion-id", BASTION_ID, "--endpoint", c.endpoint, ...rest];
const tunnel =
  (...rest: string[]) =>
  (c: Context) => ["tunnel", "--bastion-id", BASTION_ID, "--endpoint", c.endpoint, "--local-port", String(c.freePort), ...rest];

const ROWS: Row[] = [
  // Key material where a path or a value belongs.
  {
    name: "OCI_CLI_KEY_FILE holding the key itself",
    argv: ssh(),
    env: () => ({ OCI_CLI_KEY_FILE: apiKeyPem }),
    status: 1,
    sentence: /OCI_CLI_KEY_FILE holds a private key's content, not its path/,
  },
  {
    name: "OCI_CLI_CONFIG_FILE holding a key",
    argv: ssh(),
    env: () => ({ OCI_CLI_CONFIG_FILE: apiKeyPem }),
    status: 1,
    sentence: /OCI config file \[secret\] is the content of a private key, not a file name/,
  },
  {
    name: "--bastion-id holding a key",
    argv: (c) => ["ssh", "10.0.10.3", "--endpoint", c.endpoint, `--bastion-id=${apiKeyPem}`],
    status: 2,
    sentence: /--bastion-id \[secret\] is not a bastion OCID/,
  },
  {
    name: "the passphrase pasted as the fingerprint",
    argv: ssh(),
    env: () => ({ OCI_CLI_FINGERPRINT: PASSPHRASE, OCI_CLI_PASSPHRASE: PASSPHRASE }),
    status: 1,
    sentence: /fingerprint "\[secret\]" \(from OCI_CLI_FINGERPRINT\) is not 16 colon-separated hex pairs/,
  },
  {
    name: "an API key of 1024 bits",
    argv: ssh(),
    env: () => ({ OCI_CLI_KEY_FILE: files.tinyKey }),
    status: 1,
    sentence: /is a 1024-bit RSA key; OCI API signing keys have at least 2048 bits/,
  },
  // Files that are not regular, or not what they claim.
  { name: "--identity a FIFO", argv: ssh("--identity", "FIFO"), status: 2, sentence: /--identity \S+fifo is a pipe, not a regular file/ },
  { name: "--identity a link to /dev/zero", argv: ssh("--identity", "ZERO"), status: 2, sentence: /--identity \S+zero-link is a device, not a regular file/ },
  { name: "--identity a directory", argv: ssh("--identity", "DIR"), status: 2, sentence: /--identity \S+a-directory is a directory, not a regular file/ },
  {
    name: "--identity whose .pub is a FIFO",
    argv: ssh("--identity", "PUBFIFO"),
    status: 2,
    sentence: /the public key of --identity, \S+id_pubfifo\.pub is a pipe, not a regular file/,
  },
  { name: "--identity an RSA key of 1024 bits", argv: ssh("--identity", "TINY"), status: 2, sentence: /--identity \S+tiny\.pem is a 1024-bit RSA key/ },
  {
    name: "--identity with %h, which ssh expands",
    argv: ssh("--identity", "/tmp/keys/%h"),
    status: 2,
    sentence: /--identity \/tmp\/keys\/%h contains %, \$\{ or a control character/,
  },
  { name: "--identity with ${HOME}, which ssh expands", argv: ssh("--identity", "${HOME}/k"), status: 2, sentence: /contains %, \$\{ or a control character/ },
  {
    name: "--kubeconfig a FIFO",
    argv: tunnel("--to", "api", "--kubeconfig", "FIFO"),
    status: 2,
    sentence: /--kubeconfig \S+fifo is a pipe, not a regular file/,
  },
  {
    name: "--kubeconfig a link to /dev/zero",
    argv: tunnel("--to", "api", "--kubeconfig", "ZERO"),
    status: 2,
    sentence: /--kubeconfig \S+zero-link is a device, not a regular file/,
  },
  {
    name: "--kubeconfig of 5 MiB",
    argv: tunnel("--to", "api", "--kubeconfig", "HUGE"),
    status: 2,
    sentence: /--kubeconfig \S+huge is 5 MiB, over the 4 MiB limit for this file/,
  },
  {
    name: "--kubeconfig a binary file",
    argv: tunnel("--to", "api", "--kubeconfig", "BINARY"),
    status: 2,
    sentence: /--kubeconfig \S+binary is a binary file, not text/,
  },
  {
    name: "--kubeconfig nested 100 000 deep",
    argv: tunnel("--to", "api", "--kubeconfig", "DEEP"),
    status: 2,
    sentence: /--kubeconfig \S+deep-kubeconfig nests deeper than 64 levels, so it is not a kubeconfig/,
  },
  {
    name: "--kubeconfig of aliases that multiply",
    argv: tunnel("--to", "api", "--kubeconfig", "ALIASES"),
    status: 2,
    sentence: /--kubeconfig \S+alias-bomb-kubeconfig is not a kubeconfig/,
  },
  { name: "--kubeconfig not UTF-8", argv: tunnel("--to", "api", "--kubeconfig", "LATIN1"), status: 2, sentence: /--kubeconfig \S+latin1 is not UTF-8 text/ },
  // Addresses and names ssh or OCI would read otherwise.
  {
    name: "a node address with a leading zero (ssh reads octal)",
    argv: (c) => ["ssh", "010.0.10.3", "--bastion-id", BASTION_ID, "--endpoint", c.endpoint],
    status: 2,
    sentence: /node address "010\.0\.10\.3" has a leading zero, which ssh reads as octal/,
  },
  { name: "--to with a leading zero", argv: tunnel("--to", "10.0.0.02:6443"), status: 2, sentence: /--to "10\.0\.0\.02:6443" has a leading zero/ },
  {
    name: "a kubeconfig server with a leading zero",
    argv: tunnel("--to", "api", "--kubeconfig", "OCTAL"),
    status: 2,
    sentence: /names the server "https:\/\/010\.0\.0\.2:6443", whose address has a leading zero/,
  },
  {
    name: "a kubeconfig server over http",
    argv: tunnel("--to", "api", "--kubeconfig", "HTTP"),
    status: 2,
    sentence: /has no usable server URL \("http:\/\/10\.0\.0\.2:6443"\)/,
  },
  {
    name: "a node address with a newline and a terminal escape",
    argv: (c) => ["ssh", "10.0.10.3\n\u001b[2J", "--bastion-id", BASTION_ID, "--endpoint", c.endpoint],
    status: 2,
    sentence: /"10\.0\.10\.3\\n\\u001b\[2J" is not a node's private IPv4 address/,
  },
  {
    name: "a 100 000-character node address",
    argv: (c) => ["ssh", "1".repeat(100_000), "--bastion-id", BASTION_ID, "--endpoint", c.endpoint],
    status: 2,
    sentence: /"1{80}"… \(100000 characters\) is not a node's private IPv4 address/,
  },
  {
    name: "a login that ssh would read as an option",
    argv: ssh("--user", "-oProxyCommand=sh"),
    status: 2,
    sentence: /--user "-oProxyCommand=sh" is not a login name/,
  },
  {
    name: "a VCN's OCID as --bastion-id",
    argv: (c) => ["ssh", "10.0.10.3", "--endpoint", c.endpoint, "--bastion-id", "ocid1.vcn.oc1.ap-tokyo-1.aaaaaaaavcn"],
    status: 2,
    sentence: /--bastion-id "ocid1\.vcn\.oc1\.ap-tokyo-1\.aaaaaaaavcn" is a vcn OCID, not a bastion OCID/,
  },
  { name: "--region that is no region", argv: ssh("--region=---"), status: 2, sentence: /--region "---" is not an OCI region identifier/ },
  {
    name: "OCI_CLI_REGION that is no region",
    argv: ssh(),
    env: () => ({ OCI_CLI_REGION: "---" }),
    status: 1,
    sentence: /region "---" \(from OCI_CLI_REGION\) is not a region identifier/,
  },
  {
    name: "--endpoint over http",
    argv: (c) => ["ssh", "10.0.10.3", "--bastion-id", BASTION_ID, "--endpoint", c.endpoint.replace("https:", "http:")],
    status: 2,
    sentence: /--endpoint "http:\/\/127\.0\.0\.1:\d+" is not an https URL/,
  },
  {
    // The refusal quoted the password.
    name: "--endpoint with a user and password",
    argv: (c) => ["ssh", "10.0.10.3", "--bastion-id", BASTION_ID, "--endpoint", c.endpoint.replace("https://", "https://admin:pw-91c4-secret@")],
    status: 2,
    sentence: /--endpoint "https:\/\/\[secret\]@127\.0\.0\.1:\d+" is not an https URL/,
  },
  {
    name: "a local port already in use",
    argv: (c) => ["tunnel", "--to", "10.0.0.2:6443", "--bastion-id", BASTION_ID, "--endpoint", c.endpoint, "--local-port", String(c.busyPort)],
    status: 2,
    sentence: /local port 127\.0\.0\.1:\d+ is already in use; pass --local-port/,
  },
  // The API hangs or answers what it never answers: bounded, aborted, and named as such.
  {
    name: "CreateSession never answered",
    argv: ssh(),
    scenario: { kind: "hangs", on: "POST" },
    status: 1,
    sentence: /creating a session on bastion \S+ got no answer within 5 s, so the request was abandoned/,
    abandoned: "POST",
  },
  {
    name: "GetSession never answered",
    argv: ssh(),
    scenario: { kind: "hangs", on: "GET" },
    status: 1,
    sentence: /reading session \S+ got no answer within 5 s/,
    abandoned: "GET",
  },
  {
    name: "DeleteSession never answered (ssh ran and ended)",
    argv: ssh(),
    scenario: { kind: "hangs", on: "DELETE" },
    ssh: "0",
    status: 0,
    sentence: /deleting session \S+ got no answer within 5 s, so the request was abandoned; .*; the session ends by itself after its time to live/,
    abandoned: "DELETE",
  },
  {
    name: "CreateSession answered 200 {}",
    argv: ssh(),
    scenario: { kind: "answers", status: 200, body: "{}" },
    status: 1,
    sentence: /creating a session on bastion \S+ got an answer the Bastion API does not give from \S+ \(200 with a session without an id\)/,
  },
  {
    name: "CreateSession answered with an HTML page",
    argv: ssh(),
    scenario: { kind: "answers", status: 200, body: "<html>proxy login</html>" },
    status: 1,
    sentence: /got an answer the Bastion API does not give/,
  },
  {
    name: "an endpoint where nothing listens",
    argv: (c) => ["ssh", "10.0.10.3", "--bastion-id", BASTION_ID, "--endpoint", `https://127.0.0.1:${c.freePort}`],
    status: 1,
    sentence: /could not reach the Bastion API at https:\/\/127\.0\.0\.1:\d+ \(ECONNREFUSED/,
  },
  // The tunnel's forward never comes up: no kubeconfig pointing at a dead port.
  {
    name: "ssh exits before its forward listens",
    argv: tunnel("--to", "10.0.0.2:6443"),
    ssh: "255",
    status: 255,
    sentence: /ssh exited \(status 255\) before its forward on 127\.0\.0\.1:\d+ was listening, so no kubeconfig was printed/,
  },
  {
    name: "ssh's forward never listens",
    argv: tunnel("--to", "10.0.0.2:6443", "--wait-timeout", "1"),
    ssh: "wait-unbound",
    status: 1,
    sentence: /ssh's forward on 127\.0\.0\.1:\d+ was not listening after 1 s, so no kubeconfig was printed/,
  },
];

const PLACEHOLDERS = (): Record<string, string> => ({
  FIFO: files.fifo,
  ZERO: files.devZeroLink,
  DIR: files.directory,
  HUGE: files.huge,
  BINARY: files.binary,
  LATIN1: files.latin1,
  TINY: files.tinyKey,
  PUBFIFO: files.pubFifoIdentity,
  OCTAL: files.octalServer,
  HTTP: files.httpServer,
  DEEP: files.deep,
  ALIASES: files.aliasBomb,
});

interface Outcome {
  status: number | null;
  stdout: string;
  stderr: string;
  killed: boolean;
}

function runBounded(argv: string[], env: Record<string, string>, cwd: string): Promise<Outcome> {
  const child = spawn(process.execPath, ["--require", FIXED_SESSION_KEY, BIN, ...argv], { env, cwd, stdio: ["ignore", "pipe", "pipe"] });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (d) => (stdout += d));
  child.stderr.on("data", (d) => (stderr += d));
  return new Promise((resolve) => {
    let killed = false;
    const timer = setTimeout(() => {
      killed = true;
      child.kill("SIGKILL");
    }, RUN_BOUND_MS);
    child.on("close", (status) => {
      clearTimeout(timer);
      resolve({ status, stdout, stderr, killed });
    });
  });
}

describe("oke-bastion, given what a hostile or careless user gives it", () => {
  it.concurrent.each(ROWS.map((row) => [row.name, row] as const))(
    "%s",
    async (_name, row) => {
      const api = new BastionStandIn(tls, `${TEST_PROFILE.tenancy}/${TEST_PROFILE.user}/${TEST_PROFILE.fingerprint}`, apiKeyPem, BASTION_ID);
      standIns.push(api);
      await api.start();
      api.reset(row.scenario ?? { kind: "active-after", polls: 1 });
      const context: Context = { endpoint: api.endpoint, freePort: await freePort(), busyPort: await busyPort() };
      const temp = fs.mkdtempSync(path.join(root, "tmp-"));
      const cwd = fs.mkdtempSync(path.join(root, "cwd-"));
      const placeholders = PLACEHOLDERS();
      const argv = row.argv(context).map((a) => placeholders[a] ?? a);
      const env = {
        HOME: home,
        PATH: bin,
        TMPDIR: temp,
        NODE_EXTRA_CA_CERTS: tls.certFile,
        OKE_BASTION_POLL_MS: "20",
        // Only the rows about a call that never ends shorten its bound: every other call must get its answer.
        ...(row.abandoned ? { OKE_BASTION_REQUEST_TIMEOUT_MS: String(HANG_BOUND_MS) } : {}),
        STANDIN_SSH_LOG: path.join(temp, "ssh.log"),
        STANDIN_SSH_EXIT: row.ssh ?? "0",
        ...row.env?.(context),
      };

      const r = await runBounded(argv, env, cwd);

      expect({ killed: r.killed, bound: RUN_BOUND_MS }).toEqual({ killed: false, bound: RUN_BOUND_MS });
      const sentences = r.stderr.split("\n").filter((l) => l !== "" && !PROGRESS.some((p) => p.test(l)));
      expect(sentences).toEqual([expect.stringMatching(row.sentence)]);
      expect(sentences[0]).toMatch(/^oke-bastion: [^\n]+\.$/);
      expect(r.status).toBe(row.status);
      expect(r.stdout).toBe("");
      for (const secret of SECRETS) {
        expect(r.stdout.includes(secret) || r.stderr.includes(secret) ? `output holds ${secret.slice(0, 12)}…` : "no secret").toBe("no secret");
      }
      // Nothing written: the throwaway key's directory is gone, the working directory untouched.
      expect(fs.readdirSync(temp).filter((f) => f !== "ssh.log")).toEqual([]);
      expect(fs.readdirSync(cwd)).toEqual([]);
      if (row.abandoned) {
        // The stand-in sees the connection close as an event of its own, shortly after the command ends.
        for (let i = 0; i < 200 && !api.abandoned.some((a) => a.startsWith(`${row.abandoned} `)); i++) await new Promise((r) => setTimeout(r, 25));
        expect(api.abandoned.map((a) => a.split(" ")[0])).toContain(row.abandoned);
      }
      if (row.abandoned !== "DELETE") expect(api.liveSessions()).toEqual([]);
    },
    RUN_BOUND_MS + 30_000,
  );
});

describe("the endpoint a tunnel's kubeconfig names", () => {
  it("reads a server URL without a port as https reads it, 443, and repoints only that server", () => {
    const text = `${kubeconfig("https://10.0.0.2")}`.replace("clusters:\n", "clusters:\n- name: other\n  cluster:\n    server: https://10.0.0.2:6443\n");
    expect(apiEndpoint(text, "--kubeconfig f")).toEqual({ ip: "10.0.0.2", port: 443 });
    const printed = tunnelKubeconfig({ ip: "10.0.0.2", port: 443 }, 16443, { text, source: "--kubeconfig f" });
    expect(printed).toContain("server: https://127.0.0.1:16443");
    expect(printed).toContain("server: https://10.0.0.2:6443");
  });

  it.each([
    ["http://10.0.0.2:6443", /has no usable server URL \("http:\/\/10\.0\.0\.2:6443"\)/],
    ["https://user:hunter2@10.0.0.2:6443", /has no usable server URL \("https:\/\/\[secret\]@10\.0\.0\.2:6443"\)/],
    ["https://[fd00::2]:6443", /has no usable server URL/],
    ["https://10.0.0.2:99999", /has no usable server URL/],
    ["https://010.0.0.2:6443", /whose address has a leading zero/],
    ["https://10.1:6443", /which is not a private endpoint/],
    ["https://0x0a.0.0.2:6443", /which is not a private endpoint/],
    ["https://203.0.113.10:6443", /which is not a private endpoint/],
  ])("refuses the server %s in one sentence (exit 2)", (server, sentence) => {
    expect(() => apiEndpoint(kubeconfig(server), "--kubeconfig f")).toThrow(expect.objectContaining({ exitCode: 2, message: expect.stringMatching(sentence) }));
  });
});
