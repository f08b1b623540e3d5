#!/usr/bin/env node
// Compiles the pack's TypeScript to JavaScript in bin/, so that Pulumi's policy runner loads the pack
// as plain JavaScript instead of type-checking it with ts-node on every start (most of a start's time).
// Run on `npm pack` (so `pulumi policy publish` ships bin/), and by the repository's `npm ci`/`npm
// install` (its prepare script). Types are checked by the repository's `npm run typecheck`; this only
// transpiles, file by file, with the pack's own TypeScript and tsconfig.json. bin/source-hash records
// which sources bin/ was built from: main.js loads bin/ only while they are still the sources.
"use strict";
const crypto = require("crypto");
const fs = require("fs");
const path = require("path");

const PACK_DIR = __dirname;
const OUT_DIR = path.join(PACK_DIR, "bin");
const HASH_FILE = path.join(OUT_DIR, "source-hash");
/** Folders that hold no source of the pack. */
const SKIPPED = new Set(["node_modules", "bin"]);

/** The pack's TypeScript sources, relative to the pack, sorted. @param {string} [dir] @returns {string[]} */
function sources(dir = "") {
  return fs
    .readdirSync(path.join(PACK_DIR, dir), { withFileTypes: true })
    .flatMap((entry) => {
      const rel = path.join(dir, entry.name);
      if (entry.isDirectory()) return SKIPPED.has(entry.name) ? [] : sources(rel);
      return entry.name.endsWith(".ts") && !entry.name.endsWith(".d.ts") ? [rel] : [];
    })
    .sort();
}

/** One hash over every source's path and content, and the compiler settings that turn them into bin/. */
function sourceHash() {
  const hash = crypto.createHash("sha256");
  for (const file of [...sources(), "tsconfig.json"]) {
    hash
      .update(file.split(path.sep).join("/"))
      .update("\0")
      .update(fs.readFileSync(path.join(PACK_DIR, file)))
      .update("\0");
  }
  return hash.digest("hex");
}

/** Whether bin/ was built from the sources as they are now. */
function isBuilt() {
  try {
    return fs.readFileSync(HASH_FILE, "utf8").trim() === sourceHash();
  } catch {
    return false;
  }
}

function build() {
  const ts = require("typescript");
  const config = ts.readConfigFile(path.join(PACK_DIR, "tsconfig.json"), ts.sys.readFile);
  if (config.error) throw new Error(ts.flattenDiagnosticMessageText(config.error.messageText, "\n"));
  const { options } = ts.convertCompilerOptionsFromJson(config.config.compilerOptions, PACK_DIR);
  fs.rmSync(OUT_DIR, { recursive: true, force: true });
  for (const file of sources()) {
    const { outputText } = ts.transpileModule(fs.readFileSync(path.join(PACK_DIR, file), "utf8"), { compilerOptions: options, fileName: file });
    const out = path.join(OUT_DIR, file.replace(/\.ts$/, ".js"));
    fs.mkdirSync(path.dirname(out), { recursive: true });
    fs.writeFileSync(out, outputText);
  }
  fs.writeFileSync(HASH_FILE, sourceHash() + "\n");
}

module.exports = { isBuilt, sourceHash };

if (require.main === module) {
  try {
    if (!isBuilt()) build();
  } catch (err) {
    process.stderr.write(`building the policy pack failed: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  }
}
