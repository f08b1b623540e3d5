import { KubernetesApiStandIn, Reply, STANDIN_CA_DATA, statusOf as status } from "../helpers/kubernetesApiStandIn";
import type { KubernetesFixture } from "./clusterFixture";

/**
 * A Kubernetes API server on 127.0.0.1 for the reads oke-inspect makes: nodes, services, the
 * kube-proxy config map, kube-system's DaemonSets and Deployments, and running pods. Like a real API
 * server (see KubernetesApiStandIn) it pages lists (two items a page, with `metadata.continue`,
 * whatever `limit` asks: a server may return fewer), honours `fieldSelector=status.phase=...` on pods,
 * and records every request with its query string; anything but GET is refused.
 */

const PAGE_SIZE = 2;

export class KubernetesReadStandIn extends KubernetesApiStandIn {
  fixture: KubernetesFixture | undefined;

  constructor(token: string) {
    super(token, true);
  }

  /** A kubeconfig for this server; `user` is the users[].user entry (a token by default, or an exec plugin). */
  kubeconfig(user: Record<string, unknown> = { token: this.token }, server = this.url): string {
    return JSON.stringify({
      apiVersion: "v1",
      kind: "Config",
      clusters: [{ name: "standin", cluster: { server, "certificate-authority-data": STANDIN_CA_DATA } }],
      users: [{ name: "standin", user }],
      contexts: [{ name: "standin", context: { cluster: "standin", user: "standin" } }],
      "current-context": "standin",
    });
  }

  protected serve(method: string, url: URL, reply: Reply): void {
    if (method !== "GET") return reply(405, status(405, "MethodNotAllowed", `the server does not allow this method on the requested resource`));
    const f = this.fixture;
    if (!f) return reply(503, status(503, "ServiceUnavailable", "no cluster"));
    const list = (kind: string, items: unknown[]) => {
      const start = Number(url.searchParams.get("continue") || "0");
      const next = start + PAGE_SIZE;
      reply(200, {
        apiVersion: kind.startsWith("DaemonSet") || kind.startsWith("Deployment") ? "apps/v1" : "v1",
        kind,
        metadata: { resourceVersion: "1", ...(next < items.length ? { continue: String(next) } : {}) },
        items: items.slice(start, next),
      });
    };
    const one = (items: Array<Record<string, any>>, namespace: string, name: string, kind: string) => {
      const found = items.find((o) => o.metadata?.namespace === namespace && o.metadata?.name === name);
      return found ? reply(200, found) : reply(404, status(404, "NotFound", `${kind} "${name}" not found`));
    };
    const p = url.pathname;
    let m: RegExpExecArray | null;
    if (p === "/api/v1/nodes") return list("NodeList", f.nodes);
    if (p === "/api/v1/pods") {
      const phase = /^status\.phase=(\w+)$/.exec(url.searchParams.get("fieldSelector") ?? "")?.[1];
      return list(
        "PodList",
        f.pods.filter((pod) => !phase || pod.status?.phase === phase),
      );
    }
    if ((m = /^\/api\/v1\/namespaces\/([^/]+)\/services\/([^/]+)$/.exec(p))) return one(f.services, m[1], m[2], "services");
    if ((m = /^\/api\/v1\/namespaces\/([^/]+)\/configmaps\/([^/]+)$/.exec(p))) return one(f.configMaps, m[1], m[2], "configmaps");
    if ((m = /^\/apis\/apps\/v1\/namespaces\/([^/]+)\/daemonsets$/.exec(p)))
      return list(
        "DaemonSetList",
        f.daemonSets.filter((d) => d.metadata.namespace === m![1]),
      );
    if ((m = /^\/apis\/apps\/v1\/namespaces\/([^/]+)\/deployments$/.exec(p)))
      return list(
        "DeploymentList",
        f.deployments.filter((d) => d.metadata.namespace === m![1]),
      );
    reply(404, status(404, "NotFound", "the server could not find the requested resource"));
  }
}
