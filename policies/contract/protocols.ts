/**
 * Protocol numbers and ports that OKE Quick Create's security rules use (spec §3).
 * OCI security rules carry the IANA protocol number as a string, or "all".
 */
export const Protocol = {
  ICMP: "1",
  TCP: "6",
  ALL: "all",
} as const;
export type ProtocolNumber = (typeof Protocol)[keyof typeof Protocol];

export const Port = {
  SSH: 22,
  HTTPS: 443,
  KUBERNETES_API: 6443,
  /** OKE's worker-to-control-plane channel (proxymux); nodes never register without it. */
  OKE_CONTROL_PLANE: 12250,
} as const;

/** ICMP type 3 code 4, "fragmentation needed": path MTU discovery. */
export const PathDiscovery = { type: 3, code: 4 } as const;

export const ANYWHERE = "0.0.0.0/0";

export const PeerType = {
  CIDR: "CIDR_BLOCK",
  SERVICE: "SERVICE_CIDR_BLOCK",
} as const;
export type PeerKind = (typeof PeerType)[keyof typeof PeerType];
