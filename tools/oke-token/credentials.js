// @ts-check
"use strict";

const fs = require("fs");
const os = require("os");
const path = require("path");
const crypto = require("crypto");
const { credentialError } = require("./errors");
const { parseIni, profileValues } = require("./ini");

/**
 * @typedef {object} Credentials
 * @property {string} tenancy
 * @property {string} user
 * @property {string} fingerprint
 * @property {crypto.KeyObject} privateKey
 * @property {string} region
 */

/**
 * @typedef {object} CredentialRequest
 * @property {string | undefined} region --region
 * @property {string | undefined} profile --profile
 * @property {string | undefined} configFile --config-file
 * @property {string} [program] the command named in error messages, so that oke-bastion, which shares this reader, names itself
 * @property {string} [fallbackRegion] used when neither --region, OCI_CLI_REGION nor the profile names one (oke-inspect: the cluster OCID's region)
 */

/**
 * The OCI CLI's environment variables for each config-file key
 * (docs.oracle.com/iaas/Content/API/SDKDocs/clienvironmentvariables.htm). They override the profile.
 */
const ENV_FOR_KEY = Object.freeze({
  user: "OCI_CLI_USER",
  tenancy: "OCI_CLI_TENANCY",
  fingerprint: "OCI_CLI_FINGERPRINT",
  key_file: "OCI_CLI_KEY_FILE",
  pass_phrase: "OCI_CLI_PASSPHRASE",
  region: "OCI_CLI_REGION",
});

/** What to write in the config file for each missing key, so the error tells the user what to do. */
const HINT_FOR_KEY = Object.freeze({
  user: "user=ocid1.user.oc1..<id>",
  tenancy: "tenancy=ocid1.tenancy.oc1..<id>",
  fingerprint: "fingerprint=<the API key's fingerprint, aa:bb:...>",
  key_file: "key_file=<path to the API private key .pem>",
  region: "region=<region, e.g. us-ashburn-1>",
});

/**
 * An API key's fingerprint is the MD5 of its public key as 16 colon-separated hex pairs
 * (docs.oracle.com/iaas/Content/API/Concepts/apisigningkey.htm#four); OCIDs are
 * ocid1.<resource type>.<realm>.[region][.future use].<unique id>
 * (docs.oracle.com/iaas/Content/General/Concepts/identifiers.htm).
 */
const FINGERPRINT_PATTERN = /^[0-9a-f]{2}(:[0-9a-f]{2}){15}$/i;
const OCID_FOR_KEY = Object.freeze({
  user: /^ocid1\.user\.[a-z0-9-]+\.[a-z0-9-]*(\.[a-z0-9-]*)?\.[a-z0-9]+$/,
  tenancy: /^ocid1\.tenancy\.[a-z0-9-]+\.[a-z0-9-]*(\.[a-z0-9-]*)?\.[a-z0-9]+$/,
});

/**
 * Reads a file only when it is a regular file: a FIFO, a device or /dev/stdin would block the read
 * (kubectl's exec plugin waits forever for a token), a directory has nothing to read.
 * @param {string} file
 * @returns {Buffer}
 */
function readRegularFile(file) {
  const stat = fs.statSync(file);
  if (!stat.isFile()) {
    const kind = stat.isDirectory() ? "a directory" : stat.isFIFO() ? "a pipe" : stat.isSocket() ? "a socket" : "a device";
    throw Object.assign(new Error(`${file} is ${kind}`), { code: "ENOTREGULAR", kind });
  }
  return fs.readFileSync(file);
}

/** @param {string} p */
function expandHome(p, home = os.homedir()) {
  return p === "~" || p.startsWith("~/") ? path.join(home, p.slice(1)) : p;
}

/**
 * @param {NodeJS.ProcessEnv} env
 * @param {string} value
 */
function nonEmpty(env, value) {
  const v = env[value];
  return v !== undefined && v.trim() !== "" ? v.trim() : undefined;
}

/**
 * Reads the profile, or returns undefined when the config file does not exist and the environment
 * carries every credential itself (CI runners often have only OCI_CLI_* variables).
 * @param {string} file
 * @param {string} profile
 * @param {boolean} envIsComplete
 * @param {string} program
 * @returns {Map<string, string> | undefined}
 */
