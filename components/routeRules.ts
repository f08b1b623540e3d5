import { ANYWHERE, PeerType } from "../policies/contract";

/** Route rules as Quick Create describes them (spec §2), with the gateway ids filled in by the network. */
export const ROUTE_DESCRIPTIONS = {
  internet: "traffic to/from internet",
  nat: "traffic to the internet",
  oracleServices: "traffic to OCI services",
} as const;

export interface RouteRule<Id> {
  destination: string;
  destinationType: string;
  networkEntityId: Id;
  description: string;
}

export function publicRouteRules<Id>(internetGatewayId: Id): RouteRule<Id>[] {
  return [{ destination: ANYWHERE, destinationType: PeerType.CIDR, networkEntityId: internetGatewayId, description: ROUTE_DESCRIPTIONS.internet }];
}

export function privateRouteRules<Id>(natGatewayId: Id, serviceGatewayId: Id, oracleServicesCidr: string): RouteRule<Id>[] {
  return [
    { destination: ANYWHERE, destinationType: PeerType.CIDR, networkEntityId: natGatewayId, description: ROUTE_DESCRIPTIONS.nat },
    { destination: oracleServicesCidr, destinationType: PeerType.SERVICE, networkEntityId: serviceGatewayId, description: ROUTE_DESCRIPTIONS.oracleServices },
  ];
}
