// @ts-check
"use strict";

const os = require("os");
const path = require("path");
const { readInputText, SIZE_LIMITS, InputFileError } = require("../common/inputFile");
const { usageError } = require("../oke-token/errors");
const { echo, redact } = require("../common/echo");
const { bounded, TimeoutError } = require("./bounded");

/**
 * What the Kubernetes API says about the cluster, read through @kubernetes/client-node with the
 * user's kubeconfig as it is (exec plugins included: the stack's kubeconfig in either auth mode, and
 * the one `oke-bastion tunnel --to api` prints). GET requests only.
 */

/**
 * @typedef {{ nodes: any[], kubernetesService: any, kubeDns: any, kubeProxyConfig: any,
 *   daemonSets: any[], deployments: any[], pods: any[] | undefined }} KubernetesView
 * @typedef {{ file: string, source: string }} KubeconfigChoice
 */

/** Items per list request; `continue` carries on from there. */
const PAGE_SIZE = 500;

/** The Kubernetes API could not be reached or refused us: the Kubernetes checks are skipped with `reason`. */
class Unreachable extends Error {
  /** @param {string} reason */
  constructor(reason) {
    super(reason);
    this.name = "Unreachable";
  }
}

/**
 * --kubeconfig, else the first file of KUBECONFIG, else ~/.kube/config.
 * @param {string | undefined} flag
 * @param {NodeJS.ProcessEnv} env
 * @returns {KubeconfigChoice}
 */
function chooseKubeconfig(flag, env) {
  if (flag) return { file: flag, source: "--kubeconfig" };
  const fromEnv = (env.KUBECONFIG ?? "").split(path.delimiter).find((p) => p.trim() !== "");
  if (fromEnv) return { file: fromEnv, source: "KUBECONFIG" };
  return { file: path.join(env.HOME || os.homedir(), ".kube", "config"), source: "the default kubeconfig" };
}

/**
 * Loads the kubeconfig. A file the user named (--kubeconfig) that cannot be used is a command-line
 * error; a default one that is missing only means the Kubernetes side cannot be inspected.
 * @param {KubeconfigChoice} choice
 * @param {string | undefined} context
 */
function loadKubeconfig(choice, context) {
  const k8s = require("@kubernetes/client-node");
  const fix = "write it with `pulumi stack output kubeconfig --show-secrets > FILE` and pass --kubeconfig FILE, or pass --oci-only";
  let text;
  try {
    text = readInputText(choice.file, { what: `oke-inspect: ${choice.source}`, maxBytes: SIZE_LIMITS.kubeconfig, fix });
  } catch (e) {
    if (!(e instanceof InputFileError)) throw e;
    if (choice.source === "--kubeconfig") throw usageError(e.message);
    throw new Unreachable(e.message.replace(/^oke-inspect: /, "").replace(/\.$/, ""));
  }
  const kc = new k8s.KubeConfig();
  try {
    kc.loadFromString(text);
    kc.makePathsAbsolute(path.dirname(path.resolve(choice.file)));
  } catch (e) {
    throw usageError(
      `oke-inspect: ${choice.source} ${choice.file} is not a kubeconfig (${echo(String(/** @type {Error} */ (e).message).split("\n")[0], { quote: false })}); ${fix}.`,
    );
  }
  if (context !== undefined) {
    if (!kc.getContextObject(context)) {
      const known =
        kc
          .getContexts()
          .map((c) => c.name)
          .join(", ") || "none";
      throw usageError(`oke-inspect: --context ${echo(context)} is not in ${choice.source} ${choice.file} (contexts: ${echo(known, { quote: false })}).`);
    }
    kc.setCurrentContext(context);
  }
  if (!kc.getCurrentCluster()) {
    throw usageError(`oke-inspect: ${choice.source} ${choice.file} names no cluster for its current context; pass --context or ${fix}.`);
  }
  return kc;
}

/**
 * One phrase for a failed Kubernetes call.
 * @param {unknown} e
 */
function describe(e) {
  const err = /** @type {{ code?: number | string, message?: string, name?: string, cause?: any, body?: any }} */ (e);
  if (e instanceof TimeoutError) return e.message;
  if (typeof err?.code === "number") {
    let message;
    try {
      message = typeof err.body === "string" ? (JSON.parse(err.body).message ?? "") : (err.body?.message ?? "");
    } catch {
      message = "";
    }
    return `HTTP ${err.code}${message ? ` (${echo(message, { quote: false, limit: 160 })})` : ""}`;
  }
  const code = err?.code ?? err?.cause?.code;
  return echo(`${code ? `${code}: ` : ""}${String(err?.message ?? e).split("\n")[0]}`, { quote: false, limit: 200 });
}

