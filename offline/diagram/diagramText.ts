import { PeerType, Port } from "../../policies/contract";
import { Architecture, GatewayKind, Route, shapeLabel, SubnetView } from "../architecture/architecture";

/** Words shared by the Graphviz and Mermaid drawings, so both say the same thing. */
export const GATEWAY_TITLE: Record<GatewayKind, string> = {
  internet: "Internet gateway",
  nat: "NAT gateway",
  service: "Service gateway",
};

/** Said wherever fault domains are drawn: the plan predicts them, OCI decides them at launch. */
export const FD_PREDICTION = "fault domains predicted; OCI places the nodes";

export function subnetTitle(s: SubnetView): string {
  return `${s.role === "other" ? "subnet" : `${s.role} subnet`} ${s.cidr} · ${s.isPublic ? "public" : "private"}`;
}

/** A route's destination, with the long service label shortened to what it means. */
export function routeLabel(r: Route): string {
  return r.destinationType === PeerType.SERVICE ? `OCI services (${PeerType.SERVICE})` : r.destination;
}

export function endpointLabel(a: Architecture): string[] {
  const c = a.cluster;
  if (!c) return [];
  return [
    "Kubernetes API endpoint",
    `${c.name} · ${c.version}`,
    c.endpointPublic ? `public IP + private IP :${Port.KUBERNETES_API}` : `private IP :${Port.KUBERNETES_API}`,
  ];
}

export function nodeShapeLabel(a: Architecture): string {
  return a.nodePool ? shapeLabel(a.nodePool) : "";
}

/** Where a gateway's traffic leaves the VCN. */
export function gatewayExit(kind: GatewayKind): "internet" | "osn" {
  return kind === "service" ? "osn" : "internet";
}

/** The bastion's box: what it is, its name, who may open sessions. */
export function bastionLabel(a: Architecture): string[] {
  const b = a.bastion!;
  return ["OCI Bastion (private endpoint)", b.name, `sessions from ${b.clientCidrs.join(", ") || "nobody"}`];
}
