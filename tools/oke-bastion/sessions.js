// @ts-check
"use strict";

const { credentialError } = require("../oke-token/errors");
const { ocidProblem } = require("../oke-token/ocid");
const { echo } = require("../common/echo");

/**
 * Bastion sessions through the official SDK (oci-bastion), signed by oci-common from the credentials
 * oke-token reads. The SDKs take about half a second to load, so they are required here, lazily.
 */

/** OCI Bastion's longest session, the stack's maxSessionTtlInSeconds: the session is deleted on exit anyway. */
const SESSION_TTL_SECONDS = 3 * 60 * 60;
/** One API call may take this long before the command gives up on it (nothing may hang). */
const REQUEST_TIMEOUT_MS = 30_000;

/**
 * @typedef {import("../oke-token/credentials").Credentials} Credentials
 * @typedef {{ id: string, lifecycleState: string, lifecycleDetails?: string, sshMetadata?: Record<string, string> }} SessionView
 * @typedef {{
 *   create(target: { ip: string, port: number }, publicKey: string): Promise<SessionView>,
 *   get(sessionId: string): Promise<SessionView>,
 *   remove(sessionId: string): Promise<void>,
 *   close(): void,
 * }} SessionApi
 */

/** The longest delay setTimeout keeps (about 24.8 days). */
const MAX_TIMER_MS = 2 ** 31 - 1;

/** A call whose bound was reached: its request is aborted, not left pending. */
class NoAnswer extends Error {}

/**
 * How long one call may take: OKE_BASTION_REQUEST_TIMEOUT_MS (tests shorten it), else 30 s.
 * @param {NodeJS.ProcessEnv} env
 */
function requestTimeoutMs(env) {
  const ms = Number(env.OKE_BASTION_REQUEST_TIMEOUT_MS);
  // setTimeout turns anything above 2^31-1 ms into 1 ms: a huge value must not mean "abort at once".
  return Number.isFinite(ms) && ms > 0 ? Math.min(ms, MAX_TIMER_MS) : REQUEST_TIMEOUT_MS;
}

/** @param {number} ms */
function seconds(ms) {
  return ms >= 1000 ? `${Math.round(ms / 100) / 10} s` : `${ms} ms`;
}

/**
 * A socket or TLS failure, as httpClient below passes it on: the system error's code and message.
 * @param {any} e
 */
function networkFailure(e) {
  const code = e?.code;
  if (typeof code === "string" && /^(E[A-Z]+|UND_ERR_[A-Z_]+|ERR_TLS_[A-Z_]+|ERR_SSL_[A-Z_]+|(?:UNABLE|SELF|DEPTH|CERT)_[A-Z_]+)$/.test(code)) {
    const message = String(e?.message ?? "");
    return message && !message.startsWith(code) ? `${code}: ${message}` : message || code;
  }
  return e?.message === "fetch failed" ? "fetch failed" : undefined;
}

/**
 * Turns an SDK failure into one sentence. OciError carries the HTTP status and OCI's error code; a
 * socket or TLS failure means the API was not reached; anything else came back but was not an answer
 * the Bastion API gives (an `--endpoint` that is not the Bastion API, a proxy's page).
 * @param {unknown} e
 * @param {string} what e.g. "creating a session on bastion ocid1.bastion..."
 * @param {string} endpoint
 * @param {number} timeoutMs
 */
function apiError(e, what, endpoint, timeoutMs) {
  if (e && typeof e === "object" && "exitCode" in e) return e;
  if (e instanceof NoAnswer) {
    return credentialError(
      `oke-bastion: ${what} got no answer within ${seconds(timeoutMs)}, so the request was abandoned; check the network path to the Bastion API at ${echo(endpoint, { quote: false, limit: 200 })}.`,
    );
  }
  const err = /** @type {{ statusCode?: number, serviceCode?: string, message?: string }} */ (e);
  const detail = echo(
    String(err?.message ?? e)
      .split("\n")[0]
      .replace(/\.\s*$/, ""),
    { quote: false, limit: 200 },
  );
  if (typeof err?.statusCode === "number" && err.statusCode > 0) {
    const status = `${err.statusCode}${err.serviceCode && err.serviceCode !== "None" ? ` ${echo(err.serviceCode, { quote: false, limit: 60 })}` : ""}`;
    if (err.statusCode === 404) {
      return credentialError(
        `oke-bastion: ${what} failed with ${status}: the bastion or session does not exist in this region, or your user may not use it; check --bastion-id, --region and the IAM policy (manage bastion-session).`,
      );
    }
    if (err.statusCode === 401) {
      return credentialError(`oke-bastion: ${what} failed with ${status}: the API key was not accepted; check the profile's user, fingerprint and key_file.`);
    }
    return credentialError(`oke-bastion: ${what} failed with ${status} (${detail}).`);
  }
  const network = networkFailure(e);
  if (network) {
    return credentialError(
      `oke-bastion: ${what} could not reach the Bastion API at ${echo(endpoint, { quote: false, limit: 200 })} (${echo(network, { quote: false, limit: 200 })}).`,
    );
  }
  return unexpectedAnswer(what, endpoint, detail);
}

