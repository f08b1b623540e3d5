import * as fs from "fs";
import * as path from "path";

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { jobProblems, lintWorkflows, minimumPulumiCli } = require("../../scripts/lintWorkflows") as {
  jobProblems: (file: string, text: string, minimumCli: string) => string[];
  lintWorkflows: (dir: string) => { files: string[]; problems: string[] };
  minimumPulumiCli: () => string;
};
import { MINIMUM_PULUMI_CLI } from "../../components/engineSupport";

/**
 * `npm run lint:workflows` beyond GitHub's schema: the cloud job runs only when every secret it uses
 * and the stack variable are set, takes the stack from the variable alone, and its pulumi/actions step
 * states upsert and asks for the CLI the program accepts. Each case breaks the real plan.yml one way.
 */

const WORKFLOWS = path.resolve(__dirname, "..", "..", ".github", "workflows");
const PLAN = fs.readFileSync(path.join(WORKFLOWS, "plan.yml"), "utf8");

function lintChanged(from: string | RegExp, to: string): string[] {
  const changed = PLAN.replace(from, to);
  expect(changed).not.toBe(PLAN);
  return jobProblems("plan.yml", changed, MINIMUM_PULUMI_CLI);
}

describe("npm run lint:workflows", () => {
  it("finds no problem in the repository's workflows", () => {
    expect(lintWorkflows(WORKFLOWS)).toEqual({ files: ["inspect.yml", "plan.yml"], problems: [] });
  });

  it("reads the minimum CLI from the program", () => {
    expect(minimumPulumiCli()).toBe(MINIMUM_PULUMI_CLI);
  });

  it("flags a secret the job uses but its gate does not check", () => {
    expect(lintChanged(" && secrets.OCI_TENANCY_OCID != ''", "")).toEqual([
      "plan.yml: jobs.cloud-preview uses secrets.OCI_TENANCY_OCID, which its gate HAS_OCI does not check: a repository without it would run the job instead of skipping it.",
    ]);
  });

  it("flags a stack that falls back to a default, and a gate that does not check the variable", () => {
    expect(
      lintChanged(/(secrets\.OCI_PRIVATE_KEY != '') && vars\.PULUMI_STACK != '' \}\}/, "$1 }}").concat(
        lintChanged("stack-name: ${{ vars.PULUMI_STACK }}", "stack-name: ${{ vars.PULUMI_STACK || 'dev' }}"),
      ),
    ).toEqual([
      "plan.yml: jobs.cloud-preview uses vars.PULUMI_STACK, which its gate HAS_OCI does not check: a repository without it would run the job instead of skipping it.",
      "plan.yml: jobs.cloud-preview: vars.PULUMI_STACK falls back to a default with ||; take it only from the repository, and skip the job when it is not set.",
    ]);
  });

  it("flags a gate term that is not a set-or-not check", () => {
    expect(lintChanged("secrets.OCI_PRIVATE_KEY != ''", "secrets.OCI_PRIVATE_KEY")).toEqual([
      `plan.yml: jobs.cloud-preview.env.HAS_OCI: "secrets.OCI_PRIVATE_KEY" is not a "secrets.NAME != ''" or "vars.NAME != ''" check.`,
      "plan.yml: jobs.cloud-preview uses secrets.OCI_PRIVATE_KEY, which its gate HAS_OCI does not check: a repository without it would run the job instead of skipping it.",
    ]);
  });

  it("flags a step of a gated job that runs without the gate", () => {
    expect(lintChanged("      - run: npm ci\n        if: env.HAS_OCI == 'true'\n", "      - run: npm ci\n")).toEqual([
      "plan.yml: jobs.cloud-preview.steps[3] (run) runs without checking HAS_OCI: add if: env.HAS_OCI == 'true'.",
    ]);
  });

  it("flags a pulumi/actions step that leaves upsert unsaid or asks for an older CLI", () => {
    expect(lintChanged("          upsert: false\n", "")).toEqual([
      "plan.yml: jobs.cloud-preview: the pulumi/actions step does not set upsert; say whether it may create the stack (docs/plan.md).",
    ]);
    expect(lintChanged(`pulumi-version: ^${MINIMUM_PULUMI_CLI}\n          policyPacks`, "pulumi-version: ^3.182.0\n          policyPacks")).toEqual([
      `plan.yml: jobs.cloud-preview: the pulumi/actions step's pulumi-version is "^3.182.0"; ask for ^${MINIMUM_PULUMI_CLI} or newer, the CLI the program accepts.`,
    ]);
  });

  it("flags a step that handles a secret without the gate in a job that only reads the stack's state", () => {
    expect(lintChanged(/(- name: Export the deployed stack\n) {8}if: .*\n/, "$1")).toEqual([
      expect.stringMatching(
        /^plan\.yml: jobs\.offline-plan\.steps\[\d+\] \(Export the deployed stack\) runs without checking HAS_STATE: add if: env\.HAS_STATE == 'true'\.$/,
      ),
    ]);
  });

  it("flags a job that uses secrets without any gate", () => {
    expect(lintChanged(/ {4}env:\n {6}HAS_OCI: .*\n/, "")).toEqual([
      "plan.yml: jobs.cloud-preview uses vars.PULUMI_STACK, secrets.PULUMI_ACCESS_TOKEN, secrets.OCI_TENANCY_OCID, secrets.OCI_USER_OCID, secrets.OCI_FINGERPRINT, secrets.OCI_PRIVATE_KEY but has no gate: add a job env variable that checks each is set, and run its steps only behind it.",
    ]);
  });
});
