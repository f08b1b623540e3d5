import * as path from "path";
import { maskOutputs } from "../records/masking";
import type { PolicyDiagnostic, PolicyResults, RegisteredResource } from "../records/shapes";
import { renderTree } from "./resourceTree";

export interface PlanSummary {
  resources: number;
  mandatory: number;
  advisory: number;
}

/** Mandatory violations block `pulumi up` (and fail the plan); `remediate` is mandatory-like in preview. */
export function isBlocking(d: PolicyDiagnostic): boolean {
  return d.enforcementLevel === "mandatory";
}

export function countByLevel(results: PolicyResults): { mandatory: number; advisory: number } {
  const mandatory = results.diagnostics.filter(isBlocking).length;
  return { mandatory, advisory: results.diagnostics.length - mandatory };
}

export function summarize(records: readonly RegisteredResource[], policies: PolicyResults): PlanSummary {
  return { resources: records.length, ...countByLevel(policies) };
}

/** The one line CI logs and step summaries quote. */
export function summaryLine(s: PlanSummary): string {
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;
  return `${plural(s.resources, "resource")}, ${plural(s.mandatory, "mandatory violation")}, ${s.advisory} advisory`;
}

function renderOutputs(outputs: Record<string, unknown>): string[] {
  const masked = maskOutputs(outputs);
  const width = Math.max(0, ...Object.keys(masked).map((k) => k.length));
  return Object.entries(masked).flatMap(([key, value]) => {
    const shown = typeof value === "string" ? (value.startsWith("[") ? value : JSON.stringify(value)) : JSON.stringify(value, null, 4);
    const [first, ...rest] = shown.split("\n");
    return [`    ${key.padEnd(width)}: ${first}`, ...rest.map((l) => `    ${" ".repeat(width)}  ${l}`)];
  });
}

function subject(d: PolicyDiagnostic, records: readonly RegisteredResource[]): string {
  const record = d.urn ? records.find((r) => r.urn === d.urn) : undefined;
  return record ? `  (${record.type}: ${record.name})` : "";
}

/**
 * The CLI's "Policies:" block: one line per pack with ✅ (clean), ⚠️ (advisory only) or ❌ (mandatory),
 * then `- [level]  policy  (type: name)` and the message indented under it.
 */
function renderPolicies(policies: PolicyResults, records: readonly RegisteredResource[], packDir: string): string[] {
  const lines = ["Policies:"];
  for (const pack of policies.packs) {
    const found = policies.diagnostics.filter((d) => d.policyPack === pack.name);
    const icon = found.some((d) => d.enforcementLevel === "mandatory") ? "❌" : found.length ? "⚠️ " : "✅";
    const version = pack.version.startsWith("v") ? pack.version : `v${pack.version}`;
    lines.push(`    ${icon} ${pack.name}@${version} (local: ${packDir})`);
    const ordered = [...found].sort((a, b) => Number(b.enforcementLevel === "mandatory") - Number(a.enforcementLevel === "mandatory"));
    for (const d of ordered) {
      lines.push(`        - [${d.enforcementLevel}]  ${d.policy}${subject(d, records)}`);
      for (const line of d.message.split("\n")) lines.push(`          ${line}`);
    }
  }
  return lines;
}

export interface TextReportInput {
  stack: string;
  project: string;
  region: string;
  preview: boolean;
  records: readonly RegisteredResource[];
  outputs: Record<string, unknown>;
  policies: PolicyResults;
  packDir: string;
  /** The "Changes" block, printed with `--deployed`. */
  changeLines?: string[];
}

export function renderTextReport(input: TextReportInput): string {
  const mode = input.preview ? ", as a first preview: ids unknown" : "";
  const lines = [
    `Plan for stack ${input.stack} of ${input.project} in ${input.region} (offline${mode})`,
    "",
    "Resources:",
    ...renderTree(input.records),
    "",
    "Outputs:",
    ...renderOutputs(input.outputs),
    "",
    ...(input.changeLines ? [...input.changeLines, ""] : []),
    ...renderPolicies(input.policies, input.records, path.relative(process.cwd(), input.packDir) || "."),
    "",
    summaryLine(summarize(input.records, input.policies)),
  ];
  return lines.join("\n") + "\n";
}
