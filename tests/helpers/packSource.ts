// Each test file's setup: in a run with a pack broker (globalSetup.ts), the file's plans and sessions
// get the run's shared packs instead of starting their own. Set when the file first loads the
// analyzer's session module, so the many files that start no pack do not load it for nothing.
const address = process.env.OKE_PACK_BROKER;
if (address) {
  jest.mock("../../offline/analyzer/session", () => {
    const session = jest.requireActual<typeof import("../../offline/analyzer/session")>("../../offline/analyzer/session");
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { brokeredPacks } = require("./brokeredPacks") as typeof import("./brokeredPacks");
    session.setPackSource(brokeredPacks(address));
    return session;
  });
}
