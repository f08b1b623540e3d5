import { execFileSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { startPackProcess } from "../../offline/analyzer/process";
import { packStartOptions } from "../../offline/run/policyCheck";

/**
 * The pack starts as JavaScript built from its TypeScript (policies/build.js), and only while that
 * build matches the sources: an edited source must never run as its stale build. Checked on a copy of
 * the pack inside the repository (so the copy resolves TypeScript from the repository's node_modules).
 */
const PACK = path.resolve(__dirname, "..", "..", "policies");
const SCRATCH = path.resolve(__dirname, "..", "..", "node_modules", ".cache");

function copyPack(): string {
  fs.mkdirSync(SCRATCH, { recursive: true });
  const dir = fs.mkdtempSync(path.join(SCRATCH, "pack-build-"));
  fs.cpSync(PACK, dir, { recursive: true, filter: (src) => !/[\\/](node_modules|bin)$/.test(src) });
  return dir;
}

// eslint-disable-next-line @typescript-eslint/no-require-imports
const buildOf = (dir: string) => require(path.join(dir, "build.js")) as { isBuilt(): boolean };

describe("the policy pack's compiled start", () => {
  const dir = copyPack();
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  test("package.json's main is the entry that picks the build or the sources", () => {
    expect(JSON.parse(fs.readFileSync(path.join(PACK, "package.json"), "utf8")).main).toBe("main.js");
  });

  test("builds bin/ from every source, then counts as built until a source changes", () => {
    const state = () => (buildOf(dir).isBuilt() ? "starts from bin/" : "starts from its TypeScript");
    const states = [state()];
    execFileSync(process.execPath, [path.join(dir, "build.js")], { cwd: dir });
    const sources = (sub: string, ext: string): string[] =>
      fs
        .readdirSync(path.join(dir, sub), { withFileTypes: true })
        .flatMap((e) =>
          e.isDirectory()
            ? ["node_modules", "bin"].includes(e.name)
              ? []
              : sources(path.join(sub, e.name), ext)
            : e.name.endsWith(ext)
              ? [path.join(sub, e.name).replace(/\.(ts|js)$/, "")]
              : [],
        );
    expect(
      sources("bin", ".js")
        .map((f) => path.relative("bin", f))
        .sort(),
    ).toEqual(sources("", ".ts").sort());
    states.push(state());
    fs.appendFileSync(path.join(dir, "lib", "values.ts"), "\n// edited\n");
    states.push(state());
    expect(states).toEqual(["starts from its TypeScript", "starts from bin/", "starts from its TypeScript"]);
  });
});

/**
 * Pulumi's runner registers ts-node, and reads tsconfig.json with TypeScript, before it requires any
 * pack. The offline plan's packs make that registration when the first TypeScript file is required
 * (scripts/deferredTsNode.js): a built pack never loads the compiler, and a pack that runs from its
 * sources is compiled and type-checked with the options the runner gives plus its tsconfig.json's.
 */
describe("the compiler in the offline plan's pack", () => {
  const REPO = path.resolve(__dirname, "..", "..");
  const probeDir = fs.mkdtempSync(path.join(SCRATCH, "pack-probe-"));
  const probe = path.join(probeDir, "probe.js");
  const loaded = path.join(probeDir, "loaded.json");
  // The compiler's modules the pack has loaded (not its package.json, which lazyModule.js reads), written when it is stopped (the CLI sends SIGTERM).
  fs.writeFileSync(
    probe,
    `process.on("SIGTERM", () => {
  const compiler = Object.keys(require.cache).filter((f) => /[\\/](typescript|ts-node[^\\/]*)[\\/].*\\.js$/.test(f)).map((f) => f.includes("ts-node") ? "ts-node" : "typescript");
  require("fs").writeFileSync(${JSON.stringify(loaded)}, JSON.stringify([...new Set(compiler)].sort()));
  process.exit(0);
});
`,
  );
  // ts-node compiles nothing under node_modules, so a pack copied to run from its sources lives in the repository.
  const sources = fs.mkdtempSync(path.join(REPO, ".pack-sources-"));
  afterAll(() => {
    fs.rmSync(probeDir, { recursive: true, force: true });
    fs.rmSync(sources, { recursive: true, force: true });
  });

  const start = (packDir: string) =>
    startPackProcess({ ...packStartOptions({ packDir, project: "p", stack: "s", stackConfig: {} }), packDir, env: { NODE_OPTIONS: `--require ${probe}` } });

  test("a built pack starts without loading TypeScript or ts-node", async () => {
    const pack = await start(PACK);
    await pack.stop();
    expect(JSON.parse(fs.readFileSync(loaded, "utf8"))).toEqual([]);
  });

  test("a pack run from its sources is type-checked with its tsconfig.json's options, as the runner registers ts-node", async () => {
    fs.cpSync(PACK, sources, { recursive: true, filter: (src) => !/[\\/](node_modules|bin)$/.test(src) });
    // An implicit any is an error only under tsconfig.json's "strict", which the runner's own options leave out.
    fs.appendFileSync(path.join(sources, "lib", "values.ts"), "\nexport const untyped = (a) => a;\n");
    const failed = await start(sources).then(
      async (pack) => (await pack.stop(), "started"),
      (e: Error) => e.message,
    );
    expect(failed).toMatch(
      /policy pack exited \(code 32, signal null\) before printing its port\n[^]*lib\/values\.ts\(\d+,\d+\): error TS7006: Parameter 'a' implicitly has an 'any' type/,
    );
  });
});
