import { ProgramRun } from "../../offline/run/runProgram";
import { planJson } from "../../offline/report/jsonReport";
import { runStack, stackConfig } from "../helpers/stack";

/**
 * The program binds its destroy hooks to the resources whose deletion they guard. Pulumi's mock
 * monitor cannot register hooks; the offline runner accepts the registrations and records which
 * resource carries which named hook, and the plan's JSON shows them.
 */

let run: ProgramRun;
beforeAll(async () => {
  run = await runStack({}, true);
});

const hooksOf = (name: string) => run.resources.find((r) => r.name === name)?.hooks;

describe("destroy hooks in the program", () => {
  it("binds beforeDelete to the cluster, onError to the three subnets and afterDelete to the VCN, and nothing else", () => {
    const bound = Object.fromEntries(run.resources.filter((r) => r.hooks).map((r) => [r.name, r.hooks]));
    expect(bound).toEqual({
      "oke-cluster-cluster": { beforeDelete: ["oke-clean-up-load-balancers"] },
      "oke-network-endpoint-subnet": { onError: ["oke-retry-subnet-delete"] },
      "oke-network-worker-subnet": { onError: ["oke-retry-subnet-delete"] },
      "oke-network-lb-subnet": { onError: ["oke-retry-subnet-delete"] },
      "oke-network-vcn": { afterDelete: ["oke-list-kept-volumes"] },
    });
  });

  it("tags the cluster's load balancers and volumes with the project and stack, next to Quick Create's tag", () => {
    const options = run.resources.find((r) => r.name === "oke-cluster-cluster")!.inputs.options as Record<string, any>;
    const expected = { OKEclusterName: "cluster1", "oke-quick-create-stack": "oke-quick-create/dev" };
    expect(options.serviceLbConfig.freeformTags).toEqual(expected);
    expect(options.persistentVolumeConfig.freeformTags).toEqual(expected);
  });

  it("shows the hooks as `hooks` on each resource in the plan's JSON, and only where there are some", () => {
    const settings = { project: "oke-quick-create", stack: "dev", config: stackConfig(), secretKeys: [] };
    const json = planJson(settings, run.resources, run.outputs, { packs: [], diagnostics: [] });
    const cluster = json.resources.find((r) => r.name === "oke-cluster-cluster")!;
    expect(cluster.hooks).toEqual({ beforeDelete: ["oke-clean-up-load-balancers"] });
    expect(json.resources.find((r) => r.name === "oke-nodepool-pool1")).not.toHaveProperty("hooks");
    expect(hooksOf("oke-network-lb-subnet")).toEqual({ onError: ["oke-retry-subnet-delete"] });
  });
});
