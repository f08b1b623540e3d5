import { execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { EXIT } from "../../offline/report/errors";
import { expectRefusal, Outcome, planInProcess, planProcess, projectDir } from "../helpers/hostilePlan";

// What a hostile or careless user hands `npm start` as flags and files: each is refused with exit 2,
// one line on stderr and no secret of the stack anywhere, before the program or the pack starts.
// Cases that could block (FIFOs, devices) run as their own process under the harness's time bound.

const KEY_BODY = fs.readFileSync(path.join(__dirname, "..", "fixtures", "other-test-key.pem"), "utf8").split("\n")[1];
const KEY = `-----BEGIN PRIVATE KEY-----\n${KEY_BODY}\n-----END PRIVATE KEY-----`;
const PASSWORD = "pw-7c1f9e2a-hostile";
/** The stack marks nameSuffix secure; every case gives its value with --config, as CI would. */
const SUFFIX = "0a1b2c3d4";
const SECRETS = [KEY_BODY, PASSWORD, SUFFIX];

const STACK = `config:
  oci:region: ap-tokyo-1
  oci:privateKey: ${JSON.stringify(KEY)}
  oci:privateKeyPassword: ${PASSWORD}
  oke-quick-create:compartmentId: ocid1.compartment.oc1..aaaaaaaaexampleexampleexampleexampleexampleexample
  oke-quick-create:kubernetesVersion: v1.33.1
  oke-quick-create:nameSuffix:
    secure: AAABADZ2bGlzdGVk
`;

const DIR = projectDir({
  dev: STACK,
  bin: Buffer.from([0x63, 0x6f, 0x00, 0xff, 0xfe, 0x00]),
  latin1: Buffer.from("config:\n  oci:region: caf\xe9\n", "latin1"),
  securecount: STACK + "  oke-quick-create:nodeCount:\n    secure: AAABAGNvdW50\n",
});
const OUT = fs.mkdtempSync(path.join(os.tmpdir(), "plan-hostile-out-"));
const at = (name: string) => path.join(DIR, name);
const out = (name: string) => path.join(OUT, name);

// Special files: a FIFO and a link to a device as stack files and as --policy-pack-config.
execFileSync("mkfifo", [at("Pulumi.fifo.yaml"), at("fifo.json")]);
fs.symlinkSync("/dev/zero", at("Pulumi.zero.yaml"));
fs.symlinkSync(at("Pulumi.dev.yaml"), at("stack-link.json"));
// Sparse: 1 GiB on paper, nothing on disk.
fs.closeSync(fs.openSync(at("Pulumi.huge.yaml"), "w"));
fs.truncateSync(at("Pulumi.huge.yaml"), 1024 ** 3);
fs.writeFileSync(at("deep.json"), "[".repeat(100000));
fs.writeFileSync(at("binary.json"), Buffer.from([0x7b, 0x00, 0x7d]));
fs.closeSync(fs.openSync(at("large.json"), "w"));
fs.truncateSync(at("large.json"), 2 * 1024 ** 2);
fs.writeFileSync(at("ppc.dot"), "{}");

afterAll(() => {
  fs.rmSync(DIR, { recursive: true, force: true });
  fs.rmSync(OUT, { recursive: true, force: true });
});

interface Case {
  name: string;
  argv: string[];
  sentence: RegExp;
  /** Run as its own process: the case could block a read. */
  process?: boolean;
}

const CASES: Case[] = [
  {
    name: "a flag as --json's value",
    argv: ["--json", "--preview"],
    sentence: /^error: Option --json needs a value, but the next argument is the option "--preview"/,
  },
  {
    name: "a flag as --diagram's value",
    argv: ["--diagram", "--json", out("p.json")],
    sentence: /^error: Option --diagram needs a value, but the next argument is the option "--json"/,
  },
  { name: "a switch as --stack's value", argv: ["--stack", "-h"], sentence: /^error: Option --stack needs a value, but the next argument is the option "-h"/ },
  {
    name: "--json and --diagram on one file",
    argv: ["--json", out("p.dot"), "--diagram", out("p.dot")],
    sentence: /both name .*p\.dot; the second would overwrite the first/,
  },
  {
    name: "--json over the stack file",
    argv: ["--json", at("Pulumi.dev.yaml")],
    sentence: /^error: --json .*Pulumi\.dev\.yaml is the stack file, which the plan reads/,
  },
  { name: "--json over the project file", argv: ["--json", at("Pulumi.yaml")], sentence: /is the project file, which the plan reads/ },
  { name: "--json over a link to the stack file", argv: ["--json", at("stack-link.json")], sentence: /stack-link\.json is the stack file/ },
  {
    name: "--diagram over --policy-pack-config",
    argv: ["--policy-pack-config", at("ppc.dot"), "--diagram", at("ppc.dot")],
    sentence: /is the --policy-pack-config file/,
  },
  { name: "--json into a missing folder", argv: ["--json", out("none/p.json")], sentence: /the folder .* does not exist/ },
  {
    name: "a --json name too long for the file system",
    argv: ["--json", out("p".repeat(300) + ".json")],
    sentence: /: the name is too long for the file system; choose a shorter one\.$/,
  },
  {
    name: "a --json path through a file",
    argv: ["--json", at("Pulumi.yaml/plan.json")],
    sentence: /a part of the path before the file name is a file, not a folder/,
  },
  { name: "an unknown option with a terminal escape", argv: ["--jsno\u001b[31m"], sentence: /^error: Unknown option "--jsno\\u001b\[31m"/ },
  {
    name: "a 5 MB stack name",
    argv: ["--stack", "x".repeat(5 * 1024 * 1024)],
    sentence: /^error: --stack "x{80}"… \(5242880 characters\) is not a stack name/,
  },
  { name: "a stack name with a newline", argv: ["--stack", "dev\nrm -rf /"], sentence: /^error: --stack "dev\\nrm -rf \/" is not a stack name/ },
  { name: "a private key as a --config argument", argv: ["--config", KEY], sentence: /^error: --config \[secret\] is not KEY=VALUE/ },
  { name: "a misspelt project key", argv: ["--config", "nodeCont=4"], sentence: /configuration key "nodeCont" .* did you mean nodeCount\?$/ },
  { name: "a misspelt provider key", argv: ["--config", "oci:regoin=ap-tokyo-1"], sentence: /"oci:regoin" .* did you mean oci:region\?$/ },
  {
    name: "a wrong-case project namespace",
    argv: ["--config", "OKE-quick-create:nodeCount=4"],
    sentence: /namespaces are case-sensitive .* write oke-quick-create:nodeCount\.$/,
  },
  {
    name: "an unknown namespace",
    argv: ["--config", "okee-quick-create:nodeCount=4"],
    sentence: /no part of this stack reads the namespace "okee-quick-create": did you mean oke-quick-create:nodeCount\?$/,
  },
  {
    name: "a secret with a wrong type",
    argv: ["--stack", "securecount", "--config", "nodeCount=s3cr3t-count-value"],
    sentence: /must be of type 'integer', but --config nodeCount gives a secret value \(\[secret\]\)/,
  },
  {
    name: "a region named like an object property",
    argv: ["--config", "oci:region=constructor"],
    sentence: /^error: oci:region "constructor" has no offline fixture/,
  },
  { name: "a region with a newline", argv: ["--config", "oci:region=ap-tokyo-1\nus"], sentence: /^error: oci:region "ap-tokyo-1\\nus" has no offline fixture/ },
  { name: "a missing --policy-pack-config", argv: ["--policy-pack-config", at("none.json")], sentence: /none\.json does not exist\.$/ },
  { name: "a binary --policy-pack-config", argv: ["--policy-pack-config", at("binary.json")], sentence: /binary\.json is a binary file, not text\.$/ },
  {
    name: "a deeply nested --policy-pack-config",
    argv: ["--policy-pack-config", at("deep.json")],
    sentence: /deep\.json nests JSON deeper than \d+ levels\.$/,
  },
  { name: "a 2 MB --policy-pack-config", argv: ["--policy-pack-config", at("large.json")], sentence: /large\.json is 2 MiB, over the 1 MiB limit/ },
  { name: "a folder as --policy-pack-config", argv: ["--policy-pack-config", OUT], sentence: /is a directory/ },
  {
    name: "a FIFO as --policy-pack-config",
    argv: ["--policy-pack-config", at("fifo.json")],
    sentence: /fifo\.json is a (pipe|socket or pipe), not a regular file\.$/,
    process: true,
  },
  {
    name: "/dev/zero as --policy-pack-config",
    argv: ["--policy-pack-config", "/dev/zero"],
    sentence: /\/dev\/zero is a device, not a regular file\.$/,
    process: true,
  },
  {
    name: "a FIFO as the stack file",
    argv: ["--stack", "fifo"],
    sentence: /^error: The stack file Pulumi\.fifo\.yaml is a (pipe|socket or pipe), not a regular file\.$/,
    process: true,
  },
  {
    name: "a stack file linked to /dev/zero",
    argv: ["--stack", "zero"],
    sentence: /^error: The stack file Pulumi\.zero\.yaml is a device, not a regular file\.$/,
    process: true,
  },
  { name: "a 1 GiB stack file", argv: ["--stack", "huge"], sentence: /^error: The stack file .*Pulumi\.huge\.yaml is 1024 MiB, over the 1 MiB limit/ },
  { name: "a binary stack file", argv: ["--stack", "bin"], sentence: /^error: The stack file .*Pulumi\.bin\.yaml is a binary file, not text\.$/ },
  { name: "a stack file that is not UTF-8", argv: ["--stack", "latin1"], sentence: /^error: The stack file .*Pulumi\.latin1\.yaml is not UTF-8 text\.$/ },
  {
    name: "a stack with no file",
    argv: ["--stack", "nope"],
    sentence: /^error: Stack nope has no Pulumi\.nope\.yaml here: create it with `pulumi stack init nope` .*or pass --stack with a stack that has its file\.$/,
  },
];

const withSuffix = (argv: string[]) => [...argv, "--config", `nameSuffix=${SUFFIX}`];

// The process cases start side by side: each is a node start (~0.4 s), bounded at 20 s by execFile.
let processed: Map<string, Outcome>;
beforeAll(async () => {
  const spawned = CASES.filter((c) => c.process);
  const outcomes = await Promise.all(spawned.map((c) => planProcess(DIR, withSuffix(c.argv), 20000)));
  processed = new Map(spawned.map((c, i) => [c.name, outcomes[i]]));
}, 30000);

test.each(CASES.map((c) => [c.name, c] as const))(
  "%s: exit 2, one line, no secret",
  async (_name, c) => {
    const outcome = c.process ? processed.get(c.name)! : await planInProcess(DIR, withSuffix(c.argv));
    expectRefusal(outcome, { status: EXIT.invalid, sentence: c.sentence }, SECRETS, OUT);
  },
  15000,
);

// Pulumi.yaml itself: a FIFO in its place must not block the plan, a binary one is named as binary.
describe("the project file", () => {
  const fifoProject = projectDir({ dev: STACK });
  const binaryProject = projectDir({ dev: STACK });
  afterAll(() => [fifoProject, binaryProject].forEach((d) => fs.rmSync(d, { recursive: true, force: true })));
  fs.rmSync(path.join(fifoProject, "Pulumi.yaml"));
  execFileSync("mkfifo", [path.join(fifoProject, "Pulumi.yaml")]);
  fs.writeFileSync(path.join(binaryProject, "Pulumi.yaml"), Buffer.from([0x6e, 0x61, 0x00, 0x01]));

  test("a FIFO as Pulumi.yaml: exit 2, one line", async () => {
    const outcome = await planProcess(fifoProject, withSuffix([]), 20000);
    expectRefusal(
      outcome,
      { status: EXIT.invalid, sentence: /^error: The project file Pulumi\.yaml is a (pipe|socket or pipe), not a regular file\.$/ },
      SECRETS,
    );
  }, 30000);

  test("a binary Pulumi.yaml: exit 2, one line", async () => {
    const outcome = await planInProcess(binaryProject, withSuffix([]));
    expectRefusal(outcome, { status: EXIT.invalid, sentence: /^error: The project file .*Pulumi\.yaml is a binary file, not text\.$/ }, SECRETS);
  });
});
