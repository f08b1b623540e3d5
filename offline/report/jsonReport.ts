import type { HookBindings, PolicyResults, RegisteredResource, StackSettings } from "../records/shapes";
import { ResourceChange } from "./diff";
import { Rule } from "./ruleSets";
import { maskConfig, maskInputs, maskOutputs } from "../records/masking";

/** The `--json FILE` document; secrets are "[secret]" everywhere, unknown values "[unknown]". */
export interface PlanJson {
  stack: string;
  project: string;
  config: Record<string, string>;
  resources: Array<{
    urn: string;
    type: string;
    name: string;
    parent?: string;
    /** Known once "deployed" (absent in a --preview plan): a later `--deployed` run finds resources by it. */
    id?: string;
    inputs: Record<string, unknown>;
    outputs?: Record<string, unknown>;
    dependencies: string[];
    /** Named resource hooks by kind, on resources that have some; they never run offline. */
    hooks?: HookBindings;
  }>;
  outputs: Record<string, unknown>;
  policies: PolicyResults;
  /** What `pulumi up` would do, resources matched by URN against `--deployed` (without it: all creates). */
  changes: Array<{
    urn: string;
    type: string;
    name: string;
    action: ResourceChange["action"];
    paths: string[];
    replaceReasons?: string[];
    /** Security rules added and removed (ingress and egress together; `source` or `destination` tells which). */
    rules?: { added: Rule[]; removed: Rule[] };
  }>;
}

export function planJson(
  settings: StackSettings,
  records: readonly RegisteredResource[],
  outputs: Record<string, unknown>,
  policies: PolicyResults,
  changes: readonly ResourceChange[] = [],
): PlanJson {
  return {
    stack: settings.stack,
    project: settings.project,
    config: maskConfig(settings.config, settings.secretKeys),
    resources: records.map((r) => ({
      urn: r.urn,
      type: r.type,
      name: r.name,
      parent: r.parent,
      id: r.id,
      inputs: maskInputs(r.inputs),
      outputs: r.outputs && maskInputs(r.outputs),
      dependencies: r.dependencies,
      ...(r.hooks ? { hooks: r.hooks } : {}),
    })),
    outputs: maskOutputs(outputs),
    policies: {
      packs: policies.packs,
      diagnostics: policies.diagnostics.map(({ policyPack, policy, enforcementLevel, urn, message }) => ({
        policyPack,
        policy,
        enforcementLevel,
        urn,
        message,
      })),
    },
    changes: changes.map(({ urn, type, name, action, paths, replaceReasons, ruleChanges }) => ({
      urn,
      type,
      name,
      action,
      paths,
      ...(action === "replace" ? { replaceReasons } : {}),
      ...(ruleChanges ? { rules: { added: ruleChanges.flatMap((r) => r.added), removed: ruleChanges.flatMap((r) => r.removed) } } : {}),
    })),
  };
}
