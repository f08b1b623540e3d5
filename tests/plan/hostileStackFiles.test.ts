import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { readProjectFile } from "../../offline/inputs/projectFile";
import { resolveStackSettings } from "../../offline/inputs/stackSettings";
import { EXIT } from "../../offline/report/errors";
import { expectRefusal, planInProcess, projectDir } from "../helpers/hostilePlan";

// Stack files as a careless or hostile user writes them. The Pulumi CLI hands the program each
// scalar's text as written and YAML null as no value; the plan must agree, then refuse what the
// program would, in one line, without quoting a secret.

const BASE = `config:
  oci:region: ap-tokyo-1
  oke-quick-create:compartmentId: ocid1.compartment.oc1..aaaaaaaaexampleexampleexampleexampleexampleexample
  oke-quick-create:kubernetesVersion: v1.33.1
`;
const SECRET_VALUE = "s3cr3t-abcdef-0123";

interface Case {
  name: string;
  /** The stack file's text, or lines appended to BASE. */
  file: string;
  sentence: RegExp;
  argv?: string[];
}

const CASES: Case[] = [
  { name: "not YAML", file: "config: [\n", sentence: /^error: The stack file Pulumi\.s\.yaml is not valid YAML \(.*\): fix the file\.$/ },
  { name: "a list at the top", file: "- a\n- b\n", sentence: /^error: The stack file Pulumi\.s\.yaml must be a YAML mapping .*not a list\.$/ },
  { name: "config as a list", file: "config:\n  - oci:region\n", sentence: /has a config: that is not a mapping/ },
  { name: "a duplicate key", file: BASE + "  oci:region: us-ashburn-1\n", sentence: /is not valid YAML \(Map keys must be unique/ },
  {
    name: "a misspelt key",
    file: BASE + "  oke-quick-create:nodeCont: 4\n",
    sentence: /"nodeCont" \(in Pulumi\.s\.yaml\), which Pulumi\.yaml does not declare: did you mean nodeCount\?$/,
  },
  {
    name: "a wrong-case namespace",
    file: BASE + "  OKE-quick-create:nodeCount: 4\n",
    sentence: /namespaces are case-sensitive and the project's is 'oke-quick-create'/,
  },
  {
    name: "a misspelt provider key",
    file: BASE + "  oci:regoin: us-ashburn-1\n",
    sentence: /"oci:regoin" \(in Pulumi\.s\.yaml\), a key the oci provider does not read: did you mean oci:region\?$/,
  },
  { name: "an unknown namespace", file: BASE + "  aws:region: us-east-1\n", sentence: /no part of this stack reads the namespace "aws"/ },
  { name: "null for a required key", file: BASE.replace("v1.33.1", "~"), sentence: /^error: Stack 's' is missing configuration value 'kubernetesVersion'/ },
  {
    name: "a word for an integer",
    file: BASE + "  oke-quick-create:nodeCount: three\n",
    sentence: /must be of type 'integer', but Pulumi\.s\.yaml gives "three"/,
  },
  {
    name: "yes for a boolean (YAML 1.1, text to the CLI)",
    file: BASE + "  oke-quick-create:endpointPublic: yes\n",
    sentence: /must be of type 'boolean', but Pulumi\.s\.yaml gives "yes"/,
  },
  {
    name: "a secure project key",
    file: BASE + "  oke-quick-create:clusterName:\n    secure: AAABAHNlY3JldA==\n",
    sentence: /sets 'clusterName' as a secure value .* cannot be decrypted/,
  },
  {
    name: "a list holding a secure item (its ciphertext is not quoted)",
    file: BASE + "  oke-quick-create:bastionClientCidrs:\n    - 10.0.0.0/8\n    - secure: v1:Q2lwaGVydGV4dE9mQUNpZHI=\n",
    sentence: /sets 'bastionClientCidrs' as a secure value .* cannot be decrypted/,
  },
  {
    name: "a secure integer given a non-integer with --config",
    file: BASE + "  oke-quick-create:nodeCount:\n    secure: AAABAHNlY3JldA==\n",
    argv: ["--config", `nodeCount=${SECRET_VALUE}`],
    sentence: /--config nodeCount gives a secret value \(\[secret\]\)/,
  },
  { name: "a very long unknown key", file: BASE + `  oke-quick-create:${"k".repeat(1000)}: 1\n`, sentence: /"k{80}"… \(1000 characters\)/ },
  { name: "a key with an escape sequence", file: BASE + '  "oke-quick-create:node\\e[2JCount": 1\n', sentence: /"node\\u001b\[2JCount"/ },
  {
    name: "lists nested 20000 deep",
    file: BASE + `  oke-quick-create:bastionClientCidrs: ${"[".repeat(20000)}${"]".repeat(20000)}\n`,
    sentence: /nests lists or mappings deeper than any stack setting needs/,
  },
  {
    name: "aliases that expand a billion times",
    file:
      BASE +
      "  a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n" +
      Array.from({ length: 8 }, (_, i) => `  oke-quick-create:a${i + 1}: &a${i + 1} [${Array(10).fill(`*a${i}`).join(", ")}]\n`).join(""),
    sentence: /^error: The stack file Pulumi\.s\.yaml cannot be read as values \(Excessive alias count/,
  },
  // The two below run the program, which refuses them before any resource is registered.
  {
    name: "a CIDR with leading zeros",
    file: BASE + "  oke-quick-create:workerSubnetCidr: 10.0.010.0/24\n",
    sentence: /^error: Invalid value "10\.0\.010\.0\/24" for workerSubnetCidr: write it without leading zeros, 10\.0\.10\.0\/24/,
  },
  {
    name: "a bastion client CIDR with leading zeros",
    file: BASE + "  oke-quick-create:bastion: true\n  oke-quick-create:bastionClientCidrs:\n    - 203.0.113.000/24\n",
    sentence: /"203\.0\.113\.000\/24" has leading zeros; write 203\.0\.113\.0\/24/,
  },
];

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

test.each(CASES.map((c) => [c.name, c] as const))(
  "%s: exit 2, one line, no secret",
  async (_name, c) => {
    const dir = projectDir({ s: c.file });
    dirs.push(dir);
    const outcome = await planInProcess(dir, ["--stack", "s", ...(c.argv ?? [])]);
    expectRefusal(outcome, { status: EXIT.invalid, sentence: c.sentence }, [SECRET_VALUE, "Q2lwaGVydGV4dE9mQUNpZHI="]);
  },
  30000,
);

describe("values reach the program as the Pulumi CLI passes them", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "plan-stack-text-"));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
  fs.copyFileSync(path.join(__dirname, "..", "..", "Pulumi.yaml"), path.join(dir, "Pulumi.yaml"));
  const settingsOf = (lines: string) => {
    fs.writeFileSync(path.join(dir, "Pulumi.t.yaml"), BASE + lines);
    return resolveStackSettings(dir, readProjectFile(dir), "t", []).config;
  };

  test.each([
    ["nameSuffix: 000000012", "oke-quick-create:nameSuffix", "000000012"],
    ["nodeCount: 007", "oke-quick-create:nodeCount", "007"],
    ["deploySample: true", "oke-quick-create:deploySample", "true"],
    ["nodeCyclingMaximumSurge: 1.0e1", "oke-quick-create:nodeCyclingMaximumSurge", "1.0e1"],
    ['clusterName: "null"', "oke-quick-create:clusterName", "null"],
    ["bastionClientCidrs: [203.0.113.0/24]", "oke-quick-create:bastionClientCidrs", '["203.0.113.0/24"]'],
    ["nodeImageId: &id ocid1.image.oc1..x\n  oke-quick-create:nameSuffix: *id", "oke-quick-create:nameSuffix", "ocid1.image.oc1..x"],
  ])("%s is passed as %s = %j", (line, key, text) => {
    expect(settingsOf(`  oke-quick-create:${line}\n`)[key]).toBe(text);
  });

  test("a merge key brings in an anchored mapping's keys, and the stack's own keys win, as the CLI's YAML reader merges them", () => {
    const file = `defaults: &defaults
  oke-quick-create:nodeCount: "5"
  oke-quick-create:clusterName: merged
${BASE}  <<: *defaults
  oke-quick-create:clusterName: own
`;
    fs.writeFileSync(path.join(dir, "Pulumi.m.yaml"), file);
    expect(resolveStackSettings(dir, readProjectFile(dir), "m", []).config).toMatchObject({
      "oke-quick-create:nodeCount": "5",
      "oke-quick-create:clusterName": "own",
    });
  });

  test("YAML null leaves a key unset, so its declared default applies", () => {
    expect(settingsOf("  oke-quick-create:clusterName: ~\n  oke-quick-create:nameSuffix: null\n")).toMatchObject({
      "oke-quick-create:clusterName": "cluster1",
      "oke-quick-create:nameSuffix": "",
    });
  });
});

