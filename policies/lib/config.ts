import { PolicyConfigSchema } from "@pulumi/policy";

/**
 * The CLI fills every configSchema default in before it calls Configure, but unit tests and older
 * CLIs may not: policies read config through this helper so the schema stays the single place where
 * a default is written down.
 */
export function configWithDefaults<T extends object>(schema: PolicyConfigSchema, given: Partial<T>): T {
  const result: Record<string, unknown> = {};
  for (const [key, property] of Object.entries(schema.properties)) {
    if (property && typeof property === "object" && "default" in property) {
      result[key] = property.default;
    }
  }
  for (const [key, value] of Object.entries(given ?? {})) {
    if (value !== undefined) {
      result[key] = value;
    }
  }
  return result as T;
}

/** The file name the "Fix:" hints suggest for policy configuration. */
export const POLICY_CONFIG_FILE = "policy-config.json";

/**
 * How to set a policy's properties, written as a command that works as given: the CLI's and the
 * offline plan's `--policy-pack-config` both take a file, never inline JSON.
 */
export function policyConfigHint(policy: string, properties: Record<string, unknown>): string {
  const json = JSON.stringify({ [policy]: properties });
  return `write ${json} to ${POLICY_CONFIG_FILE} and pass --policy-pack-config ${POLICY_CONFIG_FILE} (to pulumi preview/up, or to npm start -- offline)`;
}
