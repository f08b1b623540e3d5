import { echo, escapeControls, PATH_ECHO_LIMIT } from "../../tools/common/echo";
import { mockMonitorUrn } from "../records/engineUrns";
import { SECRET_MASK, UNKNOWN_MASK } from "../records/masking";
import { alignDefaults } from "./providerDefaults";
import { forcesReplacement } from "./replaceRules";
import { compareRuleSets, describeRule, Rule, RuleSetPath, ruleSetPaths } from "./ruleSets";

/** One changed input, at its leaf: `kubernetesVersion`, `clusterPodNetworkOptions[0].cniType`. */
export interface PathChange {
  path: string;
  old: unknown;
  new: unknown;
}

export type ChangeAction = "create" | "update" | "replace" | "delete";

/** A resource as either plan holds it: inputs masked (secrets "[secret]", unknowns "[unknown]"). */
export interface PlannedResource {
  urn: string;
  type: string;
  name: string;
  inputs: Record<string, unknown>;
  /** Input paths the engine does not diff (the `ignoreChanges` resource option). */
  ignoreChanges?: string[];
}

export interface ResourceChange {
  urn: string;
  type: string;
  name: string;
  action: ChangeAction;
  /** Changed input paths (for a create or delete: none). */
  paths: string[];
  /** The changed paths that force the replacement. */
  replaceReasons: string[];
  changes: PathChange[];
  /** Security rules added and removed, per rule set (the sets are compared as sets, never by position). */
  ruleChanges?: RuleSetChange[];
}

export interface RuleSetChange {
  path: RuleSetPath;
  added: Rule[];
  removed: Rule[];
}

/** OCI resources cannot move between regions: a plan in another region than the deployed stack replaces them all. */
export interface RegionMove {
  from: string;
  to: string;
}

/** The reason a region move gives for each replacement, in `replaceReasons`. */
export const REGION_REASON = "oci:region";

/** Whether `pulumi up` would replace a resource of `type` because the region moved: every OCI resource. */
export function movesWithRegion(type: string): boolean {
  return type.startsWith("oci:");
}

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === "object" && !Array.isArray(v);

/**
 * A change at `path`. Where the program's value is secret, the deployed one is not shown either: a state
 * may hold in plain text what the program now marks secret, and the plan's output reaches CI logs.
 */
function changeAt(path: string, a: unknown, b: unknown): PathChange {
  return { path, old: b === SECRET_MASK && a !== undefined ? SECRET_MASK : a, new: b };
}

function walk(path: string, a: unknown, b: unknown, into: PathChange[]): void {
  if (Array.isArray(a) || Array.isArray(b)) {
    const left = Array.isArray(a) ? a : [];
    const right = Array.isArray(b) ? b : [];
    if ((!Array.isArray(a) && a !== undefined) || (!Array.isArray(b) && b !== undefined)) {
      into.push(changeAt(path, a, b));
      return;
    }
    for (let i = 0; i < Math.max(left.length, right.length); i++) walk(`${path}[${i}]`, left[i], right[i], into);
    return;
  }
  if (isObject(a) || isObject(b)) {
    if ((!isObject(a) && a !== undefined) || (!isObject(b) && b !== undefined)) {
      into.push(changeAt(path, a, b));
      return;
    }
    const left = (a ?? {}) as Record<string, unknown>;
    const right = (b ?? {}) as Record<string, unknown>;
    for (const key of new Set([...Object.keys(left), ...Object.keys(right)])) walk(path ? `${path}.${key}` : key, left[key], right[key], into);
    return;
  }
  // null and absent are the same "unset" to the provider.
  if ((a ?? undefined) !== (b ?? undefined) || b === UNKNOWN_MASK) into.push(changeAt(path, a, b));
}

/** The leaf inputs that differ between two masked input sets; an unknown new value always counts as a change. */
export function changedPaths(oldInputs: Record<string, unknown>, newInputs: Record<string, unknown>): PathChange[] {
  const found: PathChange[] = [];
  walk("", oldInputs, newInputs, found);
  return found;
}

function ignored(path: string, ignoreChanges: readonly string[] | undefined): boolean {
  return (ignoreChanges ?? []).some((p) => path === p || path.startsWith(`${p}.`) || path.startsWith(`${p}[`));
}

