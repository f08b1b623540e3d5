import * as fs from "fs";
import { PROVIDER_CONFIG_KEYS, PROVIDER_SECRET_KEYS } from "../../offline/inputs/providerConfig";

// The plan names a misspelt provider key (`oci:regoin`) from its own lists, so that it needs no
// provider loaded before it refuses; these lists must be the installed providers' own.

const providerFile = (pkg: string, file: string) => fs.readFileSync(require.resolve(`@pulumi/${pkg}/${file}`), "utf8");

test("the oci keys are those @pulumi/oci's config module reads", () => {
  const declared = [...providerFile("oci", "config/vars.js").matchAll(/Object\.defineProperty\(exports, "(\w+)"/g)].map((m) => m[1]);
  expect([...PROVIDER_CONFIG_KEYS.oci].sort()).toEqual([...new Set(declared)].filter((k) => k !== "__esModule").sort());
});

test("the kubernetes keys are the arguments @pulumi/kubernetes's Provider takes", () => {
  const args = providerFile("kubernetes", "provider.d.ts");
  const block = args.slice(args.indexOf("export interface ProviderArgs"));
  const declared = [...block.matchAll(/^ {4}(\w+)\?:/gm)].map((m) => m[1]);
  expect([...PROVIDER_CONFIG_KEYS.kubernetes].sort()).toEqual([...new Set(declared)].sort());
});

test("every setting the oci provider wraps in pulumi.secret is a secret to the plan", () => {
  const wrapped = [...providerFile("oci", "provider.js").matchAll(/pulumi\.secret\(args\.(\w+)\)/g)].map((m) => `oci:${m[1]}`);
  expect(wrapped.length).toBeGreaterThan(0);
  expect(wrapped.filter((k) => !PROVIDER_SECRET_KEYS.includes(k))).toEqual([]);
});

test("the lists name only real keys", () => {
  const unknown = PROVIDER_SECRET_KEYS.filter((k) => !(PROVIDER_CONFIG_KEYS[k.split(":")[0]] ?? []).includes(k.split(":")[1]));
  expect(unknown).toEqual([]);
});
