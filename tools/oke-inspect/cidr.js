// @ts-check
"use strict";

/** IPv4 addresses and CIDR blocks, as OCI and Kubernetes write them (10.0.10.0/24, 10.96.5.5). */

/** @param {string} text @returns {number | undefined} the address as an unsigned 32-bit number */
function ipv4(text) {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(String(text ?? "").trim());
  if (!m) return undefined;
  const octets = m.slice(1).map(Number);
  if (octets.some((o) => o > 255)) return undefined;
  return ((octets[0] << 24) | (octets[1] << 16) | (octets[2] << 8) | octets[3]) >>> 0;
}

/** @param {number} n */
function formatIpv4(n) {
  return [24, 16, 8, 0].map((s) => (n >>> s) & 255).join(".");
}

/** @param {string} text @returns {{ base: number, bits: number } | undefined} */
function cidr(text) {
  const [address, bitsText] = String(text ?? "")
    .trim()
    .split("/");
  const base = ipv4(address);
  const bits = Number(bitsText);
  if (base === undefined || !/^\d{1,2}$/.test(bitsText ?? "") || bits > 32) return undefined;
  const mask = bits === 0 ? 0 : (0xffffffff << (32 - bits)) >>> 0;
  return { base: (base & mask) >>> 0, bits };
}

/**
 * Whether `inner` (an address or a block) lies inside the block `outer`.
 * @param {string} inner
 * @param {string} outer
 */
function within(inner, outer) {
  const o = cidr(outer);
  const i = inner.includes("/")
    ? cidr(inner)
    : (() => {
        const a = ipv4(inner);
        return a === undefined ? undefined : { base: a, bits: 32 };
      })();
  if (!o || !i || i.bits < o.bits) return false;
  const mask = o.bits === 0 ? 0 : (0xffffffff << (32 - o.bits)) >>> 0;
  return (i.base & mask) >>> 0 === o.base;
}

/** The first host address of a block: what Kubernetes gives `default/kubernetes` (10.96.0.0/16 → 10.96.0.1). */
function firstHost(/** @type {string} */ block) {
  const c = cidr(block);
  return c ? formatIpv4((c.base + 1) >>> 0) : undefined;
}

module.exports = { ipv4, cidr, within, firstHost };
