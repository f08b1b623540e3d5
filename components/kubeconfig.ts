import * as path from "path";
import { isMap, parseDocument, stringify, type Document, type ToStringOptions } from "yaml";

/**
 * The kubeconfig OKE hands out (`getClusterKubeConfig`, token version 2.0.0) and the variant this
 * project exports. Pure functions on YAML text: no Pulumi resources, no OCI calls.
 */

/** How the exported kubeconfig gets its tokens. */
export type KubeconfigAuthMode = "oci-cli" | "token-helper";

export const EXEC_API_VERSION = "client.authentication.k8s.io/v1beta1";

/** OKE's exec entry: `oci ce cluster generate-token --cluster-id <id> --region <region>`. */
const OCI_CLI_TOKEN_ARGS = ["ce", "cluster", "generate-token"] as const;

/** OKE names the kubeconfig's cluster, user and context after the last 11 characters of the cluster OCID. */
const SHORT_ID_LENGTH = 11;

/**
 * Layout OKE writes: sequences flush with their key, and no line folding, so base64 CA data stays on
 * one line however long it is.
 */
const OKE_YAML_STYLE: ToStringOptions = { indentSeq: false, lineWidth: 0 };

export function okeShortId(clusterId: string): string {
  return clusterId.slice(-SHORT_ID_LENGTH);
}

export interface OkeKubeconfigInput {
  clusterId: string;
  /** The API endpoint: `https://10.0.0.5:6443`, or `10.0.0.5:6443` as the cluster's `endpoints` give it. */
  endpoint: string;
  /** Base64 of the cluster CA's PEM, as in `certificate-authority-data`. */
  caData: string;
  region: string;
}

/**
 * A kubeconfig laid out exactly as OKE returns it, for fixtures that stand in for the invoke.
 * OKE's layout carries no cluster name: every name derives from the OCID.
 */
export function buildOkeKubeconfig(input: OkeKubeconfigInput): string {
  for (const key of ["clusterId", "endpoint", "caData", "region"] as const) {
    if (!input[key]?.trim()) throw new Error(`buildOkeKubeconfig needs a non-empty ${key}.`);
  }
  const short = okeShortId(input.clusterId);
  const server = /^https:\/\//.test(input.endpoint) ? input.endpoint : `https://${input.endpoint}`;
  const config = {
    apiVersion: "v1",
    kind: "",
    clusters: [{ name: `cluster-${short}`, cluster: { server, "certificate-authority-data": input.caData } }],
    users: [
      {
        name: `user-${short}`,
        user: {
          exec: {
            apiVersion: EXEC_API_VERSION,
            command: "oci",
            args: [...OCI_CLI_TOKEN_ARGS, "--cluster-id", input.clusterId, "--region", input.region],
            env: [],
          },
        },
      },
    ],
    contexts: [{ name: `context-${short}`, context: { cluster: `cluster-${short}`, user: `user-${short}` } }],
    "current-context": `context-${short}`,
  };
  return `---\n${stringify(config, OKE_YAML_STYLE)}`;
}

export interface OkeKubeconfigSummary {
  clusterId: string;
  region: string;
  server: string;
  caData: string;
  clusterName: string;
  userName: string;
  contextName: string;
}

interface ExecEntry {
  command?: string;
  args?: string[];
  env?: unknown;
}

/** The parts of a kubeconfig this module reads; anything else passes through untouched. */
interface RawKubeconfig {
  clusters?: Array<{ name?: string; cluster?: { server?: string; "certificate-authority-data"?: string } }>;
  users?: Array<{ name?: string; user?: { exec?: ExecEntry } }>;
  contexts?: Array<{ name?: string; context?: { cluster?: string; user?: string } }>;
}

/** The value after `flag` in an exec argument list, if present. */
function flagValue(args: readonly string[], flag: string): string | undefined {
  const i = args.indexOf(flag);
  return i >= 0 ? args[i + 1] : undefined;
}

function isOciTokenExec(exec: ExecEntry | undefined): exec is ExecEntry & { args: string[] } {
  const args = exec?.args;
  return exec?.command === "oci" && Array.isArray(args) && OCI_CLI_TOKEN_ARGS.every((word, i) => args[i] === word);
}

