import { canonicalCidrText, parseCidr } from "../../policies/contract";

// A leading zero reads as octal to inet_aton and ssh and as decimal elsewhere: the address plan takes
// CIDRs only in canonical text, and the refusal names the canonical form.

test.each([
  ["10.0.010.0/24", "10.0.10.0/24"],
  ["010.0.0.0/16", "10.0.0.0/16"],
  ["10.0.0.0/016", "10.0.0.0/16"],
  ["203.0.113.000/24", "203.0.113.0/24"],
])("%s is refused and written canonically as %s", (text, canonical) => {
  expect([parseCidr(text), canonicalCidrText(text)]).toEqual([undefined, canonical]);
});

test.each(["10.0.10.0/24", "0.0.0.0/0", "100.64.0.0/10"])("%s is canonical and parses", (text) => {
  expect([parseCidr(text)?.text, canonicalCidrText(text)]).toEqual([text, undefined]);
});

test("a CIDR refused for another reason gets no canonical form to suggest", () => {
  const texts = [" 10.0.0.0/16", "10.0.0.0/16 ", "10.0.0.5/24", "10.0.0.0/33", "10.0.0.0", "010.0.0.0/33", "10.0.010.5/24"];
  expect(texts.map(canonicalCidrText)).toEqual(texts.map(() => undefined));
});
