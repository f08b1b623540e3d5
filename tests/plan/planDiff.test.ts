import { changedPaths, countChanges, countLine, diffPlans, planNotes, PlannedResource, renderChanges } from "../../offline/report/diff";
import { FORCE_NEW_PATHS, forcesReplacement } from "../../offline/report/replaceRules";
import { ResourceType } from "../../offline/architecture/references";

const resource = (name: string, type: string, inputs: Record<string, unknown>, ignoreChanges?: string[]): PlannedResource => ({
  urn: `urn:pulumi:dev::oke-quick-create::${type}::${name}`,
  type,
  name,
  inputs,
  ignoreChanges,
});

const cluster = (extra: Record<string, unknown> = {}) =>
  resource("oke-cluster-cluster", ResourceType.Cluster, {
    name: "cluster1",
    kubernetesVersion: "v1.33.1",
    clusterPodNetworkOptions: [{ cniType: "OCI_VCN_IP_NATIVE" }],
    ...extra,
  });
const pool = (size: number) =>
  resource("oke-nodepool-pool1", ResourceType.NodePool, { name: "pool1", clusterId: "ocid1.cluster.oc1..a", nodeConfigDetails: { size } });

describe("each diff action, resources matched by URN", () => {
  test("create: only in the new plan", () => {
    expect(diffPlans([], [cluster()]).map((c) => c.action)).toEqual(["create"]);
  });

  test("delete: only in the deployed plan", () => {
    expect(diffPlans([cluster(), pool(3)], [cluster()]).map((c) => [c.name, c.action])).toEqual([["oke-nodepool-pool1", "delete"]]);
  });

  test("update: an updatable input changed, with old and new values", () => {
    const [change] = diffPlans([cluster()], [cluster({ kubernetesVersion: "v1.34.1" })]);
    expect(change).toMatchObject({ action: "update", paths: ["kubernetesVersion"], replaceReasons: [] });
    expect(change.changes).toEqual([{ path: "kubernetesVersion", old: "v1.33.1", new: "v1.34.1" }]);
  });

  test("replace: an input UpdateClusterDetails cannot change, named as the reason", () => {
    const [change] = diffPlans([cluster()], [cluster({ clusterPodNetworkOptions: [{ cniType: "FLANNEL_OVERLAY" }] })]);
    expect(change).toMatchObject({
      action: "replace",
      paths: ["clusterPodNetworkOptions[0].cniType"],
      replaceReasons: ["clusterPodNetworkOptions[0].cniType"],
    });
  });

  test("no entry for an unchanged resource; a renamed one is a delete and a create", () => {
    expect(diffPlans([cluster(), pool(3)], [cluster(), pool(3)])).toEqual([]);
    const renamed = { ...pool(3), urn: "urn:pulumi:dev::oke-quick-create::x::other" };
    expect(diffPlans([pool(3)], [renamed]).map((c) => c.action)).toEqual(["create", "delete"]);
  });

  test("an id that becomes unknown is a change (the resource it points to is replaced)", () => {
    const after = { ...pool(3), inputs: { ...pool(3).inputs, clusterId: "[unknown]" } };
    expect(diffPlans([pool(3)], [after])[0]).toMatchObject({ action: "replace", replaceReasons: ["clusterId"] });
  });

  test("ignoreChanges paths are not diffed, as the engine does", () => {
    const list = (rules: number) =>
      resource("oke-network-worker-seclist", ResourceType.SecurityList, { ingressSecurityRules: Array(rules).fill({ protocol: "6" }) }, [
        "ingressSecurityRules",
      ]);
    expect(diffPlans([list(4)], [list(5)])).toEqual([]);
  });

  test("leaf paths cover added, removed and nested values; null and absent are both unset", () => {
    expect(changedPaths({ a: { b: [1, 2] }, c: null }, { a: { b: [1] }, d: { e: "x" } })).toEqual([
      { path: "a.b[1]", old: 2, new: undefined },
      { path: "d.e", old: undefined, new: "x" },
    ]);
  });

  test("a value the program marks secret is [secret] on both sides, though the deployed state held it in plain text", () => {
    const before = cluster({ name: "cluster-plaintext-in-state", options: { admissionControllerOptions: { note: "plaintext-object" } } });
    const after = cluster({ name: "[secret]", options: "[secret]" });
    const [change] = diffPlans([before], [after]);
    expect(change.changes).toEqual([
      { path: "name", old: "[secret]", new: "[secret]" },
      { path: "options", old: "[secret]", new: "[secret]" },
    ]);
    expect(renderChanges([change], "state.json").join("\n")).not.toMatch(/plaintext/);
  });
});

