// Lets plain `node` run the TypeScript program and plan modules: each .ts file is transpiled to
// CommonJS on first require with @swc/core (about a millisecond per file). Types are not checked
// here; `npm run typecheck` does that. ts-node would type-check @pulumi/oci and cost seconds and ~1 GB.
// The output is kept in node_modules/.cache, keyed by the source, the file name, swc's version and
// the options, so an unchanged tree starts without loading swc's native binding (a quarter second).
"use strict";
const crypto = require("crypto");
const fs = require("fs");
const path = require("path");

/** @type {import("@swc/core").Options} */
const SWC_OPTIONS = {
  jsc: { parser: { syntax: "typescript" }, target: "es2022" },
  module: { type: "commonjs" },
  sourceMaps: "inline",
  swcrc: false,
  configFile: false,
};

const CACHE_DIR = path.join(__dirname, "..", "node_modules", ".cache", "oke-quick-create-ts");
const SALT = JSON.stringify([require("@swc/core/package.json").version, SWC_OPTIONS]);

/** @type {typeof import("@swc/core").transformSync | undefined} */
let transformSync;

/** @param {string} source @param {string} filename */
function transpile(source, filename) {
  const key = crypto.createHash("sha256").update(SALT).update("\0").update(filename).update("\0").update(source).digest("hex");
  const cached = path.join(CACHE_DIR, `${key}.js`);
  try {
    return fs.readFileSync(cached, "utf8");
  } catch {
    // not cached yet
  }
  transformSync ??= require("@swc/core").transformSync;
  const { code } = transformSync(source, { ...SWC_OPTIONS, filename });
  try {
    // Written aside and renamed into place: plans started side by side never read half a file.
    fs.mkdirSync(CACHE_DIR, { recursive: true });
    const temporary = `${cached}.${process.pid}.tmp`;
    fs.writeFileSync(temporary, code);
    fs.renameSync(temporary, cached);
  } catch {
    // A read-only tree still runs; it transpiles every time.
  }
  return code;
}

/**
 * @param {NodeJS.Module} module
 * @param {string} filename
 */
require.extensions[".ts"] = function compileTypeScript(module, filename) {
  const code = transpile(fs.readFileSync(filename, "utf8"), filename);
  // Module#_compile is how Node's own loaders run source text; it is not in the public typings.
  /** @type {any} */ (module)._compile(code, filename);
};
