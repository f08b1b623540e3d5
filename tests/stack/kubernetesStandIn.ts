import { KubernetesApiStandIn, Reply, STANDIN_CA_DATA, statusOf } from "../helpers/kubernetesApiStandIn";

/**
 * A local Kubernetes API server for the destroy hooks: Services across namespaces, their deletion with
 * the cloud controller's `service.kubernetes.io/load-balancer-cleanup` finalizer (the object stays,
 * with a deletionTimestamp, until the controller has deleted the load balancer), and PersistentVolumes.
 * Like a real API server (see KubernetesApiStandIn) it needs the kubeconfig's bearer token and serves
 * TLS; it records each request's method and path.
 */

export interface StandInService {
  namespace: string;
  name: string;
  type: "LoadBalancer" | "ClusterIP" | "NodePort";
  /** Reads after deletion until the controller removes the finalizer; Infinity: never. */
  cleanupPolls?: number;
  /** Called when the controller starts deleting the Service's load balancer. */
  onDelete?: () => void;
  deleting?: boolean;
}

export interface StandInPersistentVolume {
  name: string;
  driver: string;
  volumeHandle: string;
  claim: { namespace: string; name: string };
}

const FINALIZER = "service.kubernetes.io/load-balancer-cleanup";

function serviceObject(s: StandInService) {
  return {
    apiVersion: "v1",
    kind: "Service",
    metadata: {
      namespace: s.namespace,
      name: s.name,
      finalizers: s.type === "LoadBalancer" ? [FINALIZER] : [],
      ...(s.deleting ? { deletionTimestamp: "2026-01-01T00:00:00Z" } : {}),
    },
    spec: { type: s.type, ports: [{ port: 80, protocol: "TCP" }] },
  };
}

const notFound = (what: string) => statusOf(404, "NotFound", `${what} not found`);

export class KubernetesStandIn extends KubernetesApiStandIn {
  services: StandInService[] = [];
  persistentVolumes: StandInPersistentVolume[] = [];

  constructor(token: string) {
    super(token, false);
  }

  kubeconfig(token = this.token): string {
    return [
      "apiVersion: v1",
      "kind: Config",
      "clusters:",
      `- name: standin\n  cluster:\n    server: ${this.url}\n    certificate-authority-data: ${STANDIN_CA_DATA}`,
      "users:",
      `- name: standin\n  user:\n    token: ${token}`,
      "contexts:",
      "- name: standin\n  context:\n    cluster: standin\n    user: standin",
      "current-context: standin",
      "",
    ].join("\n");
  }

  protected serve(method: string, url: URL, reply: Reply): void {
    const path = url.pathname;
    if (method === "GET" && path === "/api/v1/services") {
      return reply(200, { apiVersion: "v1", kind: "ServiceList", metadata: {}, items: this.services.map(serviceObject) });
    }
    if (method === "GET" && path === "/api/v1/persistentvolumes") {
      return reply(200, {
        apiVersion: "v1",
        kind: "PersistentVolumeList",
        metadata: {},
        items: this.persistentVolumes.map((pv) => ({
          apiVersion: "v1",
          kind: "PersistentVolume",
          metadata: { name: pv.name },
          spec: { csi: { driver: pv.driver, volumeHandle: pv.volumeHandle }, claimRef: { kind: "PersistentVolumeClaim", ...pv.claim } },
        })),
      });
    }
    const m = path.match(/^\/api\/v1\/namespaces\/([^/]+)\/services\/([^/]+)$/);
    const service = m && this.services.find((s) => s.namespace === m[1] && s.name === m[2]);
    if (m && !service) return reply(404, notFound(`services "${m[2]}"`));
    if (service && method === "DELETE") {
      if (service.type !== "LoadBalancer") {
        this.services = this.services.filter((s) => s !== service);
        return reply(200, serviceObject(service));
      }
      if (!service.deleting) {
        service.deleting = true;
        service.onDelete?.();
      }
      return reply(200, serviceObject(service));
    }
    if (service && method === "GET") {
      if (service.deleting) {
        service.cleanupPolls = (service.cleanupPolls ?? 1) - 1;
        if (service.cleanupPolls <= 0) {
          this.services = this.services.filter((s) => s !== service);
          return reply(404, notFound(`services "${service.name}"`));
        }
      }
      return reply(200, serviceObject(service));
    }
    reply(404, notFound(`${method} ${path}`));
  }
}
