import * as fs from "fs";
import type { PackBroker } from "./packBroker";

/** Jest's global teardown: stops the broker's packs, so no process outlives the run, and drops the shared runs. */
export default async function globalTeardown(): Promise<void> {
  await (globalThis as { packBroker?: PackBroker }).packBroker?.close();
  if (process.env.OKE_STACK_RUNS) fs.rmSync(process.env.OKE_STACK_RUNS, { recursive: true, force: true });
}
