// @ts-check
"use strict";

const { usageError } = require("../oke-token/errors");
const { isIpv4, ipv4Problem } = require("./args");
const { echo } = require("../common/echo");
const { jsonDepthExceeds, MAX_JSON_DEPTH } = require("../common/inputFile");

/**
 * The kubeconfig side of a tunnel to a private API endpoint. OKE's kubeconfig (the stack's
 * `kubeconfig` output) names the private endpoint as `server: https://10.0.0.2:6443`; its certificate
 * is issued for that address, so a client talking to 127.0.0.1 must still check the certificate
 * against the private IP: `tls-server-name`.
 */

/** @param {string} text @param {string} source */
function parse(text, source) {
  // Flow collections nested thousands deep take the YAML parser seconds to reject; a kubeconfig nests a
  // few levels. Brackets are counted as JSON's are, which is close enough to refuse such a file at once.
  if (jsonDepthExceeds(text, MAX_JSON_DEPTH)) {
    throw usageError(
      `oke-bastion: ${source} nests deeper than ${MAX_JSON_DEPTH} levels, so it is not a kubeconfig; use the stack's \`pulumi stack output kubeconfig --show-secrets\`.`,
    );
  }
  const YAML = require("yaml");
  let doc;
  try {
    doc = YAML.parse(text);
  } catch {
    doc = undefined;
  }
  if (!doc || typeof doc !== "object" || !Array.isArray(doc.clusters)) {
    throw usageError(`oke-bastion: ${source} is not a kubeconfig (no clusters list); use the stack's \`pulumi stack output kubeconfig --show-secrets\`.`);
  }
  return doc;
}

/** @param {string} ip */
function isPrivate(ip) {
  const [a, b] = ip.split(".").map(Number);
  return a === 10 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168);
}

/**
 * The API endpoint of the kubeconfig's current context (else its only cluster), which must be private.
 * @param {string} text
 * @param {string} source where the kubeconfig came from, for messages
 */
function apiEndpoint(text, source) {
  const doc = parse(text, source);
  const context = (doc.contexts ?? []).find((/** @type {any} */ c) => c?.name === doc["current-context"]);
  const cluster = doc.clusters.find((/** @type {any} */ c) => c?.name === context?.context?.cluster) ?? doc.clusters[0];
  const server = String(cluster?.cluster?.server ?? "");
  // A URL's user:password part is a credential: never echoed.
  const shown = server.replace(/^([a-z][a-z0-9+.-]*:\/\/)[^/?#]*@/i, "$1[secret]@");
  const endpoint = serverEndpoint(server);
  if (!endpoint) {
    throw usageError(
      `oke-bastion: ${source} has no usable server URL (${echo(shown)}); an OKE kubeconfig names https://<endpoint IP>:6443, or pass --to <private endpoint IP>:6443.`,
    );
  }
  const leadingZero = ipv4Problem(endpoint.host);
  if (leadingZero) throw usageError(`oke-bastion: ${source} names the server ${echo(shown)}, whose address ${leadingZero}.`);
  if (!isIpv4(endpoint.host) || !isPrivate(endpoint.host)) {
    throw usageError(
      `oke-bastion: ${source} talks to ${echo(shown, { quote: false })}, which is not a private endpoint; a tunnel is only needed with endpointPublic=false (or pass --to <ip:port>).`,
    );
  }
  return { ip: endpoint.host, port: endpoint.port };
}

/**
 * Host and port of an https server URL, the host as written: WHATWG URL parsing would turn
 * `https://010.0.0.2` into 8.0.0.2, where kubectl (Go) refuses the address. Without a port, https
 * means 443, as kubectl reads it.
 * @param {string} server
 * @returns {{ host: string, port: number } | undefined}
 */
function serverEndpoint(server) {
  const m = /^https:\/\/([^/?#:@[\]]+)(?::(\d{1,5}))?\/?$/i.exec(server.trim());
  if (!m) return undefined;
  const port = m[2] === undefined ? 443 : Number(m[2]);
  return port >= 1 && port <= 65535 ? { host: m[1], port } : undefined;
}

/**
 * A kubeconfig that reaches the endpoint through the tunnel: from the cluster's own kubeconfig (CA and
 * user kept, every cluster pointing at the endpoint repointed), or a skeleton to complete.
 * @param {{ ip: string, port: number }} target
 * @param {number} localPort
 * @param {{ text: string, source: string } | undefined} base
 */
function tunnelKubeconfig(target, localPort, base) {
  const YAML = require("yaml");
  const server = `https://127.0.0.1:${localPort}`;
  if (base) {
    const doc = parse(base.text, base.source);
    for (const entry of doc.clusters) {
      const cluster = entry?.cluster;
      if (!cluster) continue;
      const endpoint = serverEndpoint(String(cluster.server ?? ""));
      if (endpoint?.host !== target.ip || endpoint.port !== target.port) continue;
      cluster.server = server;
      cluster["tls-server-name"] = target.ip;
    }
    return YAML.stringify(doc);
  }
  const name = `oke-bastion-${target.ip}`;
  const skeleton = {
    apiVersion: "v1",
    kind: "Config",
    clusters: [{ name, cluster: { server, "tls-server-name": target.ip } }],
    contexts: [{ name, context: { cluster: name, user: name } }],
    "current-context": name,
    users: [{ name, user: {} }],
  };
  return (
    "# Add the cluster's certificate-authority-data and the user's exec entry from its kubeconfig\n" +
    "# (pulumi stack output kubeconfig --show-secrets), or pass --kubeconfig FILE to have them copied.\n" +
    YAML.stringify(skeleton)
  );
}

module.exports = { apiEndpoint, tunnelKubeconfig };
