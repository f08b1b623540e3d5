import * as path from "path";
import { PlanInputError } from "../report/errors";
import type { StackSettings } from "../records/shapes";
import { DeclaredKey, ProjectFile, readYamlFile } from "./projectFile";


/** Where a value came from, so an error can say which file or flag to fix. */
interface Sourced {
  value: string;
  secret: boolean;
  source: string;
  /** A `secure:` ciphertext the plan cannot decrypt: no value at all, only the fact that one is set. */
  encrypted?: boolean;
}

/** The string the engine passes for a YAML value: scalars as text, structures as JSON. */
function configString(value: unknown): string {
  return value !== null && typeof value === "object" ? JSON.stringify(value) : String(value);
}

/** `nodeCount` → `oke-quick-create:nodeCount`; `oci:region` stays as is (the rules of `pulumi config set`). */
export function qualify(project: string, key: string): string {
  return key.includes(":") ? key : `${project}:${key}`;
}

function readStackFile(projectDir: string, project: string, stack: string): Map<string, Sourced> {
  const file = `Pulumi.${stack}.yaml`;
  const doc = readYamlFile(path.join(projectDir, file)) as Record<string, unknown> | null;
  const values = new Map<string, Sourced>();
  for (const [key, raw] of Object.entries((doc?.config ?? {}) as Record<string, unknown>)) {
    const isSecure = raw !== null && typeof raw === "object" && !Array.isArray(raw) && "secure" in (raw as object);
    // Ciphertext needs the stack's secrets provider, which an offline run does not have; the program
    // gets a placeholder (the declared default when there is one, so typed reads still work).
    values.set(qualify(project, key), { value: isSecure ? "" : configString(raw), secret: isSecure, source: file, encrypted: isSecure });
  }
  return values;
}

const TYPE_CHECKS: Record<string, (v: string) => boolean> = {
  integer: (v) => /^-?\d+$/.test(v),
  boolean: (v) => v === "true" || v === "false",
  string: () => true,
};

/** Items arrive parsed from JSON: strings as strings, numbers and booleans as themselves. */
const ITEM_CHECKS: Record<string, (v: unknown) => boolean> = {
  integer: (v) => Number.isInteger(v),
  boolean: (v) => typeof v === "boolean",
  string: (v) => typeof v === "string",
};

/**
 * An array arrives as the JSON the engine passes for a structured value (a stack file's YAML list, or
 * `--config 'key=["a","b"]'`); every item must have the declared item type.
 */
function matchesArray(value: string, items: string | undefined): boolean {
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch {
    return false;
  }
  return Array.isArray(parsed) && (!items || parsed.every(ITEM_CHECKS[items] ?? (() => true)));
}

function matchesType(decl: DeclaredKey, value: string): boolean {
  return decl.type === "array" ? matchesArray(value, decl.items) : TYPE_CHECKS[decl.type!](value);
}

/** The CLI's name for the type (InferFullTypeName in pulumi's workspace package): `array<string>`. */
function fullTypeName(decl: DeclaredKey): string {
  return decl.type === "array" && decl.items ? `array<${decl.items}>` : decl.type!;
}

function typeHint(decl: DeclaredKey, bare: string): string {
  if (decl.type === "array") return `a JSON list of ${decl.items ?? "value"}s such as --config '${bare}=["..."]' (in a stack file, a YAML list)`;
  return `a${decl.type === "integer" ? "n integer" : ` ${decl.type}`} value`;
}

function checkDeclared(stack: string, bare: string, decl: DeclaredKey | undefined, entry: Sourced, anyDeclared: boolean): void {
  if (!decl) {
    if (!anyDeclared) return;
    throw new PlanInputError(
      `Stack '${stack}' sets configuration key '${bare}' (in ${entry.source}), which Pulumi.yaml does not declare: fix the spelling or declare it under config: in Pulumi.yaml.`,
    );
  }
  if (decl.type && !entry.encrypted && !matchesType(decl, entry.value)) {
    throw new PlanInputError(
      `Stack '${stack}' with configuration key '${bare}' must be of type '${fullTypeName(decl)}', but ${entry.source} gives "${entry.value}": set ${typeHint(decl, bare)}.`,
    );
  }
  if (decl.secret && !entry.secret) {
    throw new PlanInputError(`Stack '${stack}' with configuration key '${bare}' must be encrypted as it's secret: set it with \`pulumi config set --secret ${bare} <value>\`.`);
  }
}

