// @ts-check
"use strict";

const { usageError } = require("../oke-token/errors");
const { REGION_PATTERN } = require("../oke-token/args");
const fs = require("fs");
const path = require("path");
const { echo, echoPath, echoUrlWithoutUserInfo } = require("../common/echo");
const { scanFlags } = require("../common/flags");

/**
 * @typedef {object} InspectArgs
 * @property {boolean} help
 * @property {string | undefined} clusterId --cluster-id; else the stack output clusterId
 * @property {string | undefined} region
 * @property {string | undefined} profile
 * @property {string | undefined} configFile
 * @property {string | undefined} endpoint one base URL for every OCI API call
 * @property {string | undefined} kubeconfig
 * @property {string | undefined} context
 * @property {boolean} ociOnly
 * @property {string | undefined} json a file, or "-" for stdout
 * @property {number} timeoutSeconds per API call
 */

const USAGE =
  "usage: oke-inspect [--cluster-id OCID] [--region R] [--profile P] [--config-file F] [--endpoint URL] " +
  "[--kubeconfig FILE] [--context NAME] [--oci-only] [--json FILE|-] [--timeout SECONDS]";

/** Per API call; a healthy OCI or Kubernetes API answers a read in well under a second. */
const DEFAULT_TIMEOUT_SECONDS = 30;
const MAX_TIMEOUT_SECONDS = 600;

const VALUE_FLAGS = /** @type {const} */ ({
  "--cluster-id": "clusterId",
  "--region": "region",
  "--profile": "profile",
  "--config-file": "configFile",
  "--endpoint": "endpoint",
  "--kubeconfig": "kubeconfig",
  "--context": "context",
  "--json": "json",
  "--timeout": "timeout",
});

/**
 * `--flag value` and `--flag=value`, as oke-token and oke-bastion take them; a blank value is none.
 * @param {readonly string[]} argv arguments after the script name
 * @returns {InspectArgs}
 */
function parseArgs(argv) {
  const scanned = scanFlags(argv, {
    tool: "oke-inspect",
    usage: USAGE,
    valueFlags: VALUE_FLAGS,
    switches: ["--oci-only"],
    noValue: (value) => value.trim() === "",
  });
  const values = Object.fromEntries(Object.entries(scanned.values).map(([field, value]) => [field, value.trim()]));
  const help = scanned.help;
  const ociOnly = scanned.switches.has("--oci-only");
  const parsed = {
    help,
    clusterId: values.clusterId,
    region: values.region,
    profile: values.profile,
    configFile: values.configFile,
    endpoint: values.endpoint,
    kubeconfig: values.kubeconfig,
    context: values.context,
    ociOnly,
    json: values.json,
    timeoutSeconds: DEFAULT_TIMEOUT_SECONDS,
  };
  if (help) return parsed;
  if (parsed.clusterId !== undefined) checkClusterId(parsed.clusterId, "--cluster-id");
  if (parsed.region !== undefined && !REGION_PATTERN.test(parsed.region)) {
    throw usageError(
      `oke-inspect: --region ${echo(parsed.region)} is not an OCI region identifier such as us-ashburn-1 (lowercase letters, digits and hyphens).`,
    );
  }
  if (parsed.endpoint !== undefined) {
    let url;
    try {
      url = new URL(parsed.endpoint);
    } catch {
      url = undefined;
    }
    if (url && (url.username || url.password)) {
      // The user info is a credential: never echoed, and the OCI SDK would refuse it after the run started.
      throw usageError(
        `oke-inspect: --endpoint ${echoUrlWithoutUserInfo(url)} holds a user name or password; give the scheme and host only (the API key signs each request).`,
      );
    }
    // WHATWG URL parsing drops tabs and newlines silently; a value holding them is not what the user meant.
    // eslint-disable-next-line no-control-regex -- control characters are what this pattern is for
    if (!url || (url.protocol !== "https:" && url.protocol !== "http:") || url.search || url.hash || /[\s\u0000-\u001f\u007f]/.test(parsed.endpoint)) {
      throw usageError(
        `oke-inspect: --endpoint ${echo(parsed.endpoint)} is not a base URL such as https://proxy.example.com; give the scheme and host, no query.`,
      );
    }
  }
  if (parsed.json !== undefined && parsed.json !== "-") checkJsonPath(parsed.json);
  if (values.timeout !== undefined) {
    const n = Number(values.timeout);
    if (!/^\d+$/.test(values.timeout) || n < 1 || n > MAX_TIMEOUT_SECONDS) {
      throw usageError(`oke-inspect: --timeout ${echo(values.timeout)} is not a whole number of seconds from 1 to ${MAX_TIMEOUT_SECONDS}; ${USAGE}.`);
    }
    parsed.timeoutSeconds = n;
  }
  return parsed;
}

/**
 * The --json file is checked before any API call: a folder, a missing folder or a FIFO (whose open
 * would wait for a reader forever) would otherwise fail, or hang, only after the whole inspection.
 * @param {string} file
 */
function checkJsonPath(file) {
  const shown = echoPath(file);
  /** @type {fs.Stats | undefined} */
  let stat;
  try {
    stat = fs.statSync(file);
  } catch {
    stat = undefined;
  }
  if (stat && stat.isDirectory()) throw usageError(`oke-inspect: --json ${shown} is a directory; name a file inside it, or - for stdout.`);
  if (stat && !stat.isFile())
    throw usageError(`oke-inspect: --json ${shown} is not a regular file (a pipe or a device); name an ordinary file, or - for stdout.`);
  const dir = path.dirname(path.resolve(file));
  if (!stat && !(fs.existsSync(dir) && fs.statSync(dir).isDirectory())) {
    throw usageError(`oke-inspect: --json ${shown}: the folder ${echoPath(dir)} does not exist; create it or name a file in an existing folder.`);
  }
}

/**
 * Cluster OCIDs are ocid1.cluster.<realm>.<region>.<id>; the id becomes a signed URL path segment,
 * so anything needing percent-encoding is refused here.
 * @param {string} id
 * @param {string} source
 */
function checkClusterId(id, source) {
  if (!/^ocid1\.cluster\.[a-z0-9-]+\.[a-z0-9-]*\.[A-Za-z0-9._-]+$/.test(id)) {
    throw usageError(`oke-inspect: ${source} ${echo(id)} is not a cluster OCID such as ocid1.cluster.oc1.<region>.<id>.`);
  }
  return id;
}

/**
 * The region a cluster OCID names in its fourth part: a region identifier (ap-tokyo-1), or in older
 * OCIDs the region's three-letter key (iad), which oci-common's region table turns into its identifier.
 * @param {string} clusterId
 */
function regionOfClusterId(clusterId) {
  const part = clusterId.split(".")[3] ?? "";
  if (REGION_PATTERN.test(part)) return part;
  if (!/^[a-z]{3}$/.test(part)) return undefined;
  const id = require("oci-common").Region.getRegionIdFromShortCode(part);
  return REGION_PATTERN.test(id) ? id : undefined;
}

module.exports = { parseArgs, checkClusterId, regionOfClusterId, USAGE, DEFAULT_TIMEOUT_SECONDS };
