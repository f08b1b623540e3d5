#!/usr/bin/env node
// `npm run lint:workflows`: validates every .github/workflows/*.yml against GitHub's workflow schema
// with @action-validator/core (WebAssembly, works offline on Node 20), then checks what a schema
// cannot: a job that needs secrets runs only when every one it uses is set, and a pulumi/actions step
// says whether it creates stacks and asks for a CLI the program accepts. Exit 1 lists each problem.
"use strict";
const fs = require("fs");
const path = require("path");
const YAML = require("yaml");
const { validateWorkflow } = require("@action-validator/core");

/** The oldest Pulumi CLI the program accepts, read from where the program declares it. */
function minimumPulumiCli() {
  const source = fs.readFileSync(path.join(__dirname, "..", "components", "engineSupport.ts"), "utf8");
  const found = /MINIMUM_PULUMI_CLI = "([0-9.]+)"/.exec(source);
  if (!found) throw new Error("components/engineSupport.ts no longer declares MINIMUM_PULUMI_CLI.");
  return found[1];
}

const EXPRESSION = /^\$\{\{\s*([\s\S]*?)\s*\}\}$/;
/** One term of a gate: a secret or variable that must be set. */
const GATE_TERM = /^(secrets|vars)\.([A-Za-z_][A-Za-z0-9_]*)\s*!=\s*''$/;
/** Every secret or variable a job's text names; GITHUB_TOKEN always exists. */
const CONTEXT_REF = /\b(secrets|vars)\.([A-Za-z_][A-Za-z0-9_]*)/g;
const ALWAYS_SET = new Set(["secrets.GITHUB_TOKEN"]);

/**
 * A job's gate: a job-level env variable whose value is `${{ secrets.A != '' && vars.B != '' ... }}`.
 * @param {Record<string, unknown>} env
 * @returns {{ name: string, terms: string[], malformed: string[] } | undefined}
 */
function gateOf(env) {
  for (const [name, value] of Object.entries(env || {})) {
    const expression = typeof value === "string" ? EXPRESSION.exec(value.trim()) : null;
    if (!expression || !/\b(secrets|vars)\./.test(expression[1])) continue;
    const parts = expression[1].split("&&").map((t) => t.trim());
    const terms = parts.flatMap((t) => {
      const m = GATE_TERM.exec(t);
      return m ? [`${m[1]}.${m[2]}`] : [];
    });
    return { name, terms, malformed: parts.filter((t) => !GATE_TERM.test(t)) };
  }
  return undefined;
}

/**
 * Compares dotted versions: negative when a < b.
 * @param {string} a
 * @param {string} b
 */
function compareVersions(a, b) {
  const x = a.split(".").map(Number);
  const y = b.split(".").map(Number);
  for (let i = 0; i < Math.max(x.length, y.length); i++) {
    if ((x[i] || 0) !== (y[i] || 0)) return (x[i] || 0) - (y[i] || 0);
  }
  return 0;
}

/**
 * What a gated job must hold to: its gate checks every secret and variable the job uses, none of them
 * falls back to a default (`vars.PULUMI_STACK || 'dev'` would run against a stack nobody chose), and
 * every step runs only behind the gate (or is the step that says why the job skipped); in a job that
 * runs no Pulumi command, every step that handles a secret does. A pulumi/actions step asks for at
 * least the CLI the program accepts, and one that runs a command states `upsert`.
 * @param {string} file
 * @param {string} text
 * @param {string} minimumCli
 * @returns {string[]}
 */
