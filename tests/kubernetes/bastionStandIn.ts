import { createPublicKey, KeyObject } from "crypto";
import * as fs from "fs";
import { IncomingMessage, ServerResponse } from "http";
import * as https from "https";
import { AddressInfo } from "net";
import * as path from "path";
import { signatureProblem } from "../helpers/ociSignature";

/**
 * A stand-in for the OCI Bastion API on 127.0.0.1, checking what the real service checks before it
 * answers: every request carries a valid OCI HTTP signature (draft-cavage, rsa-sha256) by the expected
 * key, over x-date, (request-target) and host, plus content-type, content-length and x-content-sha256
 * (which must match the body) on a POST; the CreateSession body has the shape of CreateSessionDetails.
 * Answers use the Session model of oci-bastion (lib/model/session.d.ts) and the service's error shape
 * `{ code, message }`.
 */

export type SessionScenario =
  | { kind: "active-after"; polls: number }
  | { kind: "fails-after"; polls: number; details: string }
  | { kind: "never-active" }
  | { kind: "unknown-bastion" }
  /** Requests with this method are read, checked and never answered (the session is ACTIVE at once). */
  | { kind: "hangs"; on: "POST" | "GET" | "DELETE" }
  /** CreateSession gets this reply instead of a session: what an endpoint that is not the Bastion API may send. */
  | { kind: "answers"; status: number; body: string };

export interface RecordedRequest {
  method: string;
  path: string;
  body?: any;
  /** When it arrived (Date.now()). */
  at: number;
}

interface SessionState {
  id: string;
  polls: number;
  deleted: boolean;
  body: any;
}

const API_VERSION = "/20210331";

/**
 * The stand-ins' fixed self-signed certificate for 127.0.0.1 (tests/fixtures, valid for a century), copied
 * into `dir` as the CA file for NODE_EXTRA_CA_CERTS: making a fresh one cost an RSA key generation per run.
 */
export function selfSignedCertificate(dir: string): { key: string; cert: string; certFile: string } {
  const fixtures = path.join(__dirname, "..", "fixtures");
  const certFile = path.join(dir, "server-cert.pem");
  fs.copyFileSync(path.join(fixtures, "kube-standin-cert.pem"), certFile);
  return { key: fs.readFileSync(path.join(fixtures, "kube-standin-key.pem"), "utf8"), cert: fs.readFileSync(certFile, "utf8"), certFile };
}

export class BastionStandIn {
  readonly requests: RecordedRequest[] = [];
  readonly rejected: string[] = [];
  /** Requests left unanswered (scenario "hangs") whose connection the client closed: it gave up on them. */
  readonly abandoned: string[] = [];
  private readonly sessions = new Map<string, SessionState>();
  private server?: https.Server;
  private counter = 0;
  scenario: SessionScenario = { kind: "active-after", polls: 3 };

  constructor(
    private readonly tls: { key: string; cert: string },
    private readonly keyId: string,
    privateKeyPem: string,
    readonly bastionId: string,
  ) {
    this.publicKey = createPublicKey(privateKeyPem);
  }
  private readonly publicKey: KeyObject;

  get endpoint(): string {
    return `https://127.0.0.1:${(this.server!.address() as AddressInfo).port}`;
  }

