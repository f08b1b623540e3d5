// Lets plain `node` run the TypeScript program and plan modules: each .ts file is transpiled to
// CommonJS on first require with @swc/core (about a millisecond per file). Types are not checked
// here; `npm run typecheck` does that. ts-node would type-check @pulumi/oci and cost seconds and ~1 GB.
"use strict";
const fs = require("fs");
const { transformSync } = require("@swc/core");

/** @type {import("@swc/core").Options} */
const SWC_OPTIONS = {
  jsc: { parser: { syntax: "typescript" }, target: "es2022" },
  module: { type: "commonjs" },
  sourceMaps: "inline",
  swcrc: false,
  configFile: false,
};

/**
 * @param {NodeJS.Module} module
 * @param {string} filename
 */
require.extensions[".ts"] = function compileTypeScript(module, filename) {
  const source = fs.readFileSync(filename, "utf8");
  const { code } = transformSync(source, { ...SWC_OPTIONS, filename });
  // Module#_compile is how Node's own loaders run source text; it is not in the public typings.
  /** @type {any} */ (module)._compile(code, filename);
};
