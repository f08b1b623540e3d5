"use strict";
const path = require("path");
// @pulumi/pulumi's index requires its Automation API (`./automation`: workspaces, the CLI wrapper,
// execa, semver), which only drives the pulumi CLI; no test uses it in-process.
module.exports = require("../../scripts/lazyModule").lazyFile(path.join(path.dirname(require.resolve("@pulumi/pulumi")), "automation", "index.js"));
