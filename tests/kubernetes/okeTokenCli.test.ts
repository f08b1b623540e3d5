import { spawn } from "child_process";
import { createPublicKey } from "crypto";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join, resolve } from "path";
import { API_KEY, OTHER_KEY, TEST_PROFILE } from "../helpers/testKeys";

// Runs the shipped command the way kubectl's exec plugin does: `node bin/oke-token.js ...` with a
// HOME of our own, so the developer's real ~/.oci is never read, and no OCI_CLI_* variables leaked in.

const BIN = resolve(__dirname, "..", "..", "bin", "oke-token.js");
const CLUSTER_ID = "ocid1.cluster.oc1.ap-tokyo-1.aaaaaaaaexamplecluster";
const PROFILE_KEYS: Record<string, string> = { ...TEST_PROFILE };

// RSA key generation costs ~100 ms of CPU; one key serves every test, each writes its own copy.
const privateKey = API_KEY;

// Every test has a HOME of its own, so they run side by side: each is a node start and little else.
let root: string;
beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), "oke-token-cli-"));
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** A HOME with ~/.oci/config (profile DEFAULT) and the key it names, and the command run in it. */
function withHome() {
  const home = mkdtempSync(join(root, "home-"));
  mkdirSync(join(home, ".oci"));
  const keyPath = join(home, ".oci", "oci_api_key.pem");
  const configPath = join(home, ".oci", "config");

  function writeKey(passphrase?: string) {
    // `oci setup keys` writes traditional PKCS#1 PEM, encrypted ones with a Proc-Type header.
    const pem = passphrase
      ? privateKey.export({ type: "pkcs1", format: "pem", cipher: "aes-128-cbc", passphrase })
      : privateKey.export({ type: "pkcs1", format: "pem" });
    writeFileSync(keyPath, pem, { mode: 0o600 });
  }

  function writeProfile(overrides: Record<string, string | undefined> = {}) {
    const entries = { ...PROFILE_KEYS, key_file: "~/.oci/oci_api_key.pem", ...overrides };
    const lines = Object.entries(entries)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => `${k}=${v}`);
    writeFileSync(configPath, `[DEFAULT]\n${lines.join("\n")}\n`);
  }

  /** As spawnSync would run it: stdin at end of file, killed after 15 s. */
  function okeToken(args: string[], env: Record<string, string> = {}): Promise<Run> {
    const child = spawn(process.execPath, [BIN, ...args], { env: { HOME: home, PATH: process.env.PATH ?? "", ...env } });
    child.stdin.end();
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (d: string) => (stdout += d));
    child.stderr.setEncoding("utf8").on("data", (d: string) => (stderr += d));
    return new Promise((done) => {
      const timer = setTimeout(() => child.kill("SIGKILL"), 15000);
      child.on("close", (status) => {
        clearTimeout(timer);
        done({ status, stdout, stderr });
      });
    });
  }

  writeKey();
  writeProfile();
  return { home, keyPath, configPath, writeKey, writeProfile, okeToken };
}

/** One sentence on one line, no stack trace: what a user sees in kubectl's error output. */
function expectOneSentence(stderr: string) {
  expect(stderr.trimEnd().split("\n")).toHaveLength(1);
  expect(stderr).toMatch(/^oke-token: .+\.\n$/);
  expect(stderr).not.toMatch(/\n\s+at /);
}

