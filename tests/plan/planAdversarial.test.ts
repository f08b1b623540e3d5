import * as fs from "fs";
import { runPlanInProcess } from "../helpers/planInProcess";
import * as os from "os";
import * as path from "path";
import { EXIT } from "../../offline/report/errors";

// What a user (or an attacker) might hand `npm start`: each is exit 2 with one `error:` sentence and
// no stack trace, and the ones that never need the program fail before it (and the pack) start.

const DIR = fs.mkdtempSync(path.join(os.tmpdir(), "plan-adversarial-"));
afterAll(() => fs.rmSync(DIR, { recursive: true, force: true }));

const plan = (...argv: string[]) => runPlanInProcess(argv);

function expectOneSentence(stderr: string) {
  const lines = stderr.trimEnd().split("\n");
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(/^error: .+[.?]$/);
  expect(stderr).not.toMatch(/\n\s+at /);
}

const ppc = path.join(DIR, "ppc.json");
fs.writeFileSync(ppc, JSON.stringify({ "node-pool-boot-volume-image-default": { allowedBootVolumeSizeInGbs: 100 } }));

test.each([
  [["--stack", "../../etc/passwd"], /is not a stack name/],
  [["--json", path.join(DIR, "nowhere", "plan.json")], /folder .* does not exist/],
  [["--diagram", DIR + "/"], /unknown format|is a directory/],
  [["--policy-pack-config", ppc], /allowedBootVolumeSizeInGbs must be a string, got 100/],
])("%j is refused before the program or the pack starts", async (argv, sentence) => {
  const r = await plan(...argv);
  expect(r.status).toBe(EXIT.invalid);
  expectOneSentence(r.stderr);
  expect(r.stderr).toMatch(sentence);
  expect(r.steps).toEqual([]);
});

// One program-side case end to end (each costs a program run and a pack start); the rest of the
// settings' refusals are covered where they are made (tests/stack/settingsLimits.test.ts).
test("a private key pasted as sshPublicKey is one sentence from the program and never printed", async () => {
  const key = "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA\n-----END OPENSSH PRIVATE KEY-----";
  const r = await plan("--config", `sshPublicKey=${key}`);
  expect(r.status).toBe(EXIT.invalid);
  expectOneSentence(r.stderr);
  expect(r.stderr).toMatch(/^error: sshPublicKey holds a private key/);
  expect(r.stderr).not.toContain("b3BlbnNzaC1rZXktdjEAAAAA");
  expect(r.stdout).toBe("");
}, 30000);
