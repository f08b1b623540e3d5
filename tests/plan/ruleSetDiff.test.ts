import { diffPlans, PlannedResource, renderChanges } from "../../offline/report/diff";
import { ResourceType } from "../../offline/architecture/references";

// How the changes against a deployed stack read security rules (sets, as terraform-provider-oci
// declares them) and the bridge's __defaults (never a change on their own), without a program run.

const URN = "urn:pulumi:dev::oke-quick-create::oci:Core/securityList:SecurityList::oke-network-endpoint-seclist";
const list = (inputs: Record<string, unknown>, ignoreChanges?: string[]): PlannedResource => ({
  urn: URN,
  type: ResourceType.SecurityList,
  name: "oke-network-endpoint-seclist",
  inputs,
  ignoreChanges,
});

const rule = (source: string, port: number, description: string) => ({
  description,
  protocol: "6",
  source,
  sourceType: "CIDR_BLOCK",
  stateless: false,
  tcpOptions: { max: port, min: port },
});
const external = rule("0.0.0.0/0", 6443, "External access to Kubernetes API endpoint");
const workers = rule("10.0.10.0/24", 6443, "Kubernetes worker to Kubernetes API endpoint communication");
const proxymux = rule("10.0.10.0/24", 12250, "Kubernetes worker to control plane communication");
const pathDiscovery = {
  description: "Path discovery",
  icmpOptions: { code: 4, type: 3 },
  protocol: "1",
  source: "10.0.10.0/24",
  sourceType: "CIDR_BLOCK",
  stateless: false,
};

describe("security rules compare as sets", () => {
  test("removing the first rule is one removed rule, not every later rule shifting up", () => {
    const changes = diffPlans(
      [list({ ingressSecurityRules: [external, workers, proxymux, pathDiscovery] })],
      [list({ ingressSecurityRules: [workers, proxymux, pathDiscovery] })],
    );
    expect(changes.map((c) => [c.action, c.paths, c.changes])).toEqual([["update", ["ingressSecurityRules"], []]]);
    expect(changes[0].ruleChanges).toEqual([{ path: "ingressSecurityRules", added: [], removed: [external] }]);
    expect(renderChanges(changes, "state.json")).toEqual([
      "Changes against state.json:",
      "    ~ update   oci:Core/securityList:SecurityList  oke-network-endpoint-seclist",
      '          - ingress 0.0.0.0/0 TCP 6443 "External access to Kubernetes API endpoint"',
      "0 to create, 1 to update, 0 to replace, 0 to delete",
    ]);
  });

  test("the same rules in another order are no change; an edited rule is one removed and one added", () => {
    expect(diffPlans([list({ ingressSecurityRules: [external, workers] })], [list({ ingressSecurityRules: [workers, external] })])).toEqual([]);
    const narrowed = { ...external, source: "203.0.113.0/24" };
    const [change] = diffPlans([list({ ingressSecurityRules: [external, workers] })], [list({ ingressSecurityRules: [narrowed, workers] })]);
    expect(change.ruleChanges).toEqual([{ path: "ingressSecurityRules", added: [narrowed], removed: [external] }]);
    expect(renderChanges([change], "state.json").slice(2, 4)).toEqual([
      '          - ingress 0.0.0.0/0 TCP 6443 "External access to Kubernetes API endpoint"',
      '          + ingress 203.0.113.0/24 TCP 6443 "External access to Kubernetes API endpoint"',
    ]);
  });

  test("egress rules read with their destination, ICMP with type and code", () => {
    const egress = {
      description: "Path discovery",
      destination: "10.0.10.0/24",
      destinationType: "CIDR_BLOCK",
      icmpOptions: { code: 4, type: 3 },
      protocol: "1",
      stateless: false,
    };
    const [change] = diffPlans([list({ egressSecurityRules: [] })], [list({ egressSecurityRules: [egress] })]);
    expect(renderChanges([change], "state.json")[2]).toBe('          + egress 10.0.10.0/24 ICMP type 3 code 4 "Path discovery"');
  });

  test("a rule set the program does not diff (ignoreChanges) shows nothing", () => {
    expect(diffPlans([list({ ingressSecurityRules: [external] })], [list({ ingressSecurityRules: [] }, ["ingressSecurityRules"])])).toEqual([]);
  });
});

describe("the bridge's __defaults are never changes", () => {
  test("a property the provider defaulted, which the program still does not set, is no change", () => {
    const { stateless: _omitted, ...planned } = external;
    const deployed = { __defaults: ["stateless"], ...external, tcpOptions: { __defaults: [], ...external.tcpOptions } };
    expect(
      diffPlans([list({ __defaults: [], displayName: "x", ingressSecurityRules: [deployed] })], [list({ displayName: "x", ingressSecurityRules: [planned] })]),
    ).toEqual([]);
  });

  test("once the program sets it, a different value is a change; the same value is none", () => {
    const vcn = (inputs: Record<string, unknown>): PlannedResource => ({
      urn: "urn:pulumi:dev::oke-quick-create::oci:Core/vcn:Vcn::oke-network-vcn",
      type: ResourceType.Vcn,
      name: "oke-network-vcn",
      inputs,
    });
    const deployed = vcn({ __defaults: ["isIpv6enabled"], isIpv6enabled: false, cidrBlocks: ["10.0.0.0/16"] });
    expect(diffPlans([deployed], [vcn({ cidrBlocks: ["10.0.0.0/16"] })])).toEqual([]);
    expect(diffPlans([deployed], [vcn({ isIpv6enabled: false, cidrBlocks: ["10.0.0.0/16"] })])).toEqual([]);
    expect(diffPlans([deployed], [vcn({ isIpv6enabled: true, cidrBlocks: ["10.0.0.0/16"] })]).map((c) => [c.action, c.changes])).toEqual([
      ["replace", [{ path: "isIpv6enabled", old: false, new: true }]],
    ]);
  });
});

describe("a region move", () => {
  test("replaces every OCI resource for that one reason, stated once; other resources diff as usual", () => {
    const vcn: PlannedResource = {
      urn: "urn:pulumi:dev::oke-quick-create::oci:Core/vcn:Vcn::oke-network-vcn",
      type: ResourceType.Vcn,
      name: "oke-network-vcn",
      inputs: { cidrBlocks: ["10.0.0.0/16"] },
    };
    const component: PlannedResource = {
      urn: "urn:pulumi:dev::oke-quick-create::oke-quick-create:index:Network::oke-network",
      type: "oke-quick-create:index:Network",
      name: "oke-network",
      inputs: {},
    };
    const move = { from: "ap-tokyo-1", to: "us-ashburn-1" };
    const changes = diffPlans([component, vcn], [component, vcn], move);
    expect(changes.map((c) => [c.name, c.action, c.replaceReasons])).toEqual([["oke-network-vcn", "replace", ["oci:region"]]]);
    expect(renderChanges(changes, "state.json", move)).toEqual([
      "Changes against state.json:",
      "    oci:region moves from ap-tokyo-1 to us-ashburn-1: OCI resources cannot move between regions, so every one is replaced.",
      "    +-replace  oci:Core/vcn:Vcn  oke-network-vcn",
      "0 to create, 0 to update, 1 to replace, 0 to delete",
    ]);
  });
});
