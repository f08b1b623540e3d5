import { DeployedState, selectOurCluster } from "../../components/deployedState";
import { QuickCreateConfigError } from "../../components/errors";
import { resolveSettings } from "../../components/settings";
import { checkUpgrade, choosePoolImage, compareVersions, describePoolImage, newerImageNotice, nodePoolCycling } from "../../components/upgrade";

const deployed = (version: string, upgrades: string[], pool?: Partial<NonNullable<DeployedState["pool"]>>): DeployedState => ({
  cluster: {
    id: "ocid1.cluster.oc1..c",
    name: "cluster1",
    vcnId: "ocid1.vcn.oc1..ours",
    kubernetesVersion: version,
    availableKubernetesUpgrades: upgrades,
    type: "ENHANCED_CLUSTER",
  },
  pool: pool && { id: "ocid1.nodepool.oc1..p", kubernetesVersion: version, ...pool },
});

function refusal(run: () => void): string {
  try {
    run();
  } catch (e) {
    expect(e).toBeInstanceOf(QuickCreateConfigError);
    expect((e as QuickCreateConfigError).key).toBe("kubernetesVersion");
    return (e as Error).message;
  }
  throw new Error("expected a refusal");
}

describe("only upgrades OKE accepts", () => {
  test("a first deployment (nothing deployed) takes any offered version", () => {
    expect(() => checkUpgrade("v1.31.10", undefined)).not.toThrow();
  });

  test("the running version and any version in availableKubernetesUpgrades pass", () => {
    expect(() => checkUpgrade("v1.33.1", deployed("v1.33.1", ["v1.34.1"]))).not.toThrow();
    expect(() => checkUpgrade("v1.34.1", deployed("v1.33.1", ["v1.34.1"]))).not.toThrow();
  });

  test("a downgrade is refused in one sentence naming the key, the deployed version and where it may go", () => {
    const message = refusal(() => checkUpgrade("v1.32.1", deployed("v1.33.1", ["v1.34.1"])));
    expect(message).toBe(
      'Invalid value "v1.32.1" for kubernetesVersion: cluster cluster1 runs v1.33.1 and OKE cannot downgrade a cluster; it may go to v1.34.1 or stay on v1.33.1.',
    );
  });

  test("a newer version that OKE does not offer this cluster is refused, listing the ones it offers", () => {
    const message = refusal(() => checkUpgrade("v1.34.1", deployed("v1.32.1", ["v1.33.1"])));
    expect(message).toBe(
      'Invalid value "v1.34.1" for kubernetesVersion: cluster cluster1 runs v1.32.1 and OKE does not offer v1.34.1 as its upgrade; it may go to v1.33.1 or stay on v1.32.1.',
    );
  });

  test("with no upgrade available the sentence says to keep the running version", () => {
    expect(refusal(() => checkUpgrade("v1.35.0", deployed("v1.34.1", [])))).toMatch(/OKE offers it no upgrade yet, so keep v1\.34\.1\.$/);
  });

  test("workers never run ahead of the control plane: a pool newer than the request is refused", () => {
    const message = refusal(() => checkUpgrade("v1.33.1", deployed("v1.33.1", ["v1.34.1"], { kubernetesVersion: "v1.34.1" })));
    expect(message).toMatch(/pool1 already runs v1\.34\.1 and worker nodes may never run a newer version than the control plane/);
  });

  test("versions compare numerically, patch included", () => {
    expect(compareVersions("v1.33.10", "v1.33.9")).toBeGreaterThan(0);
    expect(compareVersions("v1.9.0", "v1.10.0")).toBeLessThan(0);
  });
});

