import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { parseArgs } from "../../offline/inputs/args";
import { PlanInputError } from "../../offline/report/errors";
import { readPolicyPackConfig } from "../../offline/inputs/policyPackConfig";
import { readProjectFile } from "../../offline/inputs/projectFile";
import { resolveStackSettings } from "../../offline/inputs/stackSettings";

const REPO = path.resolve(__dirname, "..", "..");

/** A project directory with the repository's Pulumi.yaml and the given stack file. */
function projectWith(stackYaml: string, stack = "dev"): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "plan-config-"));
  fs.copyFileSync(path.join(REPO, "Pulumi.yaml"), path.join(dir, "Pulumi.yaml"));
  fs.writeFileSync(path.join(dir, `Pulumi.${stack}.yaml`), stackYaml);
  return dir;
}

function settings(dir: string, overrides: Array<{ key: string; value: string }> = [], stack = "dev") {
  return resolveStackSettings(dir, readProjectFile(dir), stack, overrides);
}

function failure(run: () => unknown): Error {
  try {
    run();
  } catch (err) {
    return err as Error;
  }
  throw new Error("expected an error");
}

const BASE = "config:\n  oci:region: ap-tokyo-1\n  oke-quick-create:compartmentId: ocid1.compartment.oc1..x\n  oke-quick-create:kubernetesVersion: v1.33.1\n";

describe("stack configuration, read as the CLI does", () => {
  test("the dev stack gets every declared default under the project namespace", () => {
    const s = settings(REPO);
    expect(s.project).toBe("oke-quick-create");
    expect(s.config["oke-quick-create:nodeCount"]).toBe("3");
    expect(s.config["oke-quick-create:endpointPublic"]).toBe("true");
    expect(s.config["oke-quick-create:nodeShape"]).toBe("VM.Standard.E4.Flex");
    expect(s.config["oci:region"]).toBe("ap-tokyo-1");
    expect(s.secretKeys).toEqual([]);
  });

  test("--config bare keys land in the project namespace, provider keys stay as given, later ones win", () => {
    const s = settings(REPO, [
      { key: "nodeCount", value: "5" },
      { key: "oci:region", value: "us-ashburn-1" },
      { key: "nodeCount", value: "6" },
    ]);
    expect(s.config["oke-quick-create:nodeCount"]).toBe("6");
    expect(s.config["oci:region"]).toBe("us-ashburn-1");
    expect(s.config.nodeCount).toBeUndefined();
  });

  test("declared types are checked for stack file values and overrides alike", () => {
    const fromFile = failure(() => settings(projectWith(BASE + "  oke-quick-create:nodeCount: three\n")));
    expect(fromFile).toBeInstanceOf(PlanInputError);
    expect(fromFile.message).toContain("'nodeCount' must be of type 'integer'");
    expect(fromFile.message).toContain("Pulumi.dev.yaml");
    const fromFlag = failure(() => settings(REPO, [{ key: "endpointPublic", value: "yes" }]));
    expect(fromFlag.message).toContain("'endpointPublic' must be of type 'boolean'");
    expect(fromFlag.message).toContain('"yes"');
  });

  test("a YAML boolean or number in the stack file becomes the string the engine passes", () => {
    const s = settings(projectWith(BASE + "  oke-quick-create:workersPublic: true\n  oke-quick-create:nodeCount: 4\n"));
    expect(s.config["oke-quick-create:workersPublic"]).toBe("true");
    expect(s.config["oke-quick-create:nodeCount"]).toBe("4");
  });

  test("a secure value the plan cannot decrypt is reported as such, not as an invalid value", () => {
    const dir = projectWith(BASE + "  oke-quick-create:sshPublicKey:\n    secure: v1:abc:ZGVhZGJlZWY=\n");
    const err = failure(() => settings(dir));
    expect(err).toBeInstanceOf(PlanInputError);
    expect(err.message).toBe(
      "Stack 'dev' sets 'sshPublicKey' as a secure value (in Pulumi.dev.yaml), which cannot be decrypted without the stack's secrets provider: pass the value for this plan with --config sshPublicKey=<value> (it stays secret in the output), or run `pulumi preview` where the provider is available.",
    );
    expect(err.message).not.toContain("ZGVhZGJlZWY");
    const region = projectWith(
      "config:\n  oci:region:\n    secure: v1:abc:eHl6\n  oke-quick-create:compartmentId: ocid1.compartment.oc1..x\n  oke-quick-create:kubernetesVersion: v1.33.1\n",
    );
    expect(failure(() => settings(region)).message).toMatch(
      /^Stack 'dev' sets 'oci:region' as a secure value .*cannot be decrypted without the stack's secrets provider/,
    );
  });

  test("a secure value given with --config reaches the program and stays secret; provider secrets are not needed offline", () => {
    const dir = projectWith(BASE + "  oke-quick-create:nodeCount:\n    secure: v1:abc:ZGVhZGJlZWY=\n  oci:privateKey:\n    secure: v1:abc:cHJpdmF0ZQ==\n");
    const s = settings(dir, [{ key: "nodeCount", value: "4" }]);
    expect(s.config["oke-quick-create:nodeCount"]).toBe("4");
    expect(s.secretKeys).toEqual(["oci:privateKey", "oke-quick-create:nodeCount"]);
    expect(s.config["oci:privateKey"]).toBe("[secret]");
    expect(JSON.stringify(s.config)).not.toContain("ZGVhZGJlZWY");
    expect(failure(() => settings(dir, [{ key: "nodeCount", value: "four" }])).message).toContain("must be of type 'integer'");
  });

  test("a project-namespace key Pulumi.yaml does not declare is an error naming the key", () => {
    const err = failure(() => settings(projectWith(BASE + "  oke-quick-create:nodeCuont: 3\n")));
    expect(err).toBeInstanceOf(PlanInputError);
    expect(err.message).toContain('"nodeCuont"');
    expect(err.message).toContain("did you mean nodeCount?");
    expect(err.message).toContain("does not declare");
    expect(failure(() => settings(REPO, [{ key: "nodeCuont", value: "3" }])).message).toContain("--config nodeCuont");
  });

  test("a missing stack file is one sentence naming the file", () => {
    const err = failure(() => settings(REPO, [], "nosuchstack"));
    expect(err).toBeInstanceOf(PlanInputError);
    expect(err.message).toContain("Pulumi.nosuchstack.yaml");
  });
});

