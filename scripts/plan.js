#!/usr/bin/env node
// `npm start`: the offline plan. Plain node plus a transpile hook, so startup costs about what loading
// @pulumi/pulumi costs (less what it loads and never uses: lazyPulumiDeps.js); the plan itself lives in offline/ (entry point offline/cli.ts; TypeScript, type-checked by `npm run typecheck`).
"use strict";
try {
  require("./lazyPulumiDeps");
} catch (err) {
  // An SDK other than the one the plan's use of its internals was written for: one sentence, exit 2.
  if (!(err instanceof Error) || err.name !== "SdkVersionError") throw err;
  process.stderr.write(`error: ${err.message}\n`);
  process.exit(2);
}
require("./registerTs");
const { main } = require("../offline/cli");

main(process.argv.slice(2)).then(
  // exit explicitly: the Pulumi runtime and gRPC keep handles open after the run.
  (status) => process.exit(status),
  (err) => {
    process.stderr.write(`error: ${err && err.message ? err.message.split("\n")[0] : String(err)}\n`);
    process.exit(2);
  },
);
