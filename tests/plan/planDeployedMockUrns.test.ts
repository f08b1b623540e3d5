import { mockMonitorUrn } from "../../offline/records/engineUrns";
import { diffPlans, PlannedResource } from "../../offline/report/diff";

// Plans written before the JSON carried the engine's URNs hold the mock monitor's (only the parent's
// last type). The engine never gave those, so nothing was renamed: such a file must diff as the same
// resources, not as every resource deleted and created again.
const ENGINE_VCN = "urn:pulumi:dev::oke-quick-create::oke-quick-create:index:QuickCreate$oke-quick-create:index:Network$oci:Core/vcn:Vcn::oke-network-vcn";
const MOCK_VCN = "urn:pulumi:dev::oke-quick-create::oke-quick-create:index:Network$oci:Core/vcn:Vcn::oke-network-vcn";
const ROOT = "urn:pulumi:dev::oke-quick-create::oke-quick-create:index:QuickCreate::oke";

const vcn = (urn: string, cidr: string): PlannedResource => ({ urn, type: "oci:Core/vcn:Vcn", name: "oke-network-vcn", inputs: { cidrBlocks: [cidr] } });

test("the mock monitor's form keeps only the parent's last type; a top-level URN is its own", () => {
  expect(mockMonitorUrn(ENGINE_VCN)).toBe(MOCK_VCN);
  expect(mockMonitorUrn(ROOT)).toBe(ROOT);
});

test("a deployed plan with the mock monitor's URNs matches the same resources: no change, or an update", () => {
  expect(diffPlans([vcn(MOCK_VCN, "10.0.0.0/16")], [vcn(ENGINE_VCN, "10.0.0.0/16")])).toEqual([]);
  const changes = diffPlans([vcn(MOCK_VCN, "10.0.0.0/16")], [vcn(ENGINE_VCN, "10.1.0.0/16")]);
  expect(changes.map((c) => [c.urn, c.action, c.paths])).toEqual([[ENGINE_VCN, "update", ["cidrBlocks[0]"]]]);
});

test("a resource under another parent is still a create and a delete", () => {
  const elsewhere = "urn:pulumi:dev::oke-quick-create::oke-quick-create:index:Other$oci:Core/vcn:Vcn::oke-network-vcn";
  expect(diffPlans([vcn(elsewhere, "10.0.0.0/16")], [vcn(ENGINE_VCN, "10.0.0.0/16")]).map((c) => c.action)).toEqual(["create", "delete"]);
});
