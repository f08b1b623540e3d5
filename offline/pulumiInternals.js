// @ts-check
// Every private part of @pulumi/pulumi and @pulumi/policy that the offline plan, its scripts and the
// tests reach into, in one place: modules outside the packages' public entry points, fields their
// typings do not declare, and the requests @pulumi/pulumi makes of its own files. None of it is a
// stable API, so this module checks that the installed packages are the versions it was written for
// and stops with one sentence naming both when they are not, rather than let the plan misbehave. After
// an SDK upgrade, check each function below against the new version, then update WRITTEN_FOR.
"use strict";
const path = require("path");

/** The versions every function below was checked against. */
const WRITTEN_FOR = Object.freeze({ "@pulumi/pulumi": "3.248.0", "@pulumi/policy": "1.21.0" });

/** Thrown when an installed SDK is not the version this module was written for; the message is the whole sentence. */
class SdkVersionError extends Error {
  /** @param {string} message */
  constructor(message) {
    super(message);
    this.name = "SdkVersionError";
  }
}

/** @type {Set<string>} */
const checked = new Set();

/**
 * The package's folder, after checking that its installed version is the one this module expects.
 * @param {keyof typeof WRITTEN_FOR} name
 */
function checkedPackage(name) {
  const manifest = require.resolve(`${name}/package.json`);
  if (!checked.has(name)) {
    // @pulumi/policy's manifest says "v1.21.0"; npm and this module say 1.21.0.
    const installed = String(require(manifest).version).replace(/^v/, "");
    if (installed !== WRITTEN_FOR[name]) {
      throw new SdkVersionError(
        `${name} ${installed} is installed, but offline/pulumiInternals.js uses its internals as of ${WRITTEN_FOR[name]}: run npm ci to install ${WRITTEN_FOR[name]}, or check that module against ${installed} and update its WRITTEN_FOR.`,
      );
    }
    checked.add(name);
  }
  return path.dirname(manifest);
}

/** @pulumi/pulumi's folder (checked), with a trailing separator, to tell its own requires from others. */
function pulumiDir() {
  return checkedPackage("@pulumi/pulumi") + path.sep;
}

/**
 * The modules @pulumi/pulumi requires on load but uses only to serialize functions or to drive the
 * pulumi CLI (scripts/lazyModule.js), as its files spell the requests. "./automation" is asked for by
 * its index alone.
 */
const PULUMI_LAZY_REQUESTS = Object.freeze({
  packages: ["typescript", "@npmcli/arborist", "normalize-package-data"],
  automation: { request: "./automation", parent: "index.js", main: path.join("automation", "index.js") },
  /**
   * The policy runner's file, which reads tsconfig.json through tsutils and registers ts-node (the one
   * installed beside the project, else its vendored copy) before it requires the pack:
   * scripts/deferredTsNode.js.
   */
  policyRunner: {
    parent: path.join("cmd", "run-policy-pack", "run.js"),
    tsutils: "../../tsutils",
    tsNode: ["ts-node", path.join("vendor", "ts-node@7.0.1")],
  },
});

/** Node's module loader entry point (not in its public typings); scripts/lazyPulumiDeps.js wraps it. */
function moduleLoader() {
  /** @type {any} */
  const Module = require("module");
  return {
    /** @returns {(request: string, parent: NodeJS.Module | undefined, ...rest: unknown[]) => unknown} */
    get: () => Module._load,
    /** @param {(request: string, parent: NodeJS.Module | undefined, ...rest: unknown[]) => unknown} load */
    set: (load) => {
      Module._load = load;
    },
  };
}

/** @returns {any} the runtime's settings module (the mock monitor, waitForRPCs) */
function runtimeSettings() {
  checkedPackage("@pulumi/pulumi");
  return require("@pulumi/pulumi/runtime/settings");
}

/** @returns {any} the runtime's global store (where the callback server lives) */
function runtimeStore() {
  checkedPackage("@pulumi/pulumi");
  /** @type {any} getStore is marked internal, so its typings leave it out. */
  const state = require("@pulumi/pulumi/runtime/state");
  return state.getStore();
}

/** The monitor the runtime sends registrations to; under setMocks, its mock monitor. @returns {any} */
function currentMonitor() {
  return runtimeSettings().getMonitor();
}

/** Resolves once every registration and invoke the program started has been answered. @returns {Promise<void>} */
function waitForRPCs() {
  return runtimeSettings().waitForRPCs();
}

/** The runtime's resource-hook callback server, if a run started one. @returns {any} */
function callbackServer() {
  return runtimeStore().callbacks;
}

/**
 * Resource hooks register their functions with the runtime's callback server, a gRPC server on
 * 127.0.0.1 that setMocks forgets without shutting it down: each run in one process would start
 * another, connect to it, and leave the one before listening. Runs share the first instead, pointed
 * at the current run's monitor, which is where hook registrations go.
 * @param {any} previous what callbackServer() returned before setMocks
 */
function keepCallbackServer(previous) {
  if (!previous) return;
  if (!("_monitor" in previous)) {
    previous.shutdown();
    return;
  }
  previous._monitor = currentMonitor();
  runtimeStore().callbacks = previous;
}

/**
 * @pulumi/policy's RPC handlers, which only its own server calls; the test harness feeds them real
 * protobuf requests.
 * @returns {any}
 */
function policyServer() {
  checkedPackage("@pulumi/policy");
  return require("@pulumi/policy/server");
}

module.exports = {
  WRITTEN_FOR,
  SdkVersionError,
  pulumiDir,
  PULUMI_LAZY_REQUESTS,
  moduleLoader,
  currentMonitor,
  waitForRPCs,
  callbackServer,
  keepCallbackServer,
  policyServer,
};
