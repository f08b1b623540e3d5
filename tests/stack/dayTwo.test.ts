import { DeployedPlan, DeployedResource } from "../../offline/run/deployedPlan";
import { expectedNodeImage, nodeImageNames, fakeOcid } from "../../offline/run/fixtures";
import { diffPlans } from "../../offline/report/diff";
import { maskInputs } from "../../offline/records/masking";
import { ProgramRun, RegisteredResource } from "../../offline/run/runProgram";
import { deployedFrom, runAgainst, withDeployedInputs } from "./deployed";

/**
 * Day 2 through the real program (index.ts under the OCI mocks): the read-back lookups answer from an
 * earlier run, as `--deployed` and a real tenancy do, and the program decides what to change.
 */
const CLUSTER = "oke-cluster-cluster";
const POOL = "oke-nodepool-pool1";
const VCN = "oke-network-vcn";
const REGION = "ap-tokyo-1";

const named = (run: ProgramRun, name: string) => run.resources.find((r) => r.name === name)!.inputs as Record<string, any>;
const planned = (run: ProgramRun) =>
  run.resources.map((r) => ({ urn: r.urn, type: r.type, name: r.name, inputs: maskInputs(r.inputs), ignoreChanges: r.options.ignoreChanges }));
/** The older OL8 build of the fixture images for a version (OCI has published a newer one since). */
const olderImage = (version: string) => fakeOcid("image", REGION, nodeImageNames(version)[1]);

let first: ProgramRun;
let deployed: DeployedResource[];
beforeAll(async () => {
  first = await runAgainst({});
  deployed = deployedFrom(first);
});

async function refusal(
  overrides: Record<string, string>,
  state: DeployedResource[] | DeployedPlan,
): Promise<{ message: string; registered: RegisteredResource[] }> {
  const registered: RegisteredResource[] = [];
  const error = await runAgainst(overrides, state, registered).then(
    () => undefined,
    (e: Error) => e,
  );
  if (!error) throw new Error("expected the run to be refused");
  return { message: error.message, registered };
}

describe("the offline read-back answers", () => {
  test("the deployed cluster lists the newer offered versions as its availableKubernetesUpgrades, as OKE does", () => {
    const plan = new DeployedPlan(REGION, deployed);
    const [cluster] = plan.clusters(named(first, CLUSTER).compartmentId, "cluster1");
    expect(cluster).toMatchObject({ kubernetesVersion: "v1.33.1", availableKubernetesUpgrades: ["v1.34.1"], state: "ACTIVE" });
    expect(new DeployedPlan(REGION, deployedFrom(first)).clusters("ocid1.compartment.oc1..other")).toEqual([]);
  });

  test("a plan deployed in another region is not found: lookups are regional", async () => {
    const run = await runAgainst({ kubernetesVersion: "v1.32.1" }, new DeployedPlan("us-ashburn-1", deployed));
    expect(named(run, CLUSTER).kubernetesVersion).toBe("v1.32.1");
  });
});

describe("a first deployment finds nothing and builds as Quick Create does", () => {
  test("pool1 gets the newest image for the version and cycles its nodes on the enhanced cluster", () => {
    const pool = named(first, POOL);
    expect(pool.nodeSourceDetails.imageId).toBe(expectedNodeImage(REGION, "v1.33.1").imageId);
    expect(pool.nodePoolCyclingDetails).toEqual({ isNodeCyclingEnabled: true, maximumSurge: "1", maximumUnavailable: "0" });
    expect(first.outputs.nodeImageUpdate).toBeUndefined();
    expect(first.outputs.nodeImage).toBe(`${expectedNodeImage(REGION, "v1.33.1").sourceName} (newest for a new pool)`);
  });
});

