import { createPublicKey, KeyObject } from "crypto";
import * as http from "http";
import * as https from "https";
import { AddressInfo } from "net";
import { signatureProblem } from "../helpers/ociSignature";
import type { ClusterFixture } from "./clusterFixture";

/**
 * A stand-in for the OCI read APIs oke-inspect calls, on 127.0.0.1, checking what OCI checks first:
 * every request carries a valid OCI signature by the expected key (else OCI's 401 NotAuthenticated).
 * ContainerEngine (20180222): GetCluster, ListNodePools, GetNodePool. Core (20160918): ListVnicAttachments,
 * GetVnic, GetSubnet, ListBootVolumeAttachments, GetBootVolume, GetImage. Lists return JSON arrays one
 * item per page with `opc-next-page`, and 400 MissingParameter without the parameters OCI requires;
 * unknown ids get 404 NotAuthorizedOrNotFound. Anything but GET is recorded and refused (405).
 */

export interface Recorded {
  method: string;
  url: string;
}

/** Items per page: one, so every list the command reads is followed over pages. */
const PAGE_SIZE = 1;

export class OciReadStandIn {
  fixture: ClusterFixture | undefined;
  /** Never answer (a black-holed network path): the command must give up by itself. */
  hang = false;
  readonly requests: Recorded[] = [];
  readonly rejected: string[] = [];
  url = "";
  private readonly publicKey: KeyObject;
  private readonly server: http.Server;

  constructor(
    private readonly keyId: string,
    privateKeyPem: string,
    tls?: { key: string; cert: string },
  ) {
    this.publicKey = createPublicKey(privateKeyPem);
    const handler = (req: http.IncomingMessage, res: http.ServerResponse) => {
      const chunks: Buffer[] = [];
      req.on("data", (c: Buffer) => chunks.push(c));
      req.on("end", () => this.handle(req, Buffer.concat(chunks), res));
    };
    this.server = tls ? https.createServer(tls, handler) : http.createServer(handler);
  }

