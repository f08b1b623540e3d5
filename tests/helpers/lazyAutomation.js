"use strict";
const path = require("path");
// @pulumi/pulumi's index requires its Automation API (`./automation`: workspaces, the CLI wrapper,
// execa, semver), which only drives the pulumi CLI; no test uses it in-process.
const { pulumiDir, PULUMI_LAZY_REQUESTS } = require("../../offline/pulumiInternals");
module.exports = require("../../scripts/lazyModule").lazyFile(path.join(pulumiDir(), PULUMI_LAZY_REQUESTS.automation.main));
