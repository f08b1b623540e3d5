// @ts-check
"use strict";

const os = require("os");
const path = require("path");
const { usageError } = require("../oke-token/errors");
const { REGION_PATTERN } = require("../oke-token/args");
const { echo, echoPath, echoUrlWithoutUserInfo } = require("../common/echo");
const { scanFlags } = require("../common/flags");

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

/**
 * Dotted-quad IPv4 as OCI writes private IPs: four decimal octets, none with a leading zero. ssh (and
 * inet_aton) read `010` as octal 8, so `010.0.10.3` would reach 8.0.10.3: such a text is refused.
 */
const IPV4 = /^(0|[1-9]\d{0,2})\.(0|[1-9]\d{0,2})\.(0|[1-9]\d{0,2})\.(0|[1-9]\d{0,2})$/;

/** @param {string} text */
function isIpv4(text) {
  const m = IPV4.exec(text);
  return !!m && m.slice(1).every((o) => Number(o) <= 255);
}

/**
 * What is wrong with an address that is not canonical IPv4, for the message: leading zeros are named,
 * since they are the surprising case.
 * @param {string} text
 */
function ipv4Problem(text) {
  if (/^\d{1,3}(\.\d{1,3}){3}$/.test(text) && text.split(".").some((o) => o.length > 1 && o.startsWith("0"))) {
    const canonical = text
      .split(".")
      .map((o) => String(Number(o)))
      .join(".");
    return `has a leading zero, which ssh reads as octal (010 is 8); write ${canonical} if that is the address meant`;
  }
  return undefined;
}

/**
 * Characters ssh gives a meaning to in an -i path: `%h`, `%d`… are expanded as tokens and `${VAR}` as
 * an environment variable (ssh_config(5), TOKENS and ENVIRONMENT VARIABLES), so the key ssh reads would
 * not be the file checked here. Control characters cannot pass through ssh's option parsing intact.
 */
// eslint-disable-next-line no-control-regex -- control characters are what this pattern is for
const SSH_EXPANDED = /[%\u0000-\u001f\u007f]|\$\{/;

/**
 * --identity as ssh must receive it: `~/` expanded as a shell would (`--identity=~/.ssh/id_rsa` is not
 * expanded by the shell) and made absolute, so ssh's own `~` expansion has nothing left to change.
 * @param {string} value
 * @param {string} home
 */
function identityPath(value, home) {
  if (SSH_EXPANDED.test(value)) {
    throw usageError(
      `oke-bastion: --identity ${echoPath(value)} contains %, \${ or a control character, which ssh would expand or misread in a key path; rename the key (or link it) to a path without them.`,
    );
  }
  const expanded = value === "~" || value.startsWith("~/") ? path.join(home, value.slice(1)) : value;
  return path.resolve(expanded);
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
    throw usageError(`oke-bastion: ${flag} ${echo(text)} is not a whole number from ${min} to ${max}; ${USAGE}.`);
  }
  return n;
}

/**
 * `--flag value` and `--flag=value`, as oke-token takes them; one positional argument for `ssh`.
 * @param {readonly string[]} argv
 * @param {Record<string, string>} flags
 */
function collect(argv, flags) {
  return scanFlags(argv, { tool: "oke-bastion", usage: USAGE, valueFlags: flags, positional: true, noValue: (value) => value === "" });
}

/**
 * --endpoint: the Bastion API's base URL, https only (the request carries a signature over it).
 * @param {string | undefined} text
 */
function endpointUrl(text) {
  if (text === undefined) return undefined;
  let url;
  try {
    url = new URL(text);
  } catch {
    url = undefined;
  }
  if (!url || url.protocol !== "https:" || url.username || url.password || url.search || url.hash) {
    // User info is a credential: the URL is shown without it.
    const shown = url && (url.username || url.password) ? echoUrlWithoutUserInfo(url) : echo(text);
    throw usageError(`oke-bastion: --endpoint ${shown} is not an https URL such as https://bastion.us-ashburn-1.oci.oraclecloud.com; ${USAGE}.`);
  }
  return text;
}

