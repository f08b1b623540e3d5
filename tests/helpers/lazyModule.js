// Jest gives every test file a fresh module registry and compiles each module again, without V8's
// code cache. @pulumi/pulumi requires TypeScript (9 MB, for closure serialization) and npm's Arborist
// (for code paths of serialized functions) at load time, though neither runs unless a function is
// serialized, which no test does. Mapped here (jest.config.js), each loads on first use instead: the
// same module, with the same behaviour, only later.
"use strict";

const path = require("path");

/** A stand-in that requires package `name` (from @pulumi/pulumi's folder) the first time anything is asked of it. */
/** @param {string} name */
module.exports = function lazyModule(name) {
  // The package's main file by path: Jest's resolver would map the bare name back to this stand-in.
  const manifest = require.resolve(`${name}/package.json`, { paths: [path.dirname(require.resolve("@pulumi/pulumi"))] });
  const main = path.join(path.dirname(manifest), require(manifest).main);
  /** @type {any} */
  let real;
  const load = () => (real ??= require(main));
  return new Proxy(
    {},
    {
      // tsc's __importStar returns an ES-module-shaped value as it is, so asking skips loading.
      get: (_, key) => (key === "__esModule" ? true : load()[key]),
      has: (_, key) => key in load(),
      ownKeys: () => Reflect.ownKeys(load()),
      getOwnPropertyDescriptor: (_, key) => {
        const d = Object.getOwnPropertyDescriptor(load(), key);
        return d && { ...d, configurable: true };
      },
    },
  );
};
