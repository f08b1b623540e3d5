#!/usr/bin/env node
// `npm run check:cycles` (and CI): no import cycle anywhere in the tree, read by madge from the
// TypeScript and JavaScript sources, type-only imports and lazy require() calls included. Inside
// offline/ the folders must also form one direction (inputs, run, architecture, report and so on each
// import only folders below them), so the plan reads as steps whose results flow one way.
"use strict";
const path = require("path");
const madge = require("madge");

const ROOT = path.resolve(__dirname, "..");
const SOURCES = ["index.ts", "components", "policies", "offline", "tools", "bin", "scripts", "tests"];
/** The folder whose subfolders must not import each other in a circle. */
const LAYERED = "offline/";

/** @param {string} file offline/run/mocks.ts → offline/run; offline/cli.ts → offline/cli.ts */
function layer(file) {
  const rest = file.slice(LAYERED.length).split("/");
  return rest.length > 1 ? LAYERED + rest[0] : file;
}

/**
 * The strongly connected groups with more than one member (Tarjan's algorithm): each is a cycle.
 * @param {Map<string, Set<string>>} graph
 */
function cyclicGroups(graph) {
  /** @type {Map<string, number>} */ const index = new Map();
  /** @type {Map<string, number>} */ const low = new Map();
  /** @type {string[]} */ const stack = [];
  const onStack = new Set();
  /** @type {string[][]} */ const groups = [];
  const at = (/** @type {Map<string, number>} */ m, /** @type {string} */ k) => /** @type {number} */ (m.get(k));
  /** @param {string} v */
  const visit = (v) => {
    index.set(v, index.size);
    low.set(v, at(index, v));
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(at(low, v), at(low, w)));
      } else if (onStack.has(w)) low.set(v, Math.min(at(low, v), at(index, w)));
    }
    if (at(low, v) === at(index, v)) {
      /** @type {string[]} */ const group = [];
      let w;
      do {
        w = /** @type {string} */ (stack.pop());
        onStack.delete(w);
        group.push(w);
      } while (w !== v);
      if (group.length > 1) groups.push(group.sort());
    }
  };
  for (const v of graph.keys()) if (!index.has(v)) visit(v);
  return groups;
}

async function main() {
  const result = await madge(
    SOURCES.map((s) => path.join(ROOT, s)),
    {
      baseDir: ROOT,
      fileExtensions: ["ts", "js"],
      excludeRegExp: [/node_modules/, /^policies\/bin\//],
      tsConfig: path.join(ROOT, "tsconfig.json"),
      // A lazy require() is still an import: the cycle is there once it runs.
      detectiveOptions: { ts: { mixedImports: true, skipTypeImports: false }, js: { mixedImports: true } },
    },
  );
  const problems = [];
  for (const cycle of result.circular()) problems.push(`import cycle: ${[...cycle, cycle[0]].join(" → ")}`);
  /** @type {Map<string, Set<string>>} */
  const folders = new Map();
  for (const [file, deps] of Object.entries(result.obj())) {
    if (!file.startsWith(LAYERED)) continue;
    const from = layer(file);
    const targets = folders.get(from) ?? new Set();
    folders.set(from, targets);
    for (const dep of deps) if (dep.startsWith(LAYERED) && layer(dep) !== from) targets.add(layer(dep));
  }
  for (const group of cyclicGroups(folders)) {
    const edges = group.flatMap((a) => [...(folders.get(a) ?? [])].filter((b) => group.includes(b)).map((b) => `${a} → ${b}`));
    problems.push(`folders import each other in a circle: ${edges.join(", ")}`);
  }
  const files = Object.keys(result.obj()).length;
  if (problems.length > 0) {
    process.stderr.write(`${problems.join("\n")}\n${problems.length} cycle(s) in ${files} files: move the shared part below both sides.\n`);
    return 1;
  }
  process.stdout.write(`no import cycles in ${files} files; offline/'s folders import one way\n`);
  return 0;
}

main().then(
  (status) => process.exit(status),
  (err) => {
    process.stderr.write(`check:cycles failed: ${err && err.message ? err.message : String(err)}\n`);
    process.exit(2);
  },
);
