import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { startPackBroker } from "./packBroker";

/**
 * Jest's global setup: the run's pack broker, for every worker to find through OKE_PACK_BROKER, and
 * the folder where the files share their program runs (OKE_STACK_RUNS, see helpers/stack.ts).
 */
export default async function globalSetup(): Promise<void> {
  const broker = await startPackBroker();
  process.env.OKE_PACK_BROKER = broker.address;
  process.env.OKE_STACK_RUNS = fs.mkdtempSync(path.join(os.tmpdir(), "oke-stack-runs-"));
  (globalThis as { packBroker?: typeof broker }).packBroker = broker;
}
