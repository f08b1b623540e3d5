// @pulumi/pulumi requires TypeScript (9 MB, for closure serialization), npm's Arborist (about 400
// modules) and normalize-package-data (both for code paths of serialized functions) at load time,
// though none runs unless a function is serialized, which neither the offline plan nor any test does.
// TypeScript and Arborist are two thirds of the cost of loading @pulumi/pulumi. The offline plan
// (lazyPulumiDeps.js) and Jest (jest.config.js) hand @pulumi/pulumi a stand-in instead, which loads
// the real module the first time anything is asked of it: the same module, with the same behaviour,
// only later. Jest does the same for the Automation API its index loads, which only drives the pulumi
// CLI and which no test uses in-process.
"use strict";

const path = require("path");

/**
 * A stand-in that requires the module file `main` the first time anything is asked of it but one of
 * `known`, values the module is known to hold.
 * @param {string} main
 * @param {Record<string, unknown>} [known]
 */
function lazyFile(main, known = {}) {
  /** @type {any} */
  let real;
  const load = () => (real ??= require(main));
  return new Proxy(
    {},
    {
      // tsc's __importStar and __importDefault return an ES-module-shaped value as it is, so asking
      // skips loading; `default` is then what __importDefault would have made of a CommonJS module.
      get: (_, key) => {
        if (key === "__esModule") return true;
        if (typeof key === "string" && Object.hasOwn(known, key)) return known[key];
        const mod = load();
        return key === "default" && !mod.__esModule ? mod : mod[key];
      },
      has: (_, key) => key in load(),
      ownKeys: () => Reflect.ownKeys(load()),
      getOwnPropertyDescriptor: (_, key) => {
        const d = Object.getOwnPropertyDescriptor(load(), key);
        return d && { ...d, configurable: true };
      },
    },
  );
}

/**
 * A stand-in that requires package `name` (from @pulumi/pulumi's folder) the first time anything is
 * asked of it. With `exportsVersion` (TypeScript's `ts.version`), its version is answered from its
 * manifest: Pulumi's policy runner reads only that before it registers ts-node (deferredTsNode.js).
 * @param {string} name
 * @param {{ exportsVersion?: boolean }} [options]
 */
module.exports = function lazyModule(name, options = {}) {
  // The package's main file by path: Jest's resolver would map the bare name back to this stand-in.
  const manifest = require.resolve(`${name}/package.json`, { paths: [require("../offline/pulumiInternals").pulumiDir()] });
  const { main, version } = require(manifest);
  return lazyFile(path.join(path.dirname(manifest), main), options.exportsVersion ? { version } : {});
};
module.exports.lazyFile = lazyFile;