function jobProblems(file, text, minimumCli) {
  /** @type {string[]} */
  const problems = [];
  const workflow = YAML.parse(text) || {};
  for (const [jobName, job] of Object.entries(workflow.jobs || {})) {
    const where = `${file}: jobs.${jobName}`;
    const steps = Array.isArray(job.steps) ? job.steps : [];
    const gate = gateOf(job.env);
    const { env: _env, ...rest } = job;
    const used = [...new Set([...JSON.stringify(rest).matchAll(CONTEXT_REF)].map((m) => `${m[1]}.${m[2]}`))].filter((r) => !ALWAYS_SET.has(r));
    for (const m of JSON.stringify(rest).matchAll(/\b((?:secrets|vars)\.[A-Za-z0-9_]+)\s*\|\|/g)) {
      problems.push(`${where}: ${m[1]} falls back to a default with ||; take it only from the repository, and skip the job when it is not set.`);
    }
    for (const step of steps) {
      if (typeof step.uses === "string" && step.uses.startsWith("pulumi/actions@")) {
        const withs = step.with || {};
        if ("command" in withs && !("upsert" in withs))
          problems.push(`${where}: the pulumi/actions step does not set upsert; say whether it may create the stack (docs/plan.md).`);
        const version = /^\^?([0-9]+\.[0-9]+\.[0-9]+)$/.exec(String(withs["pulumi-version"] ?? ""));
        if (!version || compareVersions(version[1], minimumCli) < 0) {
          problems.push(
            `${where}: the pulumi/actions step's pulumi-version is ${JSON.stringify(withs["pulumi-version"] ?? null)}; ask for ^${minimumCli} or newer, the CLI the program accepts.`,
          );
        }
      }
    }
    if (!gate) {
      if (used.some((r) => r.startsWith("secrets."))) {
        problems.push(`${where} uses ${used.join(", ")} but has no gate: add a job env variable that checks each is set, and run its steps only behind it.`);
      }
      continue;
    }
    for (const term of gate.malformed)
      problems.push(`${where}.env.${gate.name}: ${JSON.stringify(term)} is not a "secrets.NAME != ''" or "vars.NAME != ''" check.`);
    for (const ref of used.filter((r) => !gate.terms.includes(r))) {
      problems.push(`${where} uses ${ref}, which its gate ${gate.name} does not check: a repository without it would run the job instead of skipping it.`);
    }
    const behind = new RegExp(`env\\.${gate.name}\\s*==\\s*'true'`);
    const skipNotice = new RegExp(`^env\\.${gate.name}\\s*!=\\s*'true'$`);
    // A job that runs a Pulumi command against the cloud skips whole; in any other gated job (one that
    // only reads a stack's state when it can) the steps that handle a secret are the ones held behind the gate.
    const runsInCloud = steps.some((/** @type {any} */ s) => typeof s.uses === "string" && s.uses.startsWith("pulumi/actions@") && "command" in (s.with || {}));
    steps.forEach((/** @type {any} */ step, /** @type {number} */ i) => {
      const condition = typeof step.if === "string" ? step.if.trim() : "";
      if (!runsInCloud && !/\bsecrets\./.test(JSON.stringify(step))) return;
      if (!behind.test(condition) && !skipNotice.test(condition)) {
        problems.push(`${where}.steps[${i}] (${step.name || step.uses || "run"}) runs without checking ${gate.name}: add if: env.${gate.name} == 'true'.`);
      }
    });
  }
  return problems;
}

/**
 * @param {string} dir
 * @returns {{ files: string[], problems: string[] }}
 */
function lintWorkflows(dir) {
  const files = fs.existsSync(dir)
    ? fs
        .readdirSync(dir)
        .filter((f) => /\.ya?ml$/.test(f))
        .sort()
    : [];
  /** @type {string[]} */
  const problems = [];
  const minimumCli = minimumPulumiCli();
  for (const file of files) {
    const text = fs.readFileSync(path.join(dir, file), "utf8");
    const state = validateWorkflow(text);
    for (const e of state.errors) {
      const where = "path" in e && e.path ? `${e.path}: ` : "";
      problems.push(`${file}: ${where}${e.title}${e.detail ? ` (${e.detail})` : ""}`);
    }
    if (state.errors.length === 0) problems.push(...jobProblems(file, text, minimumCli));
  }
  return { files, problems };
}

module.exports = { lintWorkflows, jobProblems, minimumPulumiCli };

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
