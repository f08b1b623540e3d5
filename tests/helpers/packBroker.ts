import * as net from "net";
import { DEFAULT_PACK_DIR, packKey, StartOptions } from "../../offline/analyzer";
import { PackProcess, startPackProcess } from "../../offline/analyzer/process";

/**
 * One policy-pack process per distinct pack for a whole test run, shared by every test file and
 * worker: started once by Jest's global setup (tests/helpers/globalSetup.ts), handed out by port, and
 * stopped by its global teardown.
 *
 * A pack keeps the config of its last Configure, so a plan's calls (Configure, ConfigureStack,
 * Analyze..., AnalyzeStack) must not interleave with another plan's: a file asks for a pack by
 * opening a connection and writing one line, the pack's StartOptions as JSON; the broker answers one
 * line, `{"port", "startupMs"}` (or `{"error"}`), once the pack is up and no other connection holds
 * it, and the file holds it until it closes the connection. `{"ahead": true}` in the request only
 * starts the pack and answers at once, for files that know which packs their plans will want.
 */
export interface PackBroker {
  /** host:port, for the workers (OKE_PACK_BROKER). */
  address: string;
  close(): Promise<void>;
}

export interface BrokerRequest {
  options: StartOptions;
  ahead?: boolean;
}

export type BrokerAnswer = { port: number; startupMs: number } | { error: string } | { starting: true };

interface Pack {
  started: Promise<{ process: PackProcess; startupMs: number }>;
  /** Settles when the last connection that asked for the pack lets it go. */
  free: Promise<void>;
}

export async function startPackBroker(): Promise<PackBroker> {
  const packs = new Map<string, Pack>();
  const sockets = new Set<net.Socket>();

  function packFor(options: StartOptions): Pack {
    const key = packKey(options);
    let pack = packs.get(key);
    if (!pack) {
      const startedAt = Date.now();
      const started = startPackProcess({ ...options, packDir: options.packDir ?? DEFAULT_PACK_DIR, signal: undefined }).then((process) => ({
        process,
        startupMs: Date.now() - startedAt,
      }));
      const created: Pack = { started, free: Promise.resolve() };
      // A pack that failed to start is not kept: the next request starts (and reports) its own.
      started.catch(() => packs.get(key) === created && packs.delete(key));
      packs.set(key, created);
      pack = created;
    }
    return pack;
  }

  function serve(socket: net.Socket, request: BrokerRequest) {
    const pack = packFor(request.options);
    if (request.ahead) {
      socket.end(`${JSON.stringify({ starting: true } satisfies BrokerAnswer)}\n`);
      return;
    }
    const released = new Promise<void>((resolve) => socket.once("close", () => resolve()));
    const turn = pack.free.then(() => pack.started);
    pack.free = turn.then(
      () => released,
      () => undefined,
    );
    turn.then(
      ({ process, startupMs }) => !socket.destroyed && socket.write(`${JSON.stringify({ port: process.port, startupMs } satisfies BrokerAnswer)}\n`),
      (e: Error) => socket.end(`${JSON.stringify({ error: e.message } satisfies BrokerAnswer)}\n`),
    );
  }

  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.once("close", () => sockets.delete(socket));
    socket.on("error", () => socket.destroy());
    let buffered = "";
    const onData = (chunk: Buffer) => {
      buffered += String(chunk);
      const newline = buffered.indexOf("\n");
      if (newline < 0) return;
      socket.off("data", onData);
      try {
        serve(socket, JSON.parse(buffered.slice(0, newline)) as BrokerRequest);
      } catch (e) {
        socket.end(`${JSON.stringify({ error: `pack broker: ${(e as Error).message}` } satisfies BrokerAnswer)}\n`);
      }
    };
    socket.on("data", onData);
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const { port } = server.address() as net.AddressInfo;

  return {
    address: `127.0.0.1:${port}`,
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      const started = await Promise.all([...packs.values()].map((p) => p.started.catch(() => undefined)));
      packs.clear();
      await Promise.all(started.map((s) => s?.process.stop()));
    },
  };
}
