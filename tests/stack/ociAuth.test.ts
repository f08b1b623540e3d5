import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { resolveOciAuth } from "../../components/ociAuth";

const KEY = "-----BEGIN PRIVATE KEY-----\nMIIB\n-----END PRIVATE KEY-----\n";
const FULL = { tenancyOcid: "ocid1.tenancy.oc1..cfg", userOcid: "ocid1.user.oc1..cfg", fingerprint: "aa:bb", privateKey: KEY, region: "ap-tokyo-1" };

let home: string;
beforeEach(() => {
  home = fs.mkdtempSync(path.join(os.tmpdir(), "oci-auth-"));
});
afterEach(() => fs.rmSync(home, { recursive: true, force: true }));

describe("OCI credentials for the destroy hooks, found where the OCI provider finds its own", () => {
  it("takes the provider's oci: config first, then TF_VAR_*, then OCI_* variables, key by key", () => {
    const auth = resolveOciAuth({
      providerConfig: { tenancyOcid: "ocid1.tenancy.oc1..cfg" },
      env: {
        TF_VAR_tenancy_ocid: "ocid1.tenancy.oc1..tfvar",
        TF_VAR_user_ocid: "ocid1.user.oc1..tfvar",
        OCI_USER_OCID: "ocid1.user.oc1..oci",
        OCI_FINGERPRINT: "cc:dd",
        OCI_PRIVATE_KEY: KEY,
        OCI_REGION: "eu-frankfurt-1",
      },
      homeDir: home,
    });
    expect(auth).toEqual({
      kind: "api-key",
      tenancy: "ocid1.tenancy.oc1..cfg",
      user: "ocid1.user.oc1..tfvar",
      fingerprint: "cc:dd",
      privateKey: KEY,
      passphrase: undefined,
      region: "eu-frankfurt-1",
    });
  });

  it("reads oci:privateKeyPath, expanding ~", () => {
    fs.writeFileSync(path.join(home, "key.pem"), KEY);
    const { privateKey, ...rest } = FULL;
    const auth = resolveOciAuth({ providerConfig: { ...rest, privateKeyPath: "~/key.pem" }, env: {}, homeDir: home });
    expect(auth).toMatchObject({ kind: "api-key", privateKey });
  });

  it("names the key file it cannot read", () => {
    const { privateKey: _unused, ...rest } = FULL;
    expect(() => resolveOciAuth({ providerConfig: { ...rest, privateKeyPath: "/nonexistent/key.pem" }, env: {}, homeDir: home })).toThrow(
      "The OCI private key file /nonexistent/key.pem (oci:privateKeyPath) cannot be read: point oci:privateKeyPath or TF_VAR_private_key_path at your API key's .pem.",
    );
  });

  it("falls back to ~/.oci/config with the configured profile when the API key settings are incomplete", () => {
    fs.mkdirSync(path.join(home, ".oci"));
    fs.writeFileSync(path.join(home, ".oci", "config"), "[DEFAULT]\n");
    expect(
      resolveOciAuth({ providerConfig: { region: "ap-osaka-1" }, env: { TF_VAR_config_file_profile: "ops", TF_VAR_fingerprint: "aa:bb" }, homeDir: home }),
    ).toEqual({ kind: "config-file", file: path.join(home, ".oci", "config"), profile: "ops", region: "ap-osaka-1" });
  });

  it("says what to set when there are no credentials at all", () => {
    expect(() => resolveOciAuth({ providerConfig: {}, env: {}, homeDir: home })).toThrow(
      /^No OCI credentials for the destroy hooks: set oci:tenancyOcid, oci:userOcid, oci:fingerprint and oci:privateKeyPath \(or their TF_VAR_ variables\), or create .*\.oci\/config with `oci setup config`\.$/,
    );
  });
});
