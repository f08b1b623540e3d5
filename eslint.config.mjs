// `npm run lint`: ESLint's and typescript-eslint's recommended rules over the whole tree, and Prettier's
// formatting (`prettier --check`). Types are checked by `npm run typecheck`, so these rules need none.
import js from "@eslint/js";
import tseslint from "typescript-eslint";
import globals from "globals";

export default tseslint.config(
  { linterOptions: { reportUnusedDisableDirectives: "error" } },
  { ignores: ["**/node_modules/**", "policies/bin/**", "docs/**", "**/*.d.ts", ".pack-sources-*/**"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  { languageOptions: { globals: { ...globals.node } } },
  { files: ["tests/**"], languageOptions: { globals: { ...globals.jest } } },
  {
    // The tools, scripts and bin entries are plain CommonJS that runs without a build step.
    files: ["**/*.js", "**/*.cjs"],
    languageOptions: { sourceType: "commonjs" },
    // `const crypto = require("crypto")` names the module as Node's global does, on purpose.
    rules: { "@typescript-eslint/no-require-imports": "off", "no-redeclare": ["error", { builtinGlobals: false }] },
  },
  {
    rules: {
      // `_name` says a binding is deliberately unused (a destructured rest, a required parameter).
      // Values read from JSON files, the engine's gRPC messages and the SDKs' untyped internals are `any`
      // where they enter; strict type-checking (`npm run typecheck`) holds everything past that.
      "@typescript-eslint/no-explicit-any": "off",
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrorsIgnorePattern: "^_", ignoreRestSiblings: true },
      ],
    },
  },
);
