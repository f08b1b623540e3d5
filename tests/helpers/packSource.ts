import { setPackSource } from "../../offline/analyzer";
import { brokeredPacks } from "./brokeredPacks";

// Each test file's setup: in a run with a pack broker (globalSetup.ts), the file's plans and sessions
// get the run's shared packs instead of starting their own.
const address = process.env.OKE_PACK_BROKER;
if (address) setPackSource(brokeredPacks(address));