function readProfile(file, profile, envIsComplete, program) {
  let text;
  try {
    text = readRegularFile(file).toString("utf8");
  } catch (e) {
    const code = /** @type {NodeJS.ErrnoException} */ (e).code;
    if (code === "ENOENT" && envIsComplete) return undefined;
    if (code === "ENOENT") {
      throw credentialError(
        `${program}: OCI config file ${file} does not exist; create it with \`oci setup config\`, point --config-file or OCI_CLI_CONFIG_FILE at yours, or set OCI_CLI_USER, OCI_CLI_TENANCY, OCI_CLI_FINGERPRINT, OCI_CLI_KEY_FILE and OCI_CLI_REGION.`,
      );
    }
    if (code === "ENOTREGULAR") {
      throw credentialError(`${program}: OCI config file ${file} is ${/** @type {any} */ (e).kind}, not a regular file; point --config-file or OCI_CLI_CONFIG_FILE at the config file itself.`);
    }
    throw credentialError(`${program}: cannot read OCI config file ${file} (${code ?? String(e)}); check its permissions.`);
  }
  let sections;
  try {
    sections = parseIni(text, file);
  } catch (e) {
    throw credentialError(`${program}: ${/** @type {Error} */ (e).message}; fix that line.`);
  }
  const values = profileValues(sections, profile);
  if (!values) {
    const known = [...sections.keys()].map((s) => `[${s}]`).join(", ") || "none";
    throw credentialError(
      `${program}: OCI config file ${file} has no profile [${profile}] (profiles found: ${known}); pass --profile with one of them or add the section.`,
    );
  }
  return values;
}

/**
 * Turns PEM text into an RSA key. Whether the key is encrypted is read from the PEM headers rather
 * than from OpenSSL's error codes, which differ between OpenSSL versions. Node never prompts for a
 * passphrase: a missing one is an error.
 * @param {string | Buffer} pem
 * @param {string | undefined} passphrase
 * @param {string} what names the key's source in messages, e.g. "key_file /k.pem (from profile ...)"
 * @param {string} program
 */
function parsePrivateKey(pem, passphrase, what, program) {
  const encrypted = /-----BEGIN ENCRYPTED PRIVATE KEY-----|Proc-Type:\s*4,ENCRYPTED/.test(pem.toString());
  if (encrypted && passphrase === undefined) {
    throw credentialError(`${program}: ${what} is encrypted; set pass_phrase in the profile or OCI_CLI_PASSPHRASE.`);
  }
  let key;
  try {
    key = crypto.createPrivateKey(passphrase === undefined ? { key: pem } : { key: pem, passphrase });
  } catch {
    throw credentialError(
      encrypted
        ? `${program}: the pass_phrase does not decrypt ${what}; correct pass_phrase in the profile or OCI_CLI_PASSPHRASE.`
        : `${program}: ${what} is not a PEM private key; use the API private key, not the public one.`,
    );
  }
  if (key.asymmetricKeyType !== "rsa") {
    throw credentialError(`${program}: ${what} holds a ${key.asymmetricKeyType} key; OCI API signing keys are RSA.`);
  }
  return key;
}

/**
 * @param {string} keyFile
 * @param {string | undefined} passphrase
 * @param {string} origin where key_file came from, for messages
 * @param {string} program
 */
function loadPrivateKeyFile(keyFile, passphrase, origin, program) {
  let pem;
  try {
    pem = readRegularFile(keyFile);
  } catch (e) {
    const code = /** @type {NodeJS.ErrnoException} */ (e).code ?? String(e);
    if (code === "ENOTREGULAR") {
      throw credentialError(`${program}: key_file ${keyFile} (${origin}) is ${/** @type {any} */ (e).kind}, not a regular file; point it at the API private key .pem file.`);
    }
    throw credentialError(`${program}: cannot read key_file ${keyFile} (${origin}): ${code}; fix the path or the file's permissions.`);
  }
  return parsePrivateKey(pem, passphrase, `key_file ${keyFile} (${origin})`, program);
}

/**
 * Resolves credentials like the OCI CLI: flags over OCI_CLI_* variables over the profile, which
 * inherits from [DEFAULT].
 * @param {CredentialRequest} request
 * @param {NodeJS.ProcessEnv} env
 * @returns {Credentials}
 */
