import { ResourceType } from "../architecture/references";
import { alignDefaults, withoutDefaultsMarkers } from "./providerDefaults";

/**
 * Security rules are sets, not lists: terraform-provider-oci declares `ingress_security_rules` and
 * `egress_security_rules` as schema.TypeSet (core_security_list_resource.go,
 * core_default_security_list_resource.go), so OCI and `pulumi up` see a rule added or removed, never the
 * rules after it shifting up. Which inputs of which types hold such sets:
 */
export const RULE_SET_PATHS: Readonly<Record<string, readonly RuleSetPath[]>> = {
  [ResourceType.SecurityList]: ["ingressSecurityRules", "egressSecurityRules"],
  [ResourceType.DefaultSecurityList]: ["ingressSecurityRules", "egressSecurityRules"],
};

export type RuleSetPath = "ingressSecurityRules" | "egressSecurityRules";

/** One security rule in the provider's input shape (`source`/`destination`, `protocol`, `tcpOptions`, ...). */
export type Rule = Record<string, unknown>;

export interface RuleChanges {
  added: Rule[];
  removed: Rule[];
}

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === "object" && !Array.isArray(v);

/** Null and absent are the same unset value to the provider; key order is not part of a rule. */
function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (!isObject(value)) return value;
  return Object.fromEntries(
    Object.keys(value)
      .filter((k) => value[k] !== null && value[k] !== undefined)
      .sort()
      .map((k) => [k, canonical(value[k])]),
  );
}

const same = (a: unknown, b: unknown) => JSON.stringify(canonical(a)) === JSON.stringify(canonical(b));

/**
 * The rules only in `deployed` (removed) and only in `planned` (added). A deployed rule matches a planned
 * one when equal once the provider's own defaults are set aside (`__defaults`); each matches once, so a
 * rule listed twice on one side and once on the other still shows.
 */
export function compareRuleSets(deployed: unknown, planned: unknown): RuleChanges {
  const before = Array.isArray(deployed) ? deployed : [];
  const after = Array.isArray(planned) ? planned : [];
  const matched = new Set<number>();
  const added: Rule[] = [];
  for (const rule of after) {
    const index = before.findIndex((old, i) => !matched.has(i) && same(alignDefaults(old, rule), rule));
    if (index >= 0) matched.add(index);
    else added.push(rule as Rule);
  }
  const removed = before.filter((_, i) => !matched.has(i)).map((r) => withoutDefaultsMarkers(r) as Rule);
  return { added, removed };
}

export function ruleSetPaths(type: string): readonly RuleSetPath[] {
  return RULE_SET_PATHS[type] ?? [];
}

const PROTOCOL_NAMES: Readonly<Record<string, string>> = { "1": "ICMP", "6": "TCP", "17": "UDP", "58": "ICMPv6", all: "all protocols" };

function portRange(options: unknown): string {
  const o = Array.isArray(options) ? options[0] : options;
  if (!isObject(o)) return "";
  const { min, max } = o;
  if (min === undefined && max === undefined) return "";
  return min === max || max === undefined ? ` ${String(min)}` : ` ${String(min ?? 1)}-${String(max)}`;
}

function icmp(options: unknown): string {
  const o = Array.isArray(options) ? options[0] : options;
  if (!isObject(o) || o.type === undefined) return "";
  return o.code === undefined || o.code === null || o.code === -1 ? ` type ${String(o.type)}` : ` type ${String(o.type)} code ${String(o.code)}`;
}

/** `ingress 0.0.0.0/0 TCP 6443 "External access to Kubernetes API endpoint"`: how a reviewer reads a rule. */
export function describeRule(path: RuleSetPath, rule: Rule): string {
  const direction = path === "ingressSecurityRules" ? "ingress" : "egress";
  const peer = direction === "ingress" ? rule.source : rule.destination;
  const protocol = PROTOCOL_NAMES[String(rule.protocol)] ?? `protocol ${String(rule.protocol)}`;
  const ports = portRange(rule.tcpOptions) || portRange(rule.udpOptions);
  const stateless = rule.stateless === true ? " stateless" : "";
  const description = typeof rule.description === "string" && rule.description ? ` ${JSON.stringify(rule.description)}` : "";
  return `${direction} ${String(peer)} ${protocol}${ports}${icmp(rule.icmpOptions)}${stateless}${description}`;
}
