// docs/policies.md's two tables, generated from the pack's policies: every policy (name, level, what it
// asserts, why, spec) and every config property (type, limits, default, meaning). The prose around
// them is hand-written. `npm run policies-doc` writes them; tests/contract/policiesDoc.test.ts fails,
// naming the policy or the property, when they drift.
import { PolicyConfigSchema } from "@pulumi/policy";
import { allPolicies } from "../policies/catalog";
import { DocumentedPolicy } from "../policies/lib/documented";

export const POLICIES_DOC = "docs/policies.md";
const SOURCE = "policies/catalog.ts";
const FIX = "run `npm run policies-doc` to regenerate it, or fix the policy";

interface Block {
  id: "policies" | "config";
  header: string;
  rows: () => Map<string, string>;
}

function cell(text: string): string {
  return text.replace(/\|/g, "\\|").replace(/\n/g, " ");
}

function policyRow(policy: DocumentedPolicy): string {
  const { asserts, why, spec } = policy.doc;
  return `| \`${policy.name}\` | ${policy.enforcementLevel} | ${cell(asserts)} | ${cell(why)} | ${cell(spec)} |`;
}

/** A property's type and limits as JSON Schema states them: "integer 1–3", "string matching `^[0-9]+$`". */
function typeCell(schema: PolicyConfigSchema["properties"][string]): string {
  const parts = [String(schema.type)];
  if (schema.minimum !== undefined && schema.maximum !== undefined) parts.push(`${schema.minimum}–${schema.maximum}`);
  else if (schema.minimum !== undefined) parts.push(`≥ ${schema.minimum}`);
  else if (schema.maximum !== undefined) parts.push(`≤ ${schema.maximum}`);
  if (schema.minLength !== undefined) parts.push(`of at least ${schema.minLength} character${schema.minLength === 1 ? "" : "s"}`);
  if (schema.pattern !== undefined) parts.push(`matching \`${schema.pattern}\``);
  return parts.join(" ");
}

function configRows(): Map<string, string> {
  const rows = new Map<string, string>();
  for (const policy of allPolicies) {
    for (const [property, schema] of Object.entries(policy.configSchema?.properties ?? {})) {
      const key = `${policy.name}.${property}`;
      rows.set(
        key,
        `| \`${property}\` | \`${policy.name}\` | ${cell(typeCell(schema))} | \`${JSON.stringify(schema.default)}\` | ${cell(String(schema.description ?? ""))} |`,
      );
    }
  }
  return rows;
}

const BLOCKS: Block[] = [
  {
    id: "policies",
    header: "| Policy | Level | Asserts | Why | Spec |\n|---|---|---|---|---|",
    rows: () => new Map(allPolicies.map((policy) => [policy.name, policyRow(policy)])),
  },
  {
    id: "config",
    header: "| Property | Policy | Type | Default | Meaning |\n|---|---|---|---|---|",
    rows: configRows,
  },
];

const begin = (id: string) => `<!-- Generated from ${SOURCE} by \`npm run policies-doc\` (${id}): edit the policies, not this table. -->`;
const end = (id: string) => `<!-- End of the generated ${id} table. -->`;

function renderBlock(block: Block): string {
  return [begin(block.id), "", block.header, ...block.rows().values(), "", end(block.id)].join("\n");
}

/** Where a block's text lies between its markers, markers included. */
function span(doc: string, id: string): { start: number; end: number } | undefined {
  const start = doc.indexOf(begin(id));
  const stop = doc.indexOf(end(id));
  return start < 0 || stop < start ? undefined : { start, end: stop + end(id).length };
}

/** docs/policies.md with both tables regenerated; the prose around them is kept. */
export function withPolicyTables(doc: string): string {
  return BLOCKS.reduce((text, block) => {
    const where = span(text, block.id);
    if (!where) throw new Error(`${POLICIES_DOC} has no markers for the ${block.id} table: put ${begin(block.id)} and ${end(block.id)} where it belongs.`);
    return text.slice(0, where.start) + renderBlock(block) + text.slice(where.end);
  }, doc);
}

/** Each way docs/policies.md's tables disagree with the pack, as one sentence naming the policy or property. */
export function policiesDocDisagreements(doc: string): string[] {
  const problems: string[] = [];
  for (const block of BLOCKS) {
    const where = span(doc, block.id);
    if (!where) {
      problems.push(`${POLICIES_DOC} has lost the markers of its generated ${block.id} table: restore them and ${FIX}.`);
      continue;
    }
    const actual = new Map<string, string>();
    for (const line of doc.slice(where.start, where.end).split("\n")) {
      const match = /^\| `([^`]+)` \| (?:`([^`]+)` \|)?/.exec(line);
      if (match) actual.set(block.id === "config" ? `${match[2]}.${match[1]}` : match[1], line);
    }
    const expected = block.rows();
    for (const [key, row] of expected) {
      const line = actual.get(key);
      if (line === undefined) problems.push(`${POLICIES_DOC}'s ${block.id} table has no row for '${key}', which ${SOURCE} declares: ${FIX}.`);
      else if (line !== row) problems.push(`${POLICIES_DOC}'s ${block.id} row for '${key}' differs from the pack (expected ${row}): ${FIX}.`);
    }
    for (const key of actual.keys()) {
      if (!expected.has(key)) problems.push(`${POLICIES_DOC}'s ${block.id} table has a row for '${key}', which the pack does not declare: ${FIX}.`);
    }
  }
  if (problems.length === 0 && withPolicyTables(doc) !== doc) {
    problems.push(`${POLICIES_DOC}'s generated tables are laid out differently from what \`npm run policies-doc\` writes: run it.`);
  }
  return problems;
}
