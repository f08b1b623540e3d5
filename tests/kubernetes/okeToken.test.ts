import { createPublicKey, KeyObject, verify } from "crypto";
import { mkdtempSync, rmSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { run } from "../../tools/oke-token/cli";
import { API_KEY, OTHER_KEY, keyPair } from "../helpers/testKeys";

// The token must be exactly what `oci ce cluster generate-token` produces (oci-cli
// services/container_engine/src/oci_cli_container_engine/containerengine_cli_extended.py), because
// OKE re-derives the signing string from it. These tests rebuild that string independently.

const CLUSTER_ID = "ocid1.cluster.oc1.ap-tokyo-1.aaaaaaaaexampleclusterc23bcbl6ula";
const TENANCY = "ocid1.tenancy.oc1..aaaaaaaatenancy";
const USER = "ocid1.user.oc1..aaaaaaaauser";
const FINGERPRINT = "12:34:56:78:9a:bc:de:f0:12:34:56:78:9a:bc:de:f0";
const NOW = new Date("2025-06-03T09:05:07.250Z");
const RFC1123_NOW = "Tue, 03 Jun 2025 09:05:07 GMT";

interface Fixture {
  home: string;
  publicKey: KeyObject;
  env: NodeJS.ProcessEnv;
}

let dirs: string[] = [];
afterEach(() => {
  dirs.forEach((d) => rmSync(d, { recursive: true, force: true }));
  dirs = [];
});

// One fixed key pair serves every fixture (tests/helpers/testKeys.ts).
const KEY_PAIR = keyPair(API_KEY);

/** A HOME with ~/.oci/config and an API key, like `oci setup config` leaves it. */
function fixture(opts: { config?: (keyPath: string) => string; passphrase?: string } = {}): Fixture {
  const home = mkdtempSync(join(tmpdir(), "oke-token-unit-"));
  dirs.push(home);
  const { privateKey, publicKey } = KEY_PAIR;
  const pem = privateKey.export(
    opts.passphrase ? { type: "pkcs8", format: "pem", cipher: "aes-256-cbc", passphrase: opts.passphrase } : { type: "pkcs1", format: "pem" },
  );
  const keyPath = join(home, "oci_api_key.pem");
  writeFileSync(keyPath, pem);
  const config = opts.config?.(keyPath) ?? `[DEFAULT]\nuser=${USER}\nfingerprint=${FINGERPRINT}\ntenancy=${TENANCY}\nregion=ap-tokyo-1\nkey_file=${keyPath}\n`;
  writeFileSync(join(home, "config"), config);
  return { home, publicKey, env: { HOME: home, OCI_CLI_CONFIG_FILE: join(home, "config") } };
}

function tokenFor(argv: string[], env: NodeJS.ProcessEnv, now = NOW) {
  const result = run(argv, env, now);
  expect(result.stderr).toBe("");
  expect(result.code).toBe(0);
  const credential = JSON.parse(result.stdout);
  const url = new URL(Buffer.from(credential.status.token, "base64url").toString("utf8"));
  return { credential, url, raw: Buffer.from(credential.status.token, "base64url").toString("utf8") };
}

/** The names of the keys among `keys` whose public half verifies `signature` over `signingString`. */
function verifiedBy(signingString: string, signature: Buffer, keys: Record<string, KeyObject>): string[] {
  return Object.entries(keys)
    .filter(([, key]) => verify("sha256", Buffer.from(signingString), key, signature))
    .map(([name]) => name);
}

/** Splits `Signature k="v",k="v"` into its parameters, in order. */
function signatureParams(authorization: string): Array<[string, string]> {
  expect(authorization).toMatch(/^Signature /);
  return [...authorization.slice("Signature ".length).matchAll(/(\w+)="([^"]*)"/g)].map((m) => [m[1], m[2]]);
}

describe("oke-token token", () => {
  it("is the base64url of the cluster_request URL with authorization then date as query parameters", () => {
    const { env } = fixture();
    const { url, credential } = tokenFor(["--cluster-id", CLUSTER_ID], env);

    expect(`${url.origin}${url.pathname}`).toBe(`https://containerengine.ap-tokyo-1.oraclecloud.com/cluster_request/${CLUSTER_ID}`);
    expect([...url.searchParams.keys()]).toEqual(["authorization", "date"]);
    expect(url.searchParams.get("date")).toBe(RFC1123_NOW);
    // Python's urlsafe_b64encode keeps "=" padding; kubectl passes the token through verbatim.
    expect(credential.status.token).toMatch(/^[A-Za-z0-9_-]+={0,2}$/);
    expect(credential.status.token.length % 4).toBe(0);
  });

  it("encodes the query string as Python's urlencode (quote_plus) does", () => {
    const { env } = fixture();
    const { raw } = tokenFor(["--cluster-id", CLUSTER_ID], env);
    const query = raw.slice(raw.indexOf("?") + 1);

    const head = "authorization=Signature+algorithm%3D%22rsa-sha256%22%2Cheaders%3D%22date+%28request-target%29+host%22%2CkeyId%3D%22";
    const tail = "&date=Tue%2C+03+Jun+2025+09%3A05%3A07+GMT";
    expect(query.slice(0, head.length)).toBe(head);
    expect(query.slice(-tail.length)).toBe(tail);
    expect(query).not.toMatch(/[ ()!'*]|%20/);
  });

  it("carries an rsa-sha256 signature over date, (request-target) and host that the user's public key verifies", () => {
    const { env, publicKey } = fixture();
    const { url } = tokenFor(["--cluster-id", CLUSTER_ID], env);
    const params = signatureParams(url.searchParams.get("authorization")!);

    expect(params.map(([k]) => k)).toEqual(["algorithm", "headers", "keyId", "signature", "version"]);
    const p = Object.fromEntries(params);
    expect(p.algorithm).toBe("rsa-sha256");
    expect(p.headers).toBe("date (request-target) host");
    expect(p.keyId).toBe(`${TENANCY}/${USER}/${FINGERPRINT}`);
    expect(p.version).toBe("1");

    const signingString = [
      `date: ${RFC1123_NOW}`,
      `(request-target): get /cluster_request/${CLUSTER_ID}`,
      "host: containerengine.ap-tokyo-1.oraclecloud.com",
    ].join("\n");
    const signature = Buffer.from(p.signature, "base64");
    const keys = { "the user's key": publicKey, "another key": createPublicKey(OTHER_KEY) };
    expect(verifiedBy(signingString, signature, keys)).toEqual(["the user's key"]);
  });

  it("reports expiry four minutes after the token's date, in the CLI's isoformat", () => {
    const { env } = fixture();
    expect(tokenFor(["--cluster-id", CLUSTER_ID], env).credential.status.expirationTimestamp).toBe("2025-06-03T09:09:07.250000Z");
    const onTheSecond = new Date("2025-06-03T09:05:07.000Z");
    expect(tokenFor(["--cluster-id", CLUSTER_ID], env, onTheSecond).credential.status.expirationTimestamp).toBe("2025-06-03T09:09:07Z");
  });

  it("prints an ExecCredential in the client.authentication.k8s.io/v1beta1 shape", () => {
    const { env } = fixture();
    const { credential } = tokenFor(["--cluster-id", CLUSTER_ID], env);
    expect(Object.keys(credential)).toEqual(["apiVersion", "kind", "status"]);
    expect(credential.apiVersion).toBe("client.authentication.k8s.io/v1beta1");
    expect(credential.kind).toBe("ExecCredential");
    expect(Object.keys(credential.status)).toEqual(["token", "expirationTimestamp"]);
  });
});

describe("oke-token credential sources", () => {
  it("puts --region in the host, over OCI_CLI_REGION, over the profile's region", () => {
    const { env } = fixture();
    expect(tokenFor(["--cluster-id", CLUSTER_ID], env).url.host).toBe("containerengine.ap-tokyo-1.oraclecloud.com");
    expect(tokenFor(["--cluster-id", CLUSTER_ID], { ...env, OCI_CLI_REGION: "ap-osaka-1" }).url.host).toBe("containerengine.ap-osaka-1.oraclecloud.com");
    expect(tokenFor(["--cluster-id", CLUSTER_ID, "--region", "us-ashburn-1"], { ...env, OCI_CLI_REGION: "ap-osaka-1" }).url.host).toBe(
      "containerengine.us-ashburn-1.oraclecloud.com",
    );
  });

  it("reads --profile, inheriting what the profile leaves out from [DEFAULT]", () => {
    const { env } = fixture({
      config: (key) =>
        `# written by oci setup config\n[DEFAULT]\ntenancy=${TENANCY}\nkey_file=${key}\nregion=ap-tokyo-1\n\n` +
        `[ADMIN]\nUser = ocid1.user.oc1..admin\nfingerprint: ${FINGERPRINT}\nregion=eu-frankfurt-1\n`,
    });
    const { url } = tokenFor(["--cluster-id", CLUSTER_ID, "--profile", "ADMIN"], env);
    expect(url.host).toBe("containerengine.eu-frankfurt-1.oraclecloud.com");
    const keyId = Object.fromEntries(signatureParams(url.searchParams.get("authorization")!)).keyId;
    expect(keyId).toBe(`${TENANCY}/ocid1.user.oc1..admin/${FINGERPRINT}`);
    expect(tokenFor(["--cluster-id", CLUSTER_ID], { ...env, OCI_CLI_PROFILE: "ADMIN" }).url.host).toBe("containerengine.eu-frankfurt-1.oraclecloud.com");
  });

  it("lets OCI_CLI_USER, OCI_CLI_TENANCY and OCI_CLI_FINGERPRINT override the profile", () => {
    const { env } = fixture();
    const { url } = tokenFor(["--cluster-id", CLUSTER_ID], {
      ...env,
      OCI_CLI_USER: "ocid1.user.oc1..fromenv",
      OCI_CLI_TENANCY: "ocid1.tenancy.oc1..fromenv",
      OCI_CLI_FINGERPRINT: "ff:ff:ff:ff:ff:ff:ff:ff:ff:ff:ff:ff:ff:ff:ff:ff",
    });
    const keyId = Object.fromEntries(signatureParams(url.searchParams.get("authorization")!)).keyId;
    expect(keyId).toBe("ocid1.tenancy.oc1..fromenv/ocid1.user.oc1..fromenv/ff:ff:ff:ff:ff:ff:ff:ff:ff:ff:ff:ff:ff:ff:ff:ff");
  });

  it("works from environment variables alone when ~/.oci/config does not exist", () => {
    const { home, publicKey } = fixture();
    const env = {
      HOME: join(home, "no-such-home"),
      OCI_CLI_USER: USER,
      OCI_CLI_TENANCY: TENANCY,
      OCI_CLI_FINGERPRINT: FINGERPRINT,
      OCI_CLI_KEY_FILE: join(home, "oci_api_key.pem"),
      OCI_CLI_REGION: "us-phoenix-1",
    };
    const { url } = tokenFor(["--cluster-id", CLUSTER_ID], env);
    expect(url.host).toBe("containerengine.us-phoenix-1.oraclecloud.com");
    const sig = Object.fromEntries(signatureParams(url.searchParams.get("authorization")!)).signature;
    const signingString = `date: ${RFC1123_NOW}\n(request-target): get /cluster_request/${CLUSTER_ID}\nhost: ${url.host}`;
    expect(verifiedBy(signingString, Buffer.from(sig, "base64"), { "the user's key": publicKey })).toEqual(["the user's key"]);
  });

  it("signs with an encrypted key when the profile gives its pass_phrase", () => {
    const { env, publicKey } = fixture({
      passphrase: "correct horse",
      config: (key) =>
        `[DEFAULT]\nuser=${USER}\nfingerprint=${FINGERPRINT}\ntenancy=${TENANCY}\nregion=ap-tokyo-1\nkey_file=${key}\npass_phrase=correct horse\n`,
    });
    const { url } = tokenFor(["--cluster-id", CLUSTER_ID], env);
    const sig = Object.fromEntries(signatureParams(url.searchParams.get("authorization")!)).signature;
    const signingString = `date: ${RFC1123_NOW}\n(request-target): get /cluster_request/${CLUSTER_ID}\nhost: ${url.host}`;
    expect(verifiedBy(signingString, Buffer.from(sig, "base64"), { "the user's key": publicKey })).toEqual(["the user's key"]);
  });

  it("rejects a wrong pass_phrase with exit status 1 and a sentence naming the key file", () => {
    const { env, home } = fixture({
      passphrase: "correct horse",
      config: (key) =>
        `[DEFAULT]\nuser=${USER}\nfingerprint=${FINGERPRINT}\ntenancy=${TENANCY}\nregion=ap-tokyo-1\nkey_file=${key}\npass_phrase=battery staple\n`,
    });
    const result = run(["--cluster-id", CLUSTER_ID], env, NOW);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe("");
    expect(result.stderr).toContain(join(home, "oci_api_key.pem"));
    expect(result.stderr).toContain("pass_phrase does not decrypt");
  });
});