/**
 * @param {import("@kubernetes/client-node").KubeConfig} kc
 * @param {{ timeoutSeconds: number, pods: boolean }} options pods: also list the pods (VCN-native pod IPs)
 * @returns {Promise<KubernetesView>}
 */
async function readKubernetes(kc, options) {
  const k8s = require("@kubernetes/client-node");
  const core = kc.makeApiClient(k8s.CoreV1Api);
  const apps = kc.makeApiClient(k8s.AppsV1Api);
  const server = kc.getCurrentCluster()?.server ?? "(no server)";
  const seconds = options.timeoutSeconds;
  // A reason is printed: whatever a failing client or exec plugin put in its message, the user's credentials are not.
  const user = kc.getCurrentUser();
  const secrets = [user?.token, user?.password, user?.keyData].filter((s) => typeof s === "string");

  /**
   * @template T
   * @param {string} what
   * @param {(o: any) => Promise<T>} call
   * @param {{ absentOk?: boolean }} [how]
   * @returns {Promise<T | undefined>}
   */
  const read = async (what, call, how = {}) => {
    try {
      // The object API takes the generated client's observable middleware: it hands each request the abort signal.
      return await bounded(
        (signal) =>
          call({
            middleware: [
              {
                pre: (/** @type {any} */ ctx) => (ctx.setSignal(signal), new k8s.Observable(Promise.resolve(ctx))),
                post: (/** @type {any} */ r) => new k8s.Observable(Promise.resolve(r)),
              },
            ],
            middlewareMergeStrategy: "append",
          }),
        what,
        seconds,
      );
    } catch (e) {
      if (how.absentOk && /** @type {any} */ (e)?.code === 404) return undefined;
      throw new Unreachable(redact(`${what} at ${server} failed: ${describe(e)}`, /** @type {string[]} */ (secrets)));
    }
  };
  /**
   * @param {string} what
   * @param {(o: any, cont: string | undefined) => Promise<any>} call
   */
  const readAll = async (what, call) => {
    /** @type {any[]} */
    const items = [];
    /** @type {string | undefined} */
    let cont;
    do {
      const page = await read(what, (o) => call(o, cont));
      items.push(...(page?.items ?? []));
      cont = page?.metadata?._continue || undefined;
    } while (cont);
    return items;
  };

  // The node list goes first: when the API is out of reach, one failure says so without a burst of others.
  const nodes = await readAll("listing nodes", (o, cont) => core.listNode({ limit: PAGE_SIZE, _continue: cont }, o));
  const [kubernetesService, kubeDns, kubeProxyConfig, daemonSets, deployments, pods] = await Promise.all([
    read("reading service default/kubernetes", (o) => core.readNamespacedService({ name: "kubernetes", namespace: "default" }, o), { absentOk: true }),
    read("reading service kube-system/kube-dns", (o) => core.readNamespacedService({ name: "kube-dns", namespace: "kube-system" }, o), { absentOk: true }),
    read("reading config map kube-system/kube-proxy", (o) => core.readNamespacedConfigMap({ name: "kube-proxy", namespace: "kube-system" }, o), {
      absentOk: true,
    }),
    readAll("listing daemon sets in kube-system", (o, cont) =>
      apps.listNamespacedDaemonSet({ namespace: "kube-system", limit: PAGE_SIZE, _continue: cont }, o),
    ),
    readAll("listing deployments in kube-system", (o, cont) =>
      apps.listNamespacedDeployment({ namespace: "kube-system", limit: PAGE_SIZE, _continue: cont }, o),
    ),
    options.pods
      ? readAll("listing running pods", (o, cont) =>
          core.listPodForAllNamespaces({ fieldSelector: "status.phase=Running", limit: PAGE_SIZE, _continue: cont }, o),
        )
      : Promise.resolve(undefined),
  ]);
  return { nodes, kubernetesService, kubeDns, kubeProxyConfig, daemonSets, deployments, pods };
}

module.exports = { chooseKubeconfig, loadKubeconfig, readKubernetes, Unreachable };
