import { makeUrn } from "../analyzer/records";

/** The fields of a registration that hold URNs; the rest is left as is. */
export interface UrnFields {
  urn: string;
  type: string;
  name: string;
  parent?: string;
  provider?: string;
  dependencies: string[];
  propertyDependencies: Record<string, string[]>;
}

/** The root stack resource's type: the engine never puts it in a child's type chain. */
const ROOT_STACK_TYPE = "pulumi:pulumi:Stack";

/** The type part of a URN, `a$b$c` for a resource nested two levels deep. */
function qualifiedType(urn: string): string {
  return urn.split("::")[2] ?? "";
}

/**
 * URNs as the engine gives them (sdk/go/common/resource/urn/urn.go, New): the parent's whole
 * qualified type, `$`, the resource's type, so a resource two components deep is
 * `...::oke-quick-create:index:QuickCreate$oke-quick-create:index:Network$oci:Core/vcn:Vcn::oke-network-vcn`.
 * Pulumi's mock monitor keeps only the parent's last type, which would make `pulumi up --replace <urn>`
 * with a URN copied from the plan name nothing. Records must come parents first, as they register.
 */
export function toEngineUrns<T extends UrnFields>(records: readonly T[], stack: string, project: string): T[] {
  const engine = new Map<string, string>();
  const map = (urn: string) => engine.get(urn) ?? urn;
  for (const r of records) {
    const parent = r.parent ? (engine.get(r.parent) ?? r.parent) : undefined;
    const parentType = parent ? qualifiedType(parent) : undefined;
    engine.set(r.urn, makeUrn(stack, project, r.type, r.name, parentType && parentType !== ROOT_STACK_TYPE ? parentType : undefined));
  }
  return records.map((r) => {
    // A provider reference is `<provider urn>::<provider id>`.
    const cut = r.provider ? r.provider.lastIndexOf("::") : -1;
    return {
      ...r,
      urn: map(r.urn),
      parent: r.parent ? map(r.parent) : undefined,
      provider: r.provider && cut > 0 ? `${map(r.provider.slice(0, cut))}${r.provider.slice(cut)}` : r.provider,
      dependencies: r.dependencies.map(map),
      propertyDependencies: Object.fromEntries(Object.entries(r.propertyDependencies).map(([k, v]) => [k, v.map(map)])),
    };
  });
}

/**
 * The URN the plan's JSON held for `engineUrn` before it carried the engine's URNs: the mock monitor's,
 * with only the parent's last type (`...Network$oci:Core/vcn:Vcn::...`). The engine itself never gave
 * those, so a `--deployed` file written then names the same resources, not others to delete.
 */
export function mockMonitorUrn(engineUrn: string): string {
  const parts = engineUrn.split("::");
  if (parts.length < 4) return engineUrn;
  parts[2] = parts[2].split("$").slice(-2).join("$");
  return parts.join("::");
}
