import * as path from "path";
import { PolicyPackConfigFile, AnalyzedResource, startPolicyPack, PolicyPackSession, StartOptions } from "../analyzer";
import type { PolicyResults, RegisteredResource } from "../records/shapes";

/** The analyzer's records from runProgram's, with each resource's provider resolved as the CLI sends it. */
export function toAnalyzerRecords(records: readonly RegisteredResource[]): AnalyzedResource[] {
  const byUrn = new Map(records.map((r) => [r.urn, r]));
  return records.map((r) => {
    // A provider reference is `<provider urn>::<id>`; the CLI sends the provider's own inputs along.
    const provider = r.provider ? byUrn.get(r.provider.slice(0, r.provider.lastIndexOf("::"))) : undefined;
    return {
      urn: r.urn,
      type: r.type,
      name: r.name,
      parent: r.parent,
      inputs: r.inputs,
      dependencies: r.dependencies,
      propertyDependencies: r.propertyDependencies,
      options: r.options,
      ...(provider ? { provider: { urn: provider.urn, type: provider.type, name: provider.name, inputs: provider.inputs } } : {}),
    };
  });
}

export interface PackStart {
  packDir: string;
  project: string;
  stack: string;
  stackConfig: Record<string, string>;
  signal?: AbortSignal;
}

/**
 * @pulumi/pulumi's load-time tooling (TypeScript's npm helpers, the Automation API) and its runner's
 * TypeScript registration (scripts/deferredTsNode.js), made on first use: none of it runs in a built
 * pack, and together they were more than half of a pack's start. The same modules, only later, as in
 * the plan's own process; it applies only to the @pulumi/pulumi installed here, so a pack with its own
 * (an installed published pack, another branch's) starts exactly as the CLI starts it.
 */
const LAZY_PULUMI_DEPS = path.resolve(__dirname, "..", "..", "scripts", "lazyPulumiDeps.js");

/** The pack a plan starts, as `pulumi preview --policy-pack` starts it (a preview is always a dry run). */
export function packStartOptions(start: PackStart): StartOptions {
  return {
    packDir: start.packDir,
    project: start.project,
    stack: start.stack,
    stackConfig: start.stackConfig,
    dryRun: true,
    preload: LAZY_PULUMI_DEPS,
    signal: start.signal,
  };
}

export function startPack(start: PackStart): Promise<PolicyPackSession> {
  return startPolicyPack(packStartOptions(start));
}

/** Sends every resource and then the stack, the CLI's sequence, and reports in the plan's shape. */
export async function checkPolicies(session: PolicyPackSession, records: AnalyzedResource[], config?: PolicyPackConfigFile): Promise<PolicyResults> {
  const report = await session.run(records, { config });
  return {
    packs: [{ name: session.info.name, version: session.info.version }],
    diagnostics: report.diagnostics.map((d) => ({
      policyPack: d.policyPackName,
      policy: d.policyName,
      enforcementLevel: d.enforcementLevel,
      urn: d.urn || undefined,
      message: d.message,
    })),
  };
}
