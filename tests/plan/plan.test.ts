// The plan's in-process suites run in one Jest file: each file pays for its test environment and for
// loading @pulumi/pulumi and @pulumi/oci again, and in one file the plans that would start identical
// policy packs (same folder, stack and stack config) share one process, each run still sending its own
// Configure and ConfigureStack. planCli.test.ts keeps the process boundary: `npm start` as CI runs it.
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
describe("inputs", () => void require("./planInputs.suite"));
describe("config", () => void require("./planConfig.suite"));
describe("engine URNs", () => void require("./engineUrns.suite"));
describe("mock URNs", () => void require("./planDeployedMockUrns.suite"));
describe("diff", () => void require("./planDiff.suite"));
describe("bastion", () => void require("./planBastion.suite"));
describe("placement", () => void require("./planPlacement.suite"));
describe("diagram", () => void require("./planDiagram.suite"));
describe("diagram fonts", () => void require("./diagramFonts.suite"));
