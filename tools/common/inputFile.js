// @ts-check
"use strict";
/**
 * The one reader for every file a user hands the plan or the tools (`--deployed`, stack and project
 * files, `--policy-pack-config`, OCI config and key files, kubeconfigs, identities). A user's mistake
 * here must end in one sentence, quickly: so a FIFO is never opened for a blocking read, a device is
 * never read until memory runs out, a huge file is refused by its size before it is read, binary or
 * non-UTF-8 content is named as such, and JSON is refused by depth before a recursive walk can
 * overflow the stack.
 */
const fs = require("fs");

const KiB = 1024;
const MiB = 1024 * KiB;

/** Sizes no real file of each kind comes near; stated in the error so a user knows the bound. */
const SIZE_LIMITS = Object.freeze({
  /** Pulumi.yaml, Pulumi.<stack>.yaml, --policy-pack-config, ~/.oci/config, a PEM key, a public key. */
  small: 1 * MiB,
  /** A kubeconfig. */
  kubeconfig: 4 * MiB,
  /** --deployed: a plan's JSON or `pulumi stack export` of a stack with its outputs. */
  state: 64 * MiB,
});

/** Deeper than any file the plan or tools read legitimately; JSON.parse and our walks stay far from the stack limit. */
const MAX_JSON_DEPTH = 64;

/** A file the user named cannot be used; `message` is the whole sentence to print. */
class InputFileError extends Error {
  /**
   * @param {string} message
   * @param {string} reason one of not-found, not-regular, too-large, unreadable, binary, not-utf8, not-json, too-deep
   */
  constructor(message, reason) {
    super(message);
    this.name = "InputFileError";
    this.reason = reason;
  }
}

/** @param {number} bytes */
function describeSize(bytes) {
  if (bytes >= MiB) return `${Math.round((bytes / MiB) * 10) / 10} MiB`;
  if (bytes >= KiB) return `${Math.round((bytes / KiB) * 10) / 10} KiB`;
  return `${bytes} bytes`;
}

/** @param {fs.Stats} stat */
function kindOf(stat) {
  if (stat.isDirectory()) return "a directory";
  if (stat.isFIFO()) return "a pipe";
  if (stat.isSocket()) return "a socket";
  if (stat.isCharacterDevice() || stat.isBlockDevice()) return "a device";
  return "not a regular file";
}

/**
 * @typedef {object} ReadOptions
 * @property {string} what how the user named it, e.g. "--deployed" or "the stack file"; starts the sentence
 * @property {number} [maxBytes] refused above this size (default SIZE_LIMITS.small)
 * @property {string} [fix] what to do instead, appended after a colon
 */

/**
 * @param {ReadOptions} options
 * @param {string} file
 * @param {string} problem
 * @param {string} reason
 */
function refuse(options, file, problem, reason) {
  const fix = options.fix ? `: ${options.fix}` : "";
  return new InputFileError(`${options.what} ${file} ${problem}${fix}.`, reason);
}

/**
 * Reads a regular file's bytes. The file is opened non-blocking and checked through its descriptor, so
 * a symlink to a device or a FIFO is judged by what it points at and an open never waits for a writer.
 * @param {string} file
 * @param {ReadOptions} options
 * @returns {Buffer}
 */
function readInputBytes(file, options) {
  const maxBytes = options.maxBytes ?? SIZE_LIMITS.small;
  let fd;
  try {
    fd = fs.openSync(file, fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0));
  } catch (err) {
    const code = /** @type {NodeJS.ErrnoException} */ (err).code;
    if (code === "ENOENT" || code === "ENOTDIR") throw refuse(options, file, "does not exist", "not-found");
    if (code === "EACCES" || code === "EPERM") throw refuse(options, file, "cannot be read (permission denied)", "unreadable");
    if (code === "EISDIR") throw refuse(options, file, "is a directory, not a file", "not-regular");
    if (code === "ENXIO") throw refuse(options, file, "is a socket or pipe, not a regular file", "not-regular");
    if (code === "ELOOP") throw refuse(options, file, "is a symbolic link loop", "unreadable");
    throw refuse(options, file, `cannot be opened (${code ?? "unknown error"})`, "unreadable");
  }
  try {
    const stat = fs.fstatSync(fd);
    if (!stat.isFile()) throw refuse(options, file, `is ${kindOf(stat)}, not a regular file`, "not-regular");
    if (stat.size > maxBytes) {
      throw refuse(options, file, `is ${describeSize(stat.size)}, over the ${describeSize(maxBytes)} limit for this file`, "too-large");
    }
    // The size can change between fstat and read (a file still being written): read at most one byte past the cap.
    const buffer = Buffer.alloc(Math.min(stat.size, maxBytes) + 1);
    let length = 0;
    for (;;) {
      let n;
      try {
        n = fs.readSync(fd, buffer, length, buffer.length - length, null);
      } catch (err) {
        const code = /** @type {NodeJS.ErrnoException} */ (err).code;
        throw refuse(options, file, `cannot be read (${code ?? "unknown error"})`, "unreadable");
      }
      if (n === 0) break;
      length += n;
      if (length > maxBytes) {
        throw refuse(options, file, `is over the ${describeSize(maxBytes)} limit for this file`, "too-large");
      }
      if (length === buffer.length) break;
    }
    return buffer.subarray(0, length);
  } finally {
    fs.closeSync(fd);
  }
}

const UTF8 = new TextDecoder("utf-8", { fatal: true });

/**
 * Reads a text file: a regular file within its size cap, valid UTF-8 with no NUL byte (a binary file
 * is named as binary rather than misread as text with missing settings). A leading BOM is dropped.
 * @param {string} file
 * @param {ReadOptions} options
 * @returns {string}
 */
function readInputText(file, options) {
  const bytes = readInputBytes(file, options);
  if (bytes.includes(0)) throw refuse(options, file, "is a binary file, not text", "binary");
  let text;
  try {
    text = UTF8.decode(bytes);
  } catch {
    throw refuse(options, file, "is not UTF-8 text", "not-utf8");
  }
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/**
 * How deeply arrays and objects nest in JSON text, counted without parsing (strings skipped), stopping
 * as soon as `limit` is passed.
 * @param {string} text
 * @param {number} limit
 */
function jsonDepthExceeds(text, limit) {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++;
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      if (++depth > limit) return true;
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
  return false;
}

/**
 * Reads and parses a JSON file, with readInputText's checks and nesting bounded to `maxDepth`.
 * @param {string} file
 * @param {ReadOptions & { maxDepth?: number }} options
 * @returns {unknown}
 */
function readInputJson(file, options) {
  const text = readInputText(file, options);
  const maxDepth = options.maxDepth ?? MAX_JSON_DEPTH;
  if (jsonDepthExceeds(text, maxDepth)) throw refuse(options, file, `nests JSON deeper than ${maxDepth} levels`, "too-deep");
  try {
    return JSON.parse(text);
  } catch {
    throw refuse(options, file, "is not JSON", "not-json");
  }
}

module.exports = { InputFileError, SIZE_LIMITS, MAX_JSON_DEPTH, readInputBytes, readInputText, readInputJson, jsonDepthExceeds };
