import { PolicyResource } from "@pulumi/policy";
import { NameRole, hasRole } from "../contract";
import { UNKNOWN, read } from "./values";

/**
 * Finding resources in a stack policy. Resources are correlated by display name, never by id: ids are
 * unknown during the preview of a new stack, display names are literals (spec §7).
 */
export function displayNameOf(props: unknown): unknown {
  return read(props, "displayName");
}

/** `"oke-nodesubnet-…" (urn name worker-subnet)`: both names, so a reader finds it in code and console. */
export function label(name: string, props: unknown, key = "displayName"): string {
  const shown = read(props, key);
  if (typeof shown === "string" && shown !== name) {
    return `"${shown}" (Pulumi name "${name}")`;
  }
  return `"${name}"`;
}

export function labelOf(resource: PolicyResource): string {
  return label(resource.name, resource.props);
}

export function ofType(resources: PolicyResource[], ...types: string[]): PolicyResource[] {
  return resources.filter((r) => types.includes(r.type));
}

export function withRole(resources: PolicyResource[], role: NameRole, ...types: string[]): PolicyResource[] {
  return ofType(resources, ...types).filter((r) => hasRole(displayNameOf(r.props), role));
}

export function isUnknown(value: unknown): value is typeof UNKNOWN {
  return value === UNKNOWN;
}
