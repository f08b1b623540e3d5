// The files generated from components/options.ts: Pulumi.yaml's `config:` block and docs/options.md.
// `npm run options` writes them; tests/stack/options.test.ts fails, naming the key and the file, when they drift.
import { isDeepStrictEqual } from "util";
import YAML from "yaml";
import { Option, OPTION_KEYS, optionOf } from "../components/options";
import { PROJECT_NAME } from "../policies/contract";

export const PULUMI_YAML = "Pulumi.yaml";
export const OPTIONS_DOC = "docs/options.md";
const TABLE = "components/options.ts";
const FIX = "run `npm run options` to regenerate it, or fix the table";

/** One key as Pulumi.yaml declares it, in the order the CLI documents: type, items, description, default. */
function declaration(option: Option): Record<string, unknown> {
  return {
    type: option.type,
    ...(option.type === "array" ? { items: { type: option.items } } : {}),
    description: option.description,
    ...("default" in option ? { default: option.default } : {}),
  };
}

function configObject(): Record<string, Record<string, unknown>> {
  return Object.fromEntries(OPTION_KEYS.map((key) => [key, declaration(optionOf(key))]));
}

/** The `config:` block, from its line to the end of its indented lines. */
export function renderConfigBlock(): string {
  const block = YAML.stringify({ config: configObject() }, { lineWidth: 0 });
  return block.replace(/^config:\n/, `config:\n  # Generated from ${TABLE} by \`npm run options\`: edit the table, not these lines.\n`);
}

