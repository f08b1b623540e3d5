import { runPlanInProcess } from "../helpers/planInProcess";
import { parseArgs } from "../../offline/inputs/args";

// What a new user types first: flags before `--` (npm keeps them), a setting without its flag, a stack
// with no file yet. Each is one sentence saying what to type instead, before anything runs.

const plan = (args: string[], env: NodeJS.ProcessEnv = {}) => runPlanInProcess(args, { env });

describe("flags npm kept for itself", () => {
  test("npm start --preview (npm sets npm_config_preview and runs the script without it)", async () => {
    const r = await plan([], { npm_config_preview: "true" });
    expect([r.status, r.stderr, r.steps]).toEqual([
      2,
      "error: npm took --preview (flags written before `--` go to npm, not the plan): put them after `--`, as in npm start -- --preview.\n",
      [],
    ]);
  });

  test("npm start --config nodeCount=5 arrives as a bare setting", async () => {
    const r = await plan(["nodeCount=5"]);
    expect([r.status, r.stderr]).toEqual([
      2,
      'error: "nodeCount=5" has no flag before it (flags written before `--` go to npm, not the plan): put them after `--`, as in npm start -- --config nodeCount=5.\n',
    ]);
  });

  test("a flag npm kept with its value is named with it", () => {
    expect(() => parseArgs([], { npm_config_stack: "prod" })).toThrow(
      "npm took --stack (flags written before `--` go to npm, not the plan): put them after `--`, as in npm start -- --stack prod.",
    );
  });

  test("npm's own settings in the environment are not plan flags", () => {
    expect(parseArgs(["--preview"], { npm_config_cache: "/home/u/.npm", npm_config_user_agent: "npm/10" }).preview).toBe(true);
  });
});

test("a stack without its Pulumi.<stack>.yaml says how to create it, not to change directory", async () => {
  const r = await plan(["--stack", "prod"]);
  expect([r.status, r.stderr, r.steps]).toEqual([
    2,
    "error: Stack prod has no Pulumi.prod.yaml here: create it with `pulumi stack init prod` and `pulumi config set oci:region ap-tokyo-1` (then compartmentId and kubernetesVersion), or pass --stack with a stack that has its file.\n",
    [],
  ]);
});
