import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { EXIT } from "../../offline/report/errors";
import { expectRefusal, leaks, Outcome, planInProcess, planProcess, projectDir, writtenFiles } from "../helpers/hostilePlan";

// One rule for secrets: a key the stack marks secure and given with --config, provider credentials
// in plain text, and key material in any setting are `[secret]` in the text, the JSON, the diagram
// and the errors, and so is every value derived from them (a secret nameSuffix is in ~28 display
// names). One plan in-process (text, JSON, DOT) and one as `npm start` runs it (SVG), side by side.

const fixture = (name: string) => fs.readFileSync(path.join(__dirname, "..", "fixtures", name), "utf8").trim();
const PROVIDER_KEY = fixture("other-test-key.pem");
const PASTED_KEY = fixture("oke-token-test-key.pem");
const PASSWORD = "pw-5d0c0a7e-secret";
const SUFFIX = "5ec12e7a9";
/** Every line of both keys' bodies, the password and the suffix. */
const SECRETS = [...[PROVIDER_KEY, PASTED_KEY].flatMap((k) => k.split("\n").filter((l) => !l.startsWith("-----"))), PASSWORD, SUFFIX];

const DIR = projectDir({
  dev: `config:
  oci:region: ap-tokyo-1
  oci:privateKey: ${JSON.stringify(PROVIDER_KEY)}
  oci:privateKeyPassword: ${PASSWORD}
  oke-quick-create:compartmentId: ocid1.compartment.oc1..aaaaaaaaexampleexampleexampleexampleexampleexample
  oke-quick-create:kubernetesVersion: v1.33.1
  oke-quick-create:nameSuffix:
    secure: AAABAKz3c2VjcmV0
`,
});
const OUT = fs.mkdtempSync(path.join(os.tmpdir(), "plan-secrets-"));
const out = (name: string) => path.join(OUT, name);
afterAll(() => {
  fs.rmSync(DIR, { recursive: true, force: true });
  fs.rmSync(OUT, { recursive: true, force: true });
});

/** The secure nameSuffix given for the plan, and a key pasted where the provider wants a path (a CI mistake). */
const GIVEN = ["--config", `nameSuffix=${SUFFIX}`, "--config", `oci:privateKeyPath=${PASTED_KEY}`];

let inProcess: Outcome;
let cli: Outcome;
beforeAll(async () => {
  [inProcess, cli] = await Promise.all([
    planInProcess(DIR, [...GIVEN, "--json", out("plan.json"), "--diagram", out("plan.dot")]),
    planProcess(DIR, [...GIVEN, "--json", out("cli.json"), "--diagram", out("cli.svg")], 90000),
  ]);
}, 120000);

test("the plans succeed and no secret is in what they print or write", () => {
  expect([inProcess.status, cli.status]).toEqual([EXIT.clean, EXIT.clean]);
  expect(fs.readdirSync(OUT).sort()).toEqual(["cli.json", "cli.svg", "plan.dot", "plan.json"]);
  const texts = { stdout: inProcess.stdout, stderr: inProcess.stderr, "cli stdout": cli.stdout, "cli stderr": cli.stderr, ...writtenFiles(OUT) };
  expect(leaks(SECRETS, texts)).toEqual([]);
});

test("secret settings are [secret] in the JSON's config", () => {
  const { config } = JSON.parse(fs.readFileSync(out("plan.json"), "utf8"));
  const masked = ["oke-quick-create:nameSuffix", "oci:privateKey", "oci:privateKeyPassword", "oci:privateKeyPath"].map((k) => [k, config[k]]);
  expect(masked).toEqual(masked.map(([k]) => [k, "[secret]"]));
  expect(config["oci:region"]).toBe("ap-tokyo-1");
});

test("every display name derived from the secret suffix is [secret], as Pulumi marks derived values", () => {
  const { resources, outputs } = JSON.parse(fs.readFileSync(out("plan.json"), "utf8"));
  const displayNames = resources.map((r: { inputs: { displayName?: unknown } }) => r.inputs.displayName).filter((n: unknown) => n !== undefined);
  expect(displayNames.length).toBeGreaterThan(10);
  expect(displayNames.filter((n: unknown) => n !== "[secret]")).toEqual([]);
  // The cluster's and the pool's names carry no suffix; every other name does.
  expect(Object.entries(outputs.names).filter(([, name]) => name !== "[secret]")).toEqual([
    ["cluster", "cluster1"],
    ["nodePool", "pool1"],
  ]);
  // What does not derive from a secret is still shown.
  const vcn = resources.find((r: { type: string }) => r.type === "oci:Core/vcn:Vcn");
  expect(vcn.inputs.cidrBlocks).toEqual(["10.0.0.0/16"]);
});

test("an invalid secret value is refused without being quoted", async () => {
  const bad = "NOT-hex-secret-value\u001b[31m";
  const outcome = await planInProcess(DIR, ["--config", `nameSuffix=${bad}`]);
  expectRefusal(outcome, { status: EXIT.invalid, sentence: /^error: Invalid value \[secret\] for nameSuffix: use 9 lowercase hexadecimal digits/ }, [
    ...SECRETS,
    "NOT-hex-secret-value",
  ]);
}, 30000);

test("a secret clusterName is not shown through what the program derives from it by more than concatenation (the VCN's DNS label)", async () => {
  const dir = projectDir({ dev: fs.readFileSync(path.join(DIR, "Pulumi.dev.yaml"), "utf8").replace("nameSuffix:", "clusterName:") });
  const name = "Zebra-Sec-Name";
  try {
    const outcome = await planInProcess(dir, [
      "--config",
      `clusterName=${name}`,
      "--json",
      path.join(dir, "plan.json"),
      "--diagram",
      path.join(dir, "plan.mmd"),
    ]);
    expect(outcome.status).toBe(EXIT.clean);
    const vcn = JSON.parse(fs.readFileSync(path.join(dir, "plan.json"), "utf8")).resources.find((r: { type: string }) => r.type === "oci:Core/vcn:Vcn");
    expect(vcn.inputs.dnsLabel).toBe("[secret]");
    expect(leaks([name, "ZebraSecName"], { stdout: outcome.stdout, stderr: outcome.stderr, ...writtenFiles(dir) })).toEqual([]);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}, 30000);

test("--iam does not print a secret compartmentId given with --config: the statements say [secret]", async () => {
  const stack = fs
    .readFileSync(path.join(DIR, "Pulumi.dev.yaml"), "utf8")
    .replace(/ {2}oke-quick-create:compartmentId: .*\n/, "")
    .replace("nameSuffix:", "compartmentId:");
  const dir = projectDir({ dev: stack });
  const compartment = "ocid1.compartment.oc1..aaaaaaaasecretcompartment";
  try {
    const outcome = await planInProcess(dir, ["--iam", "Admins", "--config", `compartmentId=${compartment}`]);
    expect(outcome.status).toBe(EXIT.clean);
    expect(outcome.stdout).toContain("Allow group Admins to manage virtual-network-family in compartment id [secret]\n");
    expect(leaks([compartment, "aaaaaaaasecretcompartment"], { stdout: outcome.stdout, stderr: outcome.stderr })).toEqual([]);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}, 30000);
