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
