// @ts-check
"use strict";

const { credentialError } = require("../oke-token/errors");

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

/**
 * @template T
 * @param {Promise<T>} promise
 * @param {string} what
 * @returns {Promise<T>}
 */
function bounded(promise, what) {
  /** @type {NodeJS.Timeout | undefined} */
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(credentialError(`oke-bastion: ${what} got no answer within ${REQUEST_TIMEOUT_MS / 1000} s; check the network path to the Bastion API.`)), REQUEST_TIMEOUT_MS);
  });
  return /** @type {Promise<T>} */ (Promise.race([promise, timeout])).finally(() => clearTimeout(timer));
}

/**
 * Turns an SDK failure into one sentence. OciError carries the HTTP status and OCI's error code.
 * @param {unknown} e
 * @param {string} what e.g. "creating a session on bastion ocid1.bastion..."
 * @param {string} endpoint
 */
function apiError(e, what, endpoint) {
  if (e && typeof e === "object" && "exitCode" in e) return e;
  const err = /** @type {{ statusCode?: number, serviceCode?: string, message?: string }} */ (e);
  const detail = String(err?.message ?? e).split("\n")[0].replace(/\.\s*$/, "");
  if (typeof err?.statusCode === "number" && err.statusCode > 0) {
    const status = `${err.statusCode}${err.serviceCode ? ` ${err.serviceCode}` : ""}`;
    if (err.statusCode === 404) {
      return credentialError(`oke-bastion: ${what} failed with ${status}: the bastion or session does not exist in this region, or your user may not use it; check --bastion-id, --region and the IAM policy (manage bastion-session).`);
    }
    if (err.statusCode === 401) {
      return credentialError(`oke-bastion: ${what} failed with ${status}: the API key was not accepted; check the profile's user, fingerprint and key_file.`);
    }
    return credentialError(`oke-bastion: ${what} failed with ${status} (${detail}).`);
  }
  return credentialError(`oke-bastion: ${what} could not reach the Bastion API at ${endpoint} (${detail}).`);
}

/**
 * @param {Credentials} credentials
 * @param {string | undefined} endpoint --endpoint; else the region's Bastion endpoint
 * @param {string} bastionId
 * @returns {SessionApi & { endpoint: string }}
 */
function sessionApi(credentials, endpoint, bastionId) {
  const common = require("oci-common");
  const bastion = require("oci-bastion");
  // oci-common's retrier console.warn()s every failed call ("Request cannot be retried...") before the
  // error reaches us; the command prints its own one sentence instead, so that line is dropped here.
  console.warn = () => undefined;
  const pem = /** @type {string} */ (credentials.privateKey.export({ type: "pkcs8", format: "pem" }));
  const provider = new common.SimpleAuthenticationDetailsProvider(credentials.tenancy, credentials.user, credentials.fingerprint, pem, null);
  // No SDK retries: a create is not idempotent without a token, and a stuck call must end in bounded time.
  const client = new bastion.BastionClient(
    { authenticationDetailsProvider: provider },
    { retryConfiguration: common.NoRetryConfigurationDetails },
  );
  if (endpoint) client.endpoint = endpoint.replace(/\/+$/, "");
  else client.regionId = credentials.region;
  const shown = endpoint ?? client.endpoint;

  /** @param {any} s @returns {SessionView} */
  const view = (s) => ({ id: s.id, lifecycleState: String(s.lifecycleState), lifecycleDetails: s.lifecycleDetails, sshMetadata: s.sshMetadata });

  return {
    endpoint: shown,
    async create(target, publicKey) {
      const what = `creating a session on bastion ${bastionId}`;
      try {
        const response = await bounded(client.createSession({
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
        }), what);
        return view(response.session);
      } catch (e) {
        throw apiError(e, what, shown);
      }
    },
    async get(sessionId) {
      const what = `reading session ${sessionId}`;
      try {
        return view((await bounded(client.getSession({ sessionId }), what)).session);
      } catch (e) {
        throw apiError(e, what, shown);
      }
    },
    async remove(sessionId) {
      const what = `deleting session ${sessionId}`;
      try {
        await bounded(client.deleteSession({ sessionId }), what);
      } catch (e) {
        throw apiError(e, what, shown);
      }
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
    if (current.lifecycleState === "ACTIVE") return current;
    if (current.lifecycleState === "FAILED" || current.lifecycleState === "DELETED" || current.lifecycleState === "DELETING") {
      const why = current.lifecycleDetails ? ` (${String(current.lifecycleDetails).replace(/\.\s*$/, "")})` : "";
      throw credentialError(`oke-bastion: session ${current.id} is ${current.lifecycleState}${why}; check that the target is in the bastion's subnet or reachable from it, and that your address is in the bastion's client allow-list.`);
    }
    const waited = Date.now() - started;
    if (waited >= wait.timeoutSeconds * 1000) {
      throw credentialError(`oke-bastion: session ${current.id} was still ${current.lifecycleState} after ${wait.timeoutSeconds} s; try again, or wait longer with --wait-timeout.`);
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
  return { host: at ? at[1] : `host.bastion.${region}.oci.oraclecloud.com`, port: port ? Number(port[1]) : 22 };
}

module.exports = { sessionApi, waitUntilActive, sessionHost, SESSION_TTL_SECONDS };
