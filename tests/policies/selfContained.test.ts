import * as fs from "fs";
import * as path from "path";

/**
 * `pulumi policy publish` uploads policies/ alone, so the pack may import only its own files and its
 * own dependencies. scripts/checkPackedPack.js proves the packed pack works (in CI, it installs
 * packages); this catches a stray import in a second.
 */
const PACK = path.resolve(__dirname, "..", "..", "policies");

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === "node_modules" ? [] : sources(full);
    return entry.name.endsWith(".ts") ? [full] : [];
  });
}

function importsOf(file: string): string[] {
  const text = fs.readFileSync(file, "utf8");
  return [...text.matchAll(/(?:^|\n)\s*(?:import|export)[^;]*?from\s+"([^"]+)"|require\("([^"]+)"\)/g)].map((m) => m[1] ?? m[2]);
}

describe("the policy pack can be published on its own", () => {
  const files = sources(PACK);
  const dependencies = Object.keys(JSON.parse(fs.readFileSync(path.join(PACK, "package.json"), "utf8")).dependencies);

  it("imports nothing from outside policies/ but its declared dependencies", () => {
    const strays = files.flatMap((file) =>
      importsOf(file)
        .filter((spec) =>
          spec.startsWith(".")
            ? !path.resolve(path.dirname(file), spec).startsWith(PACK + path.sep)
            : !dependencies.some((d) => spec === d || spec.startsWith(`${d}/`)),
        )
        .map((spec) => `${path.relative(PACK, file)} imports ${spec}`),
    );
    expect(strays).toEqual([]);
  });

  it("keeps the Quick Create contract free of any package, so the program can load it too", () => {
    const contract = files.filter((file) => file.startsWith(path.join(PACK, "contract") + path.sep));
    expect(contract.map((file) => path.relative(PACK, file))).toContain(path.join("contract", "index.ts"));
    const packages = contract.flatMap((file) =>
      importsOf(file)
        .filter((spec) => !spec.startsWith("./"))
        .map((spec) => `${path.relative(PACK, file)} imports ${spec}`),
    );
    expect(packages).toEqual([]);
  });

  it("declares every file it needs in its package's files list", () => {
    const { files: listed } = JSON.parse(fs.readFileSync(path.join(PACK, "package.json"), "utf8")) as { files: string[] };
    const covered = (rel: string) =>
      listed.some(
        (pattern) =>
          (pattern.includes("/") ? path.dirname(rel) === path.dirname(pattern) : !rel.includes("/")) &&
          (pattern.endsWith("*.ts") ? rel.endsWith(".ts") : rel === pattern),
      );
    const needed = [...files.map((file) => path.relative(PACK, file).split(path.sep).join("/")), "PulumiPolicy.yaml", "tsconfig.json"];
    expect(needed.filter((rel) => !covered(rel))).toEqual([]);
  });
});
