/**
 * IPv4 CIDR arithmetic, in the two readings Quick Create needs:
 * - strict, for the address plan in config: OCI rejects a CIDR whose address is not the network's
 *   first ("10.0.10.5/24"), so such a value is refused before anything is registered;
 * - lenient, for security rule peers: " 10.0.10.0/24" and a host address inside it ("10.0.10.7/24")
 *   name the same range as "10.0.10.0/24", so the pack compares the ranges, not the strings.
 */
export interface Cidr {
  text: string;
  /** First address as an unsigned 32-bit integer. */
  start: number;
  /** Last address, inclusive. */
  end: number;
  prefix: number;
}

const CIDR_PATTERN = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,3})$/;

function read(text: string): { address: number; prefix: number } | undefined {
  const match = CIDR_PATTERN.exec(text);
  if (!match) return undefined;
  const octets = match.slice(1, 5).map(Number);
  const prefix = Number(match[5]);
  if (octets.some((o) => o > 255) || prefix > 32) return undefined;
  return { address: ((octets[0] << 24) | (octets[1] << 16) | (octets[2] << 8) | octets[3]) >>> 0, prefix };
}

function range(text: string, network: number, prefix: number): Cidr {
  return { text, start: network, end: network + 2 ** (32 - prefix) - 1, prefix };
}

/**
 * Canonical text: no octet or prefix with a leading zero. "010" is ten to OCI's Go parser only since
 * it refuses such text, and eight to inet_aton and ssh (octal): the config must not be read two ways.
 */
const CANONICAL_NUMBER = /^(0|[1-9]\d*)$/;

function isCanonical(text: string): boolean {
  const match = CIDR_PATTERN.exec(text);
  return !!match && match.slice(1, 6).every((n) => CANONICAL_NUMBER.test(n));
}

/**
 * For a CIDR written with leading zeros ("10.0.010.0/24"), the same numbers written canonically
 * ("10.0.10.0/24"), to suggest in the error; undefined when the text is no such CIDR or the canonical
 * form would still be refused.
 */
export function canonicalCidrText(text: string): string | undefined {
  const match = CIDR_PATTERN.exec(text);
  if (!match || isCanonical(text)) return undefined;
  const [a, b, c, d, prefix] = match.slice(1, 6).map(Number);
  const canonical = `${a}.${b}.${c}.${d}/${prefix}`;
  // Suggested only when it is then right: "010.0.0.0/33" has more wrong than its zeros.
  return parseCidr(canonical) ? canonical : undefined;
}

/**
 * Strict: `a.b.c.d/n` exactly, canonical (no leading zeros), with no host bits set past the prefix;
 * undefined for anything else.
 */
export function parseCidr(text: string): Cidr | undefined {
  if (!isCanonical(text)) return undefined;
  const parsed = read(text);
  if (!parsed || parsed.address % 2 ** (32 - parsed.prefix) !== 0) return undefined;
  return range(text, parsed.address, parsed.prefix);
}

/** Lenient: surrounding blanks are trimmed and host bits are masked off, as OCI does with a rule's peer. */
export function parsePeerCidr(text: string): Cidr | undefined {
  const trimmed = text.trim();
  const parsed = read(trimmed);
  if (!parsed) return undefined;
  const size = 2 ** (32 - parsed.prefix);
  return range(trimmed, parsed.address - (parsed.address % size), parsed.prefix);
}

export function contains(outer: Cidr, inner: Cidr): boolean {
  return inner.start >= outer.start && inner.end <= outer.end;
}

export function overlaps(a: Cidr, b: Cidr): boolean {
  return a.start <= b.end && b.start <= a.end;
}

/** Two rule peers name the same range (lenient reading of both). */
export function sameCidr(a: string, b: string): boolean {
  const x = parsePeerCidr(a);
  const y = parsePeerCidr(b);
  return !!x && !!y && x.start === y.start && x.prefix === y.prefix;
}
