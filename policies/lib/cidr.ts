/**
 * IPv4 CIDR parsing for comparing security rule peers with subnet ranges, so that "10.0.10.0/24" and
 * " 10.0.10.0/24" (or a host address inside it, "10.0.10.7/24") name the same range.
 */
export interface Ipv4Range {
  base: number;
  prefix: number;
}

export function parseCidr(text: string): Ipv4Range | undefined {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/.exec(text.trim());
  if (!m) {
    return undefined;
  }
  const octets = m.slice(1, 5).map(Number);
  const prefix = Number(m[5]);
  if (octets.some((o) => o > 255) || prefix > 32) {
    return undefined;
  }
  const address = ((octets[0] << 24) >>> 0) + (octets[1] << 16) + (octets[2] << 8) + octets[3];
  return { base: (address & maskOf(prefix)) >>> 0, prefix };
}

function maskOf(prefix: number): number {
  return prefix === 0 ? 0 : (0xffffffff << (32 - prefix)) >>> 0;
}

export function sameCidr(a: string, b: string): boolean {
  const x = parseCidr(a);
  const y = parseCidr(b);
  return !!x && !!y && x.base === y.base && x.prefix === y.prefix;
}
