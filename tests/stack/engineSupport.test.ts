import { FeatureMonitor, MINIMUM_PULUMI_CLI, REQUIRED_ENGINE_FEATURES, requireEngineFeatures } from "../../components/engineSupport";
import { PulumiCliTooOldError } from "../../components/errors";
import { RegisteredResource } from "../../offline/run/runProgram";
import { runStack } from "../helpers/stack";

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { MockMonitor } = require("@pulumi/pulumi/runtime/mocks");

/** An engine that answers SupportsFeature as a CLI of some release would. */
function engine(answers: Record<string, boolean> | "unimplemented"): FeatureMonitor & { asked: string[] } {
  const asked: string[] = [];
  return {
    asked,
    supportsFeature(request, callback) {
      asked.push(request.getId());
      if (answers === "unimplemented") return callback({ code: 12, message: "unknown service pulumirpc.ResourceMonitor" });
      callback(null, { getHassupport: () => answers[request.getId()] === true });
    },
  };
}

describe("the minimum Pulumi CLI", () => {
  it("is the release that first reported every feature the hooks need", () => {
    const newest = REQUIRED_ENGINE_FEATURES.map((f) => f.since)
      .sort((a, b) => a.localeCompare(b, undefined, { numeric: true }))
      .pop();
    expect(newest).toBe(MINIMUM_PULUMI_CLI);
  });

  it("passes under an engine that supports resource and error hooks, asking it about both", async () => {
    const current = engine({ resourceHooks: true, errorHooks: true });
    await expect(requireEngineFeatures(current)).resolves.toBeUndefined();
    expect(current.asked.sort()).toEqual(["errorHooks", "resourceHooks"]);
  });

  it("refuses a CLI with resource hooks but no error hooks (3.182 to 3.217.0) in one sentence naming the minimum", async () => {
    const refusal = requireEngineFeatures(engine({ resourceHooks: true, errorHooks: false }));
    await expect(refusal).rejects.toBeInstanceOf(PulumiCliTooOldError);
    await expect(refusal).rejects.toThrow(
      "This program needs Pulumi CLI 3.217.1 or newer: the running CLI's engine does not support errorHooks (the subnet delete retry, since 3.217.1); update it (https://www.pulumi.com/docs/install/) and run the command again.",
    );
  });

  it("refuses an engine too old to be asked about features", async () => {
    await expect(requireEngineFeatures(engine("unimplemented"))).rejects.toThrow(
      /^This program needs Pulumi CLI 3\.217\.1 or newer: .*resourceHooks .* or errorHooks /,
    );
  });

  it("passes honestly under the offline mocks: index.ts asks the mock monitor, which answers yes", async () => {
    const asked = jest.spyOn(MockMonitor.prototype, "supportsFeature");
    try {
      const run = await runStack({}, false, []);
      expect(run.resources.filter((r) => r.custom).length).toBeGreaterThan(0);
      expect([...new Set(asked.mock.calls.map(([request]: any[]) => request.getId()))]).toEqual(expect.arrayContaining(["resourceHooks", "errorHooks"]));
    } finally {
      asked.mockRestore();
    }
  });

  it("stops index.ts before any lookup or resource when the engine lacks error hooks", async () => {
    const original = MockMonitor.prototype.supportsFeature;
    const asked = jest.spyOn(MockMonitor.prototype, "supportsFeature").mockImplementation(function (this: unknown, request: any, callback: any) {
      if (request.getId() === "errorHooks") return callback(null, { getHassupport: () => false });
      return original.call(this, request, callback);
    });
    const record: RegisteredResource[] = [];
    try {
      await expect(runStack({}, false, record)).rejects.toThrow(/^This program needs Pulumi CLI 3\.217\.1 or newer/);
      expect(record.filter((r) => r.custom).map((r) => r.type)).toEqual([]);
    } finally {
      asked.mockRestore();
    }
  });
});
