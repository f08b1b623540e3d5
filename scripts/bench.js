#!/usr/bin/env node
// `npm run bench`: how fast the offline plan and the policy pack start, measured with public tools
// (hyperfine for wall time, GNU time for peak memory) and printed as ratios to the floor every Pulumi
// Node.js program pays, `node -e 'require("@pulumi/pulumi")'`. Ratios stay comparable on a busy or
// slow machine where absolute times do not. Not part of `npm test` or CI: it takes about two minutes,
// one of them `npm test` itself (BENCH_TEST=0 leaves it out).
"use strict";
const { spawnSync } = require("child_process");
const fs = require("fs");
const os = require("os");
const path = require("path");

const ROOT = path.resolve(__dirname, "..");
const ROUNDS = Number(process.env.BENCH_ROUNDS || 5);
const RUNS = Number(process.env.BENCH_RUNS || 3);
const PACK_RUNS = Number(process.env.BENCH_PACK_RUNS || 5);

/** @param {string} sentence @returns {never} */
function fail(sentence) {
  process.stderr.write(`${sentence}\n`);
  process.exit(1);
}

/** @param {string} command @param {string[]} args */
function has(command, args) {
  const r = spawnSync(command, args, { stdio: "ignore" });
  return !r.error && r.status === 0;
}

if (!has("hyperfine", ["--version"])) {
  fail("npm run bench needs hyperfine, which is not installed: apt-get install hyperfine");
}
if (!has("/usr/bin/time", ["-v", "true"])) {
  fail("npm run bench needs GNU time at /usr/bin/time, which is not installed: apt-get install time");
}

const FLOOR = `node -e 'require("@pulumi/pulumi")'`;
const START = "npm start";
/** npm and the plan's entry point with nothing to do: what `npm start` pays before it can spawn the pack. */
const ENTRY = "npm start -- --help";

/** Median seconds of each command, from hyperfine's JSON export. */
/** @param {string[]} commands @returns {{ median: number, user: number, system: number }[]} */
function hyperfine(commands) {
  const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "oke-bench-")), "hyperfine.json");
  const r = spawnSync("hyperfine", ["-w", "1", "-r", String(RUNS), "--style", "none", "--export-json", out, ...commands], {
    cwd: ROOT,
    stdio: ["ignore", "inherit", "inherit"],
  });
  if (r.status !== 0) {
    fail(`hyperfine exited with status ${r.status}: run "${commands.join('" and "')}" by hand to see why.`);
  }
  const { results } = JSON.parse(fs.readFileSync(out, "utf8"));
  fs.rmSync(path.dirname(out), { recursive: true, force: true });
  return results.map((/** @type {{ median: number, user: number, system: number }} */ x) => ({ median: x.median, user: x.user, system: x.system }));
}

/** Peak resident set of the largest process `command` runs (GNU time reports the biggest child). */
/** @param {string} command */
function peakRssMb(command) {
  const r = spawnSync("/usr/bin/time", ["-v", "sh", "-c", `${command} >/dev/null 2>&1`], { cwd: ROOT, encoding: "utf8" });
  const m = /Maximum resident set size \(kbytes\): (\d+)/.exec(r.stderr);
  if (!m) {
    return fail(`/usr/bin/time printed no peak memory for "${command}".`);
  }
  return Number(m[1]) / 1024;
}

/**
 * The pack started as the plan starts it (offline/run/policyCheck.ts's packStartOptions: the CLI's
 * policy runner, PULUMI_* environment, @pulumi/pulumi's unused tooling loaded lazily), timed from the spawn to the answer of the first Analyze call, which is when a preview first hears
 * from it. Each run is a fresh process; the median is printed.
 */
async function packFirstAnswerMs() {
  require("./registerTs");
  const { startPolicyPack, makeUrn, DEFAULT_PACK_DIR } = require("../offline/analyzer");
  const { packStartOptions } = require("../offline/run/policyCheck");
  const { ADDRESS_PLAN, PROJECT_NAME } = require("../policies/contract");
  const record = {
    urn: makeUrn("dev", PROJECT_NAME, "oci:Core/vcn:Vcn", "bench-vcn"),
    type: "oci:Core/vcn:Vcn",
    name: "bench-vcn",
    inputs: { cidrBlocks: [ADDRESS_PLAN.vcnCidr], displayName: "bench-vcn" },
    dependencies: [],
  };
  const times = [];
  for (let i = 0; i < PACK_RUNS; i++) {
    const startedAt = process.hrtime.bigint();
    const session = await startPolicyPack(packStartOptions({ packDir: DEFAULT_PACK_DIR, project: PROJECT_NAME, stack: "dev", stackConfig: {} }));
    try {
      await session.configure();
      await session.configureStack({ project: PROJECT_NAME, stack: "dev", dryRun: true });
      await session.analyze(record);
      times.push(Number(process.hrtime.bigint() - startedAt) / 1e6);
    } finally {
      await session.close();
    }
  }
  return median(times);
}

