// @ts-check
"use strict";

const { usageError } = require("../oke-token/errors");

/**
 * @typedef {object} CommonArgs
 * @property {string | undefined} bastionId
 * @property {string | undefined} region
 * @property {string | undefined} profile
 * @property {string | undefined} configFile
 * @property {string | undefined} endpoint --endpoint, the Bastion API's base URL
 * @property {number} waitTimeoutSeconds how long a new session may take to become ACTIVE
 */

/**
 * @typedef {CommonArgs & { command: "ssh", node: string, user: string, identity: string | undefined }} SshArgs
 * @typedef {CommonArgs & { command: "tunnel", to: string, localPort: number | undefined, kubeconfig: string | undefined }} TunnelArgs
 * @typedef {SshArgs | TunnelArgs | { command: "help" }} BastionArgs
 */

const USAGE =
  "usage: oke-bastion ssh <node private IP> [--user opc] [--identity FILE] [options] | " +
  "oke-bastion tunnel --to <ip:port|api> [--local-port N] [--kubeconfig FILE] [options]; " +
  "options: --bastion-id ID --region R --profile P --config-file F --endpoint URL --wait-timeout SECONDS";

/** Sessions usually turn ACTIVE within a minute; five cover a slow region without waiting forever. */
const DEFAULT_WAIT_TIMEOUT_SECONDS = 300;

const COMMON_FLAGS = /** @type {const} */ ({
  "--bastion-id": "bastionId",
  "--region": "region",
  "--profile": "profile",
  "--config-file": "configFile",
  "--endpoint": "endpoint",
  "--wait-timeout": "waitTimeout",
});
const SSH_FLAGS = /** @type {const} */ ({ ...COMMON_FLAGS, "--user": "user", "--identity": "identity" });
const TUNNEL_FLAGS = /** @type {const} */ ({ ...COMMON_FLAGS, "--to": "to", "--local-port": "localPort", "--kubeconfig": "kubeconfig" });

const IPV4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;

/** @param {string} text */
function isIpv4(text) {
  const m = IPV4.exec(text);
  return !!m && m.slice(1).every((o) => Number(o) <= 255);
}

/**
 * @param {string} flag
 * @param {string} text
 * @param {number} min
 * @param {number} max
 */
function integer(flag, text, min, max) {
  const n = Number(text);
  if (!/^\d+$/.test(text) || n < min || n > max) {
    throw usageError(`oke-bastion: ${flag} "${text}" is not a whole number from ${min} to ${max}; ${USAGE}.`);
  }
  return n;
}

/**
 * `--flag value` and `--flag=value`, as oke-token takes them; one positional argument for `ssh`.
 * @param {readonly string[]} argv
 * @param {Record<string, string>} flags
 */
function collect(argv, flags) {
  /** @type {Record<string, string>} */
  const values = {};
  /** @type {string[]} */
  const positional = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (!arg.startsWith("--")) {
      positional.push(arg);
      continue;
    }
    const eq = arg.indexOf("=");
    const flag = eq > 0 ? arg.slice(0, eq) : arg;
    if (!Object.prototype.hasOwnProperty.call(flags, flag)) {
      throw usageError(`oke-bastion: unknown argument "${arg}"; ${USAGE}.`);
    }
    const value = eq > 0 ? arg.slice(eq + 1) : argv[++i];
    if (value === undefined || value === "" || (eq < 0 && value.startsWith("--"))) {
      throw usageError(`oke-bastion: ${flag} needs a value; ${USAGE}.`);
    }
    values[flags[flag]] = value;
  }
  return { values, positional };
}

/** @param {Record<string, string>} values @returns {CommonArgs} */
function common(values) {
  return {
    bastionId: values.bastionId,
    region: values.region,
    profile: values.profile,
    configFile: values.configFile,
    endpoint: values.endpoint,
    waitTimeoutSeconds: values.waitTimeout === undefined ? DEFAULT_WAIT_TIMEOUT_SECONDS : integer("--wait-timeout", values.waitTimeout, 1, 3600),
  };
}

/**
 * @param {readonly string[]} argv arguments after the script name
 * @returns {BastionArgs}
 */
function parseArgs(argv) {
  const [command, ...rest] = argv;
  if (command === "--help" || command === "-h" || rest.includes("--help") || rest.includes("-h")) {
    return { command: "help" };
  }
  if (command === undefined) throw usageError(`oke-bastion: say what to open, ssh or tunnel; ${USAGE}.`);
  if (command === "ssh") {
    const { values, positional } = collect(rest, SSH_FLAGS);
    if (positional.length !== 1) {
      throw usageError(`oke-bastion: ssh takes exactly one node private IP (got ${positional.length ? positional.map((p) => `"${p}"`).join(" ") : "none"}); ${USAGE}.`);
    }
    const node = positional[0];
    if (!isIpv4(node)) {
      throw usageError(`oke-bastion: "${node}" is not a node's private IPv4 address such as 10.0.10.3; ${USAGE}.`);
    }
    const user = values.user ?? "opc";
    if (!/^[A-Za-z0-9._-]+$/.test(user)) throw usageError(`oke-bastion: --user "${user}" is not a login name such as opc; ${USAGE}.`);
    return { command, node, user, identity: values.identity, ...common(values) };
  }
  if (command === "tunnel") {
    const { values, positional } = collect(rest, TUNNEL_FLAGS);
    if (positional.length > 0) throw usageError(`oke-bastion: unexpected argument "${positional[0]}"; ${USAGE}.`);
    const to = values.to;
    if (!to) throw usageError(`oke-bastion: tunnel needs --to <private ip:port> or --to api; ${USAGE}.`);
    if (to !== "api") parseTarget(to);
    const localPort = values.localPort === undefined ? undefined : integer("--local-port", values.localPort, 1, 65535);
    return { command, to, localPort, kubeconfig: values.kubeconfig, ...common(values) };
  }
  throw usageError(`oke-bastion: unknown command "${command}"; ${USAGE}.`);
}

/**
 * `10.0.0.2:6443` → { ip, port }.
 * @param {string} text
 * @param {string} [source] where the address came from, for the message
 */
function parseTarget(text, source = "--to") {
  const m = /^([^:]+):(\d+)$/.exec(text);
  if (!m || !isIpv4(m[1]) || Number(m[2]) < 1 || Number(m[2]) > 65535) {
    throw usageError(`oke-bastion: ${source} "${text}" is not a private IPv4 address and port such as 10.0.0.2:6443; ${USAGE}.`);
  }
  return { ip: m[1], port: Number(m[2]) };
}

module.exports = { parseArgs, parseTarget, isIpv4, USAGE, DEFAULT_WAIT_TIMEOUT_SECONDS };
