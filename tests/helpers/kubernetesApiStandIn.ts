import * as fs from "fs";
import * as http from "http";
import * as https from "https";
import { AddressInfo } from "net";
import * as path from "path";

/**
 * What every Kubernetes API stand-in on 127.0.0.1 shares with a real API server: it serves TLS with
 * the fixtures' certificate for 127.0.0.1, which its kubeconfigs name as their CA (the client refuses
 * plain HTTP, rightly), answers 401 without the bearer token, reports failures as Status objects, and
 * records every request. What it serves is its subclass's.
 */

const FIXTURES = path.join(__dirname, "..", "fixtures");
const CERT = fs.readFileSync(path.join(FIXTURES, "kube-standin-cert.pem"));
const KEY = fs.readFileSync(path.join(FIXTURES, "kube-standin-key.pem"));

/** The certificate a kubeconfig names as the stand-in's CA (certificate-authority-data). */
export const STANDIN_CA_DATA = CERT.toString("base64");

/** A failure as an API server reports it. */
export const statusOf = (code: number, reason: string, message: string) => ({
  apiVersion: "v1",
  kind: "Status",
  metadata: {},
  status: "Failure",
  message,
  reason,
  code,
});

export type Reply = (code: number, body: unknown) => void;

export abstract class KubernetesApiStandIn {
  /** `METHOD /path`, with the query string when the stand-in was built to record it. */
  readonly requests: string[] = [];
  url = "";
  private readonly server = https.createServer({ cert: CERT, key: KEY }, (req, res) => this.receive(req, res));

  constructor(
    readonly token: string,
    private readonly recordQuery: boolean,
  ) {}

  async start(): Promise<this> {
    await new Promise<void>((resolve) => this.server.listen(0, "127.0.0.1", resolve));
    this.url = `https://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  stop(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  /** Answers an authenticated request. */
  protected abstract serve(method: string, url: URL, reply: Reply): void;

  private receive(req: http.IncomingMessage, res: http.ServerResponse): void {
    const method = req.method ?? "GET";
    const url = new URL(req.url ?? "/", "http://standin");
    this.requests.push(`${method} ${url.pathname}${this.recordQuery ? url.search : ""}`);
    const reply: Reply = (code, body) => {
      res.writeHead(code, { "content-type": "application/json" });
      res.end(JSON.stringify(body));
    };
    if (req.headers.authorization !== `Bearer ${this.token}`) return reply(401, statusOf(401, "Unauthorized", "Unauthorized"));
    this.serve(method, url, reply);
  }
}
