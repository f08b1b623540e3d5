// The offline plan's side of scripts/lazyModule.js, preloaded in the plan's process and its policy
// pack's: when @pulumi/pulumi itself asks for a module it needs only to serialize functions or to
// drive the pulumi CLI, it gets the lazy stand-in, and Pulumi's policy runner gets a ts-node whose
// registration waits for the first TypeScript file (deferredTsNode.js). Everything else loads as
// usual. Which requests those are, and Node's loader hook, are private details: they come from
// offline/pulumiInternals.js, which checks the installed @pulumi/pulumi first.
"use strict";
const path = require("path");
const lazyModule = require("./lazyModule");
const { deferredTsNode, deferredTsutils } = require("./deferredTsNode");
const { pulumiDir, PULUMI_LAZY_REQUESTS, moduleLoader } = require("../offline/pulumiInternals");

const PULUMI_DIR = pulumiDir();
const { automation, policyRunner } = PULUMI_LAZY_REQUESTS;
/** Requests as @pulumi/pulumi writes them, and the stand-in for each. */
/** @type {Record<string, () => unknown>} */
const LAZY = {
  ...Object.fromEntries(PULUMI_LAZY_REQUESTS.packages.map((name) => [name, () => lazyModule(name, { exportsVersion: name === "typescript" })])),
  [automation.request]: () => lazyModule.lazyFile(path.join(PULUMI_DIR, automation.main)),
};
const RUNNER = path.join(PULUMI_DIR, policyRunner.parent);
const TS_NODE_REQUESTS = policyRunner.tsNode.map((request) => (request.startsWith("vendor") ? path.join(PULUMI_DIR, request) : request));

/** @type {Map<string, unknown>} */
const standIns = new Map();
const loader = moduleLoader();
const load = loader.get();
loader.set(function lazyPulumiDependency(request, parent, ...rest) {
  // @ts-expect-error Node calls its loader with the Module class as `this`.
  const real = (/** @type {string} */ r) => load.call(this, r, parent, ...rest);
  const make = Object.hasOwn(LAZY, request) ? LAZY[request] : undefined;
  if (make && parent?.filename?.startsWith(PULUMI_DIR) && (request !== automation.request || parent.filename === path.join(PULUMI_DIR, automation.parent))) {
    if (!standIns.has(request)) standIns.set(request, make());
    return standIns.get(request);
  }
  if (parent?.filename === RUNNER && request === policyRunner.tsutils) return deferredTsutils(real(request));
  if (parent?.filename === RUNNER && TS_NODE_REQUESTS.includes(request)) return deferredTsNode(() => real(request), real(policyRunner.tsutils));
  return real(request);
});
