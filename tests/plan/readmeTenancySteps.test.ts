import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import YAML from "yaml";
import { MINIMUM_PULUMI_CLI } from "../../components/engineSupport";
import { main } from "../../offline/cli";
import { withShortStacks } from "../helpers/stack";

/**
 * The README's "Use it with a real tenancy" block, exercised offline as far as it goes: its steps come
 * in the order that works (CLI version, passphrase before `pulumi login --local`, settings, IAM before
 * the first preview and up), and its settings, written as `pulumi config set` writes them to
 * Pulumi.prod.yaml, give the IAM statements through the very command line it shows.
 */

const REPO = path.resolve(__dirname, "..", "..");
const README = fs.readFileSync(path.join(REPO, "README.md"), "utf8");
const SAMPLE_COMPARTMENT = "ocid1.compartment.oc1..aaaaaaaareadmereadmereadmereadmereadmereadmereadmereadme";

function tenancyBlock(): string[] {
  const section = README.slice(README.indexOf("## Use it with a real tenancy"));
  const block = /```sh\n([\s\S]*?)```/.exec(section);
  if (!block) throw new Error('no sh block under "Use it with a real tenancy"');
  return block[1].split("\n").filter((line) => line.trim() !== "");
}

const lines = tenancyBlock();
const commands = lines.map((line) => line.replace(/\s+#.*$/, "").trim());
const at = (start: string) => {
  const i = commands.findIndex((c) => c.startsWith(start));
  if (i < 0) throw new Error(`the README's block has no line starting ${JSON.stringify(start)}`);
  return i;
};

describe("the README's steps to a real tenancy", () => {
  it("come in the order that works", () => {
    const order = [
      "npm ci",
      "pulumi version",
      "export PULUMI_CONFIG_PASSPHRASE=",
      "pulumi login --local",
      "pulumi stack init prod",
      "pulumi config set compartmentId",
      "npm start --silent -- --stack prod --iam",
      "pulumi preview --policy-pack policies",
      "pulumi up --policy-pack policies",
      "pulumi stack output kubeconfig --show-secrets",
    ].map((start) => [start, at(start)] as const);
    expect(order.map(([start]) => start)).toEqual([...order].sort((a, b) => a[1] - b[1]).map(([start]) => start));
    // Every setting is in place before the IAM step reads them.
    expect(Math.max(...commands.map((c, i) => (c.startsWith("pulumi config set") ? i : -1)))).toBeLessThan(at("npm start"));
  });

  it("name the CLI version the program requires", () => {
    expect(lines[at("pulumi version")]).toMatch(new RegExp(`# ${MINIMUM_PULUMI_CLI.replace(/\./g, "\\.")} or newer$`));
    expect(README).toContain(`Pulumi CLI](https://www.pulumi.com/docs/install/) **${MINIMUM_PULUMI_CLI} or newer**`);
  });

  it("give the IAM statements for the stack their settings make, through the command line shown", async () => {
    const project = fs.mkdtempSync(path.join(os.tmpdir(), "readme-steps-"));
    try {
      for (const file of ["Pulumi.yaml", "index.ts"]) fs.symlinkSync(path.join(REPO, file), path.join(project, file));
      // `pulumi config set KEY VALUE` writes KEY (namespaced with the project's name when bare) to Pulumi.<stack>.yaml.
      const config: Record<string, string> = {};
      for (const command of commands.filter((c) => c.startsWith("pulumi config set "))) {
        const [key, value] = command.slice("pulumi config set ".length).replace("ocid1.compartment.oc1..<your compartment>", SAMPLE_COMPARTMENT).split(/\s+/);
        config[key.includes(":") ? key : `oke-quick-create:${key}`] = value;
      }
      fs.writeFileSync(path.join(project, "Pulumi.prod.yaml"), YAML.stringify({ config }));
      const argv = commands[at("npm start")].split(" -- ")[1].split(" > ")[0].replace("<your group>", "OKEAdmins").split(/\s+/);
      let stdout = "";
      let stderr = "";
      const quiet = { step: <T>(_label: string, work: () => Promise<T>) => work() };
      const status = await withShortStacks(() =>
        main(argv, { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t), progress: quiet, projectDir: project, env: {} }),
      );
      expect({ status, stderr }).toEqual({ status: 0, stderr: "" });
      expect(stdout.split("\n").filter((l) => l.startsWith("Allow "))[0]).toBe(
        `Allow group OKEAdmins to manage virtual-network-family in compartment id ${SAMPLE_COMPARTMENT}`,
      );
      expect(
        stdout
          .trimEnd()
          .split("\n")
          .filter((l) => !/^(#|Allow group OKEAdmins to )/.test(l)),
      ).toEqual([]);
    } finally {
      fs.rmSync(project, { recursive: true, force: true });
    }
  });
});
