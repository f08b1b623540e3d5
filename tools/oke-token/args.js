// @ts-check
"use strict";

const { usageError } = require("./errors");
const { ocidProblem } = require("./ocid");
const { echo } = require("../common/echo");
const { scanFlags } = require("../common/flags");

/**
 * @typedef {object} TokenArgs
 * @property {string} clusterId
 * @property {string | undefined} region
 * @property {string | undefined} profile
 * @property {string | undefined} configFile
 * @property {boolean} help
 */

const USAGE = "usage: oke-token --cluster-id <cluster OCID> [--region <region>] [--profile <name>] [--config-file <path>]";

/**
 * OCI region identifiers (docs.oracle.com/iaas/Content/General/Concepts/regions.htm): lowercase words
 * joined by hyphens ending in a number, e.g. us-ashburn-1, us-gov-ashburn-1, me-dcc-muscat-1. The
 * region becomes the token's host name, so anything else could only send the request elsewhere.
 */
const REGION_PATTERN = /^[a-z]+(-[a-z0-9]+)*-[0-9]+$/;

/** Flags that take a value, mapped to the TokenArgs field they fill. Same spelling as `oci ce cluster generate-token`. */
const VALUE_FLAGS = /** @type {const} */ ({
  "--cluster-id": "clusterId",
  "--region": "region",
  "--profile": "profile",
  "--config-file": "configFile",
});

/**
 * Parses the command line. Accepts `--flag value` and `--flag=value`, like the OCI CLI (click) does.
 * @param {readonly string[]} argv arguments after the script name
 * @returns {TokenArgs}
 */
function parseArgs(argv) {
  const { values, help } = scanFlags(argv, { tool: "oke-token", usage: USAGE, valueFlags: VALUE_FLAGS });
  if (help) return { clusterId: "", region: undefined, profile: undefined, configFile: undefined, help };

  const clusterId = (values.clusterId ?? "").trim();
  if (!clusterId) {
    throw usageError(`oke-token: --cluster-id is required and cannot be empty; ${USAGE}.`);
  }
  // The id becomes a URL path segment that is signed as-is, and OKE answers a token for anything but
  // one of its clusters with 401: refuse every other id here, naming what it is when it is an OCID.
  const problem = ocidProblem(clusterId, "cluster");
  if (problem) {
    throw usageError(
      `oke-token: --cluster-id ${echo(clusterId)} ${problem}; pass the cluster's id, such as ocid1.cluster.oc1.<region>.<id> (\`pulumi stack output clusterId\`).`,
    );
  }
  const region = values.region?.trim();
  if (region !== undefined && !REGION_PATTERN.test(region)) {
    throw usageError(`oke-token: --region ${echo(region)} is not an OCI region identifier such as us-ashburn-1 (lowercase letters, digits and hyphens).`);
  }
  return { clusterId, region, profile: values.profile, configFile: values.configFile, help };
}

module.exports = { parseArgs, USAGE, REGION_PATTERN };
