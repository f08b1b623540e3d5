// @ts-check
"use strict";

const crypto = require("crypto");

/**
 * The headers the OCI SDKs sign on a GET, in this order (oci-python-sdk src/oci/signer.py,
 * `generic_headers`). `oci ce cluster generate-token` signs exactly these; OKE re-derives the same
 * signing string from the token's date and URL.
 */
const SIGNED_HEADERS = Object.freeze(["date", "(request-target)", "host"]);

/**
 * @typedef {object} GetRequest
 * @property {string} host e.g. containerengine.us-ashburn-1.oraclecloud.com
 * @property {string} path e.g. /cluster_request/ocid1.cluster...
 * @property {string} date RFC 1123 date, e.g. Tue, 03 Jun 2025 10:00:00 GMT
 */

/**
 * draft-cavage signing string: one `name: value` line per signed header, joined by "\n".
 * @param {GetRequest} request
 */
function signingString(request) {
  /** @type {Record<string, string>} */
  const values = { date: request.date, "(request-target)": `get ${request.path}`, host: request.host };
  return SIGNED_HEADERS.map((h) => `${h}: ${values[h]}`).join("\n");
}

/**
 * The `authorization` header value, with parameters in the order the Python SDK's template writes
 * them: algorithm, headers, keyId, signature, version.
 * @param {GetRequest} request
 * @param {string} keyId `<tenancy OCID>/<user OCID>/<key fingerprint>`
 * @param {crypto.KeyObject} privateKey RSA
 */
function authorizationHeader(request, keyId, privateKey) {
  const signature = crypto.sign("sha256", Buffer.from(signingString(request), "ascii"), {
    key: privateKey,
    padding: crypto.constants.RSA_PKCS1_PADDING,
  });
  return `Signature algorithm="rsa-sha256",headers="${SIGNED_HEADERS.join(" ")}",` + `keyId="${keyId}",signature="${signature.toString("base64")}",version="1"`;
}

module.exports = { SIGNED_HEADERS, signingString, authorizationHeader };
