import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { main } from "../../offline/cli";
import { withShortStacks } from "../helpers/stack";
import { EXIT } from "../../offline/report/errors";

const REPO = path.resolve(__dirname, "..", "..");

// The output folder exists when the flags are checked and vanishes while the plan runs (a cleaned
// workspace, a full disk): the files cannot be written, but the mandatory verdict is still exit 1.
test("a write failure after the run never hides a mandatory violation's exit 1", async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "plan-vanish-"));
  const out = path.join(dir, "out");
  fs.mkdirSync(out);
  const stdout: string[] = [];
  const stderr: string[] = [];
  // The dev stack with its one advisory made mandatory: a mandatory violation from the pack the dev
  // stack's plans already share.
  const policyConfig = path.join(dir, "policy-config.json");
  fs.writeFileSync(policyConfig, JSON.stringify({ "api-endpoint-open-to-internet": "mandatory" }));
  const status = await withShortStacks(() =>
    main(["--policy-pack-config", policyConfig, "--json", path.join(out, "plan.json")], {
      stdout: (t) => stdout.push(t),
      stderr: (t) => stderr.push(t),
      progress: {
        step: (_label, work) => {
          fs.rmSync(out, { recursive: true, force: true });
          return work();
        },
      },
      projectDir: REPO,
      env: {},
    }),
  );
  fs.rmSync(dir, { recursive: true, force: true });
  expect(stdout.join("")).toMatch(/, 1 mandatory violation, /);
  expect(stderr.join("")).toBe("error: the plan ran, but writing its files failed (ENOENT); the verdict above stands.\n");
  expect(status).toBe(EXIT.mandatoryViolation);
}, 60000);
