// @ts-check
"use strict";

const net = require("net");
const os = require("os");
const { spawn } = require("child_process");
const { parseArgs, parseTarget, USAGE } = require("./args");
const { resolveCredentials } = require("../oke-token/credentials");
const { ExitCode, OkeTokenError, usageError } = require("../oke-token/errors");
const { sessionKey } = require("./keys");
const { sessionApi, waitUntilActive, sessionHost } = require("./sessions");
const { findSsh, sshThroughSession, tunnelThroughSession } = require("./ssh");
const { stackOutput } = require("./stackOutput");
const { apiEndpoint, tunnelKubeconfig } = require("./kubeconfig");
const { ocidProblem } = require("../oke-token/ocid");
const { echo, echoPath, escapeControls, redact } = require("../common/echo");
const { readInputText, InputFileError, SIZE_LIMITS } = require("../common/inputFile");

const HELP = `${USAGE}

Opens an OCI Bastion PORT_FORWARDING session, waits until it is ACTIVE, and runs the system ssh
through it: \`ssh\` logs in to a node (as \`ssh <user>@<node IP>\` would from inside the VCN), \`tunnel\`
forwards a local port and prints a kubeconfig for it. The session is deleted when ssh ends, and on
Ctrl-C. Credentials as oke-token reads them (~/.oci/config profile, OCI_CLI_* variables).
--bastion-id defaults to the stack output bastionId when the pulumi CLI is on PATH.
OKE_BASTION_POLL_MS sets how often the session state is read (default 3000),
OKE_BASTION_REQUEST_TIMEOUT_MS how long one API call may take (default 30000).
Exit status: ssh's own status; 1 credentials, Bastion API or session failure; 2 wrong command line;
130 interrupted.
`;

const DEFAULT_POLL_MS = 3000;
/** ssh gets this long to go after SIGTERM before SIGKILL, so cleanup never hangs on it. */
const CHILD_GRACE_MS = 5000;
const SIGNAL_EXIT = /** @type {const} */ ({ SIGINT: 130, SIGTERM: 143, SIGHUP: 129 });

/** @param {string} line */
function say(line) {
  process.stderr.write(`oke-bastion: ${line}\n`);
}

/**
 * @param {import("./args").SshArgs | import("./args").TunnelArgs} args
 * @param {NodeJS.ProcessEnv} env
 */
function bastionIdOf(args, env) {
  const id = args.bastionId ?? stackOutput("bastionId", env, { flag: "--bastion-id ocid1.bastion.oc1.<region>.<id>" });
  if (!id) {
    throw usageError(
      "oke-bastion: --bastion-id is required: the pulumi CLI is not on PATH to read the stack output bastionId; pass --bastion-id ocid1.bastion.oc1.<region>.<id> (from `pulumi stack output bastionId`).",
    );
  }
  const problem = ocidProblem(id, "bastion");
  if (problem) {
    throw usageError(
      `oke-bastion: ${args.bastionId === undefined ? "the stack output bastionId" : "--bastion-id"} ${echo(id)} ${problem}; pass the bastion's id, such as ocid1.bastion.oc1.<region>.<id> (\`pulumi stack output bastionId\`).`,
    );
  }
  return id;
}

/**
 * Where the tunnel goes, and the kubeconfig it can start from.
 * @param {import("./args").TunnelArgs} args
 * @param {NodeJS.ProcessEnv} env
 */
function tunnelTarget(args, env) {
  /** @type {{ text: string, source: string } | undefined} */
  let base;
  if (args.kubeconfig) {
    try {
      const text = readInputText(args.kubeconfig, {
        what: "oke-bastion: --kubeconfig",
        maxBytes: SIZE_LIMITS.kubeconfig,
        fix: "write it with `pulumi stack output kubeconfig --show-secrets > FILE`",
      });
      base = { text, source: `--kubeconfig ${echoPath(args.kubeconfig)}` };
    } catch (e) {
      if (e instanceof InputFileError) throw usageError(e.message);
      throw e;
    }
  }
  if (args.to !== "api") return { target: parseTarget(args.to), base };
  if (!base) {
    const text = stackOutput("kubeconfig", env, { secret: true, flag: "--kubeconfig FILE or --to <private endpoint IP>:6443" });
    if (!text) {
      throw usageError(
        "oke-bastion: --to api reads the private endpoint from the cluster's kubeconfig, and the pulumi CLI is not on PATH; pass --kubeconfig FILE (from `pulumi stack output kubeconfig --show-secrets`) or --to <private endpoint IP>:6443.",
      );
    }
    base = { text, source: "the stack output kubeconfig" };
  }
  return { target: apiEndpoint(base.text, base.source), base };
}

