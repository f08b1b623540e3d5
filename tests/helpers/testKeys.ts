import { createPrivateKey, createPublicKey, KeyObject } from "crypto";
import * as fs from "fs";
import * as path from "path";

// Fixed RSA keys (2048 bits, test-only, never registered anywhere): generating one costs 0.1–0.5 s
// of CPU, and several test files did so at load. Two distinct keys, for "signed with another key".
const read = (name: string): KeyObject => createPrivateKey(fs.readFileSync(path.join(__dirname, "..", "fixtures", name)));

/** The API key the fixtures' OCI profiles register (also the golden token's key). */
export const API_KEY: KeyObject = read("oke-token-test-key.pem");
/** A second key, which no stand-in accepts. */
export const OTHER_KEY: KeyObject = read("other-test-key.pem");

export function keyPair(privateKey: KeyObject): { privateKey: KeyObject; publicKey: KeyObject } {
  return { privateKey, publicKey: createPublicKey(privateKey) };
}

/** The OCI profile the command-line tests write to ~/.oci/config: API_KEY's user, as the stand-ins expect. */
export const TEST_PROFILE = {
  user: "ocid1.user.oc1..aaaaaaaauser",
  fingerprint: "12:34:56:78:9a:bc:de:f0:12:34:56:78:9a:bc:de:f0",
  tenancy: "ocid1.tenancy.oc1..aaaaaaaatenancy",
  region: "ap-tokyo-1",
} as const;