/**
 * Resolves the configuration `pulumi preview --stack <stack>` would pass: Pulumi.<stack>.yaml, then the
 * `--config` overrides, checked against Pulumi.yaml's declarations, then the declared defaults.
 */
export function resolveStackSettings(
  projectDir: string,
  project: ProjectFile,
  stack: string,
  overrides: ReadonlyArray<{ key: string; value: string }>,
): StackSettings {
  const values = new Map<string, Sourced>();
  for (const [key, value] of Object.entries(project.namespacedValues)) {
    values.set(key, { value: configString(value), secret: false, source: "Pulumi.yaml" });
  }
  for (const [key, entry] of readStackFile(projectDir, project.name, stack)) values.set(key, entry);
  // An override of a secure key gives the plan its value and keeps it secret, as `pulumi config set --secret` would.
  for (const { key, value } of overrides) {
    const qualified = qualify(project.name, key);
    values.set(qualified, { value, secret: values.get(qualified)?.secret ?? false, source: `--config ${key}` });
  }

  const prefix = `${project.name}:`;
  const anyDeclared = project.declared.size > 0;
  for (const [key, entry] of values) {
    if (!key.startsWith(prefix)) continue;
    const bare = key.slice(prefix.length);
    const decl = project.declared.get(bare);
    checkDeclared(stack, bare, decl, entry, anyDeclared);
    // Every project key feeds the program (it is validated, then becomes resource inputs), so a value
    // the plan cannot read would make it plan something else than `pulumi up` deploys: refuse, in words.
    if (entry.encrypted) {
      throw new PlanInputError(
        `Stack '${stack}' sets '${bare}' as a secure value (in ${entry.source}), which cannot be decrypted without the stack's secrets provider: pass the value for this plan with --config ${bare}=<value> (it stays secret in the output), or run \`pulumi preview\` where the provider is available.`,
      );
    }
  }
  // Other namespaces are provider settings (oci:privateKey, ...) that offline answers never use; the
  // region is the exception, since it picks the answers.
  const region = values.get("oci:region");
  if (region?.encrypted) {
    throw new PlanInputError(`Stack '${stack}' sets 'oci:region' as a secure value (in ${region.source}), which cannot be decrypted without the stack's secrets provider: pass it with --config oci:region=<region>.`);
  }
  for (const entry of values.values()) if (entry.encrypted) entry.value = "[secret]";

  const missing: string[] = [];
  for (const [bare, decl] of project.declared) {
    const key = prefix + bare;
    if (values.has(key)) continue;
    if (decl.default === undefined) {
      // Pulumi.yaml declares it without a default: the CLI refuses to run without a value.
      if (decl.type) missing.push(bare);
      continue;
    }
    values.set(key, { value: configString(decl.default), secret: decl.secret, source: "Pulumi.yaml" });
  }
  if (missing.length > 0) {
    const list = missing.map((k) => `'${k}'`).join(", ");
    throw new PlanInputError(
      `Stack '${stack}' is missing configuration value${missing.length > 1 ? "s" : ""} ${list}: set ${missing.length > 1 ? "them" : "it"} with \`pulumi config set ${missing[0]} <value>\` or --config ${missing[0]}=<value>.`,
    );
  }

  const config: Record<string, string> = {};
  const secretKeys: string[] = [];
  for (const [key, entry] of [...values].sort(([a], [b]) => a.localeCompare(b))) {
    config[key] = entry.value;
    if (entry.secret) secretKeys.push(key);
  }
  return { project: project.name, stack, config, secretKeys };
}
