import { UNKNOWN_VALUE } from "../../offline/analyzer/records";
import { markDerivedInputs, markDerivedOutputs, scrubber, scrubJson, secretTexts } from "../../offline/report/derivedSecrets";
import { maskInputs } from "../../offline/records/masking";

// Pulumi's rule, applied to what the plan shows: a value holding a secret's text is a secret.

const SUFFIX = "0a1b2c3d4";

test("inputs that hold a secret's text become secrets; the rest, unknowns included, stay as they are", () => {
  const inputs = {
    displayName: `oke-vcn-quick-cluster1-${SUFFIX}`,
    cidrBlocks: ["10.0.0.0/16"],
    nested: { list: [`x-${SUFFIX}-y`, "plain"] },
    size: 3,
    id: UNKNOWN_VALUE,
  };
  expect(maskInputs(markDerivedInputs(inputs, [SUFFIX, "3"]))).toEqual({
    displayName: "[secret]",
    cidrBlocks: ["10.0.0.0/16"],
    nested: { list: ["[secret]", "plain"] },
    size: "[secret]",
    id: "[unknown]",
  });
});

test("a secret shorter than three characters is matched whole, not inside other values", () => {
  expect(maskInputs(markDerivedInputs({ a: "3", b: "10.0.3.0/24", c: 3, d: 33 }, ["3"]))).toEqual({ a: "[secret]", b: "10.0.3.0/24", c: "[secret]", d: 33 });
});

test("stack outputs holding a secret are wrapped as runProgram wraps secrets", () => {
  expect(markDerivedOutputs({ names: { vcn: `oke-vcn-${SUFFIX}`, cluster: "cluster1" }, kubeconfig: { secret: "x" } }, [SUFFIX])).toEqual({
    names: { vcn: { secret: `oke-vcn-${SUFFIX}` }, cluster: "cluster1" },
    kubeconfig: { secret: "x" },
  });
});

test("a secret JSON list counts by each item too", () => {
  expect(secretTexts(['["203.0.113.0/24","198.51.100.0/24"]', ""]).sort()).toEqual(
    ['["203.0.113.0/24","198.51.100.0/24"]', "198.51.100.0/24", "203.0.113.0/24"].sort(),
  );
});

test("a secret cluster name counts by the VCN DNS label derived from it too (hyphens dropped, cut to 15)", () => {
  expect(secretTexts(["Zebra-Sec-Name-Long-1"]).sort()).toEqual(["Zebra-Sec-Name-Long-1", "ZebraSecNameLon"].sort());
});

test("the scrubber hides a secret in the forms an error shows it in, and any private key block", () => {
  const secret = "line1\nline2-" + "z".repeat(100);
  const scrub = scrubber([secret]);
  const escaped = "line1\\nline2-" + "z".repeat(80 - 12);
  const key = "-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\n-----END PRIVATE KEY-----";
  expect(scrub(`raw ${secret} | escaped "${escaped}"… (113 characters) | ${key}`)).toBe(`raw [secret] | escaped "[secret]"… (113 characters) | [secret]`);
});

test("a scrubbed JSON document stays JSON whatever the secret's text", () => {
  const scrub = scrubber(["true", `a"b`]);
  const document = scrubJson({ enabled: true, name: "true-name", quoted: `x a"b y` }, scrub);
  expect(JSON.parse(JSON.stringify(document))).toEqual({ enabled: true, name: "[secret]-name", quoted: "x [secret] y" });
});