describe("which settings are secret", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "plan-stack-secret-"));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
  // A project that declares nameSuffix secret, as `secret: true` in Pulumi.yaml's config does.
  const project = fs
    .readFileSync(path.join(__dirname, "..", "..", "Pulumi.yaml"), "utf8")
    .replace(/( {2}nameSuffix:\n {4}type: string\n)/, "$1    secret: true\n");
  fs.writeFileSync(path.join(dir, "Pulumi.yaml"), project);
  fs.writeFileSync(path.join(dir, "Pulumi.t.yaml"), BASE + "  oci:privateKeyPassword: plain-text-password\n  oci:privateKeyPath: /home/me/.oci/key.pem\n");

  test("a key Pulumi.yaml declares secret, given with --config, and provider credentials in plain text", () => {
    const settings = resolveStackSettings(dir, readProjectFile(dir), "t", [{ key: "nameSuffix", value: "0a1b2c3d4" }]);
    expect(settings.secretKeys).toEqual(["oci:privateKeyPassword", "oke-quick-create:nameSuffix"]);
  });

  test("key material in any setting", () => {
    const key = "-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEAxyzxyzxyzxyzxyzxyzxyz\n-----END RSA PRIVATE KEY-----";
    const settings = resolveStackSettings(dir, readProjectFile(dir), "t", [
      { key: "nameSuffix", value: "0a1b2c3d4" },
      { key: "oci:privateKeyPath", value: key },
    ]);
    expect(settings.secretKeys).toContain("oci:privateKeyPath");
  });
});

test("a project name Pulumi would refuse (an escape sequence in it) is one line, exit 2", async () => {
  const dir = projectDir({ s: BASE });
  dirs.push(dir);
  const project = fs.readFileSync(path.join(dir, "Pulumi.yaml"), "utf8").replace(/^name: .*$/m, 'name: "oke\\e[2J"');
  fs.writeFileSync(path.join(dir, "Pulumi.yaml"), project);
  const outcome = await planInProcess(dir, ["--stack", "s"]);
  expectRefusal(outcome, { status: EXIT.invalid, sentence: /^error: Pulumi\.yaml names the project "oke\\u001b\[2J": use 1 to 100 letters/ }, []);
});
