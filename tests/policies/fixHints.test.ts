import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { ResourceValidationPolicy } from "@pulumi/policy";
import { AnalyzedResource } from "../../offline/analyzer/records";
import { localPackPolicies } from "../../offline/inputs/policyConfigCheck";
import { readPolicyPackConfig } from "../../offline/inputs/policyPackConfig";
import { nodePoolBootVolumeImageDefault, nodePoolMinimumSize } from "../../policies/nodePool";
import { workerSubnetPrivate } from "../../policies/network";
import { recordNamed, runResourcePolicy } from "./harness";
import { stackRecords } from "../helpers/stackRecords";

// A "Fix:" hint that configures the pack must work as written: `--policy-pack-config` takes a file
// (in the CLI and offline), so the hint gives the file's JSON and the flag with the file name. Each
// hint's JSON is written to that file, read as the plan reads it, and must clear the violation.

const DIR = fs.mkdtempSync(path.join(os.tmpdir(), "fix-hints-"));
afterAll(() => fs.rmSync(DIR, { recursive: true, force: true }));

const HINT = /write (\{.*\}) to policy-config\.json and pass --policy-pack-config policy-config\.json \(to pulumi preview\/up, or to npm start -- offline\)\.$/;

async function hintWorks(policy: ResourceValidationPolicy, record: AnalyzedResource): Promise<string> {
  const [violation] = (await runResourcePolicy(policy, record)).diagnostics;
  expect(violation.message).not.toMatch(/--policy-pack-config \{/);
  const json = HINT.exec(violation.message)?.[1];
  expect(json).toBeDefined();
  const file = path.join(DIR, "policy-config.json");
  fs.writeFileSync(file, json!);
  const config = readPolicyPackConfig(file, { name: "oke-quick-create", policies: localPackPolicies() });
  expect((await runResourcePolicy(policy, record, config)).diagnostics).toEqual([]);
  return json!;
}

test("bootVolumeSizeGbs=100: the hint allows exactly that size", async () => {
  const pool = recordNamed(await stackRecords({ bootVolumeSizeGbs: 100 }), "oke-nodepool-pool1");
  expect(await hintWorks(nodePoolBootVolumeImageDefault, pool)).toBe('{"node-pool-boot-volume-image-default":{"allowedBootVolumeSizeInGbs":"100"}}');
});

test("workersPublic=true: the hint sets allowPublicWorkers", async () => {
  const subnet = recordNamed(await stackRecords({ workersPublic: true }), "oke-network-worker-subnet");
  expect(await hintWorks(workerSubnetPrivate, subnet)).toBe('{"worker-subnet-private":{"allowPublicWorkers":true}}');
});

test("nodeCount=2: the hint lowers the minimum to the pool's size", async () => {
  const pool = recordNamed(await stackRecords({ nodeCount: 2 }), "oke-nodepool-pool1");
  expect(await hintWorks(nodePoolMinimumSize, pool)).toBe('{"node-pool-minimum-size":{"minimumNodes":2}}');
});