describe("upgrade with one config change", () => {
  let upgraded: ProgramRun;
  beforeAll(async () => {
    upgraded = await runAgainst({ kubernetesVersion: "v1.34.1", nodeCyclingMaximumSurge: "2" }, deployed);
  });

  test("cluster and pool1 move to the new version, pool1 to the newest image for it, cycling as configured", () => {
    expect(named(upgraded, CLUSTER).kubernetesVersion).toBe("v1.34.1");
    const pool = named(upgraded, POOL);
    expect(pool.kubernetesVersion).toBe("v1.34.1");
    expect(pool.nodeSourceDetails.imageId).toBe(expectedNodeImage(REGION, "v1.34.1").imageId);
    expect(pool.nodePoolCyclingDetails).toEqual({ isNodeCyclingEnabled: true, maximumSurge: "2", maximumUnavailable: "0" });
    expect(upgraded.outputs.nodeImage).toBe(`${expectedNodeImage(REGION, "v1.34.1").sourceName} (newest for the new version)`);
  });

  test("both are updated in place, nothing is replaced", () => {
    const changes = diffPlans(deployed, planned(upgraded));
    expect(changes.map((c) => [c.name, c.action])).toEqual([
      [CLUSTER, "update"],
      [POOL, "update"],
    ]);
    expect(changes[0].paths).toEqual(["kubernetesVersion"]);
    expect(changes[1].paths.sort()).toEqual(["kubernetesVersion", "nodePoolCyclingDetails.maximumSurge", "nodeSourceDetails.imageId"]);
  });

  test("a basic cluster's pool changes version without cycling (OKE has none there)", async () => {
    const basic = deployedFrom(await runAgainst({ clusterType: "basic" }));
    const run = await runAgainst({ clusterType: "basic", kubernetesVersion: "v1.34.1" }, basic);
    expect(named(run, POOL).kubernetesVersion).toBe("v1.34.1");
    expect(named(run, POOL).nodePoolCyclingDetails).toBeUndefined();
  });
});

describe("only upgrades OKE accepts get through, before anything is registered", () => {
  test("a downgrade stops the run with one sentence and registers nothing", async () => {
    const { message, registered } = await refusal({ kubernetesVersion: "v1.32.1" }, deployed);
    expect(message).toBe(
      'Invalid value "v1.32.1" for kubernetesVersion: cluster cluster1 runs v1.33.1 and OKE cannot downgrade a cluster; it may go to v1.34.1 or stay on v1.33.1.',
    );
    expect(registered).toEqual([]);
  });

  test("a version OKE does not list in availableKubernetesUpgrades is refused", async () => {
    // A cluster on v1.31.10 for which OKE offers only the next minor, as it may.
    const older = deployedFrom(await runAgainst({ kubernetesVersion: "v1.31.10" }));
    const plan = new DeployedPlan(REGION, older);
    const clusters = plan.clusters.bind(plan);
    plan.clusters = (compartmentId: string, name?: string) => clusters(compartmentId, name).map((c) => ({ ...c, availableKubernetesUpgrades: ["v1.32.1"] }));
    const { message, registered } = await refusal({ kubernetesVersion: "v1.33.1" }, plan);
    expect(message).toBe(
      'Invalid value "v1.33.1" for kubernetesVersion: cluster cluster1 runs v1.31.10 and OKE does not offer v1.33.1 as its upgrade; it may go to v1.32.1 or stay on v1.31.10.',
    );
    expect(registered).toEqual([]);
  });

  test("a same-named cluster in another VCN is not ours: the run plans a new cluster at any offered version", async () => {
    const elsewhere = withDeployedInputs(deployed, CLUSTER, (i) => (i.vcnId = fakeOcid("vcn", REGION, "someone-elses-vcn")));
    const run = await runAgainst({ kubernetesVersion: "v1.32.1" }, elsewhere);
    expect(named(run, CLUSTER).kubernetesVersion).toBe("v1.32.1");
  });

  test("the VCN is found by this stack's display name: a cluster in a VCN of another name is not ours either", async () => {
    const renamed = withDeployedInputs(deployed, VCN, (i) => (i.displayName = "oke-vcn-quick-cluster1-000000000"));
    const run = await runAgainst({ kubernetesVersion: "v1.32.1" }, renamed);
    expect(named(run, CLUSTER).kubernetesVersion).toBe("v1.32.1");
  });
});

