#!/usr/bin/env node
// `npm run lint:workflows`: validates every .github/workflows/*.yml against GitHub's workflow schema
// with @action-validator/core (WebAssembly, works offline on Node 20). Exit 1 lists each problem.
"use strict";
const fs = require("fs");
const path = require("path");
const { validateWorkflow } = require("@action-validator/core");

/**
 * @param {string} dir
 * @returns {{ files: string[], problems: string[] }}
 */
function lintWorkflows(dir) {
  const files = fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => /\.ya?ml$/.test(f)).sort() : [];
  /** @type {string[]} */
  const problems = [];
  for (const file of files) {
    const state = validateWorkflow(fs.readFileSync(path.join(dir, file), "utf8"));
    for (const e of state.errors) {
      const where = "path" in e && e.path ? `${e.path}: ` : "";
      problems.push(`${file}: ${where}${e.title}${e.detail ? ` (${e.detail})` : ""}`);
    }
  }
  return { files, problems };
}

module.exports = { lintWorkflows };

if (require.main === module) {
  const dir = path.resolve(process.argv[2] || path.join(__dirname, "..", ".github", "workflows"));
  const { files, problems } = lintWorkflows(dir);
  if (files.length === 0) {
    process.stderr.write(`No workflow files in ${dir}.\n`);
    process.exit(1);
  }
  for (const p of problems) process.stderr.write(`${p}\n`);
  process.stdout.write(`${files.length} workflow file(s), ${problems.length} problem(s)\n`);
  process.exit(problems.length ? 1 : 0);
}
