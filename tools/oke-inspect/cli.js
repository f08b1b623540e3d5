// @ts-check
"use strict";

const fs = require("fs");
const { parseArgs, checkClusterId, regionOfClusterId, USAGE } = require("./args");
const { resolveCredentials } = require("../oke-token/credentials");
const { OkeTokenError, usageError } = require("../oke-token/errors");
const { stackOutput } = require("../oke-bastion/stackOutput");
const { ExitCode, exitCodeOf } = require("./errors");
const { CHECKS, CNI, DEFAULT_CLUSTER_TYPE, skipped } = require("./checks");
const { readCluster } = require("./oci");
const { chooseKubeconfig, loadKubeconfig, readKubernetes, Unreachable } = require("./kubernetes");
const { ociChecks } = require("./ociChecks");
const { kubernetesChecks } = require("./kubernetesChecks");
const { clusterCni, poolCni, nodeName } = require("./settings");
const { textReport, jsonReport } = require("./report");
const { echo, echoPath } = require("../common/echo");

const HELP = `${USAGE}

Reads a running OKE cluster (OCI: the cluster, its node pools, each node's VNICs and boot volume;
Kubernetes: nodes, services, kube-system's config maps, DaemonSets and Deployments) and reports each
check against what Quick Create builds for that cluster's own settings. Read calls only.
--cluster-id defaults to the stack output clusterId when the pulumi CLI is on PATH. Credentials as
oke-token reads them (~/.oci/config profile, OCI_CLI_* variables); the region from --region, the
profile, or the cluster OCID. --endpoint sends every OCI call to one base URL. --kubeconfig defaults
to KUBECONFIG, then ~/.kube/config; exec plugins work. --oci-only skips the Kubernetes checks.
--json FILE (or - for stdout) writes the report as JSON. --timeout bounds each API call (default 30 s).
Exit status: 0 every check passes, 1 at least one differs, 2 wrong command line, 3 could not inspect
(credentials, API error, cluster not found, Kubernetes API unreachable without --oci-only).
`;

/**
 * @typedef {{ write(text: string): unknown }} Writer
 * @typedef {{ stdout: Writer, stderr: Writer }} Io
 */

/**
 * Why the Kubernetes API could not be used, and for a private endpoint how to reach it.
 * @param {string} reason
 * @param {any} cluster
 */
function unreachableReason(reason, cluster) {
  const privateOnly = cluster.endpointConfig?.isPublicIpEnabled === false || (cluster.endpoints?.privateEndpoint && !cluster.endpoints?.publicEndpoint);
  if (!privateOnly) return reason;
  return `${reason}; the API endpoint is private (${cluster.endpoints?.privateEndpoint ?? "in the VCN"}): open \`npx oke-bastion tunnel --to api > tunnel.kubeconfig\` and pass --kubeconfig tunnel.kubeconfig`;
}

/**
 * @param {import("./args").InspectArgs} args
 * @param {NodeJS.ProcessEnv} env
 * @param {Io} io
 * @returns {Promise<number>}
 */
