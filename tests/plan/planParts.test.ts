// The plan's parts that need no policy pack (inputs, config, URNs, changes, placement and diagrams),
// in one Jest file beside plan.test.ts so the two share the cores: each file pays for its test
// environment and for loading the program's modules once. Run one suite with
// `npx jest tests/plan/planParts.test.ts -t diff`.
// `void` because a describe callback must not return a value.
/* eslint-disable @typescript-eslint/no-require-imports */
describe("inputs", () => void require("./planInputs.suite"));
describe("config", () => void require("./planConfig.suite"));
describe("engine URNs", () => void require("./engineUrns.suite"));
describe("mock URNs", () => void require("./planDeployedMockUrns.suite"));
describe("diff", () => void require("./planDiff.suite"));
describe("bastion", () => void require("./planBastion.suite"));
describe("placement", () => void require("./planPlacement.suite"));
describe("diagram", () => void require("./planDiagram.suite"));
describe("diagram fonts", () => void require("./diagramFonts.suite"));
