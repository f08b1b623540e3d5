// @ts-check
"use strict";

const fs = require("fs");
const path = require("path");
const { credentialError } = require("../oke-token/errors");

/**
 * The system ssh, run through a bastion session.
 *
 * Host keys: both hops use the user's known_hosts with StrictHostKeyChecking=accept-new, so the first
 * connection to the bastion host and to a node records the key without asking, and a changed key
 * is refused (ssh names the file and line to fix). The bastion hop also runs with BatchMode=yes and
 * IdentitiesOnly=yes: it only ever offers the session key and can never stop to ask anything.
 */

/**
 * The first executable `name` on PATH, as a shell would find it.
 * @param {string} name
 * @param {NodeJS.ProcessEnv} env
 */
function onPath(name, env) {
  for (const dir of (env.PATH ?? "").split(path.delimiter)) {
    if (!dir) continue;
    const candidate = path.join(dir, name);
    try {
      fs.accessSync(candidate, fs.constants.X_OK);
      if (fs.statSync(candidate).isFile()) return candidate;
    } catch {
      // not here
    }
  }
  return undefined;
}

/** @param {NodeJS.ProcessEnv} env */
function findSsh(env) {
  const ssh = onPath("ssh", env);
  if (!ssh) {
    throw credentialError("oke-bastion: no `ssh` on PATH; install the OpenSSH client (openssh-client, or Windows' optional OpenSSH feature) and try again.");
  }
  return ssh;
}

/** ssh runs ProxyCommand through the user's shell: quote what may hold spaces. @param {string} word */
function shellQuote(word) {
  return /^[A-Za-z0-9_@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, "'\\''")}'`;
}

/** Options for the hop to the bastion host: the session key only, never a prompt. @param {string} keyFile */
function bastionHopOptions(keyFile) {
  return ["-i", keyFile, "-o", "IdentitiesOnly=yes", "-o", "BatchMode=yes", "-o", "StrictHostKeyChecking=accept-new", "-o", "ServerAliveInterval=30"];
}

/**
 * `ssh opc@10.0.10.3` through the session: the bastion hop as ProxyCommand (`-W` opens the same
 * forwarding the session allows, to the node's port 22), the node hop with the user's own keys.
 * @param {{ sessionId: string, host: string, port: number, keyFile: string, node: string, user: string, identity?: string }} o
 */
function sshThroughSession(o) {
  const proxy = ["ssh", ...bastionHopOptions(o.keyFile), "-W", "%h:%p", "-p", String(o.port), `${o.sessionId}@${o.host}`].map(shellQuote).join(" ");
  return [
    "-o",
    `ProxyCommand=${proxy}`,
    "-o",
    "StrictHostKeyChecking=accept-new",
    ...(o.identity ? ["-i", o.identity] : []),
    "-p",
    "22",
    `${o.user}@${o.node}`,
  ];
}

/**
 * A local forward to the session's target, with nothing else: `-N` runs no command, and
 * ExitOnForwardFailure ends ssh at once when the local port is taken.
 * @param {{ sessionId: string, host: string, port: number, keyFile: string, localPort: number, target: { ip: string, port: number } }} o
 */
function tunnelThroughSession(o) {
  return [
    "-N",
    ...bastionHopOptions(o.keyFile),
    "-o",
    "ExitOnForwardFailure=yes",
    "-L",
    `127.0.0.1:${o.localPort}:${o.target.ip}:${o.target.port}`,
    "-p",
    String(o.port),
    `${o.sessionId}@${o.host}`,
  ];
}

module.exports = { onPath, findSsh, sshThroughSession, tunnelThroughSession, shellQuote };
