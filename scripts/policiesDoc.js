#!/usr/bin/env node
// `npm run policies-doc`: writes docs/policies.md's policy and config tables from the pack's policies.
// Without --write it only checks them and exits 1 on a disagreement, one sentence per policy or property.
"use strict";
const fs = require("fs");
const path = require("path");
require("./registerTs");
const { POLICIES_DOC, policiesDocDisagreements, withPolicyTables } = require("./policyDoc");

const file = path.join(__dirname, "..", POLICIES_DOC);
const doc = fs.readFileSync(file, "utf8");
if (process.argv.includes("--write")) {
  fs.writeFileSync(file, withPolicyTables(doc));
  process.stdout.write(`wrote the policy and config tables of ${POLICIES_DOC}\n`);
} else {
  const problems = policiesDocDisagreements(doc);
  for (const problem of problems) process.stderr.write(`${problem}\n`);
  process.exit(problems.length > 0 ? 1 : 0);
}
