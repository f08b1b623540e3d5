// Transpile-only: types are checked once by `npm run typecheck`, not per test file.
const os = require("os");

/** @type {import('jest').Config} */
module.exports = {
  // Jest's default (cores - 1) runs one file at a time on a 2-core machine, while many files wait on
  // child processes (policy pack, CLI runs); two workers keep both cores busy.
  maxWorkers: Math.max(2, os.cpus().length - 1),
  testEnvironment: "node",
  // Jest 30 tears down globals between files, which breaks the Pulumi runtime's global store.
  testEnvironmentOptions: { globalsCleanup: "off" },
  transform: {
    "^.+\\.ts$": ["@swc/jest", { jsc: { parser: { syntax: "typescript" }, target: "es2022" }, module: { type: "commonjs" } }],
    // @kubernetes/client-node and its OIDC dependencies ship only ES modules. Node (20.19+) requires
    // them as they are; Jest's module loader cannot, so it compiles them to CommonJS (cached).
    "/node_modules/.+\\.js$": ["@swc/jest", { jsc: { parser: { syntax: "ecmascript" }, target: "es2022" }, module: { type: "commonjs" } }],
  },
  transformIgnorePatterns: ["/node_modules/(?!(@kubernetes/client-node|openid-client|oauth4webapi|jose|jsonpath-plus|rfc4648)/)"],
  // Loaded by @pulumi/pulumi on every import but used only to serialize functions, or (its Automation
  // API) not in-process at all: see scripts/lazyModule.js. A mapping matches the request as written;
  // in the project and its dependencies only @pulumi/pulumi's index requires "./automation".
  moduleNameMapper: {
    "^typescript$": "<rootDir>/tests/helpers/lazyTypescript.js",
    "^@npmcli/arborist$": "<rootDir>/tests/helpers/lazyArborist.js",
    "^normalize-package-data$": "<rootDir>/tests/helpers/lazyNormalizePackageData.js",
    "^\\./automation$": "<rootDir>/tests/helpers/lazyAutomation.js",
  },
  testMatch: ["<rootDir>/tests/**/*.test.ts"],
  // Test files run alone by their path and share, within a run, what aggregating them into one file
  // once shared: one policy-pack process per distinct pack (tests/helpers/packBroker.ts) and the
  // program's runs per configuration (runStack in tests/helpers/stack.ts).
  globalSetup: "<rootDir>/tests/helpers/globalSetup.ts",
  globalTeardown: "<rootDir>/tests/helpers/globalTeardown.ts",
  setupFiles: ["<rootDir>/tests/helpers/packSource.ts"],
  testTimeout: 30000,
};
