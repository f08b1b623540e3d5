// @ts-check
"use strict";

const { authorizationHeader } = require("./sign");
const { formEncode } = require("./query");

/**
 * How long kubectl may reuse a token before asking again. `oci ce cluster generate-token` reports
 * now + 4 minutes (oci-cli containerengine_cli_extended.py), meant to be before OKE stops accepting it.
 */
const TOKEN_LIFETIME_MS = 4 * 60 * 1000;

const EXEC_CREDENTIAL_API_VERSION = "client.authentication.k8s.io/v1beta1";

/**
 * @typedef {import("./credentials").Credentials} Credentials
 */

/** @param {string} region */
function containerEngineHost(region) {
  return `containerengine.${region}.oraclecloud.com`;
}

/**
 * Base64 with the URL-safe alphabet and "=" padding kept, as Python's base64.urlsafe_b64encode
 * writes it (Node's "base64url" drops the padding).
 * @param {string} text
 */
function urlsafeBase64(text) {
  return Buffer.from(text, "utf8").toString("base64").replace(/\+/g, "-").replace(/\//g, "_");
}

/**
 * datetime.isoformat() + "Z": microseconds, omitted when zero. We only know milliseconds.
 * @param {Date} when
 */
function pythonIsoUtc(when) {
  const iso = when.toISOString(); // 2025-06-03T10:04:00.123Z
  const ms = iso.slice(20, 23);
  return ms === "000" ? `${iso.slice(0, 19)}Z` : `${iso.slice(0, 19)}.${ms}000Z`;
}

/**
 * Builds the token `oci ce cluster generate-token` builds: a presigned GET of
 * https://containerengine.<region>.oraclecloud.com/cluster_request/<clusterId> whose signature and
 * date travel as query parameters, the whole URL base64url-encoded.
 * @param {string} clusterId
 * @param {Credentials} credentials
 * @param {Date} now
 * @returns {{ token: string, url: string, expirationTimestamp: string }}
 */
function clusterToken(clusterId, credentials, now) {
  const host = containerEngineHost(credentials.region);
  const path = `/cluster_request/${clusterId}`;
  const date = now.toUTCString(); // RFC 1123, "GMT": what email.utils.formatdate(usegmt=True) writes
  const keyId = `${credentials.tenancy}/${credentials.user}/${credentials.fingerprint}`;
  const authorization = authorizationHeader({ host, path, date }, keyId, credentials.privateKey);
  const url = `https://${host}${path}?${formEncode([
    ["authorization", authorization],
    ["date", date],
  ])}`;
  return {
    token: urlsafeBase64(url),
    url,
    expirationTimestamp: pythonIsoUtc(new Date(now.getTime() + TOKEN_LIFETIME_MS)),
  };
}

/**
 * The ExecCredential kubectl expects on stdout, keys in the order the OCI CLI prints them.
 * @param {{ token: string, expirationTimestamp: string }} t
 */
function execCredential(t) {
  return {
    apiVersion: EXEC_CREDENTIAL_API_VERSION,
    kind: "ExecCredential",
    status: { token: t.token, expirationTimestamp: t.expirationTimestamp },
  };
}

module.exports = { clusterToken, execCredential, containerEngineHost, TOKEN_LIFETIME_MS, EXEC_CREDENTIAL_API_VERSION };
