import { PolicyInfoForConfig, PolicyPackConfigFile, parsePolicyPackConfig, reconcilePolicyPackConfig, validatePolicyPackConfig } from "../analyzer/config";
import { closest } from "./closest";
import { echo } from "../../tools/common/echo";
import { PlanInputError } from "../report/errors";

/**
 * `--policy-pack-config` checked against the pack's own policies before the program or the pack
 * starts, one sentence per mistake naming the policy and the property.
 *
 * The Pulumi CLI (pkg/resource/analyzer/config.go) validates each policy's properties with
 * gojsonschema against {"type": "object", properties, required}: a wrong type fails
 * ("validating policy config: <pack> <version>  <policy>: <key>: Invalid type. Expected: string,
 * given: integer"), but it sets no additionalProperties and only walks the pack's policies, so an
 * unknown property or an unknown policy name is accepted and silently does nothing. Offline is
 * stricter on those two on purpose: a misspelt name would leave the policy at its default while the
 * user believes it configured. A file this accepts, the CLI accepts too.
 */

const JSON_TYPE_WORD: Record<string, string> = {
  string: "a string",
  integer: "an integer",
  number: "a number",
  boolean: "true or false",
  array: "an array",
  object: "an object",
};

function jsonTypeOf(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  if (typeof value === "number") return Number.isInteger(value) ? "integer" : "number";
  return typeof value;
}

function typeMatches(expected: unknown, value: unknown): boolean {
  if (typeof expected !== "string") return true;
  const actual = jsonTypeOf(value);
  return actual === expected || (expected === "number" && actual === "integer");
}

export function checkPolicyPackConfigAgainst(file: string, config: PolicyPackConfigFile, policies: readonly PolicyInfoForConfig[], packName: string): void {
  const byName = new Map(policies.map((p) => [p.name, p]));
  for (const [policyName, entry] of Object.entries(config)) {
    if (policyName === "environments") {
      throw new PlanInputError(
        `--policy-pack-config ${echo(file, { quote: false })}: "environments" names Pulumi ESC environments, which an offline plan cannot open; put the values in the file itself.`,
      );
    }
    const policy = byName.get(policyName);
    const properties = typeof entry === "object" && entry !== null ? Object.keys(entry).filter((k) => k !== "enforcementLevel") : [];
    if (policyName === "all") {
      if (properties.length > 0) {
        throw new PlanInputError(
          `--policy-pack-config ${echo(file, { quote: false })}: "all" takes only an enforcement level, but sets ${echo(properties[0])}; put properties under the policy they belong to.`,
        );
      }
      continue;
    }
    if (!policy) {
      const guess = closest(policyName, [...byName.keys()]);
      throw new PlanInputError(
        `--policy-pack-config ${echo(file, { quote: false })}: pack ${packName} has no policy ${echo(policyName)}${guess ? `; did you mean "${guess}"` : "; docs/policies.md lists the policies"} (the Pulumi CLI would silently ignore it).`,
      );
    }
    const schema = policy.configSchema?.properties ?? {};
    for (const property of properties) {
      const declared = schema[property];
      if (!declared) {
        const known = Object.keys(schema);
        throw new PlanInputError(
          `--policy-pack-config ${echo(file, { quote: false })}: policy "${policyName}" has no property ${echo(property)}; ${known.length ? `it takes ${known.map((k) => `"${k}"`).join(", ")}` : "it takes only enforcementLevel"} (the Pulumi CLI would silently ignore it).`,
        );
      }
      const value = (entry as Record<string, unknown>)[property];
      if (!typeMatches(declared.type, value)) {
        const expected = String(declared.type);
        throw new PlanInputError(
          `--policy-pack-config ${echo(file, { quote: false })}: policy "${policyName}": ${property} must be ${JSON_TYPE_WORD[expected] ?? expected}, got ${echo(JSON.stringify(value), { quote: false })}${expected === "string" && typeof value === "number" ? ` (write "${value}")` : ""}.`,
        );
      }
    }
  }
  // Everything else the schemas say (enum, pattern, minimum, required), with the CLI's own wording.
  const reconciled = reconcilePolicyPackConfig([...policies], {}, parsePolicyPackConfig(config));
  const errors = validatePolicyPackConfig([...policies], reconciled).sort();
  if (errors.length > 0) {
    throw new PlanInputError(`--policy-pack-config ${echo(file, { quote: false })}: validating policy config: ${errors[0]}.`);
  }
}

/** This repository's pack as the data the check needs, loaded only when a config file is given. */
export function localPackPolicies(): PolicyInfoForConfig[] {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { allPolicies } = require("../../policies/catalog") as typeof import("../../policies/catalog");
  return allPolicies.map((p) => ({
    name: p.name,
    enforcementLevel: p.enforcementLevel ?? "advisory",
    configSchema: p.configSchema as PolicyInfoForConfig["configSchema"],
  }));
}
