import { PolicyPackConfigFile, AnalyzedResource, startPolicyPack, PolicyPackSession, StartOptions } from "../analyzer";
import { RegisteredResource } from "./runProgram";


/** One policy violation as the analyzer reports it. */
export interface PolicyDiagnostic {
  policyPack: string;
  policy: string;
  enforcementLevel: string;
  /** Absent for stack policies that blame no single resource. */
  urn?: string;
  message: string;
}

export interface PolicyPackInfo {
  name: string;
  version: string;
}

export interface PolicyResults {
  packs: PolicyPackInfo[];
  diagnostics: PolicyDiagnostic[];
}

/** Mandatory violations block `pulumi up` (and fail the plan); `remediate` is mandatory-like in preview. */
export function isBlocking(d: PolicyDiagnostic): boolean {
  return d.enforcementLevel === "mandatory";
}

export function countByLevel(results: PolicyResults): { mandatory: number; advisory: number } {
  const mandatory = results.diagnostics.filter(isBlocking).length;
  return { mandatory, advisory: results.diagnostics.length - mandatory };
}

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

/** The pack a plan starts, as `pulumi preview --policy-pack` starts it (a preview is always a dry run). */
export function packStartOptions(start: PackStart): StartOptions {
  return { packDir: start.packDir, project: start.project, stack: start.stack, stackConfig: start.stackConfig, dryRun: true, signal: start.signal };
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
