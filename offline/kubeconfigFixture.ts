import * as fixtures from "./fixtures";

/**
 * The CreateKubeconfig answer (GetClusterKubeConfigResult): OKE's kubeconfig, token version 2.0.0,
 * whose user runs `oci ce cluster generate-token`.
 */
export function okeKubeconfig(region: string, clusterId: string, endpoint = "PUBLIC_ENDPOINT") {
  const server = endpoint === "PRIVATE_ENDPOINT" ? "https://10.0.0.2:6443" : "https://203.0.113.10:6443";
  const short = clusterId.slice(-11);
  const content = [
    "---",
    "apiVersion: v1",
    "kind: \"\"",
    "clusters:",
    "- name: \"cluster-" + short + "\"",
    "  cluster:",
    "    server: \"" + server + "\"",
    "    certificate-authority-data: \"" + Buffer.from("offline-fixture-ca").toString("base64") + "\"",
    "users:",
    "- name: \"user-" + short + "\"",
    "  user:",
    "    exec:",
    "      apiVersion: client.authentication.k8s.io/v1beta1",
    "      args:",
    "      - ce",
    "      - cluster",
    "      - generate-token",
    "      - --cluster-id",
    "      - " + clusterId,
    "      - --region",
    "      - " + region,
    "      command: oci",
    "      env: []",
    "contexts:",
    "- name: \"context-" + short + "\"",
    "  context:",
    "    cluster: \"cluster-" + short + "\"",
    "    user: \"user-" + short + "\"",
    "current-context: \"context-" + short + "\"",
    "",
  ].join("\n");
  return { id: fixtures.fakeOcid("kubeconfig", region, clusterId), clusterId, content, endpoint, tokenVersion: "2.0.0" };
}
