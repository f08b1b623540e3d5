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
  transform: { "^.+\\.ts$": ["@swc/jest", { jsc: { parser: { syntax: "typescript" }, target: "es2022" }, module: { type: "commonjs" } }] },
  testMatch: ["<rootDir>/tests/**/*.test.ts"],
  testTimeout: 30000,
};
