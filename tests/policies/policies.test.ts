// The pack's suites run in one Jest file: each file pays again for its test environment,
// @pulumi/pulumi, the program's modules and the first program run under the mocks, and in one file
// they also share stackRecords' runs of the same configuration. Run one with `npx jest tests/policies -t naming`.
// `void` because a describe callback must not return a value.
/* eslint-disable @typescript-eslint/no-require-imports */
describe("default stack", () => void require("./defaultStack.suite"));
describe("network", () => void require("./network.suite"));
describe("security lists", () => void require("./securityLists.suite"));
describe("cluster", () => void require("./cluster.suite"));
describe("node pool", () => void require("./nodePool.suite"));
describe("node pool cycling", () => void require("./nodePoolCycling.suite"));
describe("naming", () => void require("./naming.suite"));
describe("stack tags", () => void require("./stackTags.suite"));
describe("bastion", () => void require("./bastion.suite"));
describe("kubernetes", () => void require("./kubernetes.suite"));
describe("contract CIDRs", () => void require("./contractCidr.suite"));
describe("self-contained pack", () => void require("./selfContained.suite"));
