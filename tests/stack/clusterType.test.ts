import { QuickCreateConfigError } from "../../components/errors";
import { diffPlans } from "../../offline/report/diff";
import { maskInputs } from "../../offline/records/masking";
import { ProgramRun, RegisteredResource } from "../../offline/run/runProgram";
import { deployedFrom, runAgainst } from "./deployed";

// OKE moves a basic cluster to enhanced in place and never back: the way back must stop before
// anything is registered, not as an update OKE refuses during `pulumi up`.
const planned = (run: ProgramRun) =>
  run.resources.map((r) => ({ urn: r.urn, type: r.type, name: r.name, inputs: maskInputs(r.inputs), ignoreChanges: r.options.ignoreChanges }));

test("enhanced back to basic is refused in one sentence and registers nothing", async () => {
  const enhanced = deployedFrom(await runAgainst({}));
  const registered: RegisteredResource[] = [];
  const error = await runAgainst({ clusterType: "basic" }, enhanced, registered).then(
    () => undefined,
    (e: Error) => e,
  );
  expect(error).toBeInstanceOf(QuickCreateConfigError);
  expect(error!.message).toBe(
    'Invalid value "basic" for clusterType: cluster cluster1 is an enhanced cluster and OKE cannot turn an enhanced cluster back into a basic one; keep "enhanced", or destroy the stack and create it again as basic.',
  );
  expect(registered).toEqual([]);
});

test("basic to enhanced is an in-place update of the cluster, and pool1 starts cycling", async () => {
  const basic = deployedFrom(await runAgainst({ clusterType: "basic" }));
  const run = await runAgainst({}, basic);
  const changes = diffPlans(basic, planned(run)).map((c) => [c.name, c.action]);
  expect(changes).toEqual([
    ["oke-cluster-cluster", "update"],
    ["oke-nodepool-pool1", "update"],
  ]);
});
