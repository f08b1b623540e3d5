import * as fs from "fs";
import * as path from "path";
import YAML from "yaml";
import { PlanInputError } from "../report/errors";

export type DeclaredType = "string" | "integer" | "boolean" | "array";

/** One key of Pulumi.yaml's `config:` block in the project namespace. */
export interface DeclaredKey {
  type?: DeclaredType;
  /** For `type: array`, the type of every item (`items: { type: string }`). */
  items?: DeclaredType;
  /** The default as YAML gave it (a number stays a number), absent when the key is required. */
  default?: unknown;
  secret: boolean;
}

export interface ProjectFile {
  name: string;
  /** Project-namespace keys by bare name. */
  declared: Map<string, DeclaredKey>;
  /** Values Pulumi.yaml sets for other namespaces (`oci:region: ...` or `{ value: ... }`), fully qualified. */
  namespacedValues: Record<string, unknown>;
}

export function readYamlFile(file: string): unknown {
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch {
    throw new PlanInputError(`Cannot read ${path.basename(file)} in ${path.dirname(file)}: run the plan from the project directory.`);
  }
  try {
    return YAML.parse(text);
  } catch (err) {
    throw new PlanInputError(`${path.basename(file)} is not valid YAML (${(err as Error).message.split("\n")[0]}): fix the file.`);
  }
}

const TYPES = new Set<DeclaredType>(["string", "integer", "boolean", "array"]);

function declaration(name: string, key: string, raw: unknown): DeclaredKey {
  // `key: value` is shorthand for an untyped key with that default, as in the CLI.
  if (raw === null || typeof raw !== "object" || Array.isArray(raw)) return { default: raw ?? undefined, secret: false };
  const spec = raw as Record<string, unknown>;
  if (spec.type !== undefined && !TYPES.has(spec.type as DeclaredType)) {
    throw new PlanInputError(`Pulumi.yaml declares config key '${key}' with type '${String(spec.type)}'; the plan understands string, integer, boolean and array: use one of those.`);
  }
  const items = (spec.items as Record<string, unknown> | undefined)?.type;
  if (spec.type === "array" && (typeof items !== "string" || !TYPES.has(items as DeclaredType) || items === "array")) {
    throw new PlanInputError(`Pulumi.yaml declares config key '${key}' as an array without a simple item type: add \`items: { type: string }\` (or integer, boolean).`);
  }
  return {
    type: spec.type as DeclaredType | undefined,
    ...(spec.type === "array" ? { items: items as DeclaredType } : {}),
    default: spec.default ?? spec.value,
    secret: spec.secret === true,
  };
}

/** Reads Pulumi.yaml as the CLI does: the project name is the config namespace of bare keys. */
export function readProjectFile(projectDir: string): ProjectFile {
  const doc = readYamlFile(path.join(projectDir, "Pulumi.yaml")) as Record<string, unknown> | null;
  const name = doc?.name;
  if (typeof name !== "string" || name === "") {
    throw new PlanInputError("Pulumi.yaml has no 'name': add `name: <project>` at the top.");
  }
  const declared = new Map<string, DeclaredKey>();
  const namespacedValues: Record<string, unknown> = {};
  const block = (doc?.config ?? {}) as Record<string, unknown>;
  for (const [key, raw] of Object.entries(block)) {
    const colon = key.indexOf(":");
    if (colon < 0 || key.slice(0, colon) === name) {
      declared.set(colon < 0 ? key : key.slice(colon + 1), declaration(name, key, raw));
    } else {
      const value = raw && typeof raw === "object" && "value" in (raw as object) ? (raw as { value: unknown }).value : raw;
      namespacedValues[key] = value;
    }
  }
  return { name, declared, namespacedValues };
}
