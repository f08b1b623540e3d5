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
