import { UnknownValueError } from "@pulumi/policy";

/**
 * Reading resource inputs without tripping the preview downgrade.
 *
 * The policy server hands policies its unknown-checking proxy: reading a property whose value is not
 * known yet (any id during the preview of a new stack) throws UnknownValueError, and the server then
 * turns the whole policy into an advisory "can't run during preview". A mandatory policy must still
 * block such a preview, so it reads through these helpers: an unknown value comes back as UNKNOWN and
 * the policy decides what that means (usually "this must be a literal" or "the field is set").
 * `key in obj` goes through the proxy's (absent) `has` trap, so presence never throws.
 */
export const UNKNOWN: unique symbol = Symbol("unknown during preview");
export type Maybe<T> = T | typeof UNKNOWN | undefined;

export function read(obj: unknown, key: string | number): unknown {
  if (obj === null || obj === undefined || obj === UNKNOWN || typeof obj !== "object") {
    return undefined;
  }
  try {
    return (obj as Record<string | number, unknown>)[key];
  } catch (e) {
    if (e instanceof UnknownValueError) {
      return UNKNOWN;
    }
    throw e;
  }
}

/** Follows a path of keys; stops at the first missing or unknown step. */
export function readPath(obj: unknown, ...path: (string | number)[]): unknown {
  let current: unknown = obj;
  for (const key of path) {
    current = read(current, key);
    if (current === undefined || current === UNKNOWN) {
      return current;
    }
  }
  return current;
}

export function isPresent(obj: unknown, key: string): boolean {
  return obj !== null && typeof obj === "object" && key in (obj as object) && read(obj, key) !== undefined && read(obj, key) !== null;
}

/** The elements of an array input; UNKNOWN when the array itself is unknown, [] when absent. */
export function readArray(obj: unknown, key: string): unknown[] | typeof UNKNOWN {
  const value = read(obj, key);
  if (value === UNKNOWN) {
    return UNKNOWN;
  }
  if (!Array.isArray(value)) {
    return [];
  }
  const items: unknown[] = [];
  for (let i = 0; i < value.length; i++) {
    items.push(read(value, i));
  }
  return items;
}

export function literalString(value: unknown): string | undefined {
  return typeof value === "string" ? value : undefined;
}

/** How a value appears in a violation message: unknown values are named as such, not printed as a symbol. */
export function show(value: unknown): string {
  if (value === UNKNOWN) {
    return "(unknown until the resource it comes from exists)";
  }
  if (value === undefined) {
    return "(unset)";
  }
  return JSON.stringify(value);
}
