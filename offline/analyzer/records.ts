import { Struct } from "google-protobuf/google/protobuf/struct_pb";

/**
 * One resource as a policy pack receives it in Analyze and AnalyzeStack (the protocol's
 * AnalyzerResource): its inputs as the engine hands them over, its options, its provider's inputs.
 */
export interface AnalyzedResource {
  urn: string;
  type: string;
  name: string;
  parent?: string;
  inputs: Record<string, unknown>;
  dependencies: string[];
  propertyDependencies?: Record<string, string[]>;
  /** The resource options a policy can see; all optional. */
  options?: AnalyzerResourceOptions;
  provider?: { urn: string; type: string; name: string; inputs: Record<string, unknown> };
}

export interface AnalyzerResourceOptions {
  protect?: boolean;
  ignoreChanges?: string[];
  deleteBeforeReplace?: boolean;
  aliases?: string[];
  additionalSecretOutputs?: string[];
  customTimeouts?: { create?: number; update?: number; delete?: number };
}

/**
 * How the CLI serializes a value that is unknown during a preview (MarshalProperties with
 * KeepUnknowns): this string, in place of the value, anywhere inside the Struct.
 */
export const UNKNOWN_VALUE = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

/** Drops undefined values the way the SDKs do before they serialize, since Struct cannot hold them. */
function plain(value: unknown): unknown {
  if (Array.isArray(value)) {
    return value.map((v) => (v === undefined ? null : plain(v)));
  }
  if (value !== null && typeof value === "object") {
    const result: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      if (v !== undefined) {
        result[k] = plain(v);
      }
    }
    return result;
  }
  return value;
}

export function toStruct(inputs: Record<string, unknown>): Struct {
  return Struct.fromJavaScript(plain(inputs) as Parameters<typeof Struct.fromJavaScript>[0]);
}

/** `urn:pulumi:<stack>::<project>::<type>::<name>`, with the parent's type chain when nested. */
export function makeUrn(stack: string, project: string, type: string, name: string, parentType?: string): string {
  const qualified = parentType ? `${parentType}$${type}` : type;
  return `urn:pulumi:${stack}::${project}::${qualified}::${name}`;
}
