// The offline plan's side of scripts/lazyModule.js: when @pulumi/pulumi itself asks for a module it
// needs only to serialize functions or to drive the pulumi CLI, it gets the lazy stand-in. Everything
// else, and the policy pack's own process (started by Pulumi's runner exactly as the CLI starts it),
// loads as usual.
"use strict";
const Module = require("module");
const path = require("path");
const lazyModule = require("./lazyModule");

const PULUMI_DIR = path.dirname(require.resolve("@pulumi/pulumi/package.json")) + path.sep;
/** Requests as @pulumi/pulumi writes them, and the stand-in for each. */
/** @type {Record<string, () => unknown>} */
const LAZY = {
  typescript: () => lazyModule("typescript"),
  "@npmcli/arborist": () => lazyModule("@npmcli/arborist"),
  "normalize-package-data": () => lazyModule("normalize-package-data"),
  // Only the package's index asks for "./automation" (the Automation API, which drives the CLI).
  "./automation": () => lazyModule.lazyFile(path.join(PULUMI_DIR, "automation", "index.js")),
};

/** @type {Map<string, unknown>} */
const standIns = new Map();
/** @type {any} Module._load is how Node resolves every require; it is not in the public typings. */
const ModuleInternals = Module;
const load = ModuleInternals._load;
/** @param {string} request @param {NodeJS.Module | undefined} parent @param {unknown[]} rest */
ModuleInternals._load = function lazyPulumiDependency(request, parent, ...rest) {
  const make = Object.hasOwn(LAZY, request) ? LAZY[request] : undefined;
  if (make && parent?.filename?.startsWith(PULUMI_DIR) && (request !== "./automation" || parent.filename === path.join(PULUMI_DIR, "index.js"))) {
    if (!standIns.has(request)) standIns.set(request, make());
    return standIns.get(request);
  }
  return load.call(this, request, parent, ...rest);
};