/** @param {Record<string, string>} values @returns {CommonArgs} */
function common(values) {
  const region = values.region?.trim();
  if (region !== undefined && !REGION_PATTERN.test(region)) {
    throw usageError(
      `oke-bastion: --region ${echo(region)} is not an OCI region identifier such as us-ashburn-1 (lowercase letters, digits and hyphens); ${USAGE}.`,
    );
  }
  return {
    bastionId: values.bastionId,
    region,
    profile: values.profile,
    configFile: values.configFile,
    endpoint: endpointUrl(values.endpoint),
    waitTimeoutSeconds: values.waitTimeout === undefined ? DEFAULT_WAIT_TIMEOUT_SECONDS : integer("--wait-timeout", values.waitTimeout, 1, 3600),
  };
}

/**
 * @param {readonly string[]} argv arguments after the script name
 * @param {string} [home] for `~/` in --identity
 * @returns {BastionArgs}
 */
function parseArgs(argv, home = os.homedir()) {
  const [command, ...rest] = argv;
  if (command === "--help" || command === "-h" || rest.includes("--help") || rest.includes("-h")) {
    return { command: "help" };
  }
  if (command === undefined) throw usageError(`oke-bastion: say what to open, ssh or tunnel; ${USAGE}.`);
  if (command === "ssh") {
    const { values, positional } = collect(rest, SSH_FLAGS);
    if (positional.length !== 1) {
      const got =
        positional
          .slice(0, 3)
          .map((p) => echo(p, { limit: 40 }))
          .join(" ") + (positional.length > 3 ? ` and ${positional.length - 3} more` : "");
      throw usageError(`oke-bastion: ssh takes exactly one node private IP (got ${positional.length ? got : "none"}); ${USAGE}.`);
    }
    const node = positional[0];
    if (!isIpv4(node)) {
      const why = ipv4Problem(node);
      throw usageError(
        why
          ? `oke-bastion: node address ${echo(node)} ${why}.`
          : `oke-bastion: ${echo(node)} is not a node's private IPv4 address such as 10.0.10.3; ${USAGE}.`,
      );
    }
    const user = values.user ?? "opc";
    // A leading "-" would make ssh read the login as an option.
    if (!/^[A-Za-z0-9._][A-Za-z0-9._-]*$/.test(user)) throw usageError(`oke-bastion: --user ${echo(user)} is not a login name such as opc; ${USAGE}.`);
    const identity = values.identity === undefined ? undefined : identityPath(values.identity, home);
    return { command, node, user, identity, ...common(values) };
  }
  if (command === "tunnel") {
    const { values, positional } = collect(rest, TUNNEL_FLAGS);
    if (positional.length > 0) throw usageError(`oke-bastion: unexpected argument ${echo(positional[0])}; ${USAGE}.`);
    const to = values.to;
    if (!to) throw usageError(`oke-bastion: tunnel needs --to <private ip:port> or --to api; ${USAGE}.`);
    if (to !== "api") parseTarget(to);
    const localPort = values.localPort === undefined ? undefined : integer("--local-port", values.localPort, 1, 65535);
    return { command, to, localPort, kubeconfig: values.kubeconfig, ...common(values) };
  }
  throw usageError(`oke-bastion: unknown command ${echo(command)}; ${USAGE}.`);
}

/**
 * `10.0.0.2:6443` → { ip, port }.
 * @param {string} text
 * @param {string} [source] where the address came from, for the message
 */
function parseTarget(text, source = "--to") {
  const m = /^([^:]+):([1-9]\d{0,4})$/.exec(text);
  const leadingZero = m ? ipv4Problem(m[1]) : undefined;
  if (leadingZero) throw usageError(`oke-bastion: ${source} ${echo(text)} ${leadingZero}.`);
  if (!m || !isIpv4(m[1]) || Number(m[2]) < 1 || Number(m[2]) > 65535) {
    throw usageError(`oke-bastion: ${source} ${echo(text)} is not a private IPv4 address and port such as 10.0.0.2:6443; ${USAGE}.`);
  }
  return { ip: m[1], port: Number(m[2]) };
}

module.exports = { parseArgs, parseTarget, isIpv4, ipv4Problem, USAGE, DEFAULT_WAIT_TIMEOUT_SECONDS };
