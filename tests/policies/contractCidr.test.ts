import { contains, overlaps, parseCidr, parsePeerCidr, sameCidr } from "../../policies/contract";

describe("the contract's CIDR module", () => {
  it("reads the address plan strictly: a network address in CIDR notation, nothing else", () => {
    expect(parseCidr("10.0.10.0/24")).toEqual({ text: "10.0.10.0/24", start: 0x0a000a00, end: 0x0a000aff, prefix: 24 });
    expect(parseCidr("0.0.0.0/0")).toEqual({ text: "0.0.0.0/0", start: 0, end: 0xffffffff, prefix: 0 });
    // OCI refuses these as a VCN or subnet CIDR, so config must too.
    for (const bad of ["10.0.10.5/24", " 10.0.10.0/24", "10.0.10.0/24 ", "10.0.10.0", "10.0.256.0/24", "10.0.10.0/33", "a.b.c.d/8"]) {
      expect([bad, parseCidr(bad)]).toEqual([bad, undefined]);
    }
  });

  it("reads a rule peer leniently: blanks trimmed, host bits masked, as OCI stores the rule", () => {
    expect(parsePeerCidr(" 10.0.10.7/24 ")).toEqual({ text: "10.0.10.7/24", start: 0x0a000a00, end: 0x0a000aff, prefix: 24 });
    expect(parsePeerCidr("203.0.113.9/0")).toMatchObject({ start: 0, end: 0xffffffff, prefix: 0 });
    expect(parsePeerCidr("10.0.10.0")).toBeUndefined();
    expect(parsePeerCidr("10.0.10.0/40")).toBeUndefined();
  });

  it("compares peers by range, not by spelling", () => {
    const peers = [" 10.0.10.7/24", "10.0.10.0/25", "10.0.0.0/16", "not a cidr"];
    expect(peers.filter((peer) => sameCidr("10.0.10.0/24", peer))).toEqual([" 10.0.10.7/24"]);
  });

  it("tells containment from overlap", () => {
    const vcn = parseCidr("10.0.0.0/16")!;
    const worker = parseCidr("10.0.10.0/24")!;
    const elsewhere = parseCidr("10.1.0.0/24")!;
    expect([contains(vcn, worker), contains(worker, vcn), contains(vcn, elsewhere)]).toEqual([true, false, false]);
    expect([overlaps(worker, vcn), overlaps(vcn, elsewhere)]).toEqual([true, false]);
  });
});