/**
 * @param {string} what
 * @param {string} endpoint
 * @param {string} detail already echoed
 */
function unexpectedAnswer(what, endpoint, detail) {
  return credentialError(
    `oke-bastion: ${what} got an answer the Bastion API does not give from ${echo(endpoint, { quote: false, limit: 200 })} (${detail}); check that --endpoint, if given, is the Bastion API's URL.`,
  );
}

/**
 * The session an answer describes, or one sentence saying the answer was not a session.
 * @param {any} s
 * @param {string} what
 * @param {string} endpoint
 * @returns {SessionView}
 */
function sessionOf(s, what, endpoint) {
  if (!s || typeof s !== "object" || typeof s.id !== "string" || ocidProblem(s.id, "bastionsession") || typeof s.lifecycleState !== "string") {
    const got =
      !s || typeof s !== "object"
        ? "no session"
        : typeof s.id !== "string"
          ? "a session without an id"
          : ocidProblem(s.id, "bastionsession")
            ? `a session id ${echo(s.id)}`
            : "a session without a lifecycleState";
    throw unexpectedAnswer(what, endpoint, `200 with ${got}`);
  }
  return {
    id: s.id,
    lifecycleState: s.lifecycleState,
    lifecycleDetails: typeof s.lifecycleDetails === "string" ? s.lifecycleDetails : undefined,
    sshMetadata: s.sshMetadata && typeof s.sshMetadata === "object" ? s.sshMetadata : undefined,
  };
}

/**
 * @param {Credentials} credentials
 * @param {string | undefined} endpoint --endpoint; else the region's Bastion endpoint
 * @param {string} bastionId
 * @param {NodeJS.ProcessEnv} [env]
 * @returns {SessionApi & { endpoint: string }}
 */
function sessionApi(credentials, endpoint, bastionId, env = {}) {
  const common = require("oci-common");
  const bastion = require("oci-bastion");
  // oci-common's retrier console.warn()s every failed call ("Request cannot be retried...") before the
  // error reaches us; the command prints its own one sentence instead, so that line is dropped here.
  console.warn = () => undefined;
  const timeoutMs = requestTimeoutMs(env);
  const pem = /** @type {string} */ (credentials.privateKey.export({ type: "pkcs8", format: "pem" }));
  const provider = new common.SimpleAuthenticationDetailsProvider(credentials.tenancy, credentials.user, credentials.fingerprint, pem, null);
  // Every call gets its own AbortSignal: the SDK's FetchHttpClient hands httpOptions to fetch, so the
  // call's bound aborts the request itself (its socket closed, nothing left pending to keep the
  // process alive). oci-common still signs it. No circuit breaker (it is for long-lived services and
  // would hold the call past its bound), no retries (a create is not idempotent without a token).
  const signer = new common.DefaultRequestSigner(provider);
  /** @type {AbortSignal | undefined} */
  let signal;
  /** @type {import("oci-common").HttpClient} */
  const httpClient = {
    send: async (request, ...rest) => {
      try {
        return await new common.FetchHttpClient(signer, null, { signal }).send(request, ...rest);
      } catch (e) {
        // The SDK's retrier keeps only an error's code and message: fetch's "fetch failed" would lose
        // the system error (ECONNREFUSED, a certificate problem) that says why.
        const cause = /** @type {any} */ (e)?.cause;
        if (cause?.code) throw Object.assign(new Error(String(cause.message ?? cause.code)), { code: cause.code });
        throw e;
      }
    },
  };
  const client = new bastion.BastionClient(
    { httpClient },
    { retryConfiguration: common.NoRetryConfigurationDetails, circuitBreaker: new common.CircuitBreaker({ disableClientCircuitBreaker: true }) },
  );
  if (endpoint) client.endpoint = endpoint.replace(/\/+$/, "");
  else client.regionId = credentials.region;
  const shown = endpoint ?? client.endpoint;

  /**
   * Runs one SDK call under its own deadline; at the deadline the request is aborted.
   * @template T
   * @param {() => Promise<T>} call
   * @param {string} what
   * @returns {Promise<T>}
   */
  async function bounded(call, what) {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(new NoAnswer(what)), timeoutMs);
    signal = controller.signal;
    try {
      return await call();
    } catch (e) {
      throw apiError(controller.signal.aborted ? new NoAnswer(what) : e, what, shown, timeoutMs);
    } finally {
      clearTimeout(timer);
      signal = undefined;
    }
  }

  return {
    endpoint: shown,
    async create(target, publicKey) {
      const what = `creating a session on bastion ${bastionId}`;
      const response = await bounded(
        () =>
          client.createSession({
            createSessionDetails: {
              displayName: `oke-bastion-${target.ip}-${target.port}`,
              bastionId,
              targetResourceDetails: {
                sessionType: "PORT_FORWARDING",
                targetResourcePrivateIpAddress: target.ip,
                targetResourcePort: target.port,
              },
              keyType: bastion.models.CreateSessionDetails.KeyType.Pub,
              keyDetails: { publicKeyContent: publicKey },
              sessionTtlInSeconds: SESSION_TTL_SECONDS,
            },
          }),
        what,
      );
      return sessionOf(response?.session, what, shown);
    },
    async get(sessionId) {
      const what = `reading session ${sessionId}`;
      const response = await bounded(() => client.getSession({ sessionId }), what);
      return sessionOf(response?.session, what, shown);
    },
    async remove(sessionId) {
      await bounded(() => client.deleteSession({ sessionId }), `deleting session ${sessionId}`);
    },
    close() {
      client.close();
    },
  };
}

