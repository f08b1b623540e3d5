// @ts-check
"use strict";

const crypto = require("crypto");
const fs = require("fs");
const os = require("os");
const path = require("path");
const { usageError } = require("../oke-token/errors");
const { echoPath, escapeControls } = require("../common/echo");
const { readInputBytes, readInputText, InputFileError, SIZE_LIMITS } = require("../common/inputFile");

/** As for API keys: OCI and current OpenSSH refuse shorter RSA keys. */
const MIN_RSA_BITS = 2048;

/**
 * The key pair a session is opened with. The bastion accepts one public key per session (OpenSSH
 * format); ssh must then authenticate to the bastion with the matching private key.
 *
 * With --identity the user's own key is used (its `.pub`, or the public half derived from it). Without
 * it, a throwaway RSA pair is made in a fresh 0700 temp directory (private key 0600) and removed when
 * the command ends, so no other user can read it and nothing is left behind.
 */

/**
 * @typedef {object} SessionKey
 * @property {string} publicKey OpenSSH one-line public key
 * @property {string} privateKeyFile for ssh -i
 * @property {boolean} throwaway
 * @property {() => void} dispose removes a throwaway key; nothing for the user's own
 */

/**
 * @param {Buffer} pem
 * @param {string} file
 */
function derivePublicKey(pem, file) {
  // sshpk (oci-common's own dependency) reads PEM and OpenSSH private keys and writes OpenSSH public keys.
  const sshpk = require("sshpk");
  const shown = echoPath(file);
  try {
    return sshpk.parsePrivateKey(pem, "auto").toPublic().toString("ssh");
  } catch (e) {
    const message = String(/** @type {Error} */ (e).message);
    const encrypted = /encrypted|passphrase/i.test(message);
    throw usageError(
      encrypted
        ? `oke-bastion: --identity ${shown} is encrypted and has no ${shown}.pub next to it; write one with \`ssh-keygen -y -f ${shown} > ${shown}.pub\`.`
        : `oke-bastion: --identity ${shown} is not an SSH private key (${escapeControls(message.split("\n")[0].replace(/\.$/, "")).slice(0, 120)}); pass the private key whose public key the nodes accept.`,
    );
  }
}

/**
 * Reads a file of the identity through the shared reader: one sentence for a FIFO, a device, a
 * directory or a file far larger than any key.
 * @template T
 * @param {() => T} read
 */
function readIdentity(read) {
  try {
    return read();
  } catch (e) {
    if (e instanceof InputFileError) throw usageError(e.message);
    throw e;
  }
}

/**
 * @param {string} publicKey OpenSSH public key line
 * @param {string} what the file it came from, echoed
 */
function checkKeySize(publicKey, what) {
  const sshpk = require("sshpk");
  let key;
  try {
    key = sshpk.parseKey(publicKey, "ssh");
  } catch {
    return; // the line's shape was checked; the bastion judges the rest
  }
  if (key.type === "rsa" && key.size < MIN_RSA_BITS) {
    throw usageError(
      `oke-bastion: ${what} is a ${key.size}-bit RSA key; OCI Bastion and OpenSSH need at least ${MIN_RSA_BITS} bits, make one with \`ssh-keygen -t ed25519\` (or -t rsa -b 4096).`,
    );
  }
}

/** @param {string} file an absolute path (args.js) */
function identityKey(file) {
  const shown = echoPath(file);
  const fix = "pass the path of an SSH private key";
  const pem = readIdentity(() => readInputBytes(file, { what: "oke-bastion: --identity", maxBytes: SIZE_LIMITS.small, fix }));
  /** @type {string | undefined} */
  let publicKey;
  try {
    publicKey = readInputText(`${file}.pub`, {
      what: "oke-bastion: the public key of --identity,",
      maxBytes: SIZE_LIMITS.small,
      fix: `remove it or write it with \`ssh-keygen -y -f ${shown} > ${shown}.pub\``,
    }).trim();
  } catch (e) {
    if (!(e instanceof InputFileError)) throw e;
    if (e.reason !== "not-found") throw usageError(e.message);
  }
  publicKey ??= derivePublicKey(pem, file);
  publicKey = publicKey.split(/\r?\n/)[0].trim();
  if (!/^(ssh-rsa|ssh-ed25519|ecdsa-sha2-nistp\d+) [A-Za-z0-9+/=]+/.test(publicKey)) {
    throw usageError(`oke-bastion: ${shown}.pub is not an OpenSSH public key line; regenerate it with \`ssh-keygen -y -f ${shown} > ${shown}.pub\`.`);
  }
  checkKeySize(publicKey, `--identity ${shown}`);
  return { publicKey, privateKeyFile: file, throwaway: false, dispose: () => undefined };
}

/** @returns {Promise<SessionKey>} */
async function throwawayKey() {
  // RSA: every OpenSSH reads PKCS#1 PEM, and the Bastion service accepts ssh-rsa keys. Generated on
  // libuv's thread pool (0.1–0.5 s, prime search varies) while the caller loads the SDK on this one.
  const { privateKey, publicKey } = await new Promise((resolve, reject) =>
    crypto.generateKeyPair("rsa", { modulusLength: 2048 }, (e, pub, priv) => (e ? reject(e) : resolve({ privateKey: priv, publicKey: pub }))),
  );
  const sshpk = require("sshpk");
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "oke-bastion-"));
  fs.chmodSync(dir, 0o700);
  const file = path.join(dir, "session_key");
  fs.writeFileSync(file, privateKey.export({ type: "pkcs1", format: "pem" }), { mode: 0o600 });
  const openssh = sshpk.parseKey(publicKey.export({ type: "spki", format: "pem" }), "pem").toString("ssh");
  return {
    publicKey: `${openssh} oke-bastion-session`,
    privateKeyFile: file,
    throwaway: true,
    dispose: () => fs.rmSync(dir, { recursive: true, force: true }),
  };
}

/**
 * A bad --identity throws here, at once (a usage error before any API work); a throwaway key is
 * still being generated when this returns.
 * @param {string | undefined} identity --identity
 * @returns {Promise<SessionKey>}
 */
function sessionKey(identity) {
  return identity ? Promise.resolve(identityKey(identity)) : throwawayKey();
}

module.exports = { sessionKey };
