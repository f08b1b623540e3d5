import * as fs from "fs";
import * as path from "path";
import { PlanInputError } from "../report/errors";
import { echo, looksLikeKeyMaterial, SECRET } from "../../tools/common/echo";
import { closest } from "./closest";
import { DeclaredKey, ProjectFile } from "./projectFile";
import { ENGINE_NAMESPACE, PROVIDER_CONFIG_KEYS, PROVIDER_SECRET_KEYS } from "./providerConfig";
import { configEntries, configText, readYamlDocument, yamlValue } from "./yamlFile";
import type { StackSettings } from "../records/shapes";

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

/** Each key the stack file names, with its value or `undefined` where YAML null leaves it unset. */
function readStackFile(projectDir: string, project: string, stack: string): Map<string, Sourced | undefined> {
  const file = `Pulumi.${stack}.yaml`;
  if (!fs.existsSync(path.join(projectDir, file)) && fs.existsSync(path.join(projectDir, "Pulumi.yaml"))) {
    // Run from the project, so the stack itself is missing, not the directory wrong.
    throw new PlanInputError(
      `Stack ${stack} has no ${file} here: create it with \`pulumi stack init ${stack}\` and \`pulumi config set oci:region ap-tokyo-1\` (then compartmentId and kubernetesVersion), or pass --stack with a stack that has its file.`,
    );
  }
  const label = "The stack file";
  const doc = readYamlDocument(
    path.join(projectDir, file),
    label,
    `There is no ${file} in ${echo(projectDir)}: run the plan from the project directory, or name an existing stack with --stack.`,
  );
  const values = new Map<string, Sourced | undefined>();
  for (const { key, node } of configEntries(doc, label, file)) {
    const text = yamlValue(() => configText(node, doc), label, file);
    const qualified = qualify(project, key);
    if (text.kind === "unset") values.set(qualified, undefined);
    // Ciphertext needs the stack's secrets provider, which an offline run does not have; the value
    // stays unknown (a project key or the region stops the plan below).
    else if (text.kind === "secure") values.set(qualified, { value: "", secret: true, source: file, encrypted: true });
    else values.set(qualified, { value: text.text, secret: PROVIDER_SECRET_KEYS.includes(qualified), source: file });
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

/** How an error shows a value: a secret never, anything else escaped and cut (tools/common/echo.js). */
function shown(entry: Sourced): string {
  return entry.secret ? `a secret value (${SECRET})` : echo(entry.value);
}

function checkDeclared(stack: string, bare: string, decl: DeclaredKey | undefined, entry: Sourced, declared: readonly string[]): void {
  if (!decl) {
    if (declared.length === 0) return;
    const guess = closest(bare, declared);
    throw new PlanInputError(
      `Stack '${stack}' sets configuration key ${echo(bare)} (in ${entry.source}), which Pulumi.yaml does not declare: ${guess ? `did you mean ${guess}?` : "fix the spelling or declare it under config: in Pulumi.yaml."}`,
    );
  }
  if (decl.type && !entry.encrypted && !matchesType(decl, entry.value)) {
    throw new PlanInputError(
      `Stack '${stack}' with configuration key '${bare}' must be of type '${fullTypeName(decl)}', but ${entry.source} gives ${shown(entry)}: set ${typeHint(decl, bare)}.`,
    );
  }
  if (decl.secret && !entry.secret) {
    throw new PlanInputError(
      `Stack '${stack}' with configuration key '${bare}' must be encrypted as it's secret: set it with \`pulumi config set --secret ${bare} <value>\`.`,
    );
  }
}

/**
 * A key outside the project's namespace must be one a provider the program uses reads, or the
 * engine's: the CLI passes any key on, and the provider silently ignores a misspelt one (`oci:regoin`),
 * so the plan names the key probably meant. A wrong-case project namespace is the same mistake.
 */
function checkNamespaced(stack: string, project: string, key: string, entry: Sourced): void {
  const colon = key.indexOf(":");
  const namespace = key.slice(0, colon);
  const name = key.slice(colon + 1);
  const where = `Stack '${stack}' sets ${echo(key)} (in ${entry.source})`;
  if (namespace === ENGINE_NAMESPACE) return;
  if (namespace.toLowerCase() === project.toLowerCase()) {
    throw new PlanInputError(
      `${where}, but namespaces are case-sensitive and the project's is '${project}': write ${echo(`${project}:${name}`, { quote: false })}.`,
    );
  }
  const keys = PROVIDER_CONFIG_KEYS[namespace];
  if (keys) {
    if (keys.includes(name)) return;
    const guess = closest(name, keys);
    throw new PlanInputError(`${where}, a key the ${namespace} provider does not read: ${guess ? `did you mean ${namespace}:${guess}?` : "fix the spelling."}`);
  }
  const namespaces = [project, ...Object.keys(PROVIDER_CONFIG_KEYS), ENGINE_NAMESPACE];
  const guess = closest(namespace, namespaces);
  throw new PlanInputError(
    `${where}, but no part of this stack reads the namespace ${echo(namespace)}: ${guess ? `did you mean ${echo(`${guess}:${name}`, { quote: false })}?` : `use ${namespaces.map((n) => `${n}:`).join(", ")} or a bare project key.`}`,
  );
}

/** The plaintexts of every secret setting the plan knows, for masking what derives from them. */
export function secretValues(settings: StackSettings): string[] {
  return settings.secretKeys.map((k) => settings.config[k]).filter((v) => v !== undefined && v !== "" && v !== SECRET);
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
    values.set(key, { value, secret: PROVIDER_SECRET_KEYS.includes(key), source: "Pulumi.yaml" });
  }
  for (const [key, entry] of readStackFile(projectDir, project.name, stack)) {
    if (entry) values.set(key, entry);
    else values.delete(key);
  }
  const prefix = `${project.name}:`;
  // An override of a secure key (or one Pulumi.yaml declares secret, or a provider's credential) gives
  // the plan its value and keeps it secret, as `pulumi config set --secret` would.
  for (const { key, value } of overrides) {
    const qualified = qualify(project.name, key);
    const declaredSecret = qualified.startsWith(prefix) && project.declared.get(qualified.slice(prefix.length))?.secret === true;
    const secret = (values.get(qualified)?.secret ?? false) || declaredSecret || PROVIDER_SECRET_KEYS.includes(qualified);
    values.set(qualified, { value, secret, source: `--config ${echo(key, { quote: false })}` });
  }

  const declared = [...project.declared.keys()];
  for (const [key, entry] of values) {
    if (!key.startsWith(prefix)) {
      checkNamespaced(stack, project.name, key, entry);
      continue;
    }
    const bare = key.slice(prefix.length);
    const decl = project.declared.get(bare);
    checkDeclared(stack, bare, decl, entry, declared);
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
    throw new PlanInputError(
      `Stack '${stack}' sets 'oci:region' as a secure value (in ${region.source}), which cannot be decrypted without the stack's secrets provider: pass it with --config oci:region=<region>.`,
    );
  }
  for (const entry of values.values()) {
    if (entry.encrypted) entry.value = SECRET;
    // Key material is a secret in whatever setting it arrives (a key pasted where a path belongs).
    if (looksLikeKeyMaterial(entry.value)) entry.secret = true;
  }

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
