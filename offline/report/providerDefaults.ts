/**
 * Bridged providers (terraform-provider-oci through pulumi-terraform-bridge) record in each object of a
 * resource's state inputs which properties the provider filled in itself: `"__defaults": ["stateless"]`
 * (pulumi-terraform-bridge pkg/reservedkeys: Defaults). The program never gave those values, so a plan
 * that still does not give them is not changing them, and `pulumi preview` shows no diff for them.
 */
export const DEFAULTS_KEY = "__defaults";

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === "object" && !Array.isArray(v);

function defaultedKeys(value: Record<string, unknown>): Set<string> {
  const list = value[DEFAULTS_KEY];
  return new Set(Array.isArray(list) ? list.filter((k): k is string => typeof k === "string") : []);
}

/**
 * `deployed` as the program's `planned` inputs are compared with it: the `__defaults` markers gone, and
 * every property the provider defaulted dropped where `planned` does not set it either. Where `planned`
 * sets it, the deployed value stays, so a real change still shows.
 */
export function alignDefaults(deployed: unknown, planned: unknown): unknown {
  if (Array.isArray(deployed)) {
    const other = Array.isArray(planned) ? planned : [];
    return deployed.map((item, i) => alignDefaults(item, other[i]));
  }
  if (!isObject(deployed)) return deployed;
  const other = isObject(planned) ? planned : {};
  const defaulted = defaultedKeys(deployed);
  const aligned: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(deployed)) {
    if (key === DEFAULTS_KEY) continue;
    if (defaulted.has(key) && other[key] === undefined) continue;
    aligned[key] = alignDefaults(value, other[key]);
  }
  return aligned;
}

/** A state value in the provider's input shape, the `__defaults` markers removed (the values they name kept). */
export function withoutDefaultsMarkers(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutDefaultsMarkers);
  if (!isObject(value)) return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([k]) => k !== DEFAULTS_KEY)
      .map(([k, v]) => [k, withoutDefaultsMarkers(v)]),
  );
}
