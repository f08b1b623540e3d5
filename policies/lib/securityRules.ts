import { ANYWHERE, PeerType, Protocol, RuleDirection, contains, parseCidr, parsePeerCidr, sameCidr } from "../contract";
import { UNKNOWN, read, readArray, readPath } from "./values";

/**
 * Security list rules, normalised so that ingress and egress can be compared the same way, and the
 * "does this list allow X" question the registration policy asks (spec §3).
 */
export type Direction = RuleDirection;

export interface NormalizedRule {
  direction: Direction;
  index: number;
  protocol: unknown;
  peer: unknown;
  peerType: unknown;
  stateless: unknown;
  tcp?: { min: unknown; max: unknown };
  icmp?: { type: unknown; code: unknown };
  description: unknown;
}

export function rulesOf(props: unknown): NormalizedRule[] | typeof UNKNOWN {
  const result: NormalizedRule[] = [];
  for (const direction of ["ingress", "egress"] as Direction[]) {
    const rules = readArray(props, `${direction}SecurityRules`);
    if (rules === UNKNOWN) {
      return UNKNOWN;
    }
    rules.forEach((rule, index) => {
      const tcpOptions = read(rule, "tcpOptions");
      const icmpOptions = read(rule, "icmpOptions");
      result.push({
        direction,
        index,
        protocol: read(rule, "protocol"),
        peer: read(rule, direction === "ingress" ? "source" : "destination"),
        peerType: read(rule, direction === "ingress" ? "sourceType" : "destinationType"),
        stateless: read(rule, "stateless"),
        tcp: tcpOptions === undefined || tcpOptions === null ? undefined : { min: read(tcpOptions, "min"), max: read(tcpOptions, "max") },
        icmp: icmpOptions === undefined || icmpOptions === null ? undefined : { type: read(icmpOptions, "type"), code: read(icmpOptions, "code") },
        description: read(rule, "description"),
      });
    });
  }
  return result;
}

/**
 * What a workload needs to be allowed. The peer is a subnet's CIDR (a rule must name exactly that
 * range), one address (any rule whose range holds it) or the Oracle Services Network label.
 */
export interface RequiredRule {
  direction: Direction;
  peer: { cidr: string } | { address: string } | { osn: true };
  protocol: string;
  /** Absent when the traffic needs every TCP port: only a rule without a range, or with 1-65535, satisfies it. */
  port?: number;
  /** ICMP type/code, for protocol "1". */
  icmp?: { type: number; code: number };
  /** The spec's wording, reused in messages so a reader can find the rule in the console. */
  description: string;
}

const OSN_LABEL = /^all-[a-z0-9]+-services-in-oracle-services-network$/;

function peerCovers(rule: NormalizedRule, peer: RequiredRule["peer"]): boolean {
  if ("osn" in peer) {
    // Only an explicit service rule counts: with private workers OSN traffic leaves through the
    // service gateway, and Oracle documents this exact rule as required (spec §3.1/§3.2 "OSN").
    if (rule.peerType !== PeerType.SERVICE) {
      return false;
    }
    return rule.peer === UNKNOWN || (typeof rule.peer === "string" && OSN_LABEL.test(rule.peer));
  }
  if (rule.peerType !== undefined && rule.peerType !== null && rule.peerType !== PeerType.CIDR) {
    return false;
  }
  if ("address" in peer) {
    const range = typeof rule.peer === "string" ? parsePeerCidr(rule.peer) : undefined;
    const host = parseCidr(`${peer.address}/32`);
    return !!range && !!host && contains(range, host);
  }
  // The peer must be the subnet itself, not a wider range that happens to contain it: registration
  // that only works through 0.0.0.0/0 breaks the day someone narrows that rule (which the advisory
  // policies recommend), and nothing would say why.
  return typeof rule.peer === "string" && sameCidr(rule.peer, peer.cidr);
}

function portCovers(rule: NormalizedRule, port: number | undefined): boolean {
  if (rule.tcp === undefined) {
    return true; // no tcpOptions = every port
  }
  const min = rule.tcp.min ?? 1;
  const max = rule.tcp.max ?? 65535;
  if (typeof min !== "number" || typeof max !== "number") {
    return false;
  }
  return port === undefined ? min <= 1 && max >= 65535 : min <= port && port <= max;
}

function icmpCovers(rule: NormalizedRule, icmp: { type: number; code: number } | undefined): boolean {
  if (rule.icmp === undefined || icmp === undefined) {
    return rule.icmp === undefined;
  }
  const code = rule.icmp.code;
  return rule.icmp.type === icmp.type && (code === undefined || code === null || code === icmp.code);
}

/**
 * True when a stateful rule in `rules` with exactly the required peer allows the required traffic;
 * protocol "all" and port ranges that contain the required port count.
 */
export function isAllowed(rules: NormalizedRule[], required: RequiredRule): boolean {
  return rules.some((rule) => {
    if (rule.direction !== required.direction || rule.stateless === true) {
      return false;
    }
    if (!peerCovers(rule, required.peer)) {
      return false;
    }
    if (rule.protocol === Protocol.ALL) {
      return true;
    }
    if (rule.protocol !== required.protocol) {
      return false;
    }
    if (required.protocol === Protocol.TCP) {
      return portCovers(rule, required.port);
    }
    if (required.protocol === Protocol.ICMP) {
      return icmpCovers(rule, required.icmp);
    }
    return true;
  });
}

/** Renders a required rule the way the console lists it, e.g. `ingress from 10.0.10.0/24 TCP 6443`. */
export function describeRequired(required: RequiredRule): string {
  const peer =
    "osn" in required.peer ? "the Oracle Services Network (SERVICE_CIDR_BLOCK)" : "address" in required.peer ? required.peer.address : required.peer.cidr;
  const direction = required.direction === "ingress" ? `ingress from ${peer}` : `egress to ${peer}`;
  const what =
    required.protocol === Protocol.ALL
      ? "all protocols"
      : required.protocol === Protocol.ICMP
        ? `ICMP type ${required.icmp?.type} code ${required.icmp?.code}`
        : `TCP ${required.port ?? "all ports"}`;
  return `${direction} ${what} ("${required.description}")`;
}

export function allowsFromAnywhere(rules: NormalizedRule[], port: number): NormalizedRule | undefined {
  return rules.find(
    (rule) =>
      rule.direction === "ingress" && rule.peer === ANYWHERE && (rule.protocol === Protocol.ALL || (rule.protocol === Protocol.TCP && portCovers(rule, port))),
  );
}

export { readPath };
