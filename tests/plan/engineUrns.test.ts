import { toEngineUrns, UrnFields } from "../../offline/records/engineUrns";
import { runStack } from "../helpers/stack";
import { ResourceType } from "../../policies/contract";

// `pulumi up --replace <urn>` only works with the URN the engine gives, which carries the parent's
// whole type chain; the plan's JSON and the policy diagnostics must show exactly that.

test("every resource gets the engine's URN, with its parents' type chain", async () => {
  const run = await runStack();
  const vcn = run.resources.find((r) => r.type === ResourceType.Vcn)!;
  expect(vcn.urn).toBe("urn:pulumi:dev::oke-quick-create::oke-quick-create:index:QuickCreate$oke-quick-create:index:Network$oci:Core/vcn:Vcn::oke-network-vcn");
  const byUrn = new Map(run.resources.map((r) => [r.urn, r]));
  for (const r of run.resources) {
    const parent = r.parent ? byUrn.get(r.parent) : undefined;
    // A parent that was never registered would leave the URN without its chain.
    if (r.parent) expect(parent?.urn).toBe(r.parent);
    const chain = parent ? `${parent.urn.split("::")[2]}$${r.type}` : r.type;
    expect(r.urn).toBe(`urn:pulumi:dev::oke-quick-create::${chain}::${r.name}`);
  }
  // Every dependency and provider a resource names is a resource the program registered.
  const named = run.resources.flatMap((r) => [
    ...r.dependencies,
    ...Object.values(r.propertyDependencies).flat(),
    ...(r.provider ? [r.provider.slice(0, r.provider.lastIndexOf("::"))] : []),
  ]);
  expect(named.filter((urn) => !byUrn.has(urn))).toEqual([]);
});

test("a top-level resource and the root stack's children have no parent type", () => {
  const records: UrnFields[] = [
    { urn: "m:stack", type: "pulumi:pulumi:Stack", name: "p-dev", dependencies: [], propertyDependencies: {} },
    { urn: "m:a", type: "x:index:A", name: "a", parent: "m:stack", dependencies: [], propertyDependencies: {} },
    { urn: "m:b", type: "x:index:B", name: "b", parent: "m:a", provider: "m:a::id-1", dependencies: ["m:a"], propertyDependencies: { p: ["m:a"] } },
  ];
  const [, a, b] = toEngineUrns(records, "dev", "p");
  expect(a.urn).toBe("urn:pulumi:dev::p::x:index:A::a");
  expect(b.urn).toBe("urn:pulumi:dev::p::x:index:A$x:index:B::b");
  expect(b.provider).toBe("urn:pulumi:dev::p::x:index:A::a::id-1");
  expect(b.dependencies).toEqual([a.urn]);
  expect(b.propertyDependencies).toEqual({ p: [a.urn] });
});