describe("the deployed cluster is the one in this stack's VCN", () => {
  const clusters = [
    { id: "ocid1.cluster.oc1..elsewhere", name: "cluster1", vcnId: "ocid1.vcn.oc1..other", state: "ACTIVE" },
    { id: "ocid1.cluster.oc1..gone", name: "cluster1", vcnId: "ocid1.vcn.oc1..ours", state: "DELETED" },
  ];

  test("a same-named cluster in another VCN, or a deleted one in ours, is not ours", () => {
    expect(selectOurCluster(clusters, new Set(["ocid1.vcn.oc1..ours"]), "oke-vcn-quick-cluster1-x")).toBeUndefined();
  });

  test("two live ones in our VCN is a state only a person can sort out: one sentence naming both", () => {
    const twins = ["a", "b"].map((x) => ({ id: `ocid1.cluster.oc1..${x}`, name: "cluster1", vcnId: "ocid1.vcn.oc1..ours", state: "ACTIVE" }));
    expect(() => selectOurCluster(twins, new Set(["ocid1.vcn.oc1..ours"]), "oke-vcn-quick-cluster1-x")).toThrow(
      'Found 2 live clusters named "cluster1" in VCN oke-vcn-quick-cluster1-x (ocid1.cluster.oc1..a, ocid1.cluster.oc1..b); delete the one this stack does not manage before running it again.',
    );
  });

  test("the live one in our VCN is", () => {
    const ours = { id: "ocid1.cluster.oc1..ours", name: "cluster1", vcnId: "ocid1.vcn.oc1..ours", state: "ACTIVE" };
    expect(selectOurCluster([...clusters, ours], new Set(["ocid1.vcn.oc1..ours"]), "oke-vcn-quick-cluster1-x")).toBe(ours);
  });
});

