// @ts-check
"use strict";

// Runs oke-bastion's run() for each row of a JSON file (argv[2]: [{ argv, env, cwd }]) in this one
// process, one row after another, as bin/oke-bastion.js would: the row's environment becomes the
// process's (os.tmpdir() and the home directory read it), its directory the working directory, and
// what the command writes to process.stdout and process.stderr is the row's. Messages go on fd 3, one
// JSON line before ("start") and after ("done") each row, so the test that spawned it can kill it when
// a row outlives its bound and say which row that was; whatever reaches fd 1 or 2 past the capture
// (a child's output) is the test's to see there. One process for the table instead of one per row: a
// Node start and the SDK's load cost more than a row.

const fs = require("fs");
const path = require("path");
const { run } = require(path.join(__dirname, "..", "..", "tools", "oke-bastion", "cli"));

/** @type {{ argv: string[], env: Record<string, string>, cwd: string }[]} */
const rows = JSON.parse(fs.readFileSync(process.argv[2], "utf8"));
const send = (/** @type {object} */ message) => fs.writeSync(3, `${JSON.stringify(message)}\n`);
const captured = { stdout: "", stderr: "" };
for (const stream of /** @type {const} */ (["stdout", "stderr"])) {
  process[stream].write = /** @type {any} */ (
    (/** @type {string | Uint8Array} */ chunk) => {
      captured[stream] += String(chunk);
      return true;
    }
  );
}

(async () => {
  for (const [index, row] of rows.entries()) {
    send({ start: index });
    for (const key of Object.keys(process.env)) delete process.env[key];
    Object.assign(process.env, row.env);
    process.chdir(row.cwd);
    captured.stdout = "";
    captured.stderr = "";
    let code;
    let failure;
    try {
      code = await run(row.argv, process.env);
    } catch (e) {
      // What main() would turn into "unexpected failure": the row gets it as such, to fail on.
      failure = String(/** @type {Error} */ (e)?.message ?? e);
    }
    send({ done: index, code, failure, stdout: captured.stdout, stderr: captured.stderr });
  }
})();
