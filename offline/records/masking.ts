import { UNKNOWN_VALUE as UNKNOWN } from "../analyzer/records";

/** Pulumi's marker key and value for a secret in resource inputs (the engine's wire format). */
export const SECRET_SIG_KEY = "4dabf18193072939515e22adb298388d";
export const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";

export const SECRET_MASK = "[secret]";
/** How an unknown value (an id no one knows before `pulumi up`) is shown, in text and JSON. */
export const UNKNOWN_MASK = "[unknown]";

export function isInputSecret(value: unknown): boolean {
  return !!value && typeof value === "object" && (value as Record<string, unknown>)[SECRET_SIG_KEY] === SECRET_SIG;
}

/** runProgram's outputs wrap secrets as `{ secret: value }`. */
function isOutputSecret(value: unknown): boolean {
  return !!value && typeof value === "object" && !Array.isArray(value) && Object.keys(value).length === 1 && "secret" in value;
}

function mask(value: unknown, isSecret: (v: unknown) => boolean): unknown {
  if (isSecret(value)) return SECRET_MASK;
  if (value === UNKNOWN) return UNKNOWN_MASK;
  if (Array.isArray(value)) return value.map((v) => mask(v, isSecret));
  if (value && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, mask(v, isSecret)]));
  }
  return value;
}

/** Resource inputs with secret envelopes replaced by "[secret]" and unknowns by "[unknown]". */
export function maskInputs<T>(inputs: T): T {
  return mask(inputs, isInputSecret) as T;
}

/** Stack outputs with secrets replaced by "[secret]" and unknowns by "[unknown]". */
export function maskOutputs(outputs: Record<string, unknown>): Record<string, unknown> {
  return mask(outputs, isOutputSecret) as Record<string, unknown>;
}

/** Config values with the secret keys replaced by "[secret]". */
export function maskConfig(config: Record<string, string>, secretKeys: readonly string[]): Record<string, string> {
  return Object.fromEntries(Object.entries(config).map(([k, v]) => [k, secretKeys.includes(k) ? SECRET_MASK : v]));
}
