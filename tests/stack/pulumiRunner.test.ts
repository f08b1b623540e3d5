import { execFileSync } from "child_process";
import * as path from "path";

const root = path.resolve(__dirname, "..", "..");

/**
 * `pulumi up` loads index.ts through @pulumi/pulumi's own runner (cmd/run), which type-checks with ts-node
 * unless tsconfig's `noCheck` says otherwise. That costs ~10 s and ~800 MB on every run, so guard it.
 */
test("the Pulumi CLI's runner loads the program transpile-only", () => {
  const script = `
    const tsutils = require("@pulumi/pulumi/tsutils");
    const options = tsutils.loadTypeScriptCompilerOptions("tsconfig.json");
    const { tsnodeRequire, typescriptRequire } = tsutils.typeScriptRequireStrings();
    require(tsnodeRequire).register({ compiler: typescriptRequire, transpileOnly: options.noCheck, project: "tsconfig.json",
      compilerOptions: { target: "ES2020", module: "nodenext", moduleResolution: "nodenext", ...options } });
    const program = require("./index.ts");
    process.stdout.write(JSON.stringify({ transpileOnly: options.noCheck, exported: typeof program }));`;
  const out = JSON.parse(execFileSync(process.execPath, ["-e", script], { cwd: root, encoding: "utf8" }));
  expect(out).toEqual({ transpileOnly: true, exported: "function" });
});
