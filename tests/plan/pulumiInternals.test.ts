import { execFileSync, spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

/**
 * offline/pulumiInternals.js is the one module that reaches into @pulumi/pulumi's and @pulumi/policy's
 * private parts. Each check runs in a fresh node whose module cache reports another installed version
 * of one package, as after an upgrade that forgot the adapter.
 */
const REPO = path.resolve(__dirname, "..", "..");
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "pulumi-internals-"));
afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }));

/** A preload that makes `name` report `version` as installed. */
function installedAs(name: string, version: string): string {
  const file = path.join(scratch, `${name.replace(/\W/g, "_")}-${version}.js`);
  fs.writeFileSync(
    file,
    `const m = require.resolve(${JSON.stringify(`${name}/package.json`)}, { paths: [${JSON.stringify(REPO)}] });\n` +
      `require.cache[m] = { id: m, filename: m, loaded: true, exports: { ...require(m), version: ${JSON.stringify(version)} } };\n`,
  );
  return file;
}

/** Runs `code` in a fresh node in the repository, with `preload` required first. */
function run(preload: string | undefined, args: string[]) {
  const r = spawnSync(process.execPath, [...(preload ? ["-r", preload] : []), ...args], {
    cwd: REPO,
    encoding: "utf8",
    env: { ...process.env, CI: "true" },
    timeout: 60000,
  });
  return { status: r.status, stderr: r.stderr };
}

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { WRITTEN_FOR } = require("../../offline/pulumiInternals") as typeof import("../../offline/pulumiInternals");

describe("offline/pulumiInternals.js", () => {
  test("is written for the SDK versions package.json pins", () => {
    const pinned = JSON.parse(fs.readFileSync(path.join(REPO, "policies", "package.json"), "utf8")).dependencies;
    expect(WRITTEN_FOR).toEqual({ "@pulumi/pulumi": pinned["@pulumi/pulumi"], "@pulumi/policy": pinned["@pulumi/policy"] });
  });

  test("npm start stops with one sentence naming both versions when @pulumi/pulumi is another", () => {
    const result = run(installedAs("@pulumi/pulumi", "3.300.0"), [path.join("scripts", "plan.js")]);
    expect(result).toEqual({
      status: 2,
      stderr:
        "error: @pulumi/pulumi 3.300.0 is installed, but offline/pulumiInternals.js uses its internals as of 3.248.0: " +
        "run npm ci to install 3.248.0, or check that module against 3.300.0 and update its WRITTEN_FOR.\n",
    });
  });

  test("the policy server's handlers are refused the same way when @pulumi/policy is another", () => {
    const code = `try { require("./offline/pulumiInternals").policyServer(); } catch (e) { process.stderr.write(e.name + ": " + e.message); process.exit(3); }`;
    expect(run(installedAs("@pulumi/policy", "1.30.0"), ["-e", code])).toEqual({
      status: 3,
      stderr:
        "SdkVersionError: @pulumi/policy 1.30.0 is installed, but offline/pulumiInternals.js uses its internals as of 1.21.0: " +
        "run npm ci to install 1.21.0, or check that module against 1.30.0 and update its WRITTEN_FOR.",
    });
  });

  test("no other file names the private modules it wraps", () => {
    const tracked = execFileSync("git", ["ls-files", "offline", "scripts", "tests/helpers", "tests/policies"], { cwd: REPO, encoding: "utf8" })
      .split("\n")
      .filter((f) => /\.(ts|js)$/.test(f));
    const privateModule = /["'](@pulumi\/pulumi\/runtime\/(settings|state)|@pulumi\/policy\/server)["']|Module\._load|\._load\b/;
    const users = tracked.filter(
      (file) =>
        file !== "offline/pulumiInternals.js" && file !== path.relative(REPO, __filename) && privateModule.test(fs.readFileSync(path.join(REPO, file), "utf8")),
    );
    expect(users).toEqual([]);
  });
});
