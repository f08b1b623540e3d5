import { ResourceType, SECURITY_LIST_TYPES } from "../../policies/contract";

/** The type tokens the plan reads are the policy pack's (spec §7): one table for both. */
export { ResourceType, SECURITY_LIST_TYPES };

export const GATEWAY_TYPES: readonly string[] = [ResourceType.InternetGateway, ResourceType.NatGateway, ResourceType.ServiceGateway];
export const ROUTE_TABLE_TYPES: readonly string[] = [ResourceType.RouteTable, ResourceType.DefaultRouteTable];