describe("oke-token command", () => {
  it.concurrent("prints an ExecCredential for the cluster and exits 0", async () => {
    const { okeToken } = withHome();
    const r = await okeToken(["--cluster-id", CLUSTER_ID]);
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    const credential = JSON.parse(r.stdout);
    expect(credential.kind).toBe("ExecCredential");
    const url = new URL(Buffer.from(credential.status.token, "base64url").toString());
    expect(`${url.origin}${url.pathname}`).toBe(`https://containerengine.ap-tokyo-1.oraclecloud.com/cluster_request/${CLUSTER_ID}`);
    expect(url.search).not.toBe("");
    // Four minutes ahead of now, give or take the run time.
    const ahead = Date.parse(credential.status.expirationTimestamp) - Date.now();
    expect(ahead).toBeGreaterThan(3.5 * 60 * 1000);
    expect(ahead).toBeLessThanOrEqual(4 * 60 * 1000);
  });

  it.concurrent("accepts --flag=value and --config-file", async () => {
    const { home, keyPath, okeToken } = withHome();
    const elsewhere = join(home, "other-config");
    writeFileSync(
      elsewhere,
      `[DEFAULT]\nuser=${PROFILE_KEYS.user}\nfingerprint=${PROFILE_KEYS.fingerprint}\ntenancy=${PROFILE_KEYS.tenancy}\nregion=uk-london-1\nkey_file=${keyPath}\n`,
    );
    const r = await okeToken([`--cluster-id=${CLUSTER_ID}`, `--config-file=${elsewhere}`]);
    expect(r.status).toBe(0);
    const url = new URL(Buffer.from(JSON.parse(r.stdout).status.token, "base64url").toString());
    expect(url.host).toBe("containerengine.uk-london-1.oraclecloud.com");
  });

  it.concurrent("signs with an encrypted key given OCI_CLI_PASSPHRASE", async () => {
    const { writeKey, okeToken } = withHome();
    writeKey("s3cret");
    expect((await okeToken(["--cluster-id", CLUSTER_ID], { OCI_CLI_PASSPHRASE: "s3cret" })).status).toBe(0);
  });

  it.concurrent("prints usage and exits 0 for --help", async () => {
    const { okeToken } = withHome();
    const r = await okeToken(["--help"]);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain("usage: oke-token --cluster-id");
  });
});

describe("oke-token usage errors exit 2", () => {
  it.concurrent.each([
    ["no --cluster-id", [], "--cluster-id is required"],
    ["an empty --cluster-id", ["--cluster-id", " "], "--cluster-id is required"],
    ["--cluster-id without a value", ["--cluster-id"], "--cluster-id needs a value"],
    ["an unknown flag", ["--cluster-id", CLUSTER_ID, "--auth", "instance_principal"], 'unknown argument "--auth"'],
    ["a cluster id that is not an OCID", ["--cluster-id", "my cluster"], "is not a cluster OCID"],
  ])("for %s", async (_what, args, phrase) => {
    const { okeToken } = withHome();
    const r = await okeToken(args as string[]);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toContain(phrase);
    expectOneSentence(r.stderr);
  });
});