/** Update or replace for one resource present in both plans, or nothing when no input changed. */
export function diffResource(before: PlannedResource, after: PlannedResource): ResourceChange | undefined {
  const sets = ruleSetPaths(after.type);
  const rest = (inputs: Record<string, unknown>) => Object.fromEntries(Object.entries(inputs).filter(([k]) => !(sets as string[]).includes(k)));
  const changes = changedPaths(rest(alignDefaults(before.inputs, after.inputs) as Record<string, unknown>), rest(after.inputs)).filter(
    (c) => !ignored(c.path, after.ignoreChanges),
  );
  const ruleChanges = sets
    .filter((path) => !ignored(path, after.ignoreChanges))
    .map((path) => ({ path, ...compareRuleSets(before.inputs[path], after.inputs[path]) }))
    .filter((r) => r.added.length + r.removed.length > 0);
  if (changes.length === 0 && ruleChanges.length === 0) return undefined;
  const paths = [...changes.map((c) => c.path), ...ruleChanges.map((r) => r.path)];
  const replaceReasons = paths.filter((p) => forcesReplacement(after.type, p));
  return {
    urn: after.urn,
    type: after.type,
    name: after.name,
    action: replaceReasons.length ? "replace" : "update",
    paths,
    replaceReasons,
    changes,
    ...(ruleChanges.length ? { ruleChanges } : {}),
  };
}

/**
 * What `pulumi up` would do to go from `deployed` to `planned`, matching resources by URN: creates and
 * updates/replaces in the planned order, then deletes in reverse deployed order (dependents first).
 * With the region moved, every OCI resource is replaced for that one reason (its other differences
 * follow from it: new ids everywhere).
 */
export function diffPlans(deployed: readonly PlannedResource[], planned: readonly PlannedResource[], regionMove?: RegionMove): ResourceChange[] {
  const before = new Map(deployed.map((r) => [r.urn, r]));
  const matched = new Set<string>();
  const result: ResourceChange[] = [];
  for (const resource of planned) {
    // A file written before plans carried the engine's URNs holds the mock monitor's form of the same URN.
    const old = before.get(resource.urn) ?? before.get(mockMonitorUrn(resource.urn));
    if (old) matched.add(old.urn);
    if (!old) {
      result.push({ urn: resource.urn, type: resource.type, name: resource.name, action: "create", paths: [], replaceReasons: [], changes: [] });
      continue;
    }
    if (regionMove && movesWithRegion(resource.type)) {
      result.push({ urn: resource.urn, type: resource.type, name: resource.name, action: "replace", paths: [], replaceReasons: [REGION_REASON], changes: [] });
      continue;
    }
    const change = diffResource(old, resource);
    if (change) result.push(change);
  }
  for (const resource of [...deployed].reverse()) {
    if (!matched.has(resource.urn))
      result.push({ urn: resource.urn, type: resource.type, name: resource.name, action: "delete", paths: [], replaceReasons: [], changes: [] });
  }
  return result;
}

export type ChangeCounts = Record<ChangeAction, number>;

export function countChanges(changes: readonly ResourceChange[]): ChangeCounts {
  const counts: ChangeCounts = { create: 0, update: 0, replace: 0, delete: 0 };
  for (const c of changes) counts[c.action]++;
  return counts;
}

export function countLine(counts: ChangeCounts): string {
  return `${counts.create} to create, ${counts.update} to update, ${counts.replace} to replace, ${counts.delete} to delete`;
}

const SIGN: Record<ChangeAction, string> = { create: "+ create ", update: "~ update ", replace: "+-replace", delete: "- delete " };

/** A value as the changes block shows it: JSON, bounded and escaped, since the deployed file is the user's. */
function shown(value: unknown): string {
  return value === undefined ? "(unset)" : echo(JSON.stringify(value), { quote: false, limit: PATH_ECHO_LIMIT });
}

/** The plan's "Changes" block: one line per resource with its action, then each changed input, old → new. */
export function renderChanges(changes: readonly ResourceChange[], against: string, regionMove?: RegionMove): string[] {
  const lines = [`Changes against ${against}:`];
  if (regionMove) {
    lines.push(`    oci:region moves from ${regionMove.from} to ${regionMove.to}: OCI resources cannot move between regions, so every one is replaced.`);
  }
  for (const c of changes) {
    const byRegion = c.action === "replace" && c.replaceReasons.length === 1 && c.replaceReasons[0] === REGION_REASON;
    const forced = c.action === "replace" && !byRegion ? `  (replaced: ${c.replaceReasons.join(", ")} cannot change in place)` : "";
    // Types, names and paths come from the deployed file's URNs and keys: never raw control characters.
    lines.push(`    ${SIGN[c.action]}  ${escapeControls(c.type)}  ${escapeControls(c.name)}${escapeControls(forced)}`);
    for (const p of c.changes) lines.push(`          ${escapeControls(p.path)}: ${shown(p.old)} → ${shown(p.new)}`);
    for (const r of c.ruleChanges ?? []) {
      for (const rule of r.removed) lines.push(`          - ${escapeControls(describeRule(r.path, rule))}`);
      for (const rule of r.added) lines.push(`          + ${escapeControls(describeRule(r.path, rule))}`);
    }
  }
  lines.push(countLine(countChanges(changes)));
  return lines;
}

/** What the program chose not to change by itself and reports instead (the `nodeImageUpdate` output). */
export function planNotes(outputs: Record<string, unknown>): string[] {
  return typeof outputs.nodeImageUpdate === "string" ? [`note: not applied: ${outputs.nodeImageUpdate}`] : [];
}