function resolveCredentials(request, env) {
  const program = request.program ?? "oke-token";
  const home = env.HOME || os.homedir();
  const chosenFile = request.configFile ?? nonEmpty(env, "OCI_CLI_CONFIG_FILE");
  const file = expandHome(chosenFile ?? "~/.oci/config", home);
  const profile = request.profile ?? nonEmpty(env, "OCI_CLI_PROFILE") ?? "DEFAULT";
  const keyContent = nonEmpty(env, "OCI_CLI_KEY_CONTENT");
  const envIsComplete =
    /** @type {const} */ (["user", "tenancy", "fingerprint"]).every((k) => nonEmpty(env, ENV_FOR_KEY[k]) !== undefined) &&
    (keyContent !== undefined || nonEmpty(env, ENV_FOR_KEY.key_file) !== undefined) &&
    (request.region !== undefined || request.fallbackRegion !== undefined || nonEmpty(env, ENV_FOR_KEY.region) !== undefined);
  // A file the user named must exist; only the default location may be absent when env has everything.
  const values = readProfile(file, profile, envIsComplete && chosenFile === undefined, program) ?? new Map();
  const where = `profile [${profile}] in ${file}`;

  /** @param {keyof typeof HINT_FOR_KEY} key */
  const required = (key) => {
    const value = nonEmpty(env, ENV_FOR_KEY[key]) ?? values.get(key);
    if (value) return value;
    throw credentialError(`${program}: ${where} has no "${key}"; add ${HINT_FOR_KEY[key]} there or set ${ENV_FOR_KEY[key]}.`);
  };

  const user = required("user");
  const tenancy = required("tenancy");
  const fingerprint = required("fingerprint");
  // Checked before any key is read or anything signed: OCI would answer only "401 NotAuthenticated".
  const origin = (/** @type {keyof typeof ENV_FOR_KEY} */ key) => (nonEmpty(env, ENV_FOR_KEY[key]) ? ENV_FOR_KEY[key] : where);
  for (const key of /** @type {const} */ (["user", "tenancy"])) {
    const value = key === "user" ? user : tenancy;
    if (!OCID_FOR_KEY[key].test(value)) {
      throw credentialError(`${program}: ${key} "${value}" (from ${origin(key)}) is not a ${key} OCID; use ${HINT_FOR_KEY[key].split("=")[1]} from the console's ${key === "user" ? "user" : "tenancy"} details page.`);
    }
  }
  if (!FINGERPRINT_PATTERN.test(fingerprint)) {
    throw credentialError(`${program}: fingerprint "${fingerprint}" (from ${origin("fingerprint")}) is not 16 colon-separated hex pairs such as 12:34:56:78:9a:bc:de:f0:12:34:56:78:9a:bc:de:f0; copy it from the API key's entry in the console.`);
  }
  const region = request.region ?? nonEmpty(env, ENV_FOR_KEY.region) ?? values.get("region") ?? request.fallbackRegion;
  if (!region) {
    throw credentialError(`${program}: no region given and ${where} has no "region"; pass --region or add ${HINT_FOR_KEY.region} there.`);
  }
  if (!/^[A-Za-z0-9-]+$/.test(region)) {
    throw credentialError(`${program}: region "${region}" is not a region identifier such as us-ashburn-1; correct --region, OCI_CLI_REGION or the profile's region.`);
  }

  const envPass = env[ENV_FOR_KEY.pass_phrase];
  const passphrase = envPass !== undefined && envPass !== "" ? envPass : values.get("pass_phrase");

  let privateKey;
  if (keyContent !== undefined) {
    privateKey = parsePrivateKey(keyContent, passphrase, "OCI_CLI_KEY_CONTENT", program);
  } else {
    const keyFileFromEnv = nonEmpty(env, ENV_FOR_KEY.key_file);
    const keyFile = expandHome(required("key_file"), home);
    privateKey = loadPrivateKeyFile(keyFile, passphrase, keyFileFromEnv ? "from OCI_CLI_KEY_FILE" : `from ${where}`, program);
  }
  return { tenancy, user, fingerprint, privateKey, region };
}

module.exports = { resolveCredentials, expandHome };
