// @ts-check
"use strict";

// Runs oke-token's run() for each row of a JSON file (argv[2]: [{ argv, env }]) in this one process,
// as bin/oke-token.js would, and writes one JSON line before ("start") and after ("done") each row, so
// the test that spawned it can kill it when a row outlives its bound and say which row that was.
// One process for the whole table instead of one per row: a Node start costs more than a row.

const fs = require("fs");
const path = require("path");
const { run } = require(path.join(__dirname, "..", "..", "tools", "oke-token", "cli"));

const rows = JSON.parse(fs.readFileSync(process.argv[2], "utf8"));
const now = new Date("2025-06-03T09:05:07Z");
rows.forEach((/** @type {{ argv: string[], env: NodeJS.ProcessEnv }} */ row, /** @type {number} */ index) => {
  fs.writeSync(1, `${JSON.stringify({ start: index })}\n`);
  const result = run(row.argv, row.env, now);
  fs.writeSync(1, `${JSON.stringify({ done: index, ...result })}\n`);
});