async function inspect(args, env, io) {
  const fromStack = args.clusterId === undefined;
  const clusterId =
    args.clusterId ?? stackOutput("clusterId", env, { flag: "--cluster-id ocid1.cluster.oc1.<region>.<id>", program: "oke-inspect", deployed: "the cluster" });
  if (!clusterId) {
    throw usageError(
      "oke-inspect: --cluster-id is required: the pulumi CLI is not on PATH to read the stack output clusterId; pass --cluster-id ocid1.cluster.oc1.<region>.<id> (from `pulumi stack output clusterId`).",
    );
  }
  checkClusterId(clusterId, fromStack ? "the stack output clusterId" : "--cluster-id");

  // The kubeconfig is read before any API call, so a wrong --kubeconfig or --context is a command-line error at once.
  /** @type {import("@kubernetes/client-node").KubeConfig | undefined} */
  let kc;
  /** @type {string | undefined} */
  let kubeProblem;
  if (!args.ociOnly) {
    try {
      kc = loadKubeconfig(chooseKubeconfig(args.kubeconfig, env), args.context);
    } catch (e) {
      if (!(e instanceof Unreachable)) throw e;
      kubeProblem = e.message;
    }
  }

  const credentials = resolveCredentials(
    { region: args.region, profile: args.profile, configFile: args.configFile, program: "oke-inspect", fallbackRegion: regionOfClusterId(clusterId) },
    env,
  );
  const view = await readCluster(credentials, clusterId, { endpoint: args.endpoint, timeoutSeconds: args.timeoutSeconds });
  const cni = clusterCni(view.cluster);

  const kubernetesIds = CHECKS.filter((c) => c.side === "kubernetes");
  /** @type {import("./checks").CheckResult[]} */
  let kubeResults;
  if (args.ociOnly) {
    kubeResults = kubernetesIds.map((c) => skipped(c.id, c.title, "--oci-only"));
  } else {
    try {
      if (kubeProblem || !kc) throw new Unreachable(kubeProblem ?? "no kubeconfig");
      const needsPods = view.pools.some((p) => poolCni(p.pool, cni) === CNI.VCN_NATIVE);
      kubeResults = kubernetesChecks(view, await readKubernetes(kc, { timeoutSeconds: args.timeoutSeconds, pods: needsPods }));
    } catch (e) {
      if (!(e instanceof Unreachable)) throw e;
      kubeProblem = unreachableReason(e.message, view.cluster);
      kubeResults = kubernetesIds.map((c) => skipped(c.id, c.title, kubeProblem ?? ""));
    }
  }
  const checks = [...ociChecks(view), ...kubeResults];
  const fails = checks.filter((c) => c.status === "fail").length;
  const unplannedSkips = checks.filter((c) => c.status === "skip" && c.reason !== "--oci-only");

  /** @type {Map<string, string>} */
  const names = new Map();
  for (const { nodes } of view.pools) for (const { node } of nodes) names.set(node.id, nodeName(node));
  const report = {
    clusterId,
    region: view.region,
    name: String(view.cluster.name ?? "(unnamed)"),
    version: String(view.cluster.kubernetesVersion ?? "(unknown)"),
    type: String(view.cluster.type ?? DEFAULT_CLUSTER_TYPE),
    cni,
    checks,
    names,
    conformant: fails === 0 && unplannedSkips.length === 0,
  };
  const text = textReport(report);
  if (args.json === "-") {
    io.stdout.write(jsonReport(report));
    io.stderr.write(text);
  } else {
    io.stdout.write(text);
    if (args.json !== undefined) {
      try {
        fs.writeFileSync(args.json, jsonReport(report));
      } catch (e) {
        throw usageError(
          `oke-inspect: cannot write --json ${echoPath(args.json)} (${/** @type {NodeJS.ErrnoException} */ (e).code ?? String(e)}); name a writable file, or - for stdout.`,
        );
      }
    }
  }
  if (fails > 0) return ExitCode.DIFFERS;
  if (unplannedSkips.length > 0) {
    io.stderr.write(
      `oke-inspect: ${unplannedSkips.length} checks could not be made: ${kubeProblem ?? unplannedSkips.map((c) => `${c.id}: ${c.reason}`).join("; ")}; pass --oci-only to check the OCI side alone.\n`,
    );
    return ExitCode.CANNOT_INSPECT;
  }
  return ExitCode.OK;
}

/**
 * Runs the command; tests call it in-process with their own environment and writers.
 * @param {readonly string[]} argv
 * @param {NodeJS.ProcessEnv} env
 * @param {Io} [io]
 * @returns {Promise<number>}
 */
async function run(argv, env, io = { stdout: process.stdout, stderr: process.stderr }) {
  try {
    const args = parseArgs(argv);
    if (args.help) {
      io.stdout.write(HELP);
      return ExitCode.OK;
    }
    return await inspect(args, env, io);
  } catch (e) {
    if (e instanceof OkeTokenError) {
      io.stderr.write(`${e.message}\n`);
      return exitCodeOf(e);
    }
    io.stderr.write(
      `oke-inspect: unexpected failure (${echo(String(/** @type {Error} */ (e)?.message ?? e).split("\n")[0], { quote: false, limit: 200 })}).\n`,
    );
    return ExitCode.CANNOT_INSPECT;
  }
}

/**
 * The kubeconfig `oke-bastion tunnel --to api` prints names the private endpoint's IP as
 * `tls-server-name`, so the API server's certificate is still checked against that IP; Node then warns
 * (DEP0123) that an IP is not a valid TLS server name, once, on stderr. That notice says nothing to the
 * user and would read as part of the report: it alone is dropped.
 */
function quietTlsServerNameNotice() {
  const emitWarning = process.emitWarning;
  process.emitWarning = /** @type {typeof process.emitWarning} */ (
    function (/** @type {any[]} */ ...args) {
      const code = typeof args[1] === "object" && args[1] ? args[1].code : args[2];
      if (code === "DEP0123") return;
      return Reflect.apply(emitWarning, process, args);
    }
  );
}

/** Entry point for bin/oke-inspect.js. */
function main() {
  quietTlsServerNameNotice();
  run(process.argv.slice(2), process.env).then((code) => {
    process.exitCode = code;
  });
}

module.exports = { run, main };
