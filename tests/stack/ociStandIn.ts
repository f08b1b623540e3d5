import * as http from "http";
import { AddressInfo } from "net";
import { ExpectedSigner, signatureProblem } from "../helpers/ociSignature";

/**
 * One local server standing in for the OCI APIs the destroy hooks call: Load Balancing (20170115),
 * Network Load Balancer (20200501), Block Volume and Virtual Network in Core (20160918). Every request
 * must carry a valid OCI signature by the test's key, or it gets OCI's 401. Shapes follow the APIs:
 * list LBs and volumes return arrays, list NLBs a collection; deletes answer 204 with a work request.
 */

export interface StandInLoadBalancer {
  id: string;
  displayName: string;
  subnetIds: string[];
  freeformTags: Record<string, string>;
  lifecycleState: string;
  /** List calls a deletion takes to finish once started. */
  deletePolls?: number;
}

export interface StandInNetworkLoadBalancer {
  id: string;
  displayName: string;
  subnetId: string;
  freeformTags: Record<string, string>;
  lifecycleState: string;
  deletePolls?: number;
}

export interface StandInVolume {
  id: string;
  displayName: string;
  sizeInGBs: number;
  sizeInMBs: number;
  freeformTags: Record<string, string>;
  lifecycleState: string;
}

export interface SubnetDeleteAnswer {
  status: number;
  code?: string;
  message?: string;
}

function send(res: http.ServerResponse, status: number, body?: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { "content-type": "application/json", "opc-request-id": "standin", ...headers });
  res.end(body === undefined ? undefined : JSON.stringify(body));
}

type Deletable = { id: string; lifecycleState: string; deletePolls?: number };

export class OciStandIn {
  loadBalancers: StandInLoadBalancer[] = [];
  networkLoadBalancers: StandInNetworkLoadBalancer[] = [];
  volumes: StandInVolume[] = [];
  /** Answers to successive subnet deletes; 204 once they run out. */
  subnetDeletes: SubnetDeleteAnswer[] = [];
  /** `METHOD path` of every request, signed or not. */
  readonly requests: string[] = [];
  readonly rejected: string[] = [];
  url = "";
  private readonly pollsLeft = new Map<string, number>();
  private readonly server = http.createServer((req, res) => this.handle(req, res));

  constructor(
    private readonly signer: ExpectedSigner,
    private readonly compartmentId: string,
  ) {}

  async start(): Promise<this> {
    await new Promise<void>((resolve) => this.server.listen(0, "127.0.0.1", resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  /** What the cloud controller does when a Service goes: delete its load balancer, taking `polls` list calls. */
  startDeleting(id: string, polls: number): void {
    const target: Deletable | undefined = [...this.loadBalancers, ...this.networkLoadBalancers].find((lb) => lb.id === id);
    if (target) target.lifecycleState = "DELETING";
    this.pollsLeft.set(id, polls);
  }

  private tick<T extends Deletable>(items: T[]): T[] {
    for (const item of items.filter((i) => i.lifecycleState === "DELETING")) {
      const left = (this.pollsLeft.get(item.id) ?? 1) - 1;
      this.pollsLeft.set(item.id, left);
      if (left <= 0) item.lifecycleState = "DELETED";
    }
    return items;
  }

  private handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const method = req.method ?? "GET";
      const target = req.url ?? "/";
      this.requests.push(`${method} ${target.split("?")[0]}`);
      const problem = signatureProblem(method, target, req.headers, Buffer.concat(chunks), this.signer);
      if (problem) {
        this.rejected.push(`${method} ${target}: ${problem}`);
        return send(res, 401, { code: "NotAuthenticated", message: "The required information to complete authentication was not provided or was incorrect." });
      }
      const url = new URL(target, "http://standin");
      const compartment = url.searchParams.get("compartmentId");
      if (compartment !== null && compartment !== this.compartmentId) {
        return send(res, 404, { code: "NotAuthorizedOrNotFound", message: `compartment ${compartment} not found` });
      }
      let m: RegExpMatchArray | null;
      if (method === "GET" && url.pathname === "/20170115/loadBalancers") return send(res, 200, this.tick(this.loadBalancers));
      if (method === "GET" && url.pathname === "/20200501/networkLoadBalancers") return send(res, 200, { items: this.tick(this.networkLoadBalancers) });
      if (method === "GET" && url.pathname === "/20160918/volumes") return send(res, 200, this.volumes);
      if (method === "DELETE" && (m = url.pathname.match(/^\/(20170115\/loadBalancers|20200501\/networkLoadBalancers)\/([^/]+)$/))) {
        const id = decodeURIComponent(m[2]);
        const list: Deletable[] = m[1].startsWith("20170115") ? this.loadBalancers : this.networkLoadBalancers;
        const lb = list.find((x) => x.id === id);
        if (!lb) return send(res, 404, { code: "NotAuthorizedOrNotFound", message: `${id} not found` });
        this.startDeleting(id, lb.deletePolls ?? 1);
        return send(res, 204, undefined, { "opc-work-request-id": `ocid1.loadbalancerworkrequest.oc1..${id.slice(-6)}` });
      }
      if (method === "DELETE" && /^\/20160918\/subnets\/[^/]+$/.test(url.pathname)) {
        const answer = this.subnetDeletes.shift() ?? { status: 204 };
        return send(res, answer.status, answer.status === 204 ? undefined : { code: answer.code, message: answer.message });
      }
      send(res, 404, { code: "NotAuthorizedOrNotFound", message: `${method} ${url.pathname} is not served by the stand-in` });
    });
  }
}
