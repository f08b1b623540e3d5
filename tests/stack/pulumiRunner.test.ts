import { execFileSync } from "child_process";
import * as path from "path";

const root = path.resolve(__dirname, "..", "..");

/**
 * `pulumi up` runs index.ts through @pulumi/pulumi's own runner (cmd/run), which registers ts-node and
 * type-checks every file unless tsconfig's `noCheck` says otherwise: ~10 s and ~800 MB per run. This
 * calls that runner's real `run()` in a fresh node, as the Node.js language host does, with the engine
 * replaced by the plan's OCI mocks and hook stand-in (loaded on the first registration, once the runner
 * has registered ts-node). The runner's call to ts-node's `register` is observed, not reproduced.
 * cmd/run/index.js (argument parsing and the engine connection, which start on require) is held out
 * of the module cache.
 */
const script = `
  process.env.PULUMI_NODEJS_TYPESCRIPT = "true";
  const pulumi = require("@pulumi/pulumi");
  const { tsnodeRequire } = require("@pulumi/pulumi/tsutils").typeScriptRequireStrings();
  const tsnode = require(tsnodeRequire);
  const register = tsnode.register;
  let registered;
  tsnode.register = (options) => { registered = options; return register(options); };
  const Module = require("module");
  const entry = require.resolve("@pulumi/pulumi/cmd/run/index.js");
  require.cache[entry] = Object.assign(new Module(entry), { filename: entry, loaded: true, exports: {} });
  let mocks;
  const oci = () => {
    if (!mocks) {
      require("./offline/run/hookRecords").acceptHookRegistrations(require("@pulumi/pulumi/runtime/settings").getMonitor());
      mocks = new (require("./offline/run/mocks").OciMocks)("ap-tokyo-1");
    }
    return mocks;
  };
  pulumi.runtime.setMocks({ newResource: (a) => oci().newResource(a), call: (a) => oci().call(a) }, "oke-quick-create", "dev", false);
  pulumi.runtime.setAllConfig({
    "oci:region": "ap-tokyo-1",
    "oke-quick-create:compartmentId": "ocid1.compartment.oc1..aaaaaaaaexampleexampleexampleexampleexampleexample",
    "oke-quick-create:kubernetesVersion": "v1.33.1",
  });
  require("@pulumi/pulumi/cmd/run/run").run({ _: ["."] }, () => {}, () => {}, () => false).then(
    async (outputs) => {
      const names = await new Promise((resolve) => pulumi.output(outputs.names).apply(resolve));
      process.stdout.write(JSON.stringify({ registered: { transpileOnly: registered?.transpileOnly, project: registered?.project }, vcn: names.vcn }));
    },
    (e) => { process.stderr.write(String(e && e.stack || e)); process.exit(1); });`;

test("the Pulumi CLI's runner loads index.ts transpile-only, with the project's tsconfig, and runs it", () => {
  // Without the variables that would override the project's own tsconfig.json.
  const { PULUMI_NODEJS_TRANSPILE_ONLY: _only, PULUMI_NODEJS_TSCONFIG_PATH: _path, ...env } = process.env;
  const out = JSON.parse(execFileSync(process.execPath, ["-e", script], { cwd: root, env, encoding: "utf8", timeout: 60000 }));
  expect(out).toEqual({ registered: { transpileOnly: true, project: "tsconfig.json" }, vcn: "oke-vcn-quick-cluster1-dee46d169" });
});
