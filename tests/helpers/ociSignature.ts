import * as crypto from "crypto";
import type { IncomingHttpHeaders } from "http";

/**
 * Checks an OCI request signature the way OCI's API gateway does (draft-cavage HTTP signatures,
 * docs.oracle.com/iaas/Content/API/Concepts/signingrequests.htm): `Signature version="1"`, keyId
 * `<tenancy>/<user>/<fingerprint>`, rsa-sha256 over `date` (or `x-date`), `(request-target)` and
 * `host`, plus `x-content-sha256`, `content-type` and `content-length` for requests with a body;
 * the body's hash and length must match, and the date must be within 5 minutes.
 */

export interface ExpectedSigner {
  keyId: string;
  publicKey: crypto.KeyObject;
}

const MAX_SKEW_MS = 5 * 60_000;
const BODY_METHODS = new Set(["POST", "PUT", "PATCH"]);

function parseAuthorization(header: string): Record<string, string> | undefined {
  if (!header.startsWith("Signature ")) return undefined;
  const params: Record<string, string> = {};
  for (const match of header.slice("Signature ".length).matchAll(/(\w+)="([^"]*)"/g)) params[match[1]] = match[2];
  return params;
}

/** Undefined when the request is signed by `signer` as OCI requires; otherwise why not. */
export function signatureProblem(
  method: string,
  path: string,
  headers: IncomingHttpHeaders,
  body: Buffer,
  signer: ExpectedSigner,
  now = Date.now(),
): string | undefined {
  const auth = parseAuthorization(String(headers.authorization ?? ""));
  if (!auth) return "no Signature authorization header";
  if (auth.version !== "1") return `version ${auth.version}`;
  if (auth.algorithm !== "rsa-sha256") return `algorithm ${auth.algorithm}`;
  if (auth.keyId !== signer.keyId) return `keyId ${auth.keyId}`;
  const signed = (auth.headers ?? "").split(" ").map((h) => h.toLowerCase());
  const dateHeader = signed.includes("x-date") ? "x-date" : "date";
  const required = [dateHeader, "(request-target)", "host", ...(BODY_METHODS.has(method) ? ["x-content-sha256", "content-type", "content-length"] : [])];
  const missing = required.filter((h) => !signed.includes(h));
  if (missing.length > 0) return `unsigned headers ${missing.join(", ")}`;
  const date = Date.parse(String(headers[dateHeader]));
  if (!Number.isFinite(date) || Math.abs(now - date) > MAX_SKEW_MS) return `date ${headers[dateHeader]}`;
  if (BODY_METHODS.has(method)) {
    const sha = crypto.createHash("sha256").update(body).digest("base64");
    if (headers["x-content-sha256"] !== sha) return "x-content-sha256 does not match the body";
    if (Number(headers["content-length"]) !== body.length) return "content-length does not match the body";
  }
  const signingString = signed
    .map((h) => (h === "(request-target)" ? `(request-target): ${method.toLowerCase()} ${path}` : `${h}: ${headers[h] ?? ""}`))
    .join("\n");
  const ok = crypto.verify("RSA-SHA256", Buffer.from(signingString), signer.publicKey, Buffer.from(auth.signature ?? "", "base64"));
  return ok ? undefined : "the signature does not verify with the API key's public key";
}
