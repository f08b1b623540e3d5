// The plans that run end to end in-process run in one Jest file: each file pays for its test
// environment and for loading @pulumi/pulumi and @pulumi/oci again, and in one file the plans that
// would start identical policy packs (same folder, stack and stack config) share one process, each run
// still sending its own Configure and ConfigureStack. planParts.test.ts holds the suites that need no
// pack; planCli.test.ts keeps the process boundary: `npm start` as CI runs it.
// Run one suite with `npx jest tests/plan/plan.test.ts -t deployed`.
// `void` because a describe callback must not return a value.
/* eslint-disable @typescript-eslint/no-require-imports */
import { sharePolicyPacks } from "../../offline/analyzer";

const packs = sharePolicyPacks();
afterAll(() => packs.closeAll());

describe("analyzer", () => void require("./analyzer.suite"));
describe("report", () => void require("./planReport.suite"));
describe("deployed", () => void require("./planDeployed.suite"));
describe("write failure", () => void require("./planWriteFailure.suite"));
describe("adversarial input", () => void require("./planAdversarial.suite"));
