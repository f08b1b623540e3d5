import { execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { parseArgs, USAGE } from "../../offline/inputs/args";
import { DIAGRAM_FORMATS } from "../../offline/inputs/outputPaths";
import { checkOutputPath } from "../../offline/inputs/outputPaths";
import { PlanInputError } from "../../offline/report/errors";
import { localPackPolicies } from "../../offline/inputs/policyConfigCheck";
import { POLICY_PACK_NAME } from "../../policies/contract";
import { readPolicyPackConfig } from "../../offline/inputs/policyPackConfig";
import { summaryLine } from "../../offline/report/textReport";

// Everything the user hands the plan is checked before the program or the pack starts: one sentence,
// exit 2, in milliseconds.

const DIR = fs.mkdtempSync(path.join(os.tmpdir(), "plan-inputs-"));
afterAll(() => fs.rmSync(DIR, { recursive: true, force: true }));

function failure(run: () => unknown): PlanInputError {
  try {
    run();
  } catch (err) {
    expect(err).toBeInstanceOf(PlanInputError);
    const message = (err as Error).message;
    expect(message.split("\n")).toHaveLength(1);
    expect(message).toMatch(/[.?]$/);
    return err as PlanInputError;
  }
  throw new Error("expected a refusal");
}

const PACK = { name: POLICY_PACK_NAME, policies: localPackPolicies() };

function configFile(content: unknown): string {
  const file = path.join(DIR, `ppc-${Math.random().toString(36).slice(2)}.json`);
  fs.writeFileSync(file, JSON.stringify(content));
  return file;
}

describe("--policy-pack-config against the pack's own policies", () => {
  it("names the policy and property of a wrong type, as the CLI's schema check would refuse it", () => {
    const file = configFile({ "node-pool-boot-volume-image-default": { allowedBootVolumeSizeInGbs: 100 } });
    expect(failure(() => readPolicyPackConfig(file, PACK)).message).toBe(
      `--policy-pack-config ${file}: policy "node-pool-boot-volume-image-default": allowedBootVolumeSizeInGbs must be a string, got 100 (write "100").`,
    );
    const minimum = configFile({ "node-pool-minimum-size": { minimumNodes: "3" } });
    expect(failure(() => readPolicyPackConfig(minimum, PACK)).message).toContain('"node-pool-minimum-size": minimumNodes must be an integer, got "3"');
  });

  it("refuses an unknown property, listing the ones the policy takes", () => {
    const file = configFile({ "node-pool-boot-volume-image-default": { allowedBootVolumeSize: "100" } });
    expect(failure(() => readPolicyPackConfig(file, PACK)).message).toBe(
      `--policy-pack-config ${file}: policy "node-pool-boot-volume-image-default" has no property "allowedBootVolumeSize"; it takes "allowedBootVolumeSizeInGbs" (the Pulumi CLI would silently ignore it).`,
    );
  });

  it("refuses an unknown policy name, suggesting the close one", () => {
    const file = configFile({ "node-pool-minimum-sizes": "advisory" });
    expect(failure(() => readPolicyPackConfig(file, PACK)).message).toBe(
      `--policy-pack-config ${file}: pack oke-quick-create has no policy "node-pool-minimum-sizes"; did you mean "node-pool-minimum-size" (the Pulumi CLI would silently ignore it).`,
    );
    expect(failure(() => readPolicyPackConfig(configFile({ "no-such-thing-at-all": "advisory" }), PACK)).message).toContain(
      "docs/policies.md lists the policies",
    );
  });

  it("applies the schema's other rules with the CLI's wording", () => {
    const file = configFile({ "node-pool-boot-volume-image-default": { allowedBootVolumeSizeInGbs: "big" } });
    expect(failure(() => readPolicyPackConfig(file, PACK)).message).toBe(
      `--policy-pack-config ${file}: validating policy config: node-pool-boot-volume-image-default: allowedBootVolumeSizeInGbs: Does not match pattern '^([0-9]+)?$'.`,
    );
  });

  it("accepts levels, `all` and correctly typed properties", () => {
    const good = { all: "advisory", "node-pool-boot-volume-image-default": { enforcementLevel: "mandatory", allowedBootVolumeSizeInGbs: "100" } };
    expect(readPolicyPackConfig(configFile(good), PACK)).toEqual(good);
    expect(failure(() => readPolicyPackConfig(configFile({ all: { minimumNodes: 1 } }), PACK)).message).toContain('"all" takes only an enforcement level');
  });

  it("reads only a regular file, so a FIFO never blocks the plan", () => {
    const fifo = path.join(DIR, "fifo.json");
    execFileSync("mkfifo", [fifo]);
    expect(failure(() => readPolicyPackConfig(fifo, PACK)).message).toMatch(/is a pipe, not a regular file/);
  });
});

describe("output paths are checked before the run", () => {
  it.each([
    ["--json", path.join(DIR, "missing", "plan.json"), /the folder .*missing does not exist/],
    ["--diagram", DIR, /is a directory; name a file inside it/],
    ["--json", "/dev/null", /not a regular file/],
  ])("%s %s is refused", (flag, file, sentence) => {
    expect(failure(() => checkOutputPath(flag, file)).message).toMatch(sentence);
  });

  it("refuses an existing file that cannot be written", () => {
    const file = path.join(DIR, "readonly.json");
    fs.writeFileSync(file, "{}");
    fs.chmodSync(file, 0o444);
    // root can write anything; the check is then rightly silent.
    if (process.getuid?.() === 0) return expect(() => checkOutputPath("--json", file)).not.toThrow();
    expect(failure(() => checkOutputPath("--json", file)).message).toMatch(/exists and cannot be written/);
  });

  it("accepts a new file in an existing folder and an existing writable file", () => {
    expect(() => checkOutputPath("--json", path.join(DIR, "new.json"))).not.toThrow();
    fs.writeFileSync(path.join(DIR, "old.json"), "{}");
    expect(() => checkOutputPath("--json", path.join(DIR, "old.json"))).not.toThrow();
  });
});

describe("flags", () => {
  it.each(["../dev", "/etc/passwd", "dev/../../x", "a b", "x".repeat(101), ".."])("--stack %j is not a stack name", (stack) => {
    expect(failure(() => parseArgs(["--stack", stack])).message).toMatch(/is not a stack name: use 1 to 100 letters/);
  });

  it("takes a plain or org/project qualified stack name", () => {
    expect(parseArgs(["--stack", "prod.eu_1"]).stack).toBe("prod.eu_1");
    expect(parseArgs(["--stack", "acme/oke-quick-create/prod"]).stack).toBe("prod");
  });

  it("--help lists every flag the parser takes, once, and the list syntax of --config", () => {
    for (const flag of ["--stack", "--config", "--policy-pack-config", "--preview", "--json", "--diagram", "--deployed", "--help"]) {
      expect(USAGE.match(new RegExp(`^  ${flag} `, "gm"))).toHaveLength(1);
      if (flag !== "--help") expect(() => parseArgs(flag === "--preview" ? [flag] : [flag, "x=y"])).not.toThrow(/Unknown option/);
    }
    expect(USAGE).toContain(`--config 'bastionClientCidrs=["203.0.113.0/24"]'`);
    expect(USAGE).toContain("2 invalid flag, config or file, or program error");
  });

  it("--help lists every diagram format", () => {
    for (const ext of DIAGRAM_FORMATS) expect(USAGE).toContain(ext);
  });

  it("the summary says 1 mandatory violation, 2 mandatory violations", () => {
    expect(summaryLine({ resources: 1, mandatory: 1, advisory: 0 })).toBe("1 resource, 1 mandatory violation, 0 advisory");
    expect(summaryLine({ resources: 19, mandatory: 2, advisory: 1 })).toBe("19 resources, 2 mandatory violations, 1 advisory");
  });
});
