// The offline plan's side of scripts/lazyModule.js: when @pulumi/pulumi itself asks for a module it
// needs only to serialize functions or to drive the pulumi CLI, it gets the lazy stand-in. Everything
// else, and the policy pack's own process (started by Pulumi's runner exactly as the CLI starts it),
// loads as usual. Which requests those are, and Node's loader hook, are private details: they come
// from offline/pulumiInternals.js, which checks the installed @pulumi/pulumi first.
"use strict";
const path = require("path");
const lazyModule = require("./lazyModule");
const { pulumiDir, PULUMI_LAZY_REQUESTS, moduleLoader } = require("../offline/pulumiInternals");

const PULUMI_DIR = pulumiDir();
const { automation } = PULUMI_LAZY_REQUESTS;
/** Requests as @pulumi/pulumi writes them, and the stand-in for each. */
/** @type {Record<string, () => unknown>} */
const LAZY = {
  ...Object.fromEntries(PULUMI_LAZY_REQUESTS.packages.map((name) => [name, () => lazyModule(name)])),
  [automation.request]: () => lazyModule.lazyFile(path.join(PULUMI_DIR, automation.main)),
};

/** @type {Map<string, unknown>} */
const standIns = new Map();
const loader = moduleLoader();
const load = loader.get();
loader.set(function lazyPulumiDependency(request, parent, ...rest) {
  const make = Object.hasOwn(LAZY, request) ? LAZY[request] : undefined;
  if (make && parent?.filename?.startsWith(PULUMI_DIR) && (request !== automation.request || parent.filename === path.join(PULUMI_DIR, automation.parent))) {
    if (!standIns.has(request)) standIns.set(request, make());
    return standIns.get(request);
  }
  // @ts-expect-error Node calls its loader with the Module class as `this`.
  return load.call(this, request, parent, ...rest);
});
