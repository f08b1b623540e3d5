import * as path from "path";
import YAML, { Document, isAlias, isMap, isScalar, isSeq, Pair, Scalar, YAMLMap } from "yaml";
import { PlanInputError } from "../report/errors";
import { echo } from "../../tools/common/echo";
import { InputFileError, readInputText } from "../../tools/common/inputFile";

/**
 * Reads Pulumi.yaml or a stack file through the one reader of user files (regular files only, size
 * cap, UTF-8, no NUL), so a FIFO, a device, a binary or a 1 GB file is named as such in one sentence.
 * `label` is how the sentence names the file ("The stack file"); `missing` is the sentence when absent.
 */
export function readYamlDocument(file: string, label: string, missing: string): Document {
  const name = path.basename(file);
  // Named as the user would type it: relative to where the plan runs when the file is below it.
  const relative = path.relative(process.cwd(), file);
  const shownFile = relative && !relative.startsWith("..") && !path.isAbsolute(relative) ? relative : file;
  let text: string;
  try {
    text = readInputText(shownFile, { what: label });
  } catch (err) {
    if (err instanceof InputFileError && err.reason === "not-found") throw new PlanInputError(missing);
    if (err instanceof InputFileError) throw new PlanInputError(err.message);
    throw err;
  }
  const doc = YAML.parseDocument(text, { prettyErrors: false });
  if (doc.errors.length > 0) {
    const first = doc.errors[0].message.split("\n")[0];
    if (/call stack/i.test(first)) throw new PlanInputError(`${label} ${name} nests lists or mappings deeper than any stack setting needs: flatten it.`);
    // The parser's first line names the problem and its position; the lines after quote the file.
    throw new PlanInputError(`${label} ${name} is not valid YAML (${echo(first, { quote: false, limit: 120 })}): fix the file.`);
  }
  if (doc.contents !== null && !isMap(doc.contents))
    throw new PlanInputError(`${label} ${name} must be a YAML mapping (keys such as config:), not a ${isSeq(doc.contents) ? "list" : "single value"}.`);
  return doc;
}

/**
 * Converts YAML to values with the parser's own guard: aliases that expand without bound (a "billion
 * laughs" file) are refused in one sentence naming the file, not reported as the program failing.
 */
export function yamlValue<T>(convert: () => T, label: string, name: string): T {
  try {
    return convert();
  } catch (err) {
    throw new PlanInputError(
      `${label} ${name} cannot be read as values (${echo((err as Error).message.split("\n")[0], { quote: false, limit: 120 })}): fix the file.`,
    );
  }
}

/** A config value as the Pulumi CLI takes it from YAML: `undefined` for null (unset), else a string. */
export type ConfigText = { kind: "unset" } | { kind: "text"; text: string } | { kind: "secure" };

/**
 * The CLI decodes each stack value into a string (pkg/resource/config Value), so a plain scalar
 * arrives as its text exactly as written: `000000012` stays "000000012", `true` is "true", `1.50` is
 * "1.50". YAML null is no value at all. `{secure: ...}` is ciphertext, and so is a structure that
 * holds one; other structures go to the program as JSON, as the CLI passes object values.
 */
export function configText(given: unknown, doc: Document): ConfigText {
  // An alias (`*x`) stands for the node its anchor (`&x`) names, scalar text included.
  const node = isAlias(given) ? given.resolve(doc) : given;
  if (node === null || node === undefined) return { kind: "unset" };
  if (isScalar(node)) {
    const scalar = node as Scalar;
    if (scalar.value === null) return { kind: "unset" };
    if (scalar.type === Scalar.PLAIN && typeof scalar.source === "string") return { kind: "text", text: scalar.source };
    return { kind: "text", text: String(scalar.value) };
  }
  if (holdsSecure(node, doc)) return { kind: "secure" };
  return { kind: "text", text: JSON.stringify((node as { toJS(doc: Document): unknown }).toJS(doc)) };
}

const isSecureMap = (node: unknown): boolean =>
  isMap(node) && node.items.length === 1 && isScalar(node.items[0].key) && (node.items[0].key as Scalar).value === "secure";

/**
 * Whether a value is `{secure: ...}` or a structure holding one anywhere: the CLI treats such a value
 * as secret as a whole (`pulumi config set --path --secret` writes them), and only the stack's secrets
 * provider can decrypt its leaves. Each node is visited once, so aliases that multiply cost nothing more.
 */
function holdsSecure(root: unknown, doc: Document): boolean {
  const seen = new Set<unknown>();
  const pending = [root];
  while (pending.length > 0) {
    const given = pending.pop();
    const node = isAlias(given) ? given.resolve(doc) : given;
    if (seen.has(node)) continue;
    seen.add(node);
    if (isSecureMap(node)) return true;
    if (isMap(node)) for (const pair of node.items) pending.push(pair.value);
    else if (isSeq(node)) pending.push(...node.items);
  }
  return false;
}

/** The `config:` block's entries in file order, keys as written; a block that is not a mapping is refused. */
/** The YAML merge key, which the Pulumi CLI's YAML reader applies to a stack file's mappings. */
const MERGE_KEY = "<<";

/**
 * A mapping's pairs with its merge keys applied as YAML 1.1 defines them: `<<: *defaults` (or a list
 * of aliases) brings in the aliased mapping's pairs, the mapping's own keys win over merged ones, and
 * an earlier merged mapping wins over a later one.
 */
function mergedPairs(doc: Document, map: YAMLMap, label: string, name: string): Pair[] {
  const own: Pair[] = [];
  const merged: Pair[] = [];
  for (const pair of map.items) {
    if (!(isScalar(pair.key) && (pair.key as Scalar).value === MERGE_KEY)) {
      own.push(pair);
      continue;
    }
    const sources = isSeq(pair.value) ? pair.value.items : [pair.value];
    for (const source of sources) {
      const target = isAlias(source) ? source.resolve(doc) : source;
      if (!isMap(target))
        throw new PlanInputError(`${label} ${name} has a merge key << under config: that names no mapping: merge an anchored mapping, such as <<: *defaults.`);
      merged.push(...mergedPairs(doc, target, label, name));
    }
  }
  const keyOf = (pair: Pair) => (isScalar(pair.key) ? (pair.key as Scalar).value : pair.key);
  const seen = new Set(own.map(keyOf));
  return [
    ...own,
    ...merged.filter((pair) => {
      const key = keyOf(pair);
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    }),
  ];
}

export function configEntries(doc: Document, label: string, name: string): Array<{ key: string; node: unknown }> {
  const block = isMap(doc.contents) ? doc.contents.get("config", true) : undefined;
  if (block === undefined || block === null || (isScalar(block) && (block as Scalar).value === null)) return [];
  if (!isMap(block)) throw new PlanInputError(`${label} ${name} has a config: that is not a mapping: write one \`key: value\` per line under config:.`);
  return mergedPairs(doc, block, label, name).map((pair) => {
    const key = isScalar(pair.key) ? (pair.key as Scalar).value : undefined;
    if (typeof key !== "string" || key === "") {
      throw new PlanInputError(
        `${label} ${name} has a config key ${echo(String(isScalar(pair.key) ? (pair.key as Scalar).value : pair.key))} that is not a name: write namespace:key, such as oci:region.`,
      );
    }
    return { key, node: pair.value };
  });
}
