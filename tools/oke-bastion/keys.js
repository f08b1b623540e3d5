// @ts-check
"use strict";

const crypto = require("crypto");
const fs = require("fs");
const os = require("os");
const path = require("path");
const { usageError } = require("../oke-token/errors");

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
  try {
    return sshpk.parsePrivateKey(pem, "auto").toPublic().toString("ssh");
  } catch (e) {
    const encrypted = /encrypted|passphrase/i.test(String(/** @type {Error} */ (e).message));
    throw usageError(
      encrypted
        ? `oke-bastion: --identity ${file} is encrypted and has no ${file}.pub next to it; write one with \`ssh-keygen -y -f ${file} > ${file}.pub\`.`
        : `oke-bastion: --identity ${file} is not an SSH private key (${String(/** @type {Error} */ (e).message).split("\n")[0].replace(/\.$/, "")}); pass the private key whose public key the nodes accept.`,
    );
  }
}

/** @param {string} file */
function identityKey(file) {
  let pem;
  try {
    pem = fs.readFileSync(file);
  } catch (e) {
    throw usageError(`oke-bastion: cannot read --identity ${file} (${/** @type {NodeJS.ErrnoException} */ (e).code ?? String(e)}); pass the path of an SSH private key.`);
  }
  let publicKey;
  try {
    publicKey = fs.readFileSync(`${file}.pub`, "utf8").trim();
  } catch {
    publicKey = derivePublicKey(pem, file);
  }
  if (!/^(ssh-rsa|ssh-ed25519|ecdsa-sha2-nistp\d+) [A-Za-z0-9+/=]+/.test(publicKey)) {
    throw usageError(`oke-bastion: ${file}.pub is not an OpenSSH public key line; regenerate it with \`ssh-keygen -y -f ${file} > ${file}.pub\`.`);
  }
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
