import { execFileSync, spawn } from "child_process";
import { createPublicKey, generateKeyPairSync } from "crypto";
import * as fs from "fs";
import { tmpdir } from "os";
import * as path from "path";
import { API_KEY, TEST_PROFILE } from "../helpers/testKeys";

// What a hostile or careless user (or CI setup) may hand `oke-token`, one row each. Every row must end
// with the expected status and exactly one sentence on stderr, print nothing on stdout (kubectl would
// parse it), and never show a key, a passphrase or a token. The rows run through the command's run()
// in one child process (okeTokenBatch.js); the harness kills it when a row outlives ROW_BOUND_MS and
// fails that row, so a read that blocks (a FIFO, a device) fails the table instead of hanging it.

const BATCH = path.join(__dirname, "okeTokenBatch.js");
const CLUSTER_ID = "ocid1.cluster.oc1.ap-tokyo-1.aaaaaaaaexamplecluster";
/** A row is a key read and a signature: far below this even on a machine busy with other work. */
const ROW_BOUND_MS = 15_000;
const PASSPHRASE = "correct-horse-battery-staple-7";

const apiKeyPem = API_KEY.export({ type: "pkcs1", format: "pem" }) as string;
const encryptedPem = API_KEY.export({ type: "pkcs1", format: "pem", cipher: "aes-128-cbc", passphrase: PASSPHRASE }) as string;
const tinyPem = generateKeyPairSync("rsa", { modulusLength: 1024 }).privateKey.export({ type: "pkcs1", format: "pem" }) as string;
const ecPem = generateKeyPairSync("ec", { namedCurve: "P-256" }).privateKey.export({ type: "pkcs8", format: "pem" }) as string;
const publicPem = createPublicKey(API_KEY).export({ type: "spki", format: "pem" }) as string;

/** Every line of a private key, the passphrase, and the start of any OKE token: none may be printed. */
const SECRETS = [
  ...[apiKeyPem, encryptedPem, tinyPem, ecPem].flatMap((pem) => pem.split("\n").filter((l) => l.length >= 40)),
  PASSPHRASE,
  "aHR0cHM6Ly9jb250YWluZXJlbmdpbmUu",
];

interface Row {
  name: string;
  argv?: string[];
  env?: Record<string, string>;
  /** profile keys replacing the good profile's */
  profile?: Record<string, string>;
  status: number;
  sentence: RegExp;
}

let root: string;
let f: Record<string, string>;

/** Placeholders in argv, env and profile values, replaced by the files made in beforeAll. */
const file = (name: string) => `@${name}`;

