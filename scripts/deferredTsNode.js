// Pulumi's policy runner (cmd/run-policy-pack/run.js) registers ts-node before it requires a pack,
// whatever the pack's entry is, and reads the pack's tsconfig.json with TypeScript to do so: about
// 0.35 s of every pack's start goes to loading the compiler. A built pack's entry is JavaScript and
// needs neither. Here the runner's registration is taken as given and made, exactly as the runner
// asked for it, when the first TypeScript file is required: a pack that runs from its sources compiles
// as before; a built one never loads the compiler. A tsconfig.json that mentions allowJs (ts-node
// would then compile JavaScript too) is registered at once, as the runner does.
"use strict";
const fs = require("fs");
const path = require("path");

/** Marks compiler options whose tsconfig.json is read when the registration is made. */
const TSCONFIG = Symbol("tsconfig.json read when ts-node registers");
const TS_EXTENSIONS = [".ts", ".tsx"];

/**
 * @param {any} tsutils @pulumi/pulumi's tsutils module (loadTypeScriptCompilerOptions)
 * @returns {any} the tsutils the runner sees: compiler options read when they are needed
 */
function deferredTsutils(tsutils) {
  return {
    ...tsutils,
    /** @param {string} tsConfigPath */
    loadTypeScriptCompilerOptions(tsConfigPath) {
      let text;
      try {
        text = fs.readFileSync(tsConfigPath, "utf8");
      } catch {
        return tsutils.loadTypeScriptCompilerOptions(tsConfigPath);
      }
      if (text.includes("allowJs")) return tsutils.loadTypeScriptCompilerOptions(tsConfigPath);
      return { [TSCONFIG]: path.resolve(tsConfigPath) };
    },
  };
}

/**
 * @param {() => any} loadTsNode requires the ts-node the runner asked for
 * @param {any} tsutils the real tsutils, to read the compiler options when the registration is made
 * @returns {any} the ts-node the runner sees
 */
function deferredTsNode(loadTsNode, tsutils) {
  /** @param {any} options */
  function register(options) {
    const given = options?.compilerOptions;
    const tsconfig = given?.[TSCONFIG];
    if (tsconfig === undefined) return loadTsNode().register(options);
    const registerNow = () => {
      const { [TSCONFIG]: _, ...defaults } = given;
      // As the runner spreads them: its defaults, then what tsconfig.json says.
      return loadTsNode().register({ ...options, compilerOptions: { ...defaults, ...tsutils.loadTypeScriptCompilerOptions(tsconfig) } });
    };
    /** @type {(module: NodeJS.Module, filename: string) => void} */
    const firstTypeScript = (module, filename) => {
      for (const ext of TS_EXTENSIONS) if (require.extensions[ext] === firstTypeScript) delete require.extensions[ext];
      registerNow();
      const handler = require.extensions[path.extname(filename)] ?? require.extensions[".js"];
      return handler(module, filename);
    };
    // Something registered TypeScript already (a preload of the user's): ts-node wraps it, so register now.
    if (TS_EXTENSIONS.some((ext) => require.extensions[ext])) return registerNow();
    for (const ext of TS_EXTENSIONS) require.extensions[ext] = firstTypeScript;
    return undefined;
  }
  return new Proxy({}, { get: (_, key) => (key === "register" ? register : key === "__esModule" ? undefined : loadTsNode()[key]) });
}

module.exports = { deferredTsutils, deferredTsNode };
