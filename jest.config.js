// Transpile-only: types are checked once by `npm run typecheck`, not per test file.
/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: "node",
  // Jest 30 tears down globals between files, which breaks the Pulumi runtime's global store.
  testEnvironmentOptions: { globalsCleanup: "off" },
  transform: { "^.+\\.ts$": ["@swc/jest", { jsc: { parser: { syntax: "typescript" }, target: "es2022" }, module: { type: "commonjs" } }] },
  testMatch: ["<rootDir>/tests/**/*.test.ts"],
  testTimeout: 30000,
};