/**
 * Checks that the tunnel's local port can be listened on before a session is opened for it: a port
 * in use (or below 1024 without root) would only make ssh fail after the wait for ACTIVE.
 * @param {number} port
 * @returns {Promise<void>}
 */
function localPortFree(port) {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", (/** @type {NodeJS.ErrnoException} */ e) => {
      const why =
        e.code === "EADDRINUSE"
          ? "is already in use"
          : e.code === "EACCES"
            ? "needs root (ports below 1024 are privileged)"
            : `cannot be listened on (${e.code ?? e.message})`;
      reject(usageError(`oke-bastion: local port 127.0.0.1:${port} ${why}; pass --local-port with a free port from 1024 to 65535.`));
    });
    server.listen(port, "127.0.0.1", () => server.close(() => resolve()));
  });
}

/** @param {number} ms */
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Whether something accepts connections on 127.0.0.1:port (bounded: a probe never hangs).
 * @param {number} port
 * @returns {Promise<boolean>}
 */
function accepts(port) {
  return new Promise((resolve) => {
    const socket = net.connect({ port, host: "127.0.0.1" });
    const done = (/** @type {boolean} */ ok) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(1000, () => done(false));
    socket.once("connect", () => done(true));
    socket.once("error", () => done(false));
  });
}

/**
 * Waits until ssh's forward listens on the local port, ssh ends, or `timeoutMs` passes.
 * @param {() => boolean} exited whether ssh has exited or could not be started
 * @param {number} port
 * @param {number} timeoutMs
 * @returns {Promise<"listening" | "exited" | "timeout">}
 */
async function forwardListening(exited, port, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (exited()) return "exited";
    if (await accepts(port)) return exited() ? "exited" : "listening";
    if (Date.now() >= deadline) return "timeout";
    await sleep(100);
  }
}

/**
 * @param {import("./args").SshArgs | import("./args").TunnelArgs} args
 * @param {NodeJS.ProcessEnv} env
 * @returns {Promise<number>}
 */
