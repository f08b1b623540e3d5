#!/usr/bin/env node
// `npm run options`: writes Pulumi.yaml's config: block and docs/options.md from components/options.ts.
// Without --write it only checks them and exits 1 on a disagreement, one sentence per key.
"use strict";
const fs = require("fs");
const path = require("path");
require("./registerTs");
const files = require("./optionFiles");

const ROOT = path.join(__dirname, "..");
const read = (/** @type {string} */ file) => fs.readFileSync(path.join(ROOT, file), "utf8");

if (process.argv.includes("--write")) {
  fs.writeFileSync(path.join(ROOT, files.PULUMI_YAML), files.withConfigBlock(read(files.PULUMI_YAML)));
  fs.writeFileSync(path.join(ROOT, files.OPTIONS_DOC), files.renderOptionsDoc());
  process.stdout.write(`wrote ${files.PULUMI_YAML} (config: block) and ${files.OPTIONS_DOC}\n`);
} else {
  const docProblems = fs.existsSync(path.join(ROOT, files.OPTIONS_DOC))
    ? files.optionsDocDisagreements(read(files.OPTIONS_DOC))
    : [`${files.OPTIONS_DOC} does not exist: run \`npm run options\` to write it.`];
  /** @type {string[]} */
  const problems = [...files.pulumiYamlDisagreements(read(files.PULUMI_YAML)), ...docProblems];
  for (const problem of problems) process.stderr.write(`${problem}\n`);
  process.exit(problems.length > 0 ? 1 : 0);
}