function parseKubeconfig(content: string): Document {
  const doc = parseDocument(content);
  if (doc.errors.length > 0 || !isMap(doc.contents)) {
    throw new Error(`The kubeconfig is not a YAML mapping (${doc.errors[0]?.message ?? "empty document"}).`);
  }
  return doc;
}

/** Index of the user whose exec runs `oci ce cluster generate-token`: the one OKE wrote. */
function okeUserIndex(config: RawKubeconfig): number {
  const index = (config.users ?? []).findIndex((u) => isOciTokenExec(u?.user?.exec));
  if (index < 0) {
    throw new Error(
      "The kubeconfig has no user whose exec runs `oci ce cluster generate-token`; pass the content getClusterKubeConfig returns (token version 2.0.0).",
    );
  }
  return index;
}

/** Reads back what an OKE kubeconfig says: which cluster, where, and under which names. */
export function readOkeKubeconfig(content: string): OkeKubeconfigSummary {
  const config = parseKubeconfig(content).toJS() as RawKubeconfig;
  const user = config.users![okeUserIndex(config)];
  const args = user.user!.exec!.args!;
  const context = config.contexts?.find((c) => c?.context?.user === user.name);
  const cluster = config.clusters?.find((c) => c?.name === context?.context?.cluster);
  const clusterId = flagValue(args, "--cluster-id");
  const region = flagValue(args, "--region");
  const server = cluster?.cluster?.server;
  const caData = cluster?.cluster?.["certificate-authority-data"];
  if (!user.name || !context?.name || !cluster?.name || !server || !caData || !clusterId || !region) {
    throw new Error(
      `The kubeconfig's user ${user.name ?? "(unnamed)"} lacks a context, a cluster with server and CA, --cluster-id or --region; pass the content getClusterKubeConfig returns.`,
    );
  }
  return { clusterId, region, server, caData, clusterName: cluster.name, userName: user.name, contextName: context.name };
}

/** The program that prints an ExecCredential, and the arguments before `--cluster-id`. */
export interface TokenHelperCommand {
  command: string;
  args: readonly string[];
}

/**
 * `node <this checkout>/bin/oke-token.js`. An absolute path rather than `npx --yes oke-token`:
 * kubectl runs the exec from whatever directory the user is in, and outside this project npx would
 * fetch a package called `oke-token` from the registry, which is not ours (not published) and
 * would run with the user's OCI key in reach. It also saves npx's start-up on every kubectl call.
 */
export function defaultTokenHelper(): TokenHelperCommand {
  return { command: "node", args: [path.resolve(__dirname, "..", "bin", "oke-token.js")] };
}

/** Flags a user may have added to OKE's exec that `oke-token` understands the same way. */
const CARRIED_FLAGS = ["--profile", "--config-file"] as const;

/**
 * The kubeconfig to export. `oci-cli` returns OKE's content untouched. `token-helper` swaps the exec
 * for `oke-token` with the same cluster and region, leaving clusters, server and CA as they were.
 */
export function kubeconfigForAuth(okeContent: string, mode: KubeconfigAuthMode, helper: TokenHelperCommand = defaultTokenHelper()): string {
  if (mode === "oci-cli") return okeContent;
  if (mode !== "token-helper") {
    throw new Error(`Unknown kubeconfig auth mode "${String(mode)}"; use "oci-cli" or "token-helper".`);
  }
  const { clusterId, region } = readOkeKubeconfig(okeContent);
  // Edit the parsed document in place so everything else (order, comments, extra users) survives.
  const doc = parseKubeconfig(okeContent);
  const config = doc.toJS() as RawKubeconfig;
  const userIndex = okeUserIndex(config);
  const exec = config.users![userIndex].user!.exec as ExecEntry & { args: string[] };
  const carried = CARRIED_FLAGS.flatMap((flag) => {
    const value = flagValue(exec.args, flag);
    return value === undefined ? [] : [flag, value];
  });
  doc.setIn(
    ["users", userIndex, "user", "exec"],
    doc.createNode({
      apiVersion: EXEC_API_VERSION,
      command: helper.command,
      args: [...helper.args, "--cluster-id", clusterId, "--region", region, ...carried],
      env: exec.env ?? [],
    }),
  );
  return doc.toString(OKE_YAML_STYLE);
}