/**
 * `npm test` once (the whole suite, its own CPU and its children's, by GNU time), between two
 * timings of the floor: the suite takes most of a minute, over which the machine's speed drifts, so
 * the floor is the mean of the medians just before and just after it.
 */
function testRun() {
  const before = hyperfine([FLOOR])[0];
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "oke-bench-"));
  const out = path.join(dir, "time.txt");
  const r = spawnSync("/usr/bin/time", ["-o", out, "-f", "%e %U %S", "npm", "test", "--silent"], { cwd: ROOT, stdio: "ignore" });
  const [wall, user, system] = (fs.readFileSync(out, "utf8").trim().split("\n").pop() ?? "").split(" ").map(Number);
  fs.rmSync(dir, { recursive: true, force: true });
  if (r.status !== 0) {
    fail(`npm test exited with status ${r.status}: run it by hand to see why; a failing suite is not timed.`);
  }
  const after = hyperfine([FLOOR])[0];
  return { wall, cpu: user + system, floor: (before.median + after.median) / 2, floorCpu: (before.user + before.system + after.user + after.system) / 2 };
}

/** @param {number[]} values */
function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

async function main() {
  // Short rounds, each timing the floor beside the plan: this machine's speed drifts by a third within
  // a minute, so a ratio is taken within a round and the rounds' median reported.
  /** @type {ReturnType<typeof hyperfine>[]} */
  const rounds = [];
  for (let i = 0; i < ROUNDS; i++) rounds.push(hyperfine([FLOOR, START, ENTRY]));
  const ratios = rounds.map(([f, st]) => st.median / f.median);
  const pick = (/** @type {number} */ k) => {
    const sorted = [...rounds].sort((a, b) => a[1].median / a[0].median - b[1].median / b[0].median);
    return sorted[Math.floor(sorted.length / 2)][k];
  };
  const [floor, start, entry] = [pick(0), pick(1), pick(2)];
  const rss = peakRssMb(START);
  const pack = await packFirstAnswerMs();
  const test = process.env.BENCH_TEST === "0" ? undefined : testRun();
  const s = (/** @type {number} */ x) => `${x.toFixed(3)} s`;
  const cpu = (/** @type {{ user: number, system: number }} */ x) => `${(x.user + x.system).toFixed(2)} s CPU`;
  process.stdout.write(
    [
      "",
      `floor     ${FLOOR}: median ${s(floor.median)} (mean ${cpu(floor)})`,
      `npm start median ${s(start.median)} (mean ${cpu(start)}): ${(start.median / floor.median).toFixed(2)}× the floor (target ≤ 2.00×; ` +
        `rounds ${ratios
          .map((r) => r.toFixed(2))
          .sort()
          .join(", ")})`,
      `npm start peak RSS ${rss.toFixed(0)} MB (largest process)`,
      `policy pack start to first Analyze answer: median ${s(pack / 1000)} of ${PACK_RUNS}, ${(pack / 1000 / floor.median).toFixed(2)}× the floor`,
      // A plan cannot answer before npm has started it and its pack has given its first answer.
      `${ENTRY} median ${s(entry.median)}; with the pack's first answer ${s(entry.median + pack / 1000)}: ` +
        `${((entry.median + pack / 1000) / floor.median).toFixed(2)}× the floor before the plan does any work of its own`,
      ...(test
        ? [
            `npm test ${s(test.wall)} (${test.cpu.toFixed(1)} s CPU): ${(test.wall / test.floor).toFixed(1)}× the floor around it (${s(test.floor)}; target ≤ 27×), ` +
              `CPU ${(test.cpu / test.floorCpu).toFixed(1)}× the floor's`,
          ]
        : []),
      "",
    ].join("\n"),
  );
  process.exit(0);
}

main().catch((err) => fail(`bench failed: ${err && err.message ? err.message.split("\n")[0] : String(err)}`));
