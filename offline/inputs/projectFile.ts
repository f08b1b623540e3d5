import * as path from "path";
import { PlanInputError } from "../report/errors";
import { echo } from "../../tools/common/echo";
import { configEntries, configText, readYamlDocument, yamlValue } from "./yamlFile";

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
  /** Values Pulumi.yaml sets for other namespaces (`oci:region: ...` or `{ value: ... }`), fully qualified, as text. */
  namespacedValues: Record<string, string>;
}

const PROJECT_NAME = /^[A-Za-z0-9_.-]{1,100}$/;

const TYPES = new Set<DeclaredType>(["string", "integer", "boolean", "array"]);

function declaration(name: string, key: string, raw: unknown): DeclaredKey {
  // `key: value` is shorthand for an untyped key with that default, as in the CLI.
  if (raw === null || typeof raw !== "object" || Array.isArray(raw)) return { default: raw ?? undefined, secret: false };
  const spec = raw as Record<string, unknown>;
  if (spec.type !== undefined && !TYPES.has(spec.type as DeclaredType)) {
    throw new PlanInputError(
      `Pulumi.yaml declares config key ${echo(key)} with type ${echo(String(spec.type))}; the plan understands string, integer, boolean and array: use one of those.`,
    );
  }
  const items = (spec.items as Record<string, unknown> | undefined)?.type;
  if (spec.type === "array" && (typeof items !== "string" || !TYPES.has(items as DeclaredType) || items === "array")) {
    throw new PlanInputError(
      `Pulumi.yaml declares config key ${echo(key)} as an array without a simple item type: add \`items: { type: string }\` (or integer, boolean).`,
    );
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
  const label = "The project file";
  const doc = readYamlDocument(
    path.join(projectDir, "Pulumi.yaml"),
    label,
    `There is no Pulumi.yaml in ${echo(projectDir)}: run the plan from the project directory.`,
  );
  const name = doc.get("name");
  if (typeof name !== "string" || name === "") {
    throw new PlanInputError("Pulumi.yaml has no 'name': add `name: <project>` at the top.");
  }
  // Pulumi's rule for project names (tokens.ValidateProjectName): the name is printed and becomes
  // the namespace of every key, so nothing else may pass.
  if (!PROJECT_NAME.test(name)) {
    throw new PlanInputError(`Pulumi.yaml names the project ${echo(name)}: use 1 to 100 letters, digits, hyphens, underscores or periods.`);
  }
  const declared = new Map<string, DeclaredKey>();
  const namespacedValues: Record<string, string> = {};
  const js = ((yamlValue(() => doc.toJS(), label, "Pulumi.yaml") as { config?: Record<string, unknown> } | null)?.config ?? {}) as Record<string, unknown>;
  for (const { key, node } of configEntries(doc, label, "Pulumi.yaml")) {
    const colon = key.indexOf(":");
    if (colon < 0 || key.slice(0, colon) === name) {
      declared.set(colon < 0 ? key : key.slice(colon + 1), declaration(name, key, js[key]));
    } else {
      // `oci:region: x` or `oci:region: { value: x }`, the value as the CLI reads any config text.
      const valueNode = (node as { get?: (k: string, keep: boolean) => unknown } | null)?.get?.("value", true) ?? node;
      const text = yamlValue(() => configText(valueNode, doc), label, "Pulumi.yaml");
      if (text.kind === "text") namespacedValues[key] = text.text;
    }
  }
  return { name, declared, namespacedValues };
}
