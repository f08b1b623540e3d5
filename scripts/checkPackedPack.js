#!/usr/bin/env node
// CI: the policy pack as `pulumi policy publish` ships it. `npm pack` makes the tarball publish uploads
// (policies/package.json's `files` decide what is in it); the pack is then installed the way the CLI
// installs a published pack (extracted into an empty folder, `npm install` there, so nothing from this
// repository is in reach) and started with Pulumi's run-policy-pack. Its verdicts must equal the
// in-tree pack's on the default stack and on one that breaks a mandatory policy.
"use strict";
require("./registerTs");
const { execFile, execFileSync } = require("child_process");
const fs = require("fs");
const os = require("os");
const path = require("path");
const { parseArgs } = require("../offline/inputs/args");
const { runPlan } = require("../offline/runPlan");

const ROOT = path.resolve(__dirname, "..");
const PACK_DIR = path.join(ROOT, "policies");
/**
 * @typedef {{ label: string, argv: string[], mandatory: number }} Stack
 * @typedef {import("../offline/runPlan").Plan} Plan
 */
/** @type {Stack[]} The stacks both packs must agree on: the default, and one the pack must block. */
const STACKS = [
  { label: "default stack", argv: [], mandatory: 0 },
  { label: "bootVolumeSizeGbs=100", argv: ["--config", "bootVolumeSizeGbs=100"], mandatory: 1 },
];
/** The published pack is a few dozen KB of TypeScript; anything near this means `files` lets in too much. */
const MAX_TARBALL_BYTES = 200 * 1024;
const NPM_TIMEOUT_MS = 180_000;
/** @type {import("../offline/report/progress").Progress} */
const QUIET = { step: (_label, work) => work() };

/** @param {string[]} args @param {string} cwd */
function npm(args, cwd) {
  return execFileSync("npm", args, { cwd, encoding: "utf8", timeout: NPM_TIMEOUT_MS, stdio: ["ignore", "pipe", "pipe"] });
}

/** @param {string[]} args @param {string} cwd @returns {Promise<string>} */
function npmAsync(args, cwd) {
  return new Promise((resolve, reject) =>
    execFile("npm", args, { cwd, encoding: "utf8", timeout: NPM_TIMEOUT_MS }, (err, stdout, stderr) =>
      err ? reject(new Error(`npm ${args.join(" ")} in ${cwd} failed: ${err.message}\n${stderr}`)) : resolve(stdout),
    ),
  );
}

/**
 * `npm pack` into `dest`; returns what npm reports.
 * @param {string} dest
 * @returns {{ filename: string, size: number, entryCount: number }}
 */
function pack(dest) {
  const [info] = JSON.parse(npm(["pack", "--json", "--pack-destination", dest], PACK_DIR));
  if (info.size > MAX_TARBALL_BYTES) {
    throw new Error(`policies tarball is ${info.size} bytes (limit ${MAX_TARBALL_BYTES}): check "files" in policies/package.json`);
  }
  return info;
}

/**
 * What the CLI does with a downloaded pack: extract it into its own folder and `npm install` there.
 * (Installing the tarball as a dependency would not do: the runner's ts-node skips every file under
 * node_modules/, so the pack's TypeScript would never be compiled.)
 * @param {string} tarball @param {string} dir @returns {Promise<string>} the TypeScript version the pack got
 */
async function install(tarball, dir) {
  fs.mkdirSync(dir);
  execFileSync("tar", ["-xzf", tarball, "-C", dir, "--strip-components=1"], { timeout: 30_000 });
  await npmAsync(["install", "--no-audit", "--no-fund", "--no-package-lock"], dir);
  // Without its own TypeScript the CLI's runner would fall back to the vendored 3.8.3.
  const ts = require(require.resolve("typescript/package.json", { paths: [dir] }));
  if (!require.resolve("typescript", { paths: [dir] }).startsWith(dir)) throw new Error("the installed pack resolves TypeScript from outside its folder");
  return ts.version;
}