  async start(): Promise<this> {
    await new Promise<void>((resolve) => this.server.listen(0, "127.0.0.1", resolve));
    this.url = `${this.server instanceof https.Server ? "https" : "http"}://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  stop(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  private send(res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
    const text = JSON.stringify(body);
    res.writeHead(status, { "content-type": "application/json", "opc-request-id": "standin", "content-length": String(Buffer.byteLength(text)), ...headers });
    res.end(text);
  }

  private notFound(res: http.ServerResponse): void {
    this.send(res, 404, { code: "NotAuthorizedOrNotFound", message: "Authorization failed or requested resource not found." });
  }

  /** One page of a list, with the next page's token as OCI sends it. */
  private page(res: http.ServerResponse, items: unknown[], query: URLSearchParams): void {
    const start = Number(query.get("page") ?? "0");
    const next = start + PAGE_SIZE;
    this.send(res, 200, items.slice(start, next), next < items.length ? { "opc-next-page": String(next) } : {});
  }

  private handle(req: http.IncomingMessage, body: Buffer, res: http.ServerResponse): void {
    const method = req.method ?? "";
    const target = req.url ?? "";
    this.requests.push({ method, url: target });
    if (this.hang) return;
    const problem = signatureProblem(method, target, req.headers, body, { keyId: this.keyId, publicKey: this.publicKey });
    if (problem) {
      this.rejected.push(`${method} ${target}: ${problem}`);
      return this.send(res, 401, {
        code: "NotAuthenticated",
        message: `The required information to complete authentication was not provided or was incorrect (${problem}).`,
      });
    }
    if (method !== "GET") return this.send(res, 405, { code: "MethodNotAllowed", message: `${method} is not allowed here.` });
    const f = this.fixture;
    if (!f) return this.notFound(res);
    const url = new URL(target, "http://standin");
    const q = url.searchParams;
    const path = decodeURIComponent(url.pathname);
    const missing = (...names: string[]) => {
      const absent = names.filter((n) => !q.get(n));
      if (absent.length === 0) return false;
      this.send(res, 400, { code: "MissingParameter", message: `Missing required parameter(s): ${absent.join(", ")}.` });
      return true;
    };
    const inCompartment = q.get("compartmentId") === f.pool.compartmentId;
    const byInstance = (id: string | null) => f.nodes.find((n) => n.node.id === id);
    let m: RegExpExecArray | null;

    if ((m = /^\/20180222\/clusters\/([^/]+)$/.exec(path))) return m[1] === f.cluster.id ? this.send(res, 200, f.cluster) : this.notFound(res);
    if (path === "/20180222/nodePools") {
      if (missing("compartmentId")) return;
      const pools = inCompartment && (!q.get("clusterId") || q.get("clusterId") === f.cluster.id) ? [f.pool, ...f.otherPools] : [];
      // NodePoolSummary: the pool without its nodes.
      return this.page(
        res,
        pools.map(({ nodes: _nodes, ...summary }) => summary),
        q,
      );
    }
    if ((m = /^\/20180222\/nodePools\/([^/]+)$/.exec(path))) {
      if (m[1] === f.pool.id) return this.send(res, 200, { ...f.pool, nodes: f.nodes.map((n) => n.node) });
      const other = f.otherPools.find((p) => p.id === m![1]);
      return other ? this.send(res, 200, { ...other, nodes: [] }) : this.notFound(res);
    }
    if (path === "/20160918/vnicAttachments") {
      if (missing("compartmentId")) return;
      const nodes = inCompartment ? f.nodes.filter((n) => !q.get("instanceId") || n.node.id === q.get("instanceId")) : [];
      const attachments = nodes.flatMap((n) =>
        n.vnics.map((v, i) => ({
          id: `ocid1.vnicattachment.oc1.ap-tokyo-1.${v.id.split(".").pop()}`,
          availabilityDomain: n.node.availabilityDomain,
          compartmentId: f.pool.compartmentId,
          displayName: null,
          instanceId: n.node.id,
          lifecycleState: "ATTACHED",
          nicIndex: 0,
          subnetId: v.subnetId,
          vlanTag: i,
          timeCreated: v.timeCreated,
          vnicId: v.id,
        })),
      );
      return this.page(res, attachments, q);
    }
    if ((m = /^\/20160918\/vnics\/([^/]+)$/.exec(path))) {
      const vnic = f.nodes.flatMap((n) => n.vnics).find((v) => v.id === m![1]);
      return vnic ? this.send(res, 200, vnic) : this.notFound(res);
    }
    if ((m = /^\/20160918\/subnets\/([^/]+)$/.exec(path))) {
      const subnet = f.subnets.find((s) => s.id === m![1]);
      return subnet ? this.send(res, 200, subnet) : this.notFound(res);
    }
    if (path === "/20160918/bootVolumeAttachments") {
      if (missing("availabilityDomain", "compartmentId")) return;
      const node = byInstance(q.get("instanceId"));
      const attachments =
        inCompartment && node && node.node.availabilityDomain === q.get("availabilityDomain")
          ? [
              {
                id: `ocid1.instance.bootvolumeattachment.${node.bootVolume.id.split(".").pop()}`,
                availabilityDomain: node.node.availabilityDomain,
                bootVolumeId: node.bootVolume.id,
                compartmentId: f.pool.compartmentId,
                displayName: "Remote boot attachment for instance",
                instanceId: node.node.id,
                lifecycleState: "ATTACHED",
                timeCreated: node.bootVolume.timeCreated,
              },
            ]
          : [];
      return this.page(res, attachments, q);
    }
    if ((m = /^\/20160918\/bootVolumes\/([^/]+)$/.exec(path))) {
      const volume = f.nodes.map((n) => n.bootVolume).find((v) => v.id === m![1]);
      return volume ? this.send(res, 200, volume) : this.notFound(res);
    }
    if ((m = /^\/20160918\/images\/([^/]+)$/.exec(path))) return f.image && m[1] === f.image.id ? this.send(res, 200, f.image) : this.notFound(res);
    return this.notFound(res);
  }
}
