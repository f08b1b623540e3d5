/**
 * The shapes every step of the plan hands on: what the program registered, the settings it ran with and
 * the pack's verdict. They live below every step (inputs, run, architecture, report) so that each step
 * depends only on the ones before it, never on the step that reads its result.
 */
import type { AnalyzerResourceOptions } from "../analyzer/records";

/** What `pulumi preview` hands the program: fully qualified keys to strings, and which of them are secret. */
export interface StackSettings {
  project: string;
  stack: string;
  config: Record<string, string>;
  secretKeys: string[];
}

export type HookKind = "beforeCreate" | "afterCreate" | "beforeUpdate" | "afterUpdate" | "beforeDelete" | "afterDelete" | "onError";
/** Named resource hooks bound to a resource, by kind. */
export type HookBindings = Partial<Record<HookKind, string[]>>;

/**
 * One resource as the mock monitor registered it: what the engine received (inputs, parent, provider
 * reference, dependencies, hooks) and the id and outputs it answered with. The plan's reports read
 * these; the pack gets them converted to AnalyzedResource (run/policyCheck.ts).
 */
export interface RegisteredResource {
  urn: string;
  type: string;
  name: string;
  custom: boolean;
  parent?: string;
  provider?: string;
  /** Inputs as the engine got them: unknowns as Pulumi's unknown sentinel, secrets as secret envelopes. */
  inputs: Record<string, unknown>;
  dependencies: string[];
  propertyDependencies: Record<string, string[]>;
  /** The resource options policies can see (AnalyzerResourceOptions), e.g. ignoreChanges. */
  options: AnalyzerResourceOptions;
  /** The id the engine got back; absent while unknown (a preview, a replacement). */
  id?: string;
  /** Outputs that are not inputs (endpoints, state): what a later `--deployed` run reads back. */
  outputs?: Record<string, unknown>;
  /** Named resource hooks bound to the resource, by kind (beforeDelete, onError, ...); absent when none. */
  hooks?: HookBindings;
}

export interface ProgramRun {
  resources: RegisteredResource[];
  /** Stack outputs: unknown values as UNKNOWN_VALUE, secrets wrapped in `{ secret: value }`. */
  outputs: Record<string, unknown>;
}

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