/** One line per diagnostic (level, policy, URN), then its message: the message must match too. @param {Plan} plan */
function verdicts(plan) {
  return plan.policies.diagnostics.map((d) => `${d.enforcementLevel} ${d.policy} ${d.urn ?? "(stack)"}\n${d.message}`).sort();
}

/** @param {Stack} stack @param {string} packDir */
function plan(stack, packDir) {
  return runPlan(parseArgs(stack.argv), { projectDir: ROOT, packDir, progress: QUIET });
}

/** @param {Stack} stack @param {Plan} inTree @param {Plan} packed */
function compare(stack, inTree, packed) {
  const expected = verdicts(inTree);
  const actual = verdicts(packed);
  const mandatory = inTree.policies.diagnostics.filter((d) => d.enforcementLevel === "mandatory").length;
  if (mandatory !== stack.mandatory) {
    throw new Error(
      `${stack.label}: the in-tree pack reports ${mandatory} mandatory violations, expected ${stack.mandatory}; the comparison would prove nothing`,
    );
  }
  const missing = expected.filter((v) => !actual.includes(v));
  const extra = actual.filter((v) => !expected.includes(v));
  if (missing.length > 0 || extra.length > 0 || expected.length !== actual.length) {
    throw new Error(
      `${stack.label}: the packed pack disagrees with the in-tree pack\n` +
        [...missing.map((v) => `  only in-tree: ${v.split("\n")[0]}`), ...extra.map((v) => `  only packed:  ${v.split("\n")[0]}`)].join("\n"),
    );
  }
  const advisory = expected.length - mandatory;
  process.stdout.write(`packed pack = in-tree pack on ${stack.label}: ${packed.records.length} resources, ${mandatory} mandatory, ${advisory} advisory\n`);
}

/** Packs and installs into `dir`: mostly npm's network and disk time, so CI runs it beside the tests. @param {string} dir */
async function prepare(dir) {
  const info = pack(dir);
  process.stdout.write(`packed ${info.filename}: ${info.size} bytes, ${info.entryCount} files\n`);
  const installed = path.join(dir, "pack");
  const tsVersion = await install(path.join(dir, info.filename), installed);
  // npm pack ran the pack's prepack (build.js): the tarball must carry JavaScript built from exactly
  // the sources it carries, or the CLI would start the published pack by type-checking it.
  if (!require(path.join(installed, "build.js")).isBuilt())
    throw new Error('the packed pack\'s bin/ was not built from the sources it ships: check prepack and "files" in policies/package.json');
  process.stdout.write(`installed alone in ${installed} (TypeScript ${tsVersion}), starting from its compiled bin/\n`);
}

/** Both packs' verdicts on every stack, once `prepare` has installed the packed one in `dir`. @param {string} dir */
async function compareAll(dir) {
  const installed = path.join(dir, "pack");
  if (!fs.existsSync(path.join(installed, "node_modules"))) throw new Error(`no installed pack in ${installed}: run "prepare ${dir}" first`);
  for (const stack of STACKS) compare(stack, await plan(stack, PACK_DIR), await plan(stack, installed));
}

/**
 * `prepare DIR` then `compare DIR` (how CI runs it, the install overlapping the tests), or with no
 * arguments both in a temporary folder of its own.
 * @param {string[]} argv
 */
async function main(argv) {
  const [step, dir] = argv;
  if (step === "prepare" && dir) return prepare(dir);
  if (step === "compare" && dir) return compareAll(dir);
  if (step !== undefined) throw new Error(`usage: node scripts/checkPackedPack.js [prepare DIR | compare DIR]`);
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "oke-policy-pack-"));
  try {
    await prepare(tmp);
    await compareAll(tmp);
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

main(process.argv.slice(2)).then(
  () => process.exit(0),
  (err) => {
    process.stderr.write(`policy pack check FAILED: ${err && err.message ? err.message : String(err)}\n`);
    process.exit(1);
  },
);