async function connect(args, env) {
  const ssh = findSsh(env);
  const bastionId = bastionIdOf(args, env);
  const tunnel = args.command === "tunnel" ? tunnelTarget(args, env) : undefined;
  const target = args.command === "ssh" ? { ip: args.node, port: 22 } : /** @type {NonNullable<typeof tunnel>} */ (tunnel).target;
  const credentials = resolveCredentials({ region: args.region, profile: args.profile, configFile: args.configFile, program: "oke-bastion" }, env);
  // Capped at the longest wait there is, so a huge value never overflows setTimeout into a 1 ms poll.
  const pollMs = Number(env.OKE_BASTION_POLL_MS) > 0 ? Math.min(Number(env.OKE_BASTION_POLL_MS), args.waitTimeoutSeconds * 1000) : DEFAULT_POLL_MS;
  const localPort = args.command === "tunnel" ? (args.localPort ?? target.port) : undefined;
  if (localPort !== undefined) await localPortFree(localPort);

  // A throwaway key is generated off the main thread while the SDK loads below: the two overlap.
  const keyReady = sessionKey(args.command === "ssh" ? args.identity : undefined);
  /** @type {import("./keys").SessionKey | undefined} */
  let key;
  /** @type {import("./sessions").SessionApi | undefined} */
  let api;
  /** @type {string | undefined} */
  let sessionId;
  /** @type {import("child_process").ChildProcess | undefined} */
  let child;
  /** @type {keyof typeof SIGNAL_EXIT | undefined} */
  let interrupted;
  /** @param {keyof typeof SIGNAL_EXIT} signal */
  const onSignal = (signal) => {
    interrupted ??= signal;
    if (child && child.exitCode === null && child.signalCode === null) {
      child.kill("SIGTERM");
      setTimeout(() => child?.kill("SIGKILL"), CHILD_GRACE_MS).unref();
    }
  };
  const handlers = /** @type {const} */ (["SIGINT", "SIGTERM", "SIGHUP"]).map((s) => /** @type {const} */ ([s, () => onSignal(s)]));
  for (const [s, h] of handlers) process.on(s, h);

  try {
    api = sessionApi(credentials, args.endpoint, bastionId, env);
    key = await keyReady;
    if (interrupted) return SIGNAL_EXIT[interrupted];
    const created = await api.create(target, key.publicKey);
    sessionId = created.id;
    if (interrupted) return SIGNAL_EXIT[interrupted];
    say(`session ${sessionId} to ${target.ip}:${target.port} created; waiting until it is ACTIVE (at most ${args.waitTimeoutSeconds} s).`);
    const active = await waitUntilActive(api, created, { timeoutSeconds: args.waitTimeoutSeconds, pollMs, aborted: () => !!interrupted });
    if (interrupted) return SIGNAL_EXIT[interrupted];
    const { host, port } = sessionHost(active, credentials.region);
    const session = { sessionId: created.id, host, port, keyFile: key.privateKeyFile };

    let argv;
    if (args.command === "ssh") {
      argv = sshThroughSession({ ...session, node: args.node, user: args.user, identity: args.identity });
      child = spawn(ssh, argv, { stdio: "inherit", env });
    } else {
      argv = tunnelThroughSession({ ...session, localPort: /** @type {number} */ (localPort), target });
      // stdout carries only the kubeconfig; whatever ssh prints goes to stderr.
      child = spawn(ssh, argv, { stdio: ["ignore", 2, 2], env });
    }
    const running = child;
    let ended = false;
    let unstartable = false;
    /** @type {Promise<number>} */
    const exit = new Promise((resolve) => {
      running.on("error", (e) => {
        ended = true;
        unstartable = true;
        say(`could not run ${echoPath(ssh)} (${escapeControls(e.message)}).`);
        resolve(ExitCode.CREDENTIALS);
      });
      running.on("exit", (status, signal) => {
        ended = true;
        resolve(status ?? (signal ? 128 + (os.constants.signals[signal] ?? 0) : 1));
      });
    });
    if (args.command === "tunnel" && localPort !== undefined) {
      // The kubeconfig is printed only once the forward listens: a config pointing at a port nobody
      // listens on (ssh could not bind it, or never got through) would fail later and elsewhere.
      const state = await forwardListening(() => ended, localPort, args.waitTimeoutSeconds * 1000);
      if (interrupted) {
        await exit;
        return SIGNAL_EXIT[interrupted];
      }
      if (state !== "listening") {
        if (state === "timeout") {
          running.kill("SIGTERM");
          setTimeout(() => running.kill("SIGKILL"), CHILD_GRACE_MS).unref();
        }
        const code = await exit;
        const why =
          state === "timeout"
            ? `ssh's forward on 127.0.0.1:${localPort} was not listening after ${args.waitTimeoutSeconds} s, so no kubeconfig was printed; check that your address is in the bastion's client allow-list, or wait longer with --wait-timeout.`
            : `ssh exited (status ${code}) before its forward on 127.0.0.1:${localPort} was listening, so no kubeconfig was printed; ssh's own message above says why.`;
        // An ssh that could not be started has said so in its own sentence.
        if (!unstartable) say(why);
        return state === "timeout" ? ExitCode.CREDENTIALS : code;
      }
      process.stdout.write(tunnelKubeconfig(target, localPort, tunnel?.base));
      say(`forwarding 127.0.0.1:${localPort} to ${target.ip}:${target.port} through session ${sessionId}; Ctrl-C closes the tunnel and deletes the session.`);
    }
    const code = await exit;
    return interrupted ? SIGNAL_EXIT[interrupted] : code;
  } finally {
    // The handlers stay until the session is gone: a second Ctrl-C must not kill the cleanup.
    if (api && sessionId) {
      try {
        await api.remove(sessionId);
        say(`session ${sessionId} deleted.`);
      } catch (e) {
        say(
          `${escapeControls(String(/** @type {Error} */ (e).message))
            .replace(/^oke-bastion: /, "")
            .replace(/\.$/, "")}; the session ends by itself after its time to live, or delete it in the console.`,
        );
      }
    }
    api?.close();
    (key ?? (await keyReady.catch(() => undefined)))?.dispose();
    for (const [s, h] of handlers) process.off(s, h);
  }
}

/**
 * @param {readonly string[]} argv
 * @param {NodeJS.ProcessEnv} env
 * @returns {Promise<number>}
 */
async function run(argv, env) {
  try {
    const args = parseArgs(argv, env.HOME || os.homedir());
    if (args.command === "help") {
      process.stdout.write(HELP);
      return ExitCode.OK;
    }
    return await connect(args, env);
  } catch (e) {
    if (e instanceof OkeTokenError) {
      process.stderr.write(`${e.message}\n`);
      return e.exitCode;
    }
    throw e;
  }
}

/** Entry point for bin/oke-bastion.js. */
function main() {
  run(process.argv.slice(2), process.env).then(
    (code) => {
      process.exitCode = code;
    },
    (e) => {
      // One line, whatever happened: no stack trace, no key or passphrase, no raw control characters.
      const env = process.env;
      const detail = redact(String(e?.message ?? e), [env.OCI_CLI_PASSPHRASE ?? "", env.OCI_CLI_KEY_CONTENT ?? ""]);
      process.stderr.write(`oke-bastion: unexpected failure (${escapeControls(detail.split("\n")[0]).slice(0, 200).replace(/\.$/, "")}).\n`);
      process.exitCode = ExitCode.CREDENTIALS;
    },
  );
}

module.exports = { run, main };
