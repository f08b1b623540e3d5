// The Kubernetes area's suites run in one Jest file, each file paying for its test environment and its
// modules once; okeBastionCli.test.ts stays apart, its runs side by side with the other files.
// Run one suite with `npx jest tests/kubernetes/kubernetes.test.ts -t oke-token`.
// `void` because a describe callback must not return a value.
/* eslint-disable @typescript-eslint/no-require-imports */
describe("program", () => void require("./program.suite"));
describe("sample workload", () => void require("./sampleWorkload.suite"));
describe("kubeconfig", () => void require("./kubeconfig.suite"));
describe("oke-token", () => void require("./okeToken.suite"));
describe("oke-token limits", () => void require("./okeTokenLimits.suite"));
describe("oke-token golden", () => void require("./okeTokenGolden.suite"));
describe("oke-token command", () => void require("./okeTokenCli.suite"));
describe("oke-bastion parts", () => void require("./okeBastionParts.suite"));