describe("no change by surprise", () => {
  const older = () => withDeployedInputs(deployed, POOL, (i) => (i.nodeSourceDetails.imageId = olderImage("v1.33.1")));

  test("the same config against what it built changes nothing", async () => {
    const again = await runAgainst({}, deployed);
    expect(diffPlans(deployed, planned(again))).toEqual([]);
  });

  test("while the version stays, pool1 keeps the image it runs and the newer one is a stack output", async () => {
    const run = await runAgainst({}, older());
    expect(named(run, POOL).nodeSourceDetails.imageId).toBe(olderImage("v1.33.1"));
    expect(run.outputs.nodeImage).toBe(`${nodeImageNames("v1.33.1")[1]} (kept)`);
    const newest = expectedNodeImage(REGION, "v1.33.1");
    expect(run.outputs.nodeImageUpdate).toBe(
      `${newest.sourceName} (${newest.imageId}) is newer than the image pool1 runs; set nodeImageRefresh to true to move pool1 to it.`,
    );
    expect(diffPlans(older(), planned(run))).toEqual([]);
  });

  test("nodeImageRefresh applies the newer image as an in-place update of pool1", async () => {
    const run = await runAgainst({ nodeImageRefresh: true }, older());
    expect(named(run, POOL).nodeSourceDetails.imageId).toBe(expectedNodeImage(REGION, "v1.33.1").imageId);
    expect(run.outputs.nodeImageUpdate).toBeUndefined();
    expect(diffPlans(older(), planned(run)).map((c) => [c.name, c.action, c.paths])).toEqual([[POOL, "update", ["nodeSourceDetails.imageId"]]]);
  });
});

describe("scale without replacing", () => {
  test("a nodeCount change resizes pool1 in place", async () => {
    const run = await runAgainst({ nodeCount: 5 }, deployed);
    expect(diffPlans(deployed, planned(run)).map((c) => [c.name, c.action, c.paths])).toEqual([[POOL, "update", ["nodeConfigDetails.size"]]]);
  });
});

describe("a shape change to another architecture takes the image the new shape needs", () => {
  const arm = (version: string) => {
    const sourceName = nodeImageNames(version)[4];
    return { sourceName, imageId: fakeOcid("image", REGION, sourceName) };
  };
  const older = () => withDeployedInputs(deployed, POOL, (i) => (i.nodeSourceDetails.imageId = olderImage("v1.33.1")));

  test("E4.Flex to A1.Flex at the same version: pool1 gets the newest aarch64 image, updated in place, and no newer-image notice", async () => {
    const run = await runAgainst({ nodeShape: "VM.Standard.A1.Flex" }, older());
    expect(named(run, POOL).nodeSourceDetails.imageId).toBe(arm("v1.33.1").imageId);
    expect(run.outputs.nodeImage).toBe(`${arm("v1.33.1").sourceName} (newest for the new shape)`);
    expect(run.outputs.nodeImageUpdate).toBeUndefined();
    const changes = diffPlans(older(), planned(run));
    expect(changes.map((c) => [c.name, c.action])).toEqual([[POOL, "update"]]);
    expect(changes[0].paths).toEqual(expect.arrayContaining(["nodeShape", "nodeSourceDetails.imageId"]));
  });

  test("back from A1.Flex to E4.Flex: the newest x86_64 image again, not the aarch64 one pool1 ran", async () => {
    const onArm = deployedFrom(await runAgainst({ nodeShape: "VM.Standard.A1.Flex" }));
    const run = await runAgainst({}, onArm);
    expect(named(run, POOL).nodeSourceDetails.imageId).toBe(expectedNodeImage(REGION, "v1.33.1").imageId);
    expect(run.outputs.nodeImage).toBe(`${expectedNodeImage(REGION, "v1.33.1").sourceName} (newest for the new shape)`);
  });

  test("a shape change within the architecture (E4.Flex to E5.Flex) keeps the image pool1 runs", async () => {
    const run = await runAgainst({ nodeShape: "VM.Standard.E5.Flex" }, older());
    expect(named(run, POOL).nodeSourceDetails.imageId).toBe(olderImage("v1.33.1"));
    expect(run.outputs.nodeImage).toBe(`${nodeImageNames("v1.33.1")[1]} (kept)`);
    const newest = expectedNodeImage(REGION, "v1.33.1");
    expect(run.outputs.nodeImageUpdate).toBe(
      `${newest.sourceName} (${newest.imageId}) is newer than the image pool1 runs; set nodeImageRefresh to true to move pool1 to it.`,
    );
  });
});
