import * as net from "net";
import { connectPackSession, PackSource, PolicyPackSession, StartOptions } from "../../offline/analyzer";
import type { BrokerAnswer, BrokerRequest } from "./packBroker";

/**
 * A test file's side of the pack broker (packBroker.ts): startPolicyPack gets the run's shared pack
 * instead of starting one, and each Configure and each plan's run holds the pack while it uses it.
 * The session speaks the same gRPC calls to the same kind of process; only its start is shared.
 */

interface Lease {
  port: number;
  startupMs: number;
  release(): void;
}

function ask(address: string, request: BrokerRequest, signal?: AbortSignal): Promise<{ answer: BrokerAnswer; socket: net.Socket }> {
  const [host, port] = address.split(":");
  return new Promise((resolve, reject) => {
    const socket = net.connect(Number(port), host);
    let buffered = "";
    const abort = () => {
      socket.destroy();
      reject(new Error("policy pack start abandoned: the plan no longer needs it"));
    };
    if (signal?.aborted) return abort();
    signal?.addEventListener("abort", abort, { once: true });
    socket.on("error", (e) => {
      signal?.removeEventListener("abort", abort);
      reject(new Error(`pack broker at ${address}: ${e.message}`));
    });
    socket.on("data", (chunk) => {
      buffered += String(chunk);
      const newline = buffered.indexOf("\n");
      if (newline < 0) return;
      signal?.removeEventListener("abort", abort);
      socket.removeAllListeners("data");
      resolve({ answer: JSON.parse(buffered.slice(0, newline)) as BrokerAnswer, socket });
    });
    socket.write(`${JSON.stringify(request)}\n`);
  });
}

async function lease(address: string, options: StartOptions): Promise<Lease> {
  const { signal, ...sent } = options;
  const { answer, socket } = await ask(address, { options: sent }, signal);
  if ("error" in answer) {
    socket.destroy();
    throw new Error(answer.error);
  }
  if (!("port" in answer)) throw new Error(`pack broker at ${address} answered ${JSON.stringify(answer)}`);
  return { port: answer.port, startupMs: answer.startupMs, release: () => socket.destroy() };
}

async function holding<T>(address: string, options: StartOptions, use: () => Promise<T>): Promise<T> {
  const held = await lease(address, options);
  try {
    return await use();
  } finally {
    held.release();
  }
}

/** startPolicyPack's source for a test file in a run with a broker at `address`. */
export function brokeredPacks(address: string): PackSource {
  return async (options) => {
    const startedAt = Date.now();
    const first = await lease(address, options);
    let session: PolicyPackSession;
    try {
      const shared = { port: first.port, stderr: () => "", stop: async () => undefined };
      session = await connectPackSession(shared, options, startedAt);
    } finally {
      first.release();
    }
    const { signal: _signal, ...kept } = options;
    return {
      ...session,
      configure: (config) => holding(address, kept, () => session.configure(config)),
      run: (records, runOptions) => holding(address, kept, () => session.run(records, runOptions)),
    };
  };
}

/**
 * Has the broker start the pack a later startPolicyPack with the same options will get, beside the
 * others: plans that run one after another in a file need not wait for their packs in turn.
 */
export async function startAhead(options: StartOptions): Promise<void> {
  const address = process.env.OKE_PACK_BROKER;
  if (!address) return;
  const { signal: _signal, ...sent } = options;
  const { socket } = await ask(address, { options: sent, ahead: true });
  socket.destroy();
}
