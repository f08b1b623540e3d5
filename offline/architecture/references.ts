import type { RegisteredResource } from "../records/shapes";
import { PeerType, ResourceType, SECURITY_LIST_TYPES } from "../../policies/contract";

/** The type tokens the plan reads are the policy pack's (spec §7): one table for both. */
export { ResourceType, SECURITY_LIST_TYPES };

export const GATEWAY_TYPES: readonly string[] = [ResourceType.InternetGateway, ResourceType.NatGateway, ResourceType.ServiceGateway];
export const ROUTE_TABLE_TYPES: readonly string[] = [ResourceType.RouteTable, ResourceType.DefaultRouteTable];

/**
 * Finds what a resource points at. Ids are unknown in a preview, so references are followed through
 * the engine's property dependencies (`routeTableId` depends on the route table's URN), which are the
 * same in a preview and in a run with ids.
 */
export class References {
  private readonly byUrn: Map<string, RegisteredResource>;

  constructor(readonly records: readonly RegisteredResource[]) {
    this.byUrn = new Map(records.map((r) => [r.urn, r]));
  }

  get(urn: string | undefined): RegisteredResource | undefined {
    return urn ? this.byUrn.get(urn) : undefined;
  }

  ofType(type: string | readonly string[]): RegisteredResource[] {
    const types = typeof type === "string" ? [type] : type;
    return this.records.filter((r) => types.includes(r.type));
  }

  /** Resources `record`'s property `prop` depends on, optionally of given types. */
  targets(record: RegisteredResource, prop: string, types?: readonly string[]): RegisteredResource[] {
    const urns = record.propertyDependencies[prop] ?? [];
    return urns.map((u) => this.byUrn.get(u)).filter((r): r is RegisteredResource => !!r && (!types || types.includes(r.type)));
  }

  target(record: RegisteredResource, prop: string, types?: readonly string[]): RegisteredResource | undefined {
    return this.targets(record, prop, types)[0];
  }

  /** The gateway one route rule sends to: by the OCID's kind when ids are known, else by rule shape. */
  routeTarget(table: RegisteredResource, rule: Record<string, unknown>): RegisteredResource | undefined {
    const gateways = this.targets(table, "routeRules");
    const id = String(rule.networkEntityId ?? "");
    const kind = /^ocid1\.([a-z]+)\./.exec(id)?.[1];
    const byKind = kind ? gateways.find((g) => g.type.toLowerCase().endsWith(`:${kind}`)) : undefined;
    if (byKind) return byKind;
    // In a preview: a SERVICE_CIDR_BLOCK rule can only go to a service gateway; a CIDR rule to the other one.
    if (rule.destinationType === PeerType.SERVICE) return gateways.find((g) => g.type === ResourceType.ServiceGateway);
    const others = gateways.filter((g) => g.type !== ResourceType.ServiceGateway);
    return others.length === 1 ? others[0] : undefined;
  }

  /** A resource's display name as OCI shows it, else its Pulumi name. */
  static displayName(record: RegisteredResource): string {
    const inputs = record.inputs as Record<string, unknown>;
    const name = inputs.displayName ?? (record.custom ? inputs.name : undefined);
    return typeof name === "string" ? name : record.name;
  }
}