const ROWS: Row[] = [
  // Key material where a path or another value belongs.
  {
    name: "OCI_CLI_KEY_FILE holding the key itself",
    env: { OCI_CLI_KEY_FILE: apiKeyPem },
    status: 1,
    sentence: /OCI_CLI_KEY_FILE holds a private key's content, not its path; write the key to a file/,
  },
  {
    name: "OCI_CLI_KEY_FILE holding the key's first line",
    env: { OCI_CLI_KEY_FILE: "-----BEGIN RSA PRIVATE KEY-----" },
    status: 1,
    sentence: /OCI_CLI_KEY_FILE holds a private key's content/,
  },
  {
    name: "OCI_CLI_KEY_FILE holding a key's base64 body",
    env: { OCI_CLI_KEY_FILE: apiKeyPem.split("\n").slice(1, -2).join("\n") },
    status: 1,
    sentence: /OCI_CLI_KEY_FILE holds a private key's content/,
  },
  {
    name: "key_file in the profile holding a key's header",
    profile: { key_file: "-----BEGIN PRIVATE KEY-----" },
    status: 1,
    sentence: /key_file in profile \[DEFAULT\] in \S+ holds a private key's content, not its path/,
  },
  {
    name: "OCI_CLI_CONFIG_FILE holding a key",
    env: { OCI_CLI_CONFIG_FILE: apiKeyPem },
    status: 1,
    sentence: /OCI config file \[secret\] is the content of a private key, not a file name/,
  },
  {
    name: "--config-file= holding a key",
    argv: [`--config-file=${apiKeyPem}`],
    status: 1,
    sentence: /OCI config file \[secret\] is the content of a private key/,
  },
  {
    name: "--cluster-id= holding a key",
    argv: ["--cluster-id", "x", `--cluster-id=${apiKeyPem}`],
    status: 2,
    sentence: /--cluster-id \[secret\] is not a cluster OCID/,
  },
  {
    name: "OCI_CLI_FINGERPRINT holding a key",
    env: { OCI_CLI_FINGERPRINT: apiKeyPem },
    status: 1,
    sentence: /fingerprint \[secret\] \(from OCI_CLI_FINGERPRINT\)/,
  },
  {
    name: "the passphrase pasted as OCI_CLI_USER",
    env: { OCI_CLI_USER: PASSPHRASE, OCI_CLI_PASSPHRASE: PASSPHRASE },
    status: 1,
    sentence: /user "\[secret\]" \(from OCI_CLI_USER\) is not a user OCID/,
  },
  {
    name: "the profile's pass_phrase pasted as its tenancy",
    profile: { tenancy: PASSPHRASE, pass_phrase: PASSPHRASE },
    status: 1,
    sentence: /tenancy "\[secret\]" \(from profile \[DEFAULT\] in \S+\) is not a tenancy OCID/,
  },
  {
    name: "OCI_CLI_KEY_CONTENT holding a path",
    env: { OCI_CLI_KEY_CONTENT: "~/.oci/oci_api_key.pem" },
    status: 1,
    sentence:
      /OCI_CLI_KEY_CONTENT holds one line and no PEM block, so it is not a key's text .*; if it is the key file's path, set OCI_CLI_KEY_FILE to it instead/,
  },
  {
    name: "OCI_CLI_KEY_CONTENT that is no key",
    env: { OCI_CLI_KEY_CONTENT: "-----BEGIN NOTHING-----\nnot a key at all\n" },
    status: 1,
    sentence: /OCI_CLI_KEY_CONTENT is not a PEM private key/,
  },
  // Ids and regions that could only send the token elsewhere or be refused by OKE.
  { name: "--cluster-id foo", argv: ["--cluster-id", "foo"], status: 2, sentence: /--cluster-id "foo" is not a cluster OCID/ },
  {
    name: "a VCN's OCID as --cluster-id",
    argv: ["--cluster-id", "ocid1.vcn.oc1.ap-tokyo-1.aaaaaaaavcn"],
    status: 2,
    sentence: /--cluster-id "ocid1\.vcn\.oc1\.ap-tokyo-1\.aaaaaaaavcn" is a vcn OCID, not a cluster OCID/,
  },
  { name: "a tenancy's OCID as --cluster-id", argv: ["--cluster-id", TEST_PROFILE.tenancy], status: 2, sentence: /is a tenancy OCID, not a cluster OCID/ },
  { name: "a cluster id with a path in it", argv: ["--cluster-id", "ocid1.cluster.oc1.ap-tokyo-1.aaaa/../x"], status: 2, sentence: /is not a cluster OCID/ },
  {
    name: "a cluster id with a newline and a terminal escape",
    argv: ["--cluster-id", "ocid1.cluster\n\u001b[2J"],
    status: 2,
    sentence: /--cluster-id "ocid1\.cluster\\n\\u001b\[2J" is not a cluster OCID/,
  },
  {
    name: "a 100 000-character cluster id",
    argv: ["--cluster-id", "c".repeat(100_000)],
    status: 2,
    sentence: /--cluster-id "c{80}"… \(100000 characters\) is not a cluster OCID/,
  },
  { name: "an unknown flag with a terminal escape", argv: ["--\u001b[31mauth"], status: 2, sentence: /unknown argument "--\\u001b\[31mauth"/ },
  { name: "--region=---", argv: ["--region=---"], status: 2, sentence: /--region "---" is not an OCI region identifier/ },
  { name: "OCI_CLI_REGION=---", env: { OCI_CLI_REGION: "---" }, status: 1, sentence: /region "---" \(from OCI_CLI_REGION\) is not a region identifier/ },
  {
    name: "a profile region that is a host name",
    profile: { region: "evil.example.com" },
    status: 1,
    sentence: /region "evil\.example\.com" \(from profile \[DEFAULT\] in \S+\) is not a region identifier/,
  },
  {
    name: "a profile name with a terminal escape",
    env: { OCI_CLI_PROFILE: "a\u001b[31mb" },
    status: 1,
    sentence: /has no profile \[a\\u001b\[31mb\] \(profiles found: \[DEFAULT\]\)/,
  },
  // Keys OCI does not take.
  {
    name: "an RSA key of 1024 bits",
    profile: { key_file: file("tiny.pem") },
    status: 1,
    sentence: /key_file \S+tiny\.pem \(from profile \[DEFAULT\] in \S+\) is a 1024-bit RSA key; OCI API signing keys have at least 2048 bits/,
  },
  { name: "an EC key", profile: { key_file: file("ec.pem") }, status: 1, sentence: /holds an ec key; OCI API signing keys are RSA/ },
  {
    name: "the public key instead of the private one",
    profile: { key_file: file("public.pem") },
    status: 1,
    sentence: /is not a PEM private key; use the API private key, not the public one/,
  },
  {
    name: "an encrypted key without its passphrase",
    profile: { key_file: file("encrypted.pem") },
    status: 1,
    sentence: /is encrypted; set pass_phrase in the profile or OCI_CLI_PASSPHRASE/,
  },
  {
    name: "an encrypted key with a wrong passphrase",
    profile: { key_file: file("encrypted.pem") },
    env: { OCI_CLI_PASSPHRASE: "wrong" },
    status: 1,
    sentence: /the pass_phrase does not decrypt key_file/,
  },
  // Files that are not regular, too large, or not text.
  { name: "key_file a FIFO", profile: { key_file: file("fifo") }, status: 1, sentence: /key_file \S+fifo is a pipe, not a regular file/ },
  {
    name: "key_file a link to /dev/zero",
    profile: { key_file: file("zero-link") },
    status: 1,
    sentence: /key_file \S+zero-link is a device, not a regular file/,
  },
  {
    name: "key_file /dev/stdin",
    profile: { key_file: "/dev/stdin" },
    status: 1,
    sentence: /key_file \/dev\/stdin is (a pipe|a device|a socket|not a regular file)/,
  },
  {
    name: "key_file a directory",
    profile: { key_file: file("a-directory") },
    status: 1,
    sentence: /key_file \S+a-directory is a directory, not a regular file/,
  },
  { name: "key_file of 2 MiB", profile: { key_file: file("huge") }, status: 1, sentence: /key_file \S+huge is 2 MiB, over the 1 MiB limit for this file/ },
  { name: "key_file a binary file", profile: { key_file: file("binary") }, status: 1, sentence: /key_file \S+binary is a binary file, not text/ },
  { name: "key_file not UTF-8", profile: { key_file: file("latin1") }, status: 1, sentence: /key_file \S+latin1 is not UTF-8 text/ },
  { name: "--config-file a FIFO", argv: ["--config-file", file("fifo")], status: 1, sentence: /OCI config file \S+fifo is a pipe, not a regular file/ },
  {
    name: "--config-file a link to /dev/zero",
    argv: ["--config-file", file("zero-link")],
    status: 1,
    sentence: /OCI config file \S+zero-link is a device, not a regular file/,
  },
  {
    name: "--config-file of 2 MiB",
    argv: ["--config-file", file("huge")],
    status: 1,
    sentence: /OCI config file \S+huge is 2 MiB, over the 1 MiB limit for this file/,
  },
  { name: "--config-file a binary file", argv: ["--config-file", file("binary")], status: 1, sentence: /OCI config file \S+binary is a binary file, not text/ },
  { name: "--config-file not UTF-8", argv: ["--config-file", file("latin1")], status: 1, sentence: /OCI config file \S+latin1 is not UTF-8 text/ },
  {
    name: "--config-file the key file itself",
    argv: ["--config-file", file("key.pem")],
    status: 1,
    sentence: /line 1 of \S+key\.pem is not a \[PROFILE\] header or a key=value line inside one/,
  },
  {
    name: "a file name with a newline",
    argv: ["--config-file", "/nonexistent\n\u001b[2Jconfig"],
    status: 1,
    sentence: /OCI config file \/nonexistent\\n\\u001b\[2Jconfig does not exist/,
  },
];

beforeAll(() => {
  root = fs.mkdtempSync(path.join(tmpdir(), "oke-token-adversarial-"));
  const at = (name: string) => path.join(root, name);
  f = {};
  for (const name of ["key.pem", "tiny.pem", "ec.pem", "public.pem", "encrypted.pem", "fifo", "zero-link", "a-directory", "huge", "binary", "latin1"])
    f[name] = at(name);
  fs.writeFileSync(f["key.pem"], apiKeyPem, { mode: 0o600 });
  fs.writeFileSync(f["tiny.pem"], tinyPem, { mode: 0o600 });
  fs.writeFileSync(f["ec.pem"], ecPem, { mode: 0o600 });
  fs.writeFileSync(f["public.pem"], publicPem);
  fs.writeFileSync(f["encrypted.pem"], encryptedPem, { mode: 0o600 });
  execFileSync("mkfifo", [f.fifo]);
  fs.symlinkSync("/dev/zero", f["zero-link"]);
  fs.mkdirSync(f["a-directory"]);
  fs.writeFileSync(f.huge, "");
  fs.truncateSync(f.huge, 2 * 1024 * 1024); // sparse: over the 1 MiB cap, no disk used
  fs.writeFileSync(f.binary, Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0, 1, 2, 3]));
  fs.writeFileSync(f.latin1, Buffer.from("[DEFAULT]\nuser=caf\xe9\n", "latin1"));
});

afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

const resolve = (value: string) => (value.startsWith("@") && f[value.slice(1)] ? f[value.slice(1)] : value);

/** The row as run() gets it: a HOME of its own with a good profile, changed as the row says. */
function prepare(row: Row, index: number) {
  const home = path.join(root, `home-${index}`);
  fs.mkdirSync(home);
  const config = path.join(home, "config");
  const values: Record<string, string> = { ...TEST_PROFILE, key_file: f["key.pem"], ...row.profile };
  fs.writeFileSync(
    config,
    `[DEFAULT]\n${Object.entries(values)
      .map(([k, v]) => `${k}=${resolve(v)}`)
      .join("\n")}\n`,
  );
  const env = Object.fromEntries(Object.entries({ HOME: home, OCI_CLI_CONFIG_FILE: config, ...row.env }).map(([k, v]) => [k, resolve(v)]));
  const argv = ["--cluster-id", CLUSTER_ID, ...(row.argv ?? []).map(resolve)];
  return { argv, env, home };
}

interface Outcome {
  code?: number;
  stdout?: string;
  stderr?: string;
  /** Set when the harness killed the batch while this row ran. */
  outlived?: number;
}

/** Runs every row in one child process; a row with no answer within ROW_BOUND_MS is killed and marked. */
function runTable(rows: { argv: string[]; env: Record<string, string> }[]): Promise<Outcome[]> {
  const input = path.join(root, "rows.json");
  fs.writeFileSync(input, JSON.stringify(rows));
  const child = spawn(process.execPath, [BATCH, input], { env: {}, stdio: ["pipe", "pipe", "pipe"] });
  const outcomes: Outcome[] = rows.map(() => ({}));
  let buffered = "";
  let current = -1;
  let watchdog: NodeJS.Timeout | undefined;
  const arm = () => {
    clearTimeout(watchdog);
    watchdog = setTimeout(() => {
      if (current >= 0) outcomes[current].outlived = ROW_BOUND_MS;
      child.kill("SIGKILL");
    }, ROW_BOUND_MS);
  };
  arm();
  child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
    buffered += chunk;
    const lines = buffered.split("\n");
    buffered = lines.pop()!;
    for (const line of lines) {
      const message = JSON.parse(line);
      if ("start" in message) current = message.start;
      else outcomes[message.done] = { code: message.code, stdout: message.stdout, stderr: message.stderr };
      arm();
    }
  });
  return new Promise((done) =>
    child.on("close", () => {
      clearTimeout(watchdog);
      done(outcomes);
    }),
  );
}

let outcomes: Outcome[];
let homes: string[];
beforeAll(async () => {
  const prepared = ROWS.map(prepare);
  homes = prepared.map((p) => p.home);
  outcomes = await runTable(prepared.map(({ argv, env }) => ({ argv, env })));
}, ROWS.length * ROW_BOUND_MS);

describe("oke-token, given what a hostile or careless user gives it", () => {
  it.each(ROWS.map((row, index) => [row.name, row, index] as const))("%s", (_name, row, index) => {
    const r = outcomes[index];
    expect({ outlived: r.outlived, answered: r.code !== undefined }).toEqual({ outlived: undefined, answered: true });
    expect(r.code).toBe(row.status);
    expect(r.stdout).toBe("");
    expect(r.stderr!.split("\n")).toEqual([expect.stringMatching(row.sentence), ""]);
    expect(r.stderr).toMatch(/^oke-token: [^\n]+\.\n$/);
    const leaked = SECRETS.filter((s) => r.stderr!.includes(s)).map((s) => `${s.slice(0, 16)}…`);
    expect(leaked).toEqual([]);
    // Nothing written: the row's HOME holds only the profile it was given.
    expect(fs.readdirSync(homes[index])).toEqual(["config"]);
  });
});