describe("no image change by surprise", () => {
  const newest = { imageId: "ocid1.image.oc1..new", sourceName: "Oracle-Linux-8.10-2025.06.17-0-OKE-1.33.1-1033", sourceType: "IMAGE" };
  const E4 = "VM.Standard.E4.Flex";
  const running = { kubernetesVersion: "v1.33.1", imageId: "ocid1.image.oc1..old", imageName: "Oracle-Linux-8.10-2025.04.16-0-OKE-1.33.1-1020", nodeShape: E4 };

  test("same version: pool1 keeps the image it runs, and the newer one is reported by name", () => {
    const choice = choosePoolImage({ newest, kubernetesVersion: "v1.33.1", nodeShape: E4, deployed: deployed("v1.33.1", [], running), refresh: false });
    expect(choice.image.imageId).toBe("ocid1.image.oc1..old");
    expect(choice.reason).toBe("kept");
    expect(describePoolImage(choice)).toBe("Oracle-Linux-8.10-2025.04.16-0-OKE-1.33.1-1020 (kept)");
    expect(newerImageNotice(choice)).toBe(
      "Oracle-Linux-8.10-2025.06.17-0-OKE-1.33.1-1033 (ocid1.image.oc1..new) is newer than the image pool1 runs; set nodeImageRefresh to true to move pool1 to it.",
    );
  });

  test("nodeImageRefresh moves pool1 to the newer image, and nothing is left to report", () => {
    const choice = choosePoolImage({ newest, kubernetesVersion: "v1.33.1", nodeShape: E4, deployed: deployed("v1.33.1", [], running), refresh: true });
    expect(choice).toMatchObject({ image: newest, reason: "refreshed" });
    expect(newerImageNotice(choice)).toBeUndefined();
  });

  test("a version change takes the newest image for the new version", () => {
    const forNew = { ...newest, imageId: "ocid1.image.oc1..134" };
    const choice = choosePoolImage({
      newest: forNew,
      kubernetesVersion: "v1.34.1",
      nodeShape: E4,
      deployed: deployed("v1.33.1", ["v1.34.1"], running),
      refresh: false,
    });
    expect(choice).toMatchObject({ image: forNew, reason: "newest for the new version" });
    expect(describePoolImage(choice)).toBe("Oracle-Linux-8.10-2025.06.17-0-OKE-1.33.1-1033 (newest for the new version)");
  });

  test("a shape change to another architecture takes the newest image for the new shape, and reports no 'newer' image", () => {
    const arm = { imageId: "ocid1.image.oc1..arm", sourceName: "Oracle-Linux-8.10-aarch64-2025.06.17-0-OKE-1.33.1-1033", sourceType: "IMAGE" };
    const choice = choosePoolImage({
      newest: arm,
      kubernetesVersion: "v1.33.1",
      nodeShape: "VM.Standard.A1.Flex",
      deployed: deployed("v1.33.1", [], running),
      refresh: false,
    });
    expect(choice).toEqual({ image: arm, reason: "newest for the new shape" });
    expect(newerImageNotice(choice)).toBeUndefined();
    const gpu = choosePoolImage({
      newest,
      kubernetesVersion: "v1.33.1",
      nodeShape: "VM.GPU.A10.1",
      deployed: deployed("v1.33.1", [], running),
      refresh: false,
    });
    expect(gpu.reason).toBe("newest for the new shape");
  });

  test("a shape change within the architecture keeps the image, as does a pool whose shape OCI did not report", () => {
    expect(
      choosePoolImage({ newest, kubernetesVersion: "v1.33.1", nodeShape: "VM.Standard.E5.Flex", deployed: deployed("v1.33.1", [], running), refresh: false })
        .reason,
    ).toBe("kept");
    const unknownShape = { ...running, nodeShape: undefined };
    expect(
      choosePoolImage({ newest, kubernetesVersion: "v1.33.1", nodeShape: E4, deployed: deployed("v1.33.1", [], unknownShape), refresh: false }).image.imageId,
    ).toBe("ocid1.image.oc1..old");
  });

  test("nodeImageRefresh with a configured nodeImageId is a contradiction, refused naming both", () => {
    let error: unknown;
    try {
      choosePoolImage({
        newest,
        configuredImageId: newest.imageId,
        kubernetesVersion: "v1.33.1",
        nodeShape: E4,
        deployed: deployed("v1.33.1", [], running),
        refresh: true,
      });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(QuickCreateConfigError);
    expect((error as QuickCreateConfigError).key).toBe("nodeImageRefresh");
    expect((error as Error).message).toBe(
      "Invalid value true for nodeImageRefresh: nodeImageId pins pool1's image to ocid1.image.oc1..new, so there is no newer image to move to; set nodeImageRefresh to false or leave nodeImageId unset.",
    );
  });

  test("a new pool and a configured nodeImageId take the lookup's image", () => {
    expect(choosePoolImage({ newest, kubernetesVersion: "v1.33.1", nodeShape: E4, refresh: false }).image).toBe(newest);
    const configured = choosePoolImage({
      newest,
      configuredImageId: newest.imageId,
      kubernetesVersion: "v1.33.1",
      nodeShape: E4,
      deployed: deployed("v1.33.1", [], running),
      refresh: false,
    });
    expect(configured.reason).toBe("configured");
    expect(describePoolImage(configured)).toBe("ocid1.image.oc1..new (configured nodeImageId)");
  });
});

describe("node cycling", () => {
  const defaults = { maximumSurge: "1", maximumUnavailable: "0" };

  test("enhanced clusters cycle with one extra node and none missing; basic clusters have none", () => {
    expect(nodePoolCycling("enhanced", defaults)).toEqual({ isNodeCyclingEnabled: true, maximumSurge: "1", maximumUnavailable: "0" });
    expect(nodePoolCycling("basic", defaults)).toBeUndefined();
  });

  const settings = (extra: Record<string, unknown>) =>
    resolveSettings({ compartmentId: "ocid1.compartment.oc1..aaaaaaaaexample", kubernetesVersion: "v1.33.1", ...extra });

  test("surge and unavailable are configurable as counts or percentages", () => {
    expect(settings({}).nodeCycling).toEqual(defaults);
    expect(settings({ nodeCyclingMaximumSurge: "50%", nodeCyclingMaximumUnavailable: "1" }).nodeCycling).toEqual({
      maximumSurge: "50%",
      maximumUnavailable: "1",
    });
  });

  test.each([
    [
      { nodeCyclingMaximumSurge: "4" },
      'Invalid value "4" for nodeCyclingMaximumSurge: use a whole number from 0 to nodeCount (3) or a percentage from 0% to 100%.',
    ],
    [
      { nodeCyclingMaximumUnavailable: "150%" },
      'Invalid value "150%" for nodeCyclingMaximumUnavailable: use a whole number from 0 to nodeCount (3) or a percentage from 0% to 100%.',
    ],
    [
      { nodeCyclingMaximumSurge: "one" },
      'Invalid value "one" for nodeCyclingMaximumSurge: use a whole number from 0 to nodeCount (3) or a percentage from 0% to 100%.',
    ],
    [
      { nodeCyclingMaximumSurge: "0", nodeCyclingMaximumUnavailable: "0%" },
      'Invalid value "0%" for nodeCyclingMaximumUnavailable: with nodeCyclingMaximumSurge also 0 OKE could never replace a node; allow at least one extra or one missing node.',
    ],
  ])("refuses %j in one sentence", (extra, message) => {
    expect(() => settings(extra)).toThrow(message);
  });
});
