import { execFileSync } from "child_process";
import * as fs from "fs";
import * as path from "path";

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