  start(): Promise<void> {
    this.server = https.createServer(this.tls, (req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (c: Buffer) => chunks.push(c));
      req.on("end", () => this.handle(req, Buffer.concat(chunks), res));
    });
    return new Promise((resolve) => this.server!.listen(0, "127.0.0.1", () => resolve()));
  }

  stop(): Promise<void> {
    // Unanswered requests of a "hangs" scenario must not hold the close up.
    this.server?.closeAllConnections();
    return new Promise((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  reset(scenario: SessionScenario): void {
    this.scenario = scenario;
    this.requests.length = 0;
    this.rejected.length = 0;
    this.abandoned.length = 0;
    this.sessions.clear();
  }

  /** Sessions created and not deleted. */
  liveSessions(): string[] {
    return [...this.sessions.values()].filter((s) => !s.deleted).map((s) => s.id);
  }

  private send(res: ServerResponse, status: number, body?: unknown): void {
    const text = body === undefined ? "" : JSON.stringify(body);
    res.writeHead(status, { "content-type": "application/json", "opc-request-id": `req-${++this.counter}`, "content-length": Buffer.byteLength(text) });
    res.end(text);
  }

  private error(res: ServerResponse, status: number, code: string, message: string): void {
    this.send(res, status, { code, message });
  }

  private handle(req: IncomingMessage, body: Buffer, res: ServerResponse): void {
    const method = req.method ?? "";
    const url = req.url ?? "";
    const problem = signatureProblem(method, url, req.headers, body, { keyId: this.keyId, publicKey: this.publicKey });
    let parsed: any;
    try {
      parsed = body.length ? JSON.parse(body.toString("utf8")) : undefined;
    } catch {
      parsed = "(not JSON)";
    }
    this.requests.push({ method, path: url, body: parsed, at: Date.now() });
    if (problem) {
      this.rejected.push(`${method} ${url}: ${problem}`);
      return this.error(res, 401, "NotAuthenticated", `The required information to complete authentication was not provided or was incorrect (${problem}).`);
    }
    const sc = this.scenario;
    if (sc.kind === "hangs" && method === sc.on) {
      res.on("close", () => this.abandoned.push(`${method} ${url}`));
      return;
    }
    if (sc.kind === "answers" && method === "POST") {
      res.writeHead(sc.status, { "content-type": "application/json", "opc-request-id": `req-${++this.counter}`, "content-length": Buffer.byteLength(sc.body) });
      res.end(sc.body);
      return;
    }
    if (method === "POST" && url === `${API_VERSION}/sessions`) return this.create(parsed, res);
    const m = new RegExp(`^${API_VERSION}/sessions/([^/?]+)$`).exec(url);
    const session = m ? this.sessions.get(decodeURIComponent(m[1])) : undefined;
    if (!m || !session || session.deleted) return this.error(res, 404, "NotAuthorizedOrNotFound", "Authorization failed or requested resource not found.");
    if (method === "GET") {
      session.polls++;
      return this.send(res, 200, this.view(session));
    }
    if (method === "DELETE") {
      session.deleted = true;
      res.writeHead(204, { "opc-request-id": `req-${++this.counter}` });
      res.end();
      return;
    }
    return this.error(res, 405, "MethodNotAllowed", `${method} is not allowed here.`);
  }

  private create(body: any, res: ServerResponse): void {
    const details = body?.targetResourceDetails;
    const bad =
      typeof body?.bastionId !== "string"
        ? "bastionId is required"
        : details?.sessionType !== "PORT_FORWARDING"
          ? "targetResourceDetails.sessionType must be PORT_FORWARDING here"
          : typeof details.targetResourcePrivateIpAddress !== "string" || !Number.isInteger(details.targetResourcePort)
            ? "a PORT_FORWARDING target needs targetResourcePrivateIpAddress and targetResourcePort"
            : !/^(ssh-rsa|ssh-ed25519|ecdsa-sha2-nistp\d+) [A-Za-z0-9+/=]+/.test(body?.keyDetails?.publicKeyContent ?? "")
              ? "keyDetails.publicKeyContent must be an OpenSSH public key"
              : body.keyType !== undefined && body.keyType !== "PUB"
                ? "keyType must be PUB"
                : body.sessionTtlInSeconds !== undefined && !(body.sessionTtlInSeconds >= 1800 && body.sessionTtlInSeconds <= 10800)
                  ? "sessionTtlInSeconds must be between 1800 and the bastion's maximum, 10800"
                  : undefined;
    if (bad) return this.error(res, 400, "InvalidParameter", bad);
    if (this.scenario.kind === "unknown-bastion" || body.bastionId !== this.bastionId) {
      return this.error(res, 404, "NotAuthorizedOrNotFound", "Authorization failed or requested resource not found.");
    }
    const id = `ocid1.bastionsession.oc1.ap-tokyo-1.standin${++this.counter}`;
    const session = { id, polls: 0, deleted: false, body };
    this.sessions.set(id, session);
    this.send(res, 200, this.view(session));
  }

  private state(s: SessionState): { lifecycleState: string; lifecycleDetails?: string } {
    const sc = this.scenario;
    if (sc.kind === "active-after" && s.polls >= sc.polls) return { lifecycleState: "ACTIVE" };
    // Hanging on GET needs a session still to wait for; on DELETE, one ssh ran through.
    if (sc.kind === "hangs") return { lifecycleState: sc.on === "GET" ? "CREATING" : "ACTIVE" };
    if (sc.kind === "fails-after" && s.polls >= sc.polls) return { lifecycleState: "FAILED", lifecycleDetails: sc.details };
    return { lifecycleState: "CREATING" };
  }

  private view(s: SessionState) {
    const t = s.body.targetResourceDetails;
    const host = "127.0.0.1";
    return {
      id: s.id,
      displayName: s.body.displayName,
      bastionId: s.body.bastionId,
      bastionName: "okebastionquickcluster1dee46d169",
      targetResourceDetails: {
        sessionType: "PORT_FORWARDING",
        targetResourcePrivateIpAddress: t.targetResourcePrivateIpAddress,
        targetResourcePort: t.targetResourcePort,
      },
      sshMetadata: { command: `ssh -i <privateKey> -N -L <localPort>:${t.targetResourcePrivateIpAddress}:${t.targetResourcePort} -p 22 ${s.id}@${host}` },
      keyType: "PUB",
      keyDetails: { publicKeyContent: s.body.keyDetails.publicKeyContent },
      bastionPublicHostKeyInfo: null,
      timeCreated: new Date().toISOString(),
      timeUpdated: new Date().toISOString(),
      sessionTtlInSeconds: s.body.sessionTtlInSeconds ?? 10800,
      ...this.state(s),
    };
  }
}

/**
 * A stand-in `ssh`: records its arguments (and the mode of every key file it is given) as one JSON line
 * in $STANDIN_SSH_LOG, then exits with $STANDIN_SSH_EXIT, or with "wait" stays up until signalled
 * (never longer than 20 s) and records the signal. With "wait" it also listens on the local end of a
 * `-L 127.0.0.1:PORT:...` forward, as ssh does once the forward is set up; "wait-unbound" stays up
 * without listening (a forward that never comes up).
 */
export function writeStandInSsh(dir: string): string {
  const file = path.join(dir, "ssh");
  fs.writeFileSync(
    file,
    `#!${process.execPath}
const fs = require("fs");
const argv = process.argv.slice(2);
const keys = {};
const words = argv.flatMap((a) => a.split(" "));
words.forEach((w, i) => {
  if (w === "-i" && words[i + 1]) {
    const f = words[i + 1].replace(/^'|'$/g, "");
    try { keys[f] = { file: (fs.statSync(f).mode & 0o777).toString(8), dir: (fs.statSync(require("path").dirname(f)).mode & 0o777).toString(8) }; } catch { keys[f] = "missing"; }
  }
});
const log = (entry) => fs.appendFileSync(process.env.STANDIN_SSH_LOG, JSON.stringify(entry) + "\\n");
const mode = process.env.STANDIN_SSH_EXIT || "0";
// Handlers first: a test signals as soon as it sees the arguments logged, and on a busy machine the
// signal could otherwise land before they exist and kill the stand-in unrecorded.
const waits = mode === "wait" || mode === "wait-unbound";
if (waits) {
  for (const s of ["SIGTERM", "SIGINT"]) process.on(s, () => { log({ signal: s }); process.exit(128 + (s === "SIGTERM" ? 15 : 2)); });
}
log({ argv, keys, pid: process.pid });
const forward = argv[argv.indexOf("-L") + 1];
if (mode === "wait" && argv.includes("-L") && forward.startsWith("127.0.0.1:")) {
  require("net").createServer((socket) => socket.destroy()).listen(Number(forward.split(":")[1]), "127.0.0.1");
}
if (waits) {
  setTimeout(() => process.exit(99), 20000);
} else {
  process.exit(Number(mode));
}
`,
    { mode: 0o755 },
  );
  return file;
}
