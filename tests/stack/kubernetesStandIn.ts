import * as fs from "fs";
import * as http from "http";
import * as https from "https";
import { AddressInfo } from "net";
import * as path from "path";

/**
 * A local Kubernetes API server for the destroy hooks: Services across namespaces, their deletion with
 * the cloud controller's `service.kubernetes.io/load-balancer-cleanup` finalizer (the object stays,
 * with a deletionTimestamp, until the controller has deleted the load balancer), and PersistentVolumes.
 * Requests need the kubeconfig's bearer token, as a real API server would, and it serves TLS with a
 * self-signed certificate for 127.0.0.1 that the kubeconfig names as its CA (the client refuses plain
 * HTTP, rightly).
 */

const FIXTURES = path.join(__dirname, "..", "fixtures");
const CERT = fs.readFileSync(path.join(FIXTURES, "kube-standin-cert.pem"));
const KEY = fs.readFileSync(path.join(FIXTURES, "kube-standin-key.pem"));

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

const notFound = (what: string) => ({ apiVersion: "v1", kind: "Status", status: "Failure", message: `${what} not found`, reason: "NotFound", code: 404 });

export class KubernetesStandIn {
  services: StandInService[] = [];
  persistentVolumes: StandInPersistentVolume[] = [];
  readonly requests: string[] = [];
  url = "";
  private readonly server = https.createServer({ cert: CERT, key: KEY }, (req, res) => this.handle(req, res));

  constructor(readonly token: string) {}

  async start(): Promise<this> {
    await new Promise<void>((resolve) => this.server.listen(0, "127.0.0.1", resolve));
    this.url = `https://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  kubeconfig(token = this.token): string {
    return [
      "apiVersion: v1",
      "kind: Config",
      "clusters:",
      `- name: standin\n  cluster:\n    server: ${this.url}\n    certificate-authority-data: ${CERT.toString("base64")}`,
      "users:",
      `- name: standin\n  user:\n    token: ${token}`,
      "contexts:",
      "- name: standin\n  context:\n    cluster: standin\n    user: standin",
      "current-context: standin",
      "",
    ].join("\n");
  }

  private handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    const method = req.method ?? "GET";
    const path = new URL(req.url ?? "/", "http://standin").pathname;
    this.requests.push(`${method} ${path}`);
    const reply = (status: number, body: unknown) => {
      res.writeHead(status, { "content-type": "application/json" });
      res.end(JSON.stringify(body));
    };
    if (req.headers.authorization !== `Bearer ${this.token}`) {
      return reply(401, { apiVersion: "v1", kind: "Status", status: "Failure", message: "Unauthorized", reason: "Unauthorized", code: 401 });
    }
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
