import { execFile } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { parseArgs, USAGE } from "../../offline/inputs/args";
import { checkPolicyPackDir } from "../../offline/inputs/policyPackDir";

const REPO = path.resolve(__dirname, "..", "..");
const FIXTURE_PACK = path.join("tests", "fixtures", "policy-pack");

/** `npm start -- <args>` without npm's banner, from the repository as npm runs it. */
function plan(...args: string[]): Promise<{ status: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [path.join(REPO, "scripts", "plan.js"), ...args], { cwd: REPO, env: { ...process.env, CI: "true" } }, (err, stdout, stderr) => {
      resolve({ status: err ? Number((err as NodeJS.ErrnoException & { code: unknown }).code) : 0, stdout, stderr });
    });
  });
}

/** Folders the refusals are tried on; removed when the file is done. */
const scratch: string[] = [];
const scratchDir = (prefix: string) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  scratch.push(dir);
  return dir;
};
afterAll(() => scratch.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

const policyLines = (stdout: string) => stdout.slice(stdout.indexOf("Policies:")).trimEnd().split("\n");

describe("npm start -- --policy-pack DIR", () => {
  test("judges the program with that pack instead of policies/, as pulumi preview --policy-pack DIR does", async () => {
    const result = await plan("--policy-pack", FIXTURE_PACK);
    expect(result.stderr).toContain(`Starting policy pack ${FIXTURE_PACK}`);
    expect(policyLines(result.stdout)).toEqual([
      "Policies:",
      `    ⚠️  fixture-pack@v9.9.9 (local: ${FIXTURE_PACK})`,
      "        - [advisory]  fixture-flags-every-vcn  (oci:Core/vcn:Vcn: oke-network-vcn)",
      "          Flags every VCN, to show that this pack judged the plan.",
      "          fixture pack saw oke-network-vcn",
      "",
      "19 resources, 0 mandatory violations, 1 advisory",
    ]);
    expect(result.status).toBe(0);
  }, 60000);

  test("is parsed like the other flags, in both spellings", () => {
    expect(parseArgs(["--policy-pack", "base/policies"]).policyPack).toBe("base/policies");
    expect(parseArgs(["--policy-pack=base/policies"]).policyPack).toBe("base/policies");
    expect(parseArgs([]).policyPack).toBeUndefined();
    expect(USAGE.match(/^ {2}--policy-pack .*$/gm)).toEqual([
      "  --policy-pack DIR            run the policy pack in DIR instead of policies/, as `pulumi preview --policy-pack DIR`",
    ]);
  });

  describe("refuses, in one sentence, a folder that is not a pack", () => {
    const dir = scratchDir("policy-pack-flag-");
    const file = path.join(dir, "file.txt");
    fs.writeFileSync(file, "");
    const refusal = (value: string) => {
      try {
        checkPolicyPackDir(value);
      } catch (err) {
        return { name: (err as Error).name, message: (err as Error).message };
      }
      return undefined;
    };

    test.each([
      [
        "a missing path",
        path.join(dir, "missing"),
        `--policy-pack "${path.join(dir, "missing")}" does not exist: pass the folder that holds a pack's PulumiPolicy.yaml, such as policies.`,
      ],
      ["a file", file, `--policy-pack "${file}" is not a folder: pass the folder that holds a pack's PulumiPolicy.yaml, such as policies.`],
      [
        "a folder without PulumiPolicy.yaml",
        dir,
        `--policy-pack "${dir}" has no PulumiPolicy.yaml, so it is not a policy pack: pass the folder that holds one, such as policies.`,
      ],
    ])("%s", (_what, value, message) => {
      expect(refusal(value)).toEqual({ name: "PlanInputError", message });
    });

    test("a pack that is not installed", () => {
      const uninstalled = scratchDir("policy-pack-flag-uninstalled-");
      fs.writeFileSync(path.join(uninstalled, "PulumiPolicy.yaml"), "runtime: nodejs\n");
      expect(refusal(uninstalled)).toEqual({
        name: "PlanInputError",
        message: `--policy-pack "${uninstalled}" is not installed (@pulumi/pulumi does not resolve from it): run npm install in that folder first.`,
      });
    });

    test("exits 2 with only the sentence", async () => {
      const result = await plan("--policy-pack", dir);
      expect({ status: result.status, errors: result.stderr.split("\n").filter((l) => l.startsWith("error:")) }).toEqual({
        status: 2,
        errors: [`error: --policy-pack "${dir}" has no PulumiPolicy.yaml, so it is not a policy pack: pass the folder that holds one, such as policies.`],
      });
    });

    test("the policies/ folder itself passes", () => {
      expect(refusal("policies")).toBeUndefined();
    });
  });
});
