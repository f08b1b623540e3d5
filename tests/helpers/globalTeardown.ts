import type { PackBroker } from "./packBroker";

/** Jest's global teardown: stops the broker's packs, so no process outlives the run. */
export default async function globalTeardown(): Promise<void> {
  await (globalThis as { packBroker?: PackBroker }).packBroker?.close();
}
