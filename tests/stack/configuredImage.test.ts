import { QuickCreateConfigError } from "../../components/errors";
import { expectedNodeImage } from "../../offline/run/fixtures";
import { RegisteredResource } from "../../offline/run/runProgram";
import { deployedFrom, runAgainst } from "./deployed";

// A configured nodeImageId wins over the image lookup, but an OKE image carries the Kubernetes version
// it was built for; OKE refuses a pool whose image is of another version (its 409-Conflict), so an
// upgrade that leaves nodeImageId as it was must stop before anything is registered.
const REGION = "ap-tokyo-1";
const image133 = expectedNodeImage(REGION, "v1.33.1");

test("a configured OKE image of the running version is used as given", async () => {
  const run = await runAgainst({ nodeImageId: image133.imageId });
  expect((run.resources.find((r) => r.name === "oke-nodepool-pool1")!.inputs as Record<string, any>).nodeSourceDetails.imageId).toBe(image133.imageId);
  expect(run.outputs.nodeImage).toBe(`${image133.imageId} (configured nodeImageId)`);
});

test("an upgrade that keeps a configured image built for the old version stops with one sentence naming both versions", async () => {
  const deployed = deployedFrom(await runAgainst({ nodeImageId: image133.imageId }));
  const registered: RegisteredResource[] = [];
  const error = await runAgainst({ nodeImageId: image133.imageId, kubernetesVersion: "v1.34.1" }, deployed, registered).then(
    () => undefined,
    (e: Error) => e,
  );
  expect(error).toBeInstanceOf(QuickCreateConfigError);
  expect(error!.message).toBe(
    `Invalid value "${image133.imageId}" for nodeImageId: it is the OKE image ${image133.sourceName}, built for Kubernetes v1.33.1, but kubernetesVersion is v1.34.1 and OKE refuses a node image of another version; choose the image for v1.34.1 or leave nodeImageId unset.`,
  );
  expect(registered).toEqual([]);
});

test("an image the region does not list (a custom image) is not version-checked: its version is unknown", async () => {
  const custom = "ocid1.image.oc1.ap-tokyo-1.aaaaaaaacustomimage";
  const run = await runAgainst({ nodeImageId: custom, kubernetesVersion: "v1.34.1" });
  expect((run.resources.find((r) => r.name === "oke-nodepool-pool1")!.inputs as Record<string, any>).nodeSourceDetails.imageId).toBe(custom);
});

test("nodeImageRefresh with a configured nodeImageId stops before anything is registered", async () => {
  const registered: RegisteredResource[] = [];
  const error = await runAgainst({ nodeImageId: image133.imageId, nodeImageRefresh: true }, undefined, registered).then(
    () => undefined,
    (e: Error) => e,
  );
  expect(error).toBeInstanceOf(QuickCreateConfigError);
  expect((error as QuickCreateConfigError).key).toBe("nodeImageRefresh");
  expect(registered).toEqual([]);
});