describe("command line", () => {
  test("flags take values separately or with =, --config repeats", () => {
    const a = parseArgs(["--stack=prod", "--config", "nodeCount=5", "--config", "oci:region=us-ashburn-1", "--preview", "--json", "p.json", "--diagram=p.svg"]);
    expect(a).toMatchObject({ stack: "prod", preview: true, json: "p.json", diagram: "p.svg" });
    expect(a.config).toEqual([
      { key: "nodeCount", value: "5" },
      { key: "oci:region", value: "us-ashburn-1" },
    ]);
    expect(parseArgs([]).stack).toBe("dev");
  });

  test("mistakes are one sentence naming the flag", () => {
    expect(failure(() => parseArgs(["--config", "nodeCount"])).message).toContain("is not KEY=VALUE");
    expect(failure(() => parseArgs(["--stak", "dev"])).message).toContain('Unknown option "--stak"');
    expect(failure(() => parseArgs(["--json"])).message).toContain("--json needs a value");
  });

  test("--policy-pack-config rejects an unknown enforcement level with the policy's name", () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "plan-ppc-")), "ppc.json");
    fs.writeFileSync(file, JSON.stringify({ all: "advisory", "node-pool-minimum-size": { enforcementLevel: "strict" } }));
    const err = failure(() => readPolicyPackConfig(file));
    expect(err).toBeInstanceOf(PlanInputError);
    expect(err.message).toContain("node-pool-minimum-size");
    expect(err.message).toContain("strict");
    fs.writeFileSync(file, JSON.stringify({ all: "advisory" }));
    expect(readPolicyPackConfig(file)).toEqual({ all: "advisory" });
  });
});