/** Where the top-level `config:` block starts and ends; the rest of Pulumi.yaml (and its comments) is kept. */
function configBlockSpan(text: string): { start: number; end: number } | undefined {
  const match = /^config:[ \t]*(#.*)?$/m.exec(text);
  if (!match) return undefined;
  const rest = text.slice(match.index + match[0].length);
  // The block ends at the next line that starts a top-level key (not indented, not a comment).
  const next = /\n(?=[^\s#])/.exec(rest);
  return { start: match.index, end: next ? match.index + match[0].length + next.index + 1 : text.length };
}

/** Pulumi.yaml with its `config:` block regenerated (appended when it has none). */
export function withConfigBlock(pulumiYaml: string): string {
  const span = configBlockSpan(pulumiYaml);
  if (!span) return `${pulumiYaml.replace(/\n*$/, "\n")}${renderConfigBlock()}`;
  return pulumiYaml.slice(0, span.start) + renderConfigBlock() + pulumiYaml.slice(span.end);
}

/** Each way Pulumi.yaml's `config:` block disagrees with the table, as one sentence naming the key and the file. */
export function pulumiYamlDisagreements(pulumiYaml: string): string[] {
  const doc = YAML.parse(pulumiYaml) as { config?: Record<string, unknown> } | null;
  const declared = doc?.config ?? {};
  const problems: string[] = [];
  for (const key of OPTION_KEYS) {
    const expected = declaration(optionOf(key));
    const actual = declared[key] as Record<string, unknown> | undefined;
    if (actual === undefined) {
      problems.push(`${PULUMI_YAML} does not declare '${key}', which ${TABLE} declares: ${FIX}.`);
      continue;
    }
    for (const field of new Set([...Object.keys(expected), ...Object.keys(actual ?? {})])) {
      if (!isDeepStrictEqual(actual?.[field], expected[field])) {
        problems.push(
          `${PULUMI_YAML} gives '${key}' ${field} ${JSON.stringify(actual?.[field])}, but ${TABLE} says ${JSON.stringify(expected[field])}: ${FIX}.`,
        );
      }
    }
  }
  for (const key of Object.keys(declared)) {
    if (!key.includes(":") && !OPTION_KEYS.includes(key as never)) {
      problems.push(`${PULUMI_YAML} declares '${key}', which ${TABLE} does not: add it to the table or remove it from ${PULUMI_YAML}.`);
    }
  }
  if (problems.length === 0 && withConfigBlock(pulumiYaml) !== pulumiYaml) {
    problems.push(`${PULUMI_YAML}'s config: block is laid out differently from what \`npm run options\` writes: run it.`);
  }
  return problems;
}

const TYPE_NAMES: Record<Option["type"], string> = { string: "string", integer: "integer", boolean: "boolean", array: "array of strings" };

function cell(text: string): string {
  return text.replace(/\|/g, "\\|");
}

function defaultCell(option: Option): string {
  if (!("default" in option)) return "required";
  const literal = `\`${YAML.stringify(option.default).trim()}\``;
  return "whenUnset" in option && option.whenUnset ? `${literal}: ${option.whenUnset}` : literal;
}

function row(key: (typeof OPTION_KEYS)[number]): string {
  const option = optionOf(key);
  return `| \`${key}\` | ${TYPE_NAMES[option.type]} | ${cell(defaultCell(option))} | ${cell(option.limits)} | ${cell(option.description)} |`;
}

const HEADER = "| Key | Type | Default | Limits | Description |\n|---|---|---|---|---|";

/** docs/options.md, whole. */
export function renderOptionsDoc(): string {
  return `# Options

<!-- Generated from ${TABLE} by \`npm run options\`; edit the table, not this file. -->

Every key below is declared in \`Pulumi.yaml\` with its type, description and default; set them with
\`pulumi config set KEY VALUE\` (project namespace \`${PROJECT_NAME}\`). Bad values stop the run before
anything is created, with one sentence naming the key, the value and what is allowed. The limits are
OCI's and Kubernetes' documented ones, kept as cited data in \`components/limits.ts\`, and the limits
column is built from those constants; numbers past them (or past JavaScript's safe integers) are refused, never used.
Pulumi.yaml must give every optional key a default, so a string key set to \`""\` is unset, and so is an
integer key whose default below reads \`0\` with a meaning.

\`oci:region\` is the provider's key, set in the stack file (\`Pulumi.dev.yaml\` uses \`ap-tokyo-1\`).

${HEADER}
${OPTION_KEYS.map(row).join("\n")}

## Adding an option

1. Declare it once, at the end of \`OPTIONS\` in \`${TABLE}\`: type, default (or \`required\` with an
   example value), a one-line description for \`Pulumi.yaml\`, its limits in words, and \`whenUnset\` if
   its default \`""\` or \`0\` stands for "not set". \`QuickCreateArgs\`, \`DEFAULTS\` and
   \`readStackConfig\` follow from the table.
2. Run \`npm run options\`: it rewrites \`Pulumi.yaml\`'s \`config:\` block (the rest of the file is kept)
   and this file. \`tests/stack/options.test.ts\` fails, naming the key and the file, until you do.
3. Check and use the value in \`resolveSettings\` (\`components/settings.ts\`), which reads
   \`args.<key> ?? DEFAULTS.<key>\`, and add a test of what the option changes and what it refuses.
`;
}

/** Each way docs/options.md disagrees with the table, naming the key (or the part) and the file. */
export function optionsDocDisagreements(doc: string): string[] {
  const rows = new Map<string, string>();
  for (const line of doc.split("\n")) {
    const match = /^\| `([^`]+)` \|/.exec(line);
    if (match) rows.set(match[1], line);
  }
  const problems: string[] = [];
  for (const key of OPTION_KEYS) {
    const actual = rows.get(key);
    if (actual === undefined) problems.push(`${OPTIONS_DOC} has no row for '${key}', which ${TABLE} declares: ${FIX}.`);
    else if (actual !== row(key)) problems.push(`${OPTIONS_DOC}'s row for '${key}' differs from ${TABLE} (expected ${row(key)}): ${FIX}.`);
  }
  for (const key of rows.keys()) {
    if (!OPTION_KEYS.includes(key as never)) problems.push(`${OPTIONS_DOC} has a row for '${key}', which ${TABLE} does not declare: ${FIX}.`);
  }
  if (problems.length === 0 && doc !== renderOptionsDoc()) {
    problems.push(`${OPTIONS_DOC} differs from what \`npm run options\` writes outside the table rows: edit the text in scripts/optionFiles.ts and run it.`);
  }
  return problems;
}
