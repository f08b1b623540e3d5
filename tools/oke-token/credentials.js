// @ts-check
"use strict";

const os = require("os");
const path = require("path");
const crypto = require("crypto");
const { credentialError, OkeTokenError } = require("./errors");
const { parseIni, profileValues } = require("./ini");
const { ocidProblem } = require("./ocid");
const { REGION_PATTERN } = require("./args");
const { echo, redact, looksLikeKeyMaterial } = require("../common/echo");
const { readInputText, InputFileError, SIZE_LIMITS } = require("../common/inputFile");

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

/** OCI accepts RSA signing keys of 2048 bits and more (docs.oracle.com/iaas/Content/API/Concepts/apisigningkey.htm). */
const MIN_RSA_BITS = 2048;

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
    text = readInputText(file, {
      what: `${program}: OCI config file`,
      maxBytes: SIZE_LIMITS.small,
      fix: "point --config-file or OCI_CLI_CONFIG_FILE at the config file `oci setup config` writes",
    });
  } catch (e) {
    if (!(e instanceof InputFileError)) throw e;
    if (e.reason === "not-found" && envIsComplete) return undefined;
    if (e.reason === "not-found") {
      throw credentialError(
        `${program}: OCI config file ${echo(file, { quote: false, limit: 200 })} does not exist; create it with \`oci setup config\`, point --config-file or OCI_CLI_CONFIG_FILE at yours, or set OCI_CLI_USER, OCI_CLI_TENANCY, OCI_CLI_FINGERPRINT, OCI_CLI_KEY_FILE and OCI_CLI_REGION.`,
      );
    }
    throw credentialError(e.message);
  }
  let sections;
  try {
    sections = parseIni(text, echo(file, { quote: false, limit: 200 }));
  } catch (e) {
    throw credentialError(`${program}: ${/** @type {Error} */ (e).message}; fix that line.`);
  }
  const values = profileValues(sections, profile);
  if (!values) {
    const names = [...sections.keys()];
    const known =
      names
        .slice(0, 10)
        .map((s) => `[${echo(s, { quote: false, limit: 40 })}]`)
        .join(", ") + (names.length > 10 ? ` and ${names.length - 10} more` : "") || "none";
    throw credentialError(
      `${program}: OCI config file ${echo(file, { quote: false, limit: 200 })} has no profile [${echo(profile, { quote: false })}] (profiles found: ${known}); pass --profile with one of them or add the section.`,
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
    throw credentialError(
      `${program}: ${what} holds ${key.asymmetricKeyType === "ec" ? "an" : "a"} ${key.asymmetricKeyType} key; OCI API signing keys are RSA.`,
    );
  }
  const bits = key.asymmetricKeyDetails?.modulusLength ?? 0;
  if (bits < MIN_RSA_BITS) {
    throw credentialError(
      `${program}: ${what} is a ${bits}-bit RSA key; OCI API signing keys have at least ${MIN_RSA_BITS} bits, make one with \`oci setup keys\` and upload its public half.`,
    );
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
  const shown = echo(keyFile, { quote: false, limit: 200 });
  let pem;
  try {
    pem = readInputText(keyFile, {
      what: `${program}: key_file`,
      maxBytes: SIZE_LIMITS.small,
      fix: `it comes ${origin}; point it at the API private key .pem file`,
    });
  } catch (e) {
    if (!(e instanceof InputFileError)) throw e;
    if (e.reason === "not-found") {
      throw credentialError(`${program}: cannot read key_file ${shown} (${origin}): it does not exist; fix the path.`);
    }
    throw credentialError(e.message);
  }
  return parsePrivateKey(pem, passphrase, `key_file ${shown} (${origin})`, program);
}

/**
 * Resolves credentials like the OCI CLI: flags over OCI_CLI_* variables over the profile, which
 * inherits from [DEFAULT].
 * @param {CredentialRequest} request
 * @param {NodeJS.ProcessEnv} env
 * @returns {Credentials}
 */
function resolveCredentials(request, env) {
  /** @type {string[]} */
  const secrets = [env.OCI_CLI_PASSPHRASE, env.OCI_CLI_KEY_CONTENT].filter((s) => typeof s === "string");
  try {
    return resolve(request, env, secrets);
  } catch (e) {
    // No message may carry a passphrase or key, whichever setting it was mistakenly put in.
    if (e instanceof OkeTokenError) e.message = redact(e.message, secrets);
    throw e;
  }
}

/**
 * @param {CredentialRequest} request
 * @param {NodeJS.ProcessEnv} env
 * @param {string[]} secrets filled with the profile's pass_phrase once it is read
 * @returns {Credentials}
 */
function resolve(request, env, secrets) {
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
  const profilePass = values.get("pass_phrase");
  if (profilePass) secrets.push(profilePass);
  const where = `profile [${echo(profile, { quote: false })}] in ${echo(file, { quote: false, limit: 200 })}`;

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
    const problem = ocidProblem(value, key);
    if (problem) {
      throw credentialError(
        `${program}: ${key} ${echo(value)} (from ${origin(key)}) ${problem}; use ${HINT_FOR_KEY[key].split("=")[1]} from the console's ${key} details page.`,
      );
    }
  }
  if (!FINGERPRINT_PATTERN.test(fingerprint)) {
    throw credentialError(
      `${program}: fingerprint ${echo(fingerprint)} (from ${origin("fingerprint")}) is not 16 colon-separated hex pairs such as 12:34:56:78:9a:bc:de:f0:12:34:56:78:9a:bc:de:f0; copy it from the API key's entry in the console.`,
    );
  }
  const region = request.region ?? nonEmpty(env, ENV_FOR_KEY.region) ?? values.get("region") ?? request.fallbackRegion;
  if (!region) {
    throw credentialError(`${program}: no region given and ${where} has no "region"; pass --region or add ${HINT_FOR_KEY.region} there.`);
  }
  // The region becomes the host name the token or request is for: anything but a region identifier
  // could only send it elsewhere.
  if (!REGION_PATTERN.test(region)) {
    const from = request.region !== undefined ? "--region" : nonEmpty(env, ENV_FOR_KEY.region) ? ENV_FOR_KEY.region : where;
    throw credentialError(
      `${program}: region ${echo(region)} (from ${from}) is not a region identifier such as us-ashburn-1 (lowercase words joined by hyphens, ending in a number); correct it.`,
    );
  }

  const envPass = env[ENV_FOR_KEY.pass_phrase];
  const passphrase = envPass !== undefined && envPass !== "" ? envPass : values.get("pass_phrase");

  let privateKey;
  if (keyContent !== undefined) {
    // The mirror of a key's content in OCI_CLI_KEY_FILE: a path where the content belongs.
    if (!keyContent.includes("-----BEGIN") && !keyContent.includes("\n") && !looksLikeKeyMaterial(keyContent)) {
      throw credentialError(
        `${program}: OCI_CLI_KEY_CONTENT holds one line and no PEM block, so it is not a key's text (-----BEGIN ... PRIVATE KEY----- included); if it is the key file's path, set OCI_CLI_KEY_FILE to it instead.`,
      );
    }
    privateKey = parsePrivateKey(keyContent, passphrase, "OCI_CLI_KEY_CONTENT", program);
  } else {
    const keyFileFromEnv = nonEmpty(env, ENV_FOR_KEY.key_file);
    const named = required("key_file");
    // `OCI_CLI_KEY_FILE="$(cat key.pem)"`: the key's content where its path belongs, a common CI mistake.
    if (looksLikeKeyMaterial(named)) {
      throw credentialError(
        keyFileFromEnv
          ? `${program}: OCI_CLI_KEY_FILE holds a private key's content, not its path; write the key to a file and set OCI_CLI_KEY_FILE to that file, or pass the content in OCI_CLI_KEY_CONTENT.`
          : `${program}: key_file in ${where} holds a private key's content, not its path; set key_file to the key file's path.`,
      );
    }
    const keyFile = expandHome(named, home);
    privateKey = loadPrivateKeyFile(keyFile, passphrase, keyFileFromEnv ? "from OCI_CLI_KEY_FILE" : `from ${where}`, program);
  }
  return { tenancy, user, fingerprint, privateKey, region };
}

module.exports = { resolveCredentials, expandHome };
