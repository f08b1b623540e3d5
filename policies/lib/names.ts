import { NODE_POOL_NAME, QuickCreateNames, quickCreateNames } from "../../components/naming";

/**
 * Recognising Quick Create display names. The patterns are derived from components/naming.ts by
 * rendering the names with placeholders, so the pack and the stack cannot drift apart: a change in
 * the naming scheme there changes what the policies accept here.
 */
export type NameRole = keyof QuickCreateNames;

export interface ParsedName {
  role: NameRole;
  clusterName: string;
  id: string;
}

const CLUSTER_PLACEHOLDER = "\u0000CLUSTER\u0000";
const ID_PLACEHOLDER = "\u0000ID\u0000";

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** Roles whose display name carries the cluster name and the 9-hex id (the cluster and pool1 do not). */
const SUFFIXED_ROLES = (Object.keys(quickCreateNames("c", "0")) as NameRole[]).filter(
  (role) => role !== "cluster" && role !== "nodePool",
);

const PATTERNS: { role: NameRole; pattern: RegExp }[] = SUFFIXED_ROLES.map((role) => {
  const template = quickCreateNames(CLUSTER_PLACEHOLDER, ID_PLACEHOLDER)[role];
  // The cluster name may itself contain hyphens; the id is anchored as the last 9 hex digits before
  // the fixed tail, so a greedy cluster-name group still splits the name correctly.
  const source = escapeRegExp(template)
    .replace(escapeRegExp(CLUSTER_PLACEHOLDER), "(?<clusterName>.+)")
    .replace(escapeRegExp(ID_PLACEHOLDER), "(?<id>[0-9a-f]{9})");
  return { role, pattern: new RegExp(`^${source}$`) };
});

/** Which Quick Create resource a display name names, or undefined when it follows no pattern. */
export function parseQuickCreateName(displayName: string): ParsedName | undefined {
  const matches: ParsedName[] = [];
  for (const { role, pattern } of PATTERNS) {
    const m = pattern.exec(displayName);
    if (m?.groups) {
      matches.push({ role, clusterName: m.groups.clusterName, id: m.groups.id });
    }
  }
  // The templates do not overlap today; should a future template make two match, the one leaving
  // the shortest cluster name has the most fixed text and is the intended role.
  matches.sort((a, b) => a.clusterName.length - b.clusterName.length);
  return matches[0];
}

export function hasRole(displayName: unknown, role: NameRole): boolean {
  return typeof displayName === "string" && parseQuickCreateName(displayName)?.role === role;
}

/** A human-readable template for messages, e.g. `oke-nodesubnet-quick-<cluster>-<id>-regional`. */
export function nameTemplate(role: NameRole): string {
  return quickCreateNames("<cluster>", "<id>")[role];
}

export { NODE_POOL_NAME };
