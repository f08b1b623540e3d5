// The plans that run end to end in-process run in one Jest file: each file pays for its test
// environment and for loading @pulumi/pulumi and @pulumi/oci again, and in one file the plans that
// would start identical policy packs (same folder, stack and stack config) share one process, each run
// still sending its own Configure and ConfigureStack. planParts.test.ts holds the suites that need no
// pack; planCli.test.ts keeps the process boundary: `npm start` as CI runs it.
// Run one suite with `npx jest tests/plan/plan.test.ts -t deployed`.
// `void` because a describe callback must not return a value.
/* eslint-disable @typescript-eslint/no-require-imports */
import * as path from "path";
import { DEFAULT_PACK_DIR, sharePolicyPacks, StartOptions } from "../../offline/analyzer";
import { packStartOptions } from "../../offline/run/policyCheck";
import { parseArgs } from "../../offline/inputs/args";
import { readProjectFile } from "../../offline/inputs/projectFile";
import { resolveStackSettings } from "../../offline/inputs/stackSettings";

const REPO = path.resolve(__dirname, "..", "..");

/** The pack `npm start -- ...args` starts: what runPlan hands startPolicyPack for those arguments. */
function packOf(...args: string[]): StartOptions {
  const { stack, config } = parseArgs(args);
  const settings = resolveStackSettings(REPO, readProjectFile(REPO), stack, config);
  return packStartOptions({ packDir: DEFAULT_PACK_DIR, project: settings.project, stack: settings.stack, stackConfig: settings.config });
}

const packs = sharePolicyPacks();
afterAll(() => packs.closeAll());
// The plans below run one after another; the packs of those that would start their own start ahead:
// the dev stack's now, then the upgrade's and the CNI change's (deployed) side by side. The first
// start fills ts-node's cache of the type-checked pack when it is cold (a fresh clone), so the others
// read it instead of type-checking the pack again each.
// In a hook, not at collection: a run that selects none of this file's tests (`-t`) runs no hooks, and
// would leave the packs running.
beforeAll(() => {
  void packs.startAhead(packOf()).then(() =>
    Promise.all([["--config", "kubernetesVersion=v1.34.1"], ["--config", "cni=flannel"]].map((args) => packs.startAhead(packOf(...args)))),
  );
});

describe("analyzer", () => void require("./analyzer.suite"));
describe("report", () => void require("./planReport.suite"));
describe("deployed", () => void require("./planDeployed.suite"));
describe("write failure", () => void require("./planWriteFailure.suite"));
describe("adversarial input", () => void require("./planAdversarial.suite"));
