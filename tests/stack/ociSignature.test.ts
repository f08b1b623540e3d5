import * as crypto from "crypto";
import * as fs from "fs";
import * as path from "path";
import { IncomingHttpHeaders } from "http";
import { signatureProblem } from "../helpers/ociSignature";

/**
 * The stand-in's signature check must reject what OCI rejects, or the destroy-hook tests prove
 * nothing. Requests here are signed by the SDK's own DefaultRequestSigner.
 */

const KEY_PEM = fs.readFileSync(path.join(__dirname, "..", "fixtures", "oke-token-test-key.pem"), "utf8");
const KEY_ID = "ocid1.tenancy.oc1..t/ocid1.user.oc1..u/aa:bb";
const signer = { keyId: KEY_ID, publicKey: crypto.createPublicKey(KEY_PEM) };
const URI = "https://iaas.ap-tokyo-1.oraclecloud.com/20160918/volumes?compartmentId=ocid1.compartment.oc1..c";

async function signed(method: "GET" | "POST", body?: string): Promise<IncomingHttpHeaders> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const common: typeof import("oci-common") = require("oci-common");
  const auth = new common.SimpleAuthenticationDetailsProvider("ocid1.tenancy.oc1..t", "ocid1.user.oc1..u", "aa:bb", KEY_PEM, null, common.Region.AP_TOKYO_1);
  const headers = new Headers({ "content-type": "application/json" });
  const request = { method, uri: URI, headers, body };
  await new common.DefaultRequestSigner(auth).signHttpRequest(request);
  const out: IncomingHttpHeaders = { host: "iaas.ap-tokyo-1.oraclecloud.com" };
  headers.forEach((value, key) => (out[key] = value));
  return out;
}

const TARGET = "/20160918/volumes?compartmentId=ocid1.compartment.oc1..c";

describe("the OCI signature check of the stand-in", () => {
  it("accepts a GET and a POST signed by the SDK, body hash and length included", async () => {
    expect(signatureProblem("GET", TARGET, await signed("GET"), Buffer.alloc(0), signer)).toBeUndefined();
    const body = JSON.stringify({ displayName: "v" });
    const headers = await signed("POST", body);
    expect(String(headers.authorization)).toMatch(/headers="[^"]*x-content-sha256[^"]*"/);
    expect(signatureProblem("POST", TARGET, headers, Buffer.from(body), signer)).toBeUndefined();
  });

  it("rejects a changed body, path, host, key id or an old date", async () => {
    const body = JSON.stringify({ displayName: "v" });
    const headers = await signed("POST", body);
    expect(signatureProblem("POST", TARGET, headers, Buffer.from(body.replace("v", "w")), signer)).toBe("x-content-sha256 does not match the body");
    expect(signatureProblem("POST", TARGET.replace("volumes", "vnics"), headers, Buffer.from(body), signer)).toBe(
      "the signature does not verify with the API key's public key",
    );
    expect(signatureProblem("POST", TARGET, { ...headers, host: "127.0.0.1:1" }, Buffer.from(body), signer)).toBe(
      "the signature does not verify with the API key's public key",
    );
    expect(signatureProblem("POST", TARGET, headers, Buffer.from(body), { ...signer, keyId: "other/user/fp" })).toMatch(/^keyId /);
    const get = await signed("GET");
    expect(signatureProblem("GET", TARGET, get, Buffer.alloc(0), signer, Date.now() + 10 * 60_000)).toMatch(/^date /);
    expect(signatureProblem("GET", TARGET, { ...get, authorization: undefined }, Buffer.alloc(0), signer)).toBe("no Signature authorization header");
  });
});