/**
 * Polls until the session is ACTIVE. FAILED, DELETED or the deadline end it with one sentence.
 * @param {SessionApi} api
 * @param {SessionView} session
 * @param {{ timeoutSeconds: number, pollMs: number, aborted: () => boolean }} wait
 */
async function waitUntilActive(api, session, wait) {
  const started = Date.now();
  let current = session;
  for (;;) {
    const state = echo(current.lifecycleState, { quote: false, limit: 40 });
    if (current.lifecycleState === "ACTIVE") return current;
    if (current.lifecycleState === "FAILED" || current.lifecycleState === "DELETED" || current.lifecycleState === "DELETING") {
      const why = current.lifecycleDetails ? ` (${echo(String(current.lifecycleDetails).replace(/\.\s*$/, ""), { quote: false, limit: 200 })})` : "";
      throw credentialError(
        `oke-bastion: session ${current.id} is ${state}${why}; check that the target is in the bastion's subnet or reachable from it, and that your address is in the bastion's client allow-list.`,
      );
    }
    const waited = Date.now() - started;
    if (waited >= wait.timeoutSeconds * 1000) {
      throw credentialError(
        `oke-bastion: session ${current.id} was still ${state} after ${wait.timeoutSeconds} s; try again, or wait longer with --wait-timeout.`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, Math.min(wait.pollMs, wait.timeoutSeconds * 1000 - waited)));
    if (wait.aborted()) return current;
    current = await api.get(current.id);
  }
}

/**
 * Where ssh connects for a PORT_FORWARDING session: OCI's sshMetadata.command reads
 * `ssh -i <privateKey> -N -L <localPort>:<ip>:<port> -p 22 <session id>@host.bastion.<region>.oci.oraclecloud.com`;
 * the host and port are taken from it, so other realms work, else the commercial realm's name.
 * @param {SessionView} session
 * @param {string} region
 */
function sessionHost(session, region) {
  const command = session.sshMetadata?.command ?? "";
  const at = new RegExp(`(?:^|\\s)${session.id.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}@([A-Za-z0-9.-]+)`).exec(command);
  const port = /\s-p\s+(\d+)/.exec(command);
  const n = port ? Number(port[1]) : 22;
  return { host: at ? at[1] : `host.bastion.${region}.oci.oraclecloud.com`, port: n >= 1 && n <= 65535 ? n : 22 };
}

module.exports = { sessionApi, waitUntilActive, sessionHost, SESSION_TTL_SECONDS, REQUEST_TIMEOUT_MS };
