import { ResourceType } from "../architecture/references";
import { PlanInputError } from "../report/errors";
import { echo } from "../../tools/common/echo";

/** The JSON type a field must have; `null` and absent are always allowed (unset). */
export type FieldKind = "string" | "boolean" | "object" | "string[]" | "object[]";

/**
 * The inputs a `--deployed` file is read back through (run/deployedPlan.ts answers ListVcns,
 * ListClusters and ListNodePools from them), with the type the provider gives each. A file holding
 * another type there is refused naming the field, before the program runs on it.
 */
export const READ_BACK_FIELDS: Readonly<Record<string, Readonly<Record<string, FieldKind>>>> = {
  [ResourceType.Vcn]: { compartmentId: "string", displayName: "string", cidrBlocks: "string[]", dnsLabel: "string" },
  [ResourceType.Cluster]: {
    compartmentId: "string",
    name: "string",
    vcnId: "string",
    kubernetesVersion: "string",
    type: "string",
    clusterPodNetworkOptions: "object[]",
  },
  [ResourceType.NodePool]: {
    compartmentId: "string",
    clusterId: "string",
    name: "string",
    kubernetesVersion: "string",
    nodeShape: "string",
    nodeSourceDetails: "object",
    "nodeSourceDetails.imageId": "string",
    "nodeSourceDetails.sourceType": "string",
    "nodeSourceDetails.bootVolumeSizeInGbs": "string",
    nodePoolCyclingDetails: "object",
  },
};

export const isRecord = (v: unknown): v is Record<string, any> => v !== null && typeof v === "object" && !Array.isArray(v);

function kindOf(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "a list";
  if (typeof value === "object") return "an object";
  return `${typeof value === "string" ? "a string" : typeof value === "number" ? "a number" : `a ${typeof value}`} (${echo(JSON.stringify(value), { limit: 40, quote: false })})`;
}

export function hasKind(value: unknown, kind: FieldKind): boolean {
  switch (kind) {
    case "string":
      return typeof value === "string";
    case "boolean":
      return typeof value === "boolean";
    case "object":
      return isRecord(value);
    case "string[]":
      return Array.isArray(value) && value.every((v) => typeof v === "string");
    case "object[]":
      return Array.isArray(value) && value.every(isRecord);
  }
}

const KIND_WORDS: Record<FieldKind, string> = {
  string: "a string",
  boolean: "true or false",
  object: "an object",
  "string[]": "a list of strings",
  "object[]": "a list of objects",
};

/** One sentence naming the file, the field, what it must be and what it is. */
export function fieldError(file: string, field: string, kind: FieldKind | string, value: unknown, fix: string): PlanInputError {
  const expected = kind in KIND_WORDS ? KIND_WORDS[kind as FieldKind] : kind;
  return new PlanInputError(`--deployed ${echo(file, { quote: false })}: ${field} must be ${expected}, not ${kindOf(value)}: ${fix}.`);
}

/** Checks `value` (when set) has `kind`, else throws fieldError. */
export function expectField(file: string, field: string, value: unknown, kind: FieldKind, fix: string): void {
  if (value !== undefined && value !== null && !hasKind(value, kind)) throw fieldError(file, field, kind, value, fix);
}

function read(inputs: Record<string, unknown>, path: string): unknown {
  let value: unknown = inputs;
  for (const key of path.split(".")) value = isRecord(value) ? value[key] : undefined;
  return value;
}

/** Checks the read-back inputs of one resource; `where` names it in the file, e.g. `resources[3]`. */
export function checkReadBackInputs(file: string, where: string, type: string, inputs: Record<string, unknown>, fix: string): void {
  for (const [path, kind] of Object.entries(READ_BACK_FIELDS[type] ?? {})) {
    expectField(file, `${where}.inputs.${path}`, read(inputs, path), kind, fix);
  }
}