describe("the force-new table", () => {
  test.each([
    [ResourceType.Cluster, "options.kubernetesNetworkConfig.podsCidr", true],
    [ResourceType.Cluster, "endpointConfig.isPublicIpEnabled", true],
    [ResourceType.Cluster, "options.serviceLbConfig.freeformTags.OKEclusterName", false],
    [ResourceType.Cluster, "kubernetesVersion", false],
    [ResourceType.NodePool, "nodeConfigDetails.size", false],
    [ResourceType.NodePool, "nodeSourceDetails.imageId", false],
    [ResourceType.NodePool, "nodeConfigDetails.placementConfigs[0].subnetId", false],
    [ResourceType.NodePool, "clusterId", true],
    [ResourceType.Subnet, "prohibitPublicIpOnVnic", true],
    [ResourceType.Subnet, "cidrBlock", false],
    [ResourceType.Vcn, "dnsLabel", true],
    [ResourceType.Vcn, "cidrBlocks[0]", false],
    [ResourceType.SecurityList, "egressSecurityRules[3].destination", false],
    ["pulumi:providers:kubernetes", "kubeconfig", false],
  ])("%s %s forces a replacement: %s", (type, path, expected) => {
    expect(forcesReplacement(type, path)).toBe(expected);
  });

  test("a path is matched on whole segments (optionsX is not options)", () => {
    expect(FORCE_NEW_PATHS[ResourceType.Cluster]).toContain("vcnId");
    expect(["vcnId", "vcnIdentity"].filter((path) => forcesReplacement(ResourceType.Cluster, path))).toEqual(["vcnId"]);
  });
});

describe("the Changes block", () => {
  test("one line per resource with its action and inputs old → new, then the counts", () => {
    const changes = diffPlans([cluster(), pool(3)], [cluster({ clusterPodNetworkOptions: [{ cniType: "FLANNEL_OVERLAY" }] }), pool(5)]);
    expect(renderChanges(changes, "plan.json")).toEqual([
      "Changes against plan.json:",
      "    +-replace  oci:ContainerEngine/cluster:Cluster  oke-cluster-cluster  (replaced: clusterPodNetworkOptions[0].cniType cannot change in place)",
      '          clusterPodNetworkOptions[0].cniType: "OCI_VCN_IP_NATIVE" → "FLANNEL_OVERLAY"',
      "    ~ update   oci:ContainerEngine/nodePool:NodePool  oke-nodepool-pool1",
      "          nodeConfigDetails.size: 3 → 5",
      "0 to create, 1 to update, 1 to replace, 0 to delete",
    ]);
    expect(countLine(countChanges([]))).toBe("0 to create, 0 to update, 0 to replace, 0 to delete");
  });

  test("names, keys and values from the deployed file are escaped and bounded: no terminal escape, no 100,000-character line", () => {
    const odd = resource("x\u001b[31m\nevil", ResourceType.Vcn, { "tag\u001b[2J": 1 });
    const long = resource("oke-network-vcn", ResourceType.Vcn, { displayName: "x".repeat(100000) });
    const lines = renderChanges(diffPlans([odd, long], [{ ...long, inputs: { displayName: "vcn" } }]), "state.json");
    expect(lines).toEqual([
      "Changes against state.json:",
      "    ~ update   oci:Core/vcn:Vcn  oke-network-vcn",
      `          displayName: "${"x".repeat(199)}… (100002 characters) → "vcn"`,
      "    - delete   oci:Core/vcn:Vcn  x\\u001b[31m\\nevil",
      "0 to create, 1 to update, 0 to replace, 1 to delete",
    ]);
  });
});

describe("what the program reports instead of changing", () => {
  test("a newer node image (the nodeImageUpdate output) becomes a note under the changes; none without it", () => {
    expect(
      planNotes({
        nodeImageUpdate: "Oracle-Linux-X (ocid1.image.oc1..x) is newer than the image pool1 runs; set nodeImageRefresh to true to move pool1 to it.",
      }),
    ).toEqual(["note: not applied: Oracle-Linux-X (ocid1.image.oc1..x) is newer than the image pool1 runs; set nodeImageRefresh to true to move pool1 to it."]);
    expect(planNotes({ region: "ap-tokyo-1" })).toEqual([]);
  });
});
