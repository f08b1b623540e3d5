// @ts-check
"use strict";
/**
 * How a value the user gave is shown back in a one-line message: escaped (no newline or terminal
 * escape sequence reaches the screen raw), bounded (a 5 MB value gives a short sentence that says how
 * long it was), and never key material, whatever setting or variable it arrived in.
 */

/** Longest echo of a value, in characters, before it is cut. */
const ECHO_LIMIT = 80;

/** Shown instead of any secret value, as Pulumi shows secret outputs. */
const SECRET = "[secret]";

/**
 * Secrets recognised by their shape, whatever setting or variable they arrived in: PEM blocks of
 * private keys (PKCS#1, PKCS#8, encrypted, EC, OpenSSH) and their headers alone (a key pasted where a
 * path belongs, or cut by a line limit, must still be recognised), a PEM body without its header
 * (base64 DER or OpenSSH), a PuTTY key file, and an OKE cluster token (the base64 of a presigned
 * `https://containerengine.` URL) or the signed URL inside it.
 */
const KEY_MATERIAL = new RegExp(
  [
    "-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----",
    "PRIVATE KEY-----",
    "^b3BlbnNzaC1rZXktdjE",
    "^MII[A-Za-z0-9+/]{20}",
    "PuTTY-User-Key-File-",
    "aHR0cHM6Ly9jb250YWluZXJlbmdpbmUu",
    "authorization=Signature",
    'Signature algorithm="rsa-sha256"',
  ].join("|"),
  "m",
);

/** Paths are echoed longer than other values: a deep temp directory is still worth reading whole. */
const PATH_ECHO_LIMIT = 200;

/** @param {unknown} value */
function looksLikeKeyMaterial(value) {
  return typeof value === "string" && KEY_MATERIAL.test(value);
}

/**
 * Escapes control characters (C0, DEL, C1 and the Unicode line and bidi controls) as \n, \t, \u001b…
 * @param {string} text
 */
function escapeControls(text) {
  // eslint-disable-next-line no-control-regex -- control characters are what this pattern is for
  return text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, (c) => {
    if (c === "\n") return "\\n";
    if (c === "\r") return "\\r";
    if (c === "\t") return "\\t";
    return `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`;
  });
}

/**
 * The value as a one-line message shows it: key material as [secret], control characters escaped,
 * and cut at `limit` characters with its full length stated.
 * @param {unknown} value
 * @param {{ limit?: number, quote?: boolean }} [options]
 */
function echo(value, options = {}) {
  const limit = options.limit ?? ECHO_LIMIT;
  const text = typeof value === "string" ? value : String(value);
  if (looksLikeKeyMaterial(text)) return SECRET;
  // Counted in code points (an emoji is one character), without an array of a 5 MB value's characters.
  let length = 0;
  let end = text.length;
  let offset = 0;
  for (const c of text) {
    if (length === limit) end = offset;
    length++;
    offset += c.length;
  }
  const cut = length > limit;
  const shown = escapeControls(cut ? text.slice(0, end) : text);
  const quoted = options.quote === false ? shown : `"${shown}"`;
  return cut ? `${quoted}… (${length} characters)` : quoted;
}

/**
 * A file name as a message shows it: unquoted (paths read as paths), escaped, cut at PATH_ECHO_LIMIT
 * characters, and [secret] when it is in fact key material pasted where a path belongs.
 * @param {unknown} file
 */
function echoPath(file) {
  return echo(file, { quote: false, limit: PATH_ECHO_LIMIT });
}

/**
 * Replaces every occurrence of each secret in a text with [secret] (longest first, so a secret that
 * contains another is hidden whole), then any key material left.
 * @param {string} text
 * @param {Iterable<string>} secrets
 */
function redact(text, secrets) {
  const list = [...new Set([...secrets].filter((s) => typeof s === "string" && s.length >= 3))].sort((a, b) => b.length - a.length);
  let out = text;
  for (const s of list) out = out.split(s).join(SECRET);
  return out
    .replace(/-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----[\s\S]*?(-----END [A-Z0-9 ]*PRIVATE KEY-----|$)/g, SECRET)
    .replace(/aHR0cHM6Ly9jb250YWluZXJlbmdpbmUu[A-Za-z0-9_=+/-]*/g, SECRET);
}

/**
 * A URL as a message shows it when it holds a user name or password: the user info is a credential,
 * so it is [secret], and the rest (scheme, host, any path) is echoed as usual.
 * @param {URL} url
 */
function echoUrlWithoutUserInfo(url) {
  return echo(`${url.protocol}//${SECRET}@${url.host}${url.pathname === "/" ? "" : url.pathname}`);
}

module.exports = { ECHO_LIMIT, PATH_ECHO_LIMIT, SECRET, looksLikeKeyMaterial, escapeControls, echo, echoPath, echoUrlWithoutUserInfo, redact };