describe("oke-token credential errors exit 1", () => {
  it.concurrent("names the config file when it does not exist", async () => {
    const { configPath, okeToken } = withHome();
    rmSync(configPath);
    const r = await okeToken(["--cluster-id", CLUSTER_ID]);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(`${configPath} does not exist`);
    expectOneSentence(r.stderr);
  });

  it.concurrent("names an explicit --config-file that does not exist even when the environment has credentials", async () => {
    const { home, keyPath, okeToken } = withHome();
    const r = await okeToken(["--cluster-id", CLUSTER_ID, "--config-file", join(home, "nope")], {
      OCI_CLI_USER: "u",
      OCI_CLI_TENANCY: "t",
      OCI_CLI_FINGERPRINT: "f",
      OCI_CLI_KEY_FILE: keyPath,
      OCI_CLI_REGION: "ap-tokyo-1",
    });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(`${join(home, "nope")} does not exist`);
  });

  it.concurrent("names the profile and the profiles that exist when --profile is unknown", async () => {
    const { configPath, okeToken } = withHome();
    const r = await okeToken(["--cluster-id", CLUSTER_ID, "--profile", "PROD"]);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(`${configPath} has no profile [PROD] (profiles found: [DEFAULT])`);
    expectOneSentence(r.stderr);
  });

  it.concurrent.each(["user", "fingerprint", "tenancy", "key_file"])("names the file, profile and key when %s is missing", async (key) => {
    const { configPath, writeProfile, okeToken } = withHome();
    writeProfile({ [key]: undefined });
    const r = await okeToken(["--cluster-id", CLUSTER_ID]);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(`profile [DEFAULT] in ${configPath} has no "${key}"`);
    expectOneSentence(r.stderr);
  });

  it.concurrent("asks for --region when neither flag, environment nor profile gives one", async () => {
    const { writeProfile, okeToken } = withHome();
    writeProfile({ region: undefined });
    const r = await okeToken(["--cluster-id", CLUSTER_ID]);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('has no "region"; pass --region');
    expect((await okeToken(["--cluster-id", CLUSTER_ID, "--region", "ap-tokyo-1"])).status).toBe(0);
  });

  it.concurrent("names a key_file that cannot be read", async () => {
    const { home, writeProfile, okeToken } = withHome();
    writeProfile({ key_file: join(home, "missing.pem") });
    const r = await okeToken(["--cluster-id", CLUSTER_ID]);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(`cannot read key_file ${join(home, "missing.pem")}`);
    expectOneSentence(r.stderr);
  });

  it.concurrent("says the key_file is not a private key when it holds the public key", async () => {
    const { keyPath, okeToken } = withHome();
    const publicKey = createPublicKey(OTHER_KEY);
    writeFileSync(keyPath, publicKey.export({ type: "spki", format: "pem" }));
    const r = await okeToken(["--cluster-id", CLUSTER_ID]);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain("is not a PEM private key");
    expectOneSentence(r.stderr);
  });

  it.concurrent("rejects a wrong passphrase", async () => {
    const { keyPath, writeKey, writeProfile, okeToken } = withHome();
    writeKey("s3cret");
    writeProfile({ pass_phrase: "guess" });
    const r = await okeToken(["--cluster-id", CLUSTER_ID]);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(`the pass_phrase does not decrypt key_file ${keyPath}`);
    expectOneSentence(r.stderr);
  });

  it.concurrent("names a config line it cannot parse", async () => {
    const { configPath, okeToken } = withHome();
    writeFileSync(configPath, "[DEFAULT]\nuser ocid1.user.oc1..x\n");
    const r = await okeToken(["--cluster-id", CLUSTER_ID]);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(`line 2 of ${configPath}`);
    expectOneSentence(r.stderr);
  });

  it.concurrent("names the config file it cannot read", async () => {
    const { home, okeToken } = withHome();
    // A directory is unreadable as a file even for root, unlike a chmod 000 file.
    const r = await okeToken(["--cluster-id", CLUSTER_ID, "--config-file", join(home, ".oci")]);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(`OCI config file ${join(home, ".oci")} is a directory, not a regular file`);
    expectOneSentence(r.stderr);
  });

  it.concurrent("fails at once, without prompting, for an encrypted key with no passphrase even with stdin open", async () => {
    const { home, keyPath, writeKey } = withHome();
    writeKey("s3cret");
    const child = spawn(process.execPath, [BIN, "--cluster-id", CLUSTER_ID], {
      env: { HOME: home, PATH: process.env.PATH ?? "" },
      stdio: ["pipe", "pipe", "pipe"], // stdin stays open: a prompt would wait on it forever
    });
    let stderr = "";
    child.stderr.on("data", (d) => (stderr += d));
    const status = await new Promise<number | null>((done, fail) => {
      const timer = setTimeout(() => {
        child.kill();
        fail(new Error("oke-token waited for input"));
      }, 10000);
      child.on("close", (code) => {
        clearTimeout(timer);
        done(code);
      });
    });
    expect(status).toBe(1);
    expect(stderr).toContain(`key_file ${keyPath}`);
    expect(stderr).toContain("is encrypted; set pass_phrase");
  });
});
