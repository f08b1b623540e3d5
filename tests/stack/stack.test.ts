// The stack's suites run in one Jest file: each file pays again for its test environment,
// @pulumi/pulumi, the program's modules and the first program run under the mocks, and in one file
// they also share runStack's runs of the same configuration. Run one with `npx jest tests/stack -t network`.
// `void` because a describe callback must not return a value.
/* eslint-disable @typescript-eslint/no-require-imports */
describe("network", () => void require("./network.suite"));
describe("cluster", () => void require("./cluster.suite"));
describe("cluster type", () => void require("./clusterType.suite"));
describe("configured node image", () => void require("./configuredImage.suite"));
describe("day 2", () => void require("./dayTwo.suite"));
describe("bastion", () => void require("./bastion.suite"));
describe("destroy hook bindings", () => void require("./destroyHookBindings.suite"));
describe("validation", () => void require("./validation.suite"));
describe("settings limits", () => void require("./settingsLimits.suite"));
describe("upgrade", () => void require("./upgrade.suite"));
describe("options", () => void require("./options.suite"));
describe("OCI credentials", () => void require("./ociAuth.suite"));
describe("OCI request signatures", () => void require("./ociSignature.suite"));
