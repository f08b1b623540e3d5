// @ts-check
"use strict";

// Preloaded (`node --require`) into oke-bastion by the command-line tests that are not about the
// throwaway key itself. A 2048-bit RSA prime search costs 0.1–0.5 s of CPU per run, more than the
// rest of a run; here the same asynchronous call hands back a fixed test key instead, so the command
// still writes it 0600 into its own 0700 directory, offers its public half and removes it at the end.
// Any other key request falls through to the real generator.

const crypto = require("crypto");
const fs = require("fs");
const path = require("path");

const generateKeyPair = crypto.generateKeyPair;
const fixture = path.join(__dirname, "..", "fixtures", "other-test-key.pem");

/** @type {any} */ (crypto).generateKeyPair = function fixedKeyPair(/** @type {any[]} */ ...args) {
  const [type, options, callback] = args;
  if (type !== "rsa" || options?.modulusLength !== 2048 || options.publicKeyEncoding || options.privateKeyEncoding || typeof callback !== "function") {
    return Reflect.apply(generateKeyPair, crypto, args);
  }
  const privateKey = crypto.createPrivateKey(fs.readFileSync(fixture));
  process.nextTick(callback, null, crypto.createPublicKey(privateKey), privateKey);
};
