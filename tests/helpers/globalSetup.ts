import { startPackBroker } from "./packBroker";

/** Jest's global setup: the run's pack broker, for every worker to find through OKE_PACK_BROKER. */
export default async function globalSetup(): Promise<void> {
  const broker = await startPackBroker();
  process.env.OKE_PACK_BROKER = broker.address;
  (globalThis as { packBroker?: typeof broker }).packBroker = broker;
}
