import * as pulumi from "@pulumi/pulumi";
import { UNKNOWN_VALUE } from "../analyzer/records";
import type { ProgramRun, RegisteredResource } from "../records/shapes";
import { DeployedPlan } from "./deployedPlan";
import { acceptHookRegistrations, hookBindings } from "./hookRecords";
import { toEngineUrns } from "../records/engineUrns";
import { OciMocks } from "./mocks";
// The runtime's monitor and callback server are internal API; the request the monitor receives is
// exactly what the engine records.
import * as internals from "../pulumiInternals";

/** runProgram's result and its records, for callers that import the runner itself. */
export type { ProgramRun, RegisteredResource };

export interface RunOptions {
  project: string;
  stack: string;
  /** Fully qualified keys (`oke-quick-create:nodeCount`, `oci:region`) to string values, as the CLI passes them. */
  config: Record<string, string>;
  secretKeys?: string[];
  preview?: boolean;
  /** The program's default export: an async function returning the stack outputs. */
  program: () => Promise<Record<string, unknown>>;
  /** Where to record registrations; pass one to see what was registered even when the program throws. */
  record?: RegisteredResource[];
  /** What an earlier plan says is deployed: the read-back lookups answer from it. */
  deployed?: DeployedPlan;
  /** Collects the token of every invoke the program calls. */
  invoked?: Set<string>;
}

function recordRegistrations(into: RegisteredResource[]): void {
  const monitor = internals.currentMonitor();
  acceptHookRegistrations(monitor);
  const register = monitor.registerResource.bind(monitor);
  monitor.registerResource = (req: any, callback: (err: unknown, resp: any) => void) => {
    register(req, (err: unknown, resp: any) => {
      if (!err) {
        const deps: Record<string, string[]> = {};
        req.getPropertydependenciesMap().forEach((value: any, key: string) => {
          deps[key] = value.getUrnsList();
        });
        const inputs = req.getObject()?.toJavaScript() ?? {};
        const state: Record<string, unknown> = resp.getObject()?.toJavaScript() ?? {};
        const outputs = Object.fromEntries(Object.entries(state).filter(([k]) => !(k in inputs)));
        into.push({
          urn: resp.getUrn(),
          type: req.getType(),
          name: req.getName(),
          custom: req.getCustom(),
          parent: req.getParent() || undefined,
          provider: req.getProvider() || undefined,
          inputs,
          dependencies: req.getDependenciesList(),
          propertyDependencies: deps,
          options: {
            protect: req.getProtect() || undefined,
            ignoreChanges: req.getIgnorechangesList(),
            deleteBeforeReplace: req.getDeletebeforereplacedefined() ? req.getDeletebeforereplace() : undefined,
            additionalSecretOutputs: req.getAdditionalsecretoutputsList(),
          },
          id: resp.getId() || undefined,
          outputs: Object.keys(outputs).length ? outputs : undefined,
          hooks: hookBindings(req),
        });
      }
      callback(err, resp);
    });
  };
}

async function settle(value: unknown): Promise<unknown> {
  if (pulumi.Output.isInstance(value)) {
    const output = value as any;
    const [known, secret] = await Promise.all([output.isKnown, output.isSecret]);
    const inner = known ? await settle(await output.promise()) : UNKNOWN_VALUE;
    return secret ? { secret: inner } : inner;
  }
  if (Array.isArray(value)) return Promise.all(value.map(settle));
  if (value && typeof value === "object") {
    const entries = await Promise.all(Object.entries(value).map(async ([k, v]) => [k, await settle(v)] as const));
    return Object.fromEntries(entries);
  }
  return value;
}

/**
 * Runs a Pulumi program in-process under OCI-shaped mocks and returns what the engine would have
 * received. Errors the program throws (bad config, failed lookups) propagate unchanged.
 */
export async function runProgram(options: RunOptions): Promise<ProgramRun> {
  const region = options.config["oci:region"];
  const callbacks = internals.callbackServer();
  await pulumi.runtime.setMocks(
    new OciMocks(region, options.preview, options.deployed, options.invoked),
    options.project,
    options.stack,
    options.preview ?? false,
  );
  internals.keepCallbackServer(callbacks);
  pulumi.runtime.setAllConfig(options.config, options.secretKeys ?? []);
  const resources: RegisteredResource[] = options.record ?? [];
  recordRegistrations(resources);
  const outputs = (await settle(await options.program())) as Record<string, unknown>;
  await internals.waitForRPCs();
  return { resources: toEngineUrns(resources, options.stack, options.project), outputs };
}
