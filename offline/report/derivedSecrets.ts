import { ECHO_LIMIT, escapeControls, redact } from "../../tools/common/echo";
import { UNKNOWN_VALUE } from "../analyzer/records";
import type { PolicyResults, RegisteredResource } from "../records/shapes";
import { isInputSecret, SECRET_SIG, SECRET_SIG_KEY } from "../records/masking";
import { vcnDnsLabel } from "../../policies/contract/names";

/**
 * Pulumi marks every output computed from a secret as secret, so `pulumi preview` never shows a value
 * derived from one. The program reads its settings as plain text (it validates them and builds names
 * from them), so the engine receives, say, a secret nameSuffix inside some 28 display names. The plan
 * applies Pulumi's rule to what it shows: any input or output that holds a secret's text is itself a
 * secret, shown as `[secret]` in the text, the JSON and the diagram.
 */

/** A secret shorter than this is matched as a whole value only ("3" must not hide every 3 in a CIDR). */
const MIN_CONTAINED = 3;

/**
 * The texts a secret setting can reach the program as: itself, each item of a JSON list or object, and
 * what the program derives from it by more than concatenation: the VCN's DNS label (a secret
 * clusterName without its hyphens, cut to 15 characters), which is also the start of the bastion's name.
 */
export function secretTexts(values: readonly string[]): string[] {
  const texts = new Set<string>();
  const leaves = (v: unknown): void => {
    if (typeof v === "string" || typeof v === "number" || typeof v === "boolean") texts.add(String(v));
    else if (v && typeof v === "object") Object.values(v).forEach(leaves);
  };
  for (const value of values) {
    texts.add(value);
    // Only a value that could be a cluster name (a letter, then letters, digits and hyphens) becomes a label.
    if (/^[A-Za-z][A-Za-z0-9-]*$/.test(value)) texts.add(vcnDnsLabel(value));
    if (/^\s*[[{]/.test(value)) {
      try {
        leaves(JSON.parse(value));
      } catch {
        // Not JSON: the value is only used whole.
      }
    }
  }
  return [...texts].filter((t) => t !== "");
}

function holdsSecret(value: unknown, secrets: readonly string[]): boolean {
  if (typeof value === "string") return value !== UNKNOWN_VALUE && secrets.some((s) => value === s || (s.length >= MIN_CONTAINED && value.includes(s)));
  if (typeof value === "number" || typeof value === "boolean") return secrets.includes(String(value));
  return false;
}

/** Resource inputs with every value holding a secret wrapped in the engine's secret envelope. */
export function markDerivedInputs<T>(value: T, secrets: readonly string[]): T {
  if (secrets.length === 0 || isInputSecret(value)) return value;
  if (holdsSecret(value, secrets)) return { [SECRET_SIG_KEY]: SECRET_SIG, value } as T;
  if (Array.isArray(value)) return value.map((v) => markDerivedInputs(v, secrets)) as T;
  if (value && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, markDerivedInputs(v, secrets)])) as T;
  }
  return value;
}

function isOutputSecret(value: unknown): boolean {
  return !!value && typeof value === "object" && !Array.isArray(value) && Object.keys(value).length === 1 && "secret" in value;
}

/** Stack outputs (runProgram's `{ secret: value }` form) with every value holding a secret wrapped. */
export function markDerivedOutputs<T>(value: T, secrets: readonly string[]): T {
  if (secrets.length === 0 || isOutputSecret(value)) return value;
  if (holdsSecret(value, secrets)) return { secret: value } as T;
  if (Array.isArray(value)) return value.map((v) => markDerivedOutputs(v, secrets)) as T;
  if (value && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, markDerivedOutputs(v, secrets)])) as T;
  }
  return value;
}

export function markDerivedRecords(records: readonly RegisteredResource[], secrets: readonly string[]): RegisteredResource[] {
  if (secrets.length === 0) return [...records];
  return records.map((r) => ({ ...r, inputs: markDerivedInputs(r.inputs, secrets), ...(r.outputs ? { outputs: markDerivedInputs(r.outputs, secrets) } : {}) }));
}

/** Policy messages quote display names and values; a secret in them is replaced, as the CLI filters its logs. */
export function redactDiagnostics(policies: PolicyResults, secrets: readonly string[]): PolicyResults {
  if (secrets.length === 0) return policies;
  return { ...policies, diagnostics: policies.diagnostics.map((d) => ({ ...d, message: redact(d.message, secrets) })) };
}

/**
 * The last line of defence for everything the plan prints or writes: each secret's text, and the forms
 * an error message shows it in (JSON-escaped, control characters escaped, cut at the echo limit), is
 * replaced by `[secret]`, and so is any private key block.
 */
export function scrubber(secrets: Iterable<string>): (text: string) => string {
  return (text) => {
    const forms = new Set<string>();
    for (const s of secrets) {
      forms.add(s);
      forms.add(JSON.stringify(s).slice(1, -1));
      forms.add(escapeControls(s));
      const chars = Array.from(s);
      if (chars.length > ECHO_LIMIT) forms.add(escapeControls(chars.slice(0, ECHO_LIMIT).join("")));
      // As Graphviz writes text into SVG.
      forms.add(s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;").replace(/-/g, "&#45;"));
    }
    return redact(text, forms);
  };
}

/**
 * A JSON document scrubbed value by value, so that it stays JSON whatever the secret's text (a secret
 * "true" must not turn `"enabled": true` into `"enabled": [secret]`).
 */
export function scrubJson(value: unknown, scrub: (text: string) => string): unknown {
  if (typeof value === "string") return scrub(value);
  if (Array.isArray(value)) return value.map((v) => scrubJson(v, scrub));
  if (value && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [scrub(k), scrubJson(v, scrub)]));
  }
  return value;
}
