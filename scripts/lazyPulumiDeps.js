// The offline plan's side of scripts/lazyModule.js: when @pulumi/pulumi itself asks for TypeScript or
// Arborist, it gets the lazy stand-in. Everything else, and the policy pack's own process (started by
// Pulumi's runner exactly as the CLI starts it), loads as usual.
"use strict";
const Module = require("module");
const path = require("path");
const lazyModule = require("./lazyModule");

const LAZY = new Set(["typescript", "@npmcli/arborist"]);
const PULUMI_DIR = path.dirname(require.resolve("@pulumi/pulumi/package.json")) + path.sep;

/** @type {Map<string, unknown>} */
const standIns = new Map();
/** @type {any} Module._load is how Node resolves every require; it is not in the public typings. */
const ModuleInternals = Module;
const load = ModuleInternals._load;
/** @param {string} request @param {NodeJS.Module | undefined} parent @param {unknown[]} rest */
ModuleInternals._load = function lazyPulumiDependency(request, parent, ...rest) {
  if (LAZY.has(request) && parent?.filename?.startsWith(PULUMI_DIR)) {
    if (!standIns.has(request)) standIns.set(request, lazyModule(request));
    return standIns.get(request);
  }
  return load.call(this, request, parent, ...rest);
};
