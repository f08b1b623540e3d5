import { API_KEY } from "../helpers/testKeys";

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { echo, echoPath, redact, escapeControls, looksLikeKeyMaterial, ECHO_LIMIT, PATH_ECHO_LIMIT, SECRET } = require("../../tools/common/echo");

// How a value the user gave is shown back in a one-line message: escaped, cut with its length said,
// and never key material, whatever setting it arrived in.

const pkcs1 = API_KEY.export({ type: "pkcs1", format: "pem" }) as string;
const pkcs8 = API_KEY.export({ type: "pkcs8", format: "pem" }) as string;
const encrypted = API_KEY.export({ type: "pkcs8", format: "pem", cipher: "aes-256-cbc", passphrase: "pw" }) as string;
const body = pkcs1.split("\n").slice(1, -2).join("\n");

describe("echo", () => {
  it("quotes a plain value as it is", () => {
    expect(echo("ap-tokyo-1")).toBe('"ap-tokyo-1"');
    expect(echo(12)).toBe('"12"');
    expect(echo("10.0.0.2", { quote: false })).toBe("10.0.0.2");
  });

  it("escapes newlines, tabs, terminal escapes, DEL, C1 and the Unicode line and direction controls", () => {
    expect(echo("a\nb\r\tc\u001b[2J\u007f\u0085\u2028\u202e")).toBe('"a\\nb\\r\\tc\\u001b[2J\\u007f\\u0085\\u2028\\u202e"');
    expect(escapeControls("plain café ✓")).toBe("plain café ✓");
  });

  it(`cuts at ${ECHO_LIMIT} characters and says how long the value was`, () => {
    expect(echo("x".repeat(ECHO_LIMIT))).toBe(`"${"x".repeat(ECHO_LIMIT)}"`);
    expect(echo("x".repeat(5_000_000))).toBe(`"${"x".repeat(ECHO_LIMIT)}"… (5000000 characters)`);
  });

  it("counts characters, not UTF-16 units, and never cuts one in half", () => {
    expect(echo("😀".repeat(100))).toBe(`"${"😀".repeat(ECHO_LIMIT)}"… (100 characters)`);
  });

  it("cuts before escaping, so the limit is of the value and the escapes stay whole", () => {
    expect(echo("\n".repeat(10), { limit: 3 })).toBe('"\\n\\n\\n"… (10 characters)');
  });

  it("shows file names unquoted and longer", () => {
    expect(echoPath("/home/me/.oci/config")).toBe("/home/me/.oci/config");
    expect(echoPath(`/${"p".repeat(300)}`)).toBe(`/${"p".repeat(PATH_ECHO_LIMIT - 1)}… (301 characters)`);
  });
});

describe("key material is never echoed", () => {
  it.each([
    ["a PKCS#1 key", pkcs1],
    ["a PKCS#8 key", pkcs8],
    ["an encrypted key", encrypted],
    ["an OpenSSH key", "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA\n-----END OPENSSH PRIVATE KEY-----\n"],
    ["an EC key's header alone", "-----BEGIN EC PRIVATE KEY-----"],
    ["a key's footer alone (a header cut away)", "abc\n-----END RSA PRIVATE KEY-----"],
    ["a PEM body without its header", body],
    ["a bare OpenSSH key body", "b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQ"],
    ["a PuTTY key", "PuTTY-User-Key-File-3: ssh-rsa\nEncryption: none\n"],
    ["an OKE token", "aHR0cHM6Ly9jb250YWluZXJlbmdpbmUuYXAtdG9reW8tMS5vcmFjbGVjbG91ZC5jb20v"],
    ["a signed token URL", "https://containerengine.ap-tokyo-1.oraclecloud.com/cluster_request/x?authorization=Signature+algorithm"],
  ])("%s is [secret]", (_what, value) => {
    expect({ value, keyMaterial: looksLikeKeyMaterial(value) }).toEqual({ value, keyMaterial: true });
    expect(echo(value)).toBe(SECRET);
    expect(echoPath(value)).toBe(SECRET);
  });

  it("does not take ordinary values for keys", () => {
    expect(
      ["ocid1.cluster.oc1.ap-tokyo-1.aaaa", "/home/me/.oci/oci_api_key.pem", "MIIsmall", "ssh-rsa AAAAB3NzaC1yc2E me@host"].filter(looksLikeKeyMaterial),
    ).toEqual([]);
  });
});

describe("redact", () => {
  it("replaces each secret wherever it occurs, the longest first", () => {
    expect(redact("user pw123 and pw123456 here", ["pw123", "pw123456"])).toBe("user [secret] and [secret] here");
  });

  it("ignores secrets shorter than three characters, which would garble every message", () => {
    expect(redact("a b c", ["a", "", "b"])).toBe("a b c");
  });

  it("hides whole PEM blocks and tokens even when no secret was named", () => {
    expect(redact(`before ${pkcs1} after`, [])).toBe("before [secret]\n after");
    expect(redact("token aHR0cHM6Ly9jb250YWluZXJlbmdpbmUuYXAtdG9reW8= end", [])).toBe("token [secret] end");
    expect(redact("cut -----BEGIN PRIVATE KEY-----\nMIIEvQ", [])).toBe("cut [secret]");
  });
});
