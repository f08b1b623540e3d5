import { HookBindings } from "../hookRecords";
import { ResourceRecord } from "../runProgram";
import { maskConfig, maskInputs, maskOutputs } from "./masking";
import { PolicyResults } from "./policyResults";
import { StackSettings } from "./stackSettings";

/** The `--json FILE` document; secrets are "[secret]" everywhere, unknown values "[unknown]". */
export interface PlanJson {
  stack: string;
  project: string;
  config: Record<string, string>;
  resources: Array<{ urn: string; type: string; name: string; parent?: string; inputs: Record<string, unknown>; dependencies: string[]; hooks?: HookBindings }>;
  outputs: Record<string, unknown>;
  policies: PolicyResults;
}

export function planJson(settings: StackSettings, records: readonly ResourceRecord[], outputs: Record<string, unknown>, policies: PolicyResults): PlanJson {
  return {
    stack: settings.stack,
    project: settings.project,
    config: maskConfig(settings.config, settings.secretKeys),
    resources: records.map((r) => ({
      urn: r.urn,
      type: r.type,
      name: r.name,
      parent: r.parent,
      inputs: maskInputs(r.inputs),
      dependencies: r.dependencies,
      ...(r.hooks ? { hooks: r.hooks } : {}),
    })),
    outputs: maskOutputs(outputs),
    policies: {
      packs: policies.packs,
      diagnostics: policies.diagnostics.map(({ policyPack, policy, enforcementLevel, urn, message }) => ({ policyPack, policy, enforcementLevel, urn, message })),
    },
  };
}
