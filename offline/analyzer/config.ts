/**
 * Policy pack configuration exactly as the CLI prepares it (pkg/resource/analyzer/config.go):
 * parse the `--policy-pack-config` JSON, then reconcile it with the pack's schema defaults, initial
 * config and `all`, and send the result to the pack's Configure RPC.
 */
export type EnforcementLevel = "advisory" | "mandatory" | "remediate" | "disabled";
const LEVELS: EnforcementLevel[] = ["advisory", "mandatory", "remediate", "disabled"];

/** What a `--policy-pack-config` file holds: policy name (or "all") → level, or {enforcementLevel?, ...properties}. */
export type PolicyPackConfigFile = Record<string, EnforcementLevel | ({ enforcementLevel?: EnforcementLevel } & Record<string, unknown>)>;

export interface PolicyConfigEntry {
  enforcementLevel?: EnforcementLevel;
  properties?: Record<string, unknown>;
}

export interface PolicyInfoForConfig {
  name: string;
  enforcementLevel: EnforcementLevel;
  configSchema?: { properties?: Record<string, Record<string, unknown>>; required?: string[] };
}

function isLevel(value: unknown): value is EnforcementLevel {
  return typeof value === "string" && (LEVELS as string[]).includes(value);
}

export function parsePolicyPackConfig(file: PolicyPackConfigFile | undefined): Record<string, PolicyConfigEntry> {
  const result: Record<string, PolicyConfigEntry> = {};
  for (const [policy, value] of Object.entries(file ?? {})) {
    if (typeof value === "string") {
      if (!isLevel(value)) {
        throw new Error(`parsing enforcement level for "${policy}": "${value}" is not a valid enforcement level`);
      }
      result[policy] = { enforcementLevel: value };
      continue;
    }
    const { enforcementLevel, ...properties } = value;
    if (enforcementLevel !== undefined && !isLevel(enforcementLevel)) {
      throw new Error(`parsing enforcement level for "${policy}": "${String(enforcementLevel)}" is not a valid enforcement level`);
    }
    if (enforcementLevel === undefined && Object.keys(properties).length === 0) {
      continue; // the CLI drops empty entries
    }
    result[policy] = {
      enforcementLevel,
      properties: Object.keys(properties).length > 0 ? properties : undefined,
    };
  }
  return result;
}

function applyConfig(result: Record<string, PolicyConfigEntry>, toApply: Record<string, PolicyConfigEntry>): void {
  const all = toApply.all;
  if (all?.enforcementLevel) {
    for (const key of Object.keys(result)) {
      result[key] = { ...result[key], enforcementLevel: all.enforcementLevel };
    }
  }
  // Like the CLI, this also copies the "all" entry itself into the result; the pack ignores it.
  for (const [policy, given] of Object.entries(toApply)) {
    const current = result[policy] ?? {};
    const properties = given.properties ? { ...(current.properties ?? {}), ...given.properties } : current.properties;
    result[policy] = { enforcementLevel: given.enforcementLevel ?? current.enforcementLevel, properties };
  }
}

/** Defaults from every policy's configSchema, then the pack's initial config, then the given config. */
export function reconcilePolicyPackConfig(
  policies: PolicyInfoForConfig[],
  initialConfig: Record<string, PolicyConfigEntry>,
  config: Record<string, PolicyConfigEntry>,
): Record<string, PolicyConfigEntry> {
  const result: Record<string, PolicyConfigEntry> = {};
  for (const policy of policies) {
    let properties: Record<string, unknown> | undefined;
    for (const [key, schema] of Object.entries(policy.configSchema?.properties ?? {})) {
      if (schema && "default" in schema) {
        properties = { ...(properties ?? {}), [key]: schema.default };
      }
    }
    result[policy.name] = { enforcementLevel: policy.enforcementLevel, properties };
  }
  applyConfig(result, initialConfig);
  applyConfig(result, config);
  return result;
}

/**
 * The subset of JSON Schema the pack's schemas use (type, enum, pattern, minimum, maximum, minLength),
 * checked like the CLI does before Configure so a bad `--policy-pack-config` fails here too.
 */
export function validatePolicyPackConfig(policies: PolicyInfoForConfig[], config: Record<string, PolicyConfigEntry>): string[] {
  const errors: string[] = [];
  for (const policy of policies) {
    const properties = config[policy.name]?.properties ?? {};
    for (const required of policy.configSchema?.required ?? []) {
      if (!(required in properties)) {
        errors.push(`${policy.name}: ${required} is required`);
      }
    }
    for (const [key, schema] of Object.entries(policy.configSchema?.properties ?? {})) {
      if (!(key in properties)) {
        continue;
      }
      const value = properties[key];
      const type = schema.type;
      const typeOk = type === undefined || (type === "integer" ? Number.isInteger(value) : type === "array" ? Array.isArray(value) : typeof value === type);
      if (!typeOk) {
        // gojsonschema names the JSON type given, not the value.
        const given =
          value === null
            ? "null"
            : Array.isArray(value)
              ? "array"
              : typeof value === "number"
                ? Number.isInteger(value)
                  ? "integer"
                  : "number"
                : typeof value;
        errors.push(`${policy.name}: ${key}: Invalid type. Expected: ${String(type)}, given: ${given}`);
        continue;
      }
      if (Array.isArray(schema.enum) && !schema.enum.includes(value)) {
        errors.push(`${policy.name}: ${key}: must be one of ${JSON.stringify(schema.enum)}`);
      }
      if (typeof value === "string" && typeof schema.pattern === "string" && !new RegExp(schema.pattern).test(value)) {
        errors.push(`${policy.name}: ${key}: Does not match pattern '${schema.pattern}'`);
      }
      if (typeof value === "string" && typeof schema.minLength === "number" && value.length < schema.minLength) {
        errors.push(`${policy.name}: ${key}: String length must be greater than or equal to ${schema.minLength}`);
      }
      if (typeof value === "number" && typeof schema.minimum === "number" && value < schema.minimum) {
        errors.push(`${policy.name}: ${key}: Must be greater than or equal to ${schema.minimum}`);
      }
      if (typeof value === "number" && typeof schema.maximum === "number" && value > schema.maximum) {
        errors.push(`${policy.name}: ${key}: Must be less than or equal to ${schema.maximum}`);
      }
    }
  }
  return errors;
}
