// The pack's entry point (package.json "main"), which Pulumi's policy runner requires: the JavaScript
// in bin/ when it was built from the sources as they are now (build.js), so the pack starts without
// ts-node type-checking it; otherwise the TypeScript itself, which the runner compiles with ts-node
// as it always has, so an edited source never runs as its stale build.
"use strict";
const { isBuilt } = require("./build");

require(isBuilt() ? "./bin/index.js" : "./index.ts");
