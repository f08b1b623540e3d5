// @ts-check
"use strict";

const { OkeTokenError } = require("../oke-token/errors");

/**
 * Exit statuses: a scheduled job tells "the cluster differs from Quick Create" (1) from "the command
 * line is wrong" (2) and "the cluster could not be inspected" (3: credentials, an API error, a cluster
 * that is not there, a Kubernetes API out of reach).
 */
const ExitCode = Object.freeze({ OK: 0, DIFFERS: 1, USAGE: 2, CANNOT_INSPECT: 3 });

/** @param {string} message one sentence, starting with `oke-inspect: ` */
function cannotInspect(message) {
  return new OkeTokenError(message, ExitCode.CANNOT_INSPECT);
}

/**
 * An error thrown by the shared credential reader (oke-token's exit 1) or argument checks (2), as
 * oke-inspect's status: credentials that cannot be used mean the cluster cannot be inspected.
 * @param {OkeTokenError} e
 */
function exitCodeOf(e) {
  return e.exitCode === ExitCode.USAGE ? ExitCode.USAGE : ExitCode.CANNOT_INSPECT;
}

module.exports = { ExitCode, cannotInspect, exitCodeOf };
