// @ts-check
"use strict";

/**
 * Exit statuses, chosen so a kubeconfig exec caller (or a script) can tell "you typed the command
 * wrong" from "your OCI credentials are not usable".
 */
const ExitCode = Object.freeze({ OK: 0, CREDENTIALS: 1, USAGE: 2 });

/** A mistake the user can fix; the CLI prints only its message (one sentence), never a stack trace. */
class OkeTokenError extends Error {
  /**
   * @param {string} message
   * @param {number} exitCode
   */
  constructor(message, exitCode) {
    super(message);
    this.name = "OkeTokenError";
    this.exitCode = exitCode;
  }
}

/** @param {string} message */
function usageError(message) {
  return new OkeTokenError(message, ExitCode.USAGE);
}

/** @param {string} message */
function credentialError(message) {
  return new OkeTokenError(message, ExitCode.CREDENTIALS);
}

module.exports = { ExitCode, OkeTokenError, usageError, credentialError };
