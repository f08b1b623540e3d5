import * as pulumi from "@pulumi/pulumi";
import { SupportsFeatureRequest } from "@pulumi/pulumi/proto/resource_pb";
import { PulumiCliTooOldError } from "./errors";

/**
 * The engine features the stack's destroy hooks need, with the Pulumi CLI release that first answered
 * yes to each (pulumi/pulumi CHANGELOG and `ResourceMonitor.SupportsFeature` in
 * pkg/resource/deploy/source_eval.go): resource hooks came in 3.182.0, and the engine has reported
 * error hooks (the subnet delete retry) since 3.217.1.
 */
export const REQUIRED_ENGINE_FEATURES = [
  { feature: "resourceHooks", since: "3.182.0", usedFor: "the destroy hooks" },
  { feature: "errorHooks", since: "3.217.1", usedFor: "the subnet delete retry" },
] as const;

/** The oldest Pulumi CLI that runs this program with all its hooks. */
export const MINIMUM_PULUMI_CLI = "3.217.1";

/** The part of the resource monitor client the check uses (the engine's, or the mocks' MockMonitor). */
export interface FeatureMonitor {
  supportsFeature(request: SupportsFeatureRequest, callback: (error: any, response?: { getHassupport(): boolean }) => void): unknown;
}

/** gRPC's UNIMPLEMENTED: an engine so old it cannot be asked about features supports none of these. */
const UNIMPLEMENTED = 12;

function supports(monitor: FeatureMonitor, feature: string): Promise<boolean> {
  const request = new SupportsFeatureRequest();
  request.setId(feature);
  return new Promise((resolve, reject) => {
    monitor.supportsFeature(request, (error, response) => {
      if (error && error.code === UNIMPLEMENTED) return resolve(false);
      if (error) return reject(error);
      resolve(!!response?.getHassupport());
    });
  });
}

/**
 * Asks the engine the program runs under whether it supports every feature above, and refuses in one
 * sentence if not. Without the check an older CLI would fail at the first hook with the SDK's generic
 * "update the Pulumi CLI", or, older still, run without the hooks a destroy relies on. Under Pulumi's
 * mocks the mock monitor answers the same question (yes), so the offline plan runs the same check.
 */
export async function requireEngineFeatures(monitor: FeatureMonitor | undefined = pulumi.runtime.getMonitor() as FeatureMonitor | undefined): Promise<void> {
  // Not running under an engine at all (a plain `node index.js`): nothing to ask, and nothing will register.
  if (!monitor) return;
  const answers = await Promise.all(REQUIRED_ENGINE_FEATURES.map(async (f) => ({ ...f, supported: await supports(monitor, f.feature) })));
  const missing = answers.filter((a) => !a.supported);
  if (missing.length > 0) {
    throw new PulumiCliTooOldError(
      `This program needs Pulumi CLI ${MINIMUM_PULUMI_CLI} or newer: the running CLI's engine does not support ${missing.map((m) => `${m.feature} (${m.usedFor}, since ${m.since})`).join(" or ")}; ` +
        `update it (https://www.pulumi.com/docs/install/) and run the command again.`,
    );
  }
}
