import * as fs from "fs";
import { tmpdir } from "os";
import * as path from "path";
import { API_KEY, TEST_PROFILE } from "../helpers/testKeys";

/** The API key's PEM, and the keyId a stand-in expects from TEST_PROFILE. */
export const API_KEY_PEM = API_KEY.export({ type: "pkcs1", format: "pem" }) as string;
export const KEY_ID = `${TEST_PROFILE.tenancy}/${TEST_PROFILE.user}/${TEST_PROFILE.fingerprint}`;
export const KUBE_TOKEN = "standin-bearer-token";

/**
 * A HOME with ~/.oci/config ([DEFAULT] = TEST_PROFILE, region ap-tokyo-1) and its key, as `oci setup
 * config` writes them, and an exec plugin script that prints an ExecCredential holding the bearer token.
 */
export function makeHome(prefix: string): { root: string; home: string; execPlugin: string } {
  const root = fs.mkdtempSync(path.join(tmpdir(), prefix));
  const home = path.join(root, "home");
  fs.mkdirSync(path.join(home, ".oci"), { recursive: true });
  fs.writeFileSync(path.join(home, ".oci", "oci_api_key.pem"), API_KEY_PEM, { mode: 0o600 });
  const lines = Object.entries({ ...TEST_PROFILE, key_file: "~/.oci/oci_api_key.pem" }).map(([k, v]) => `${k}=${v}`);
  fs.writeFileSync(path.join(home, ".oci", "config"), `[DEFAULT]\n${lines.join("\n")}\n`);
  const execPlugin = path.join(root, "token-plugin.js");
  fs.writeFileSync(
    execPlugin,
    `process.stdout.write(JSON.stringify({ apiVersion: "client.authentication.k8s.io/v1beta1", kind: "ExecCredential", status: { token: ${JSON.stringify(KUBE_TOKEN)} } }));\n`,
  );
  return { root, home, execPlugin };
}

/** The checks' ids with their status, in report order. */
export function statuses(report: { checks: Array<{ id: string; status: string }> }): Record<string, string> {
  return Object.fromEntries(report.checks.map((c) => [c.id, c.status]));
}

export const CHECK_IDS = [
  "cluster-active",
  "pool-nodes-active",
  "node-fault-domains",
  "node-subnet",
  "node-nsgs",
  "node-boot-volume",
  "nodes-registered",
  "node-labels",
  "kubernetes-service",
  "cluster-dns",
  "pod-network",
  "kube-proxy-mode",
  "system-workloads",
];
export const KUBERNETES_CHECK_IDS = CHECK_IDS.slice(6);
