import * as path from "path";
import { PlanInputError } from "../report/errors";
import { bareSettingError, checkNpmKeptFlags } from "./npmFlags";
import { echo } from "../../tools/common/echo";

/** The command line of `npm start -- ...`, parsed. */
export interface PlanArgs {
  stack: string;
  /** `--config KEY=VALUE` pairs in the order given; later ones win, as repeated `pulumi config set` do. */
  config: Array<{ key: string; value: string }>;
  policyPackConfig?: string;
  /** `--policy-pack DIR`: the pack to run instead of policies/. */
  policyPack?: string;
  preview: boolean;
  json?: string;
  diagram?: string;
  /** What is deployed: a `pulumi stack export` file, or the JSON of an earlier plan. */
  deployed?: string;
  /** `--iam GROUP`: print the IAM policy statements GROUP needs instead of the plan. */
  iam?: string;
  help: boolean;
}

const WITH_VALUE = new Set(["--stack", "--config", "--policy-pack-config", "--policy-pack", "--json", "--diagram", "--deployed", "--iam"]);
const SWITCHES = new Set(["--preview", "--help", "-h"]);

export const USAGE = `Usage: npm start -- [options]

Runs the stack offline exactly as \`pulumi preview --policy-pack policies\` would, minus the cloud.

Options:
  --stack NAME                 stack whose Pulumi.<NAME>.yaml to read (default: dev); a stack name, not a path
  --config KEY=VALUE           override one setting, as \`pulumi config set KEY VALUE\`; repeatable.
                               A bare key is the project's (nodeCount=5), namespaced keys as is (oci:region=us-ashburn-1);
                               lists as JSON: --config 'bastionClientCidrs=["203.0.113.0/24"]'
  --policy-pack DIR            run the policy pack in DIR instead of policies/, as \`pulumi preview --policy-pack DIR\`
  --policy-pack-config FILE    JSON of policy name -> level or {enforcementLevel, ...properties}; "all" sets every policy
  --preview                    leave every id unknown, as in the first \`pulumi preview\` of a new stack
  --json FILE                  write the plan as JSON (secrets masked)
  --diagram FILE               draw the architecture, by extension: .svg (Graphviz), .mmd (Mermaid) or .dot (Graphviz source)
  --deployed FILE              what is deployed: \`pulumi stack export --file FILE\` (or an earlier --json plan); print
                               each resource's change: create, update (inputs old -> new, rules added/removed),
                               replace (the input forcing it), delete
  --iam GROUP                  print only the IAM policy statements GROUP needs for this stack (see docs/iam.md)
  --help                       show this help

Exit status: 0 no mandatory violation, 1 a mandatory policy is violated, 2 invalid flag, config or file, or program error.`;

function splitConfig(raw: string): { key: string; value: string } {
  const eq = raw.indexOf("=");
  if (eq <= 0) {
    throw new PlanInputError(`--config ${echo(raw)} is not KEY=VALUE: write it like --config nodeCount=5 or --config oci:region=us-ashburn-1.`);
  }
  return { key: raw.slice(0, eq), value: raw.slice(eq + 1) };
}

/**
 * Pulumi's stack name rule (sdk/go/common/tokens/stack_name.go, ParseStackName): 1 to 100
 * alphanumerics, hyphens, underscores or periods. An `org/project/` prefix names the same stack file,
 * as the CLI's Pulumi.<stack>.yaml does; a path never reaches the file system.
 */
const STACK_NAME = /^[A-Za-z0-9_.-]{1,100}$/;

function stackName(value: string): string {
  const parts = value.split("/");
  const name = parts[parts.length - 1];
  if (
    parts.length > 3 ||
    !STACK_NAME.test(name) ||
    name === "." ||
    name === ".." ||
    parts.slice(0, -1).some((p) => !/^[A-Za-z0-9_.-]+$/.test(p) || p === "." || p === "..")
  ) {
    throw new PlanInputError(
      `--stack ${echo(value)} is not a stack name: use 1 to 100 letters, digits, hyphens, underscores or periods (optionally as org/project/name), such as dev.`,
    );
  }
  return name;
}

/** `env`, when given, is checked for plan flags npm kept for itself (`npm start --preview` without `--`). */
export function parseArgs(argv: readonly string[], env?: NodeJS.ProcessEnv): PlanArgs {
  if (env) checkNpmKeptFlags(env);
  const parsed: PlanArgs = { stack: "dev", config: [], preview: false, help: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const eq = arg.startsWith("--") ? arg.indexOf("=") : -1;
    const flag = eq > 0 ? arg.slice(0, eq) : arg;
    if (SWITCHES.has(flag)) {
      if (flag === "--preview") parsed.preview = true;
      else parsed.help = true;
      continue;
    }
    if (!WITH_VALUE.has(flag)) {
      if (!arg.startsWith("-") && arg.includes("=")) throw bareSettingError(arg);
      throw new PlanInputError(`Unknown option ${echo(arg)}: run \`npm start -- --help\` for the options.`);
    }
    const value = eq > 0 ? arg.slice(eq + 1) : argv[++i];
    const example = `${flag} ${flag === "--config" ? "nodeCount=5" : flag === "--stack" ? "dev" : flag === "--diagram" ? "plan.svg" : "plan.json"}`;
    if (value === undefined || value === "") {
      throw new PlanInputError(`Option ${flag} needs a value: for example ${example}.`);
    }
    // `--json --preview` means a forgotten value, not a file named "--preview"; a file whose name
    // starts with "--" can still be given as --json=./--name.
    if (eq < 0 && (/^--[A-Za-z]/.test(value) || SWITCHES.has(value))) {
      throw new PlanInputError(
        `Option ${flag} needs a value, but the next argument is the option ${echo(value)}: give the value first, for example ${example}.`,
      );
    }
    switch (flag) {
      case "--stack":
        parsed.stack = stackName(value);
        break;
      case "--config":
        parsed.config.push(splitConfig(value));
        break;
      case "--policy-pack-config":
        parsed.policyPackConfig = value;
        break;
      case "--policy-pack":
        parsed.policyPack = value;
        break;
      case "--json":
        parsed.json = value;
        break;
      case "--diagram":
        parsed.diagram = value;
        break;
      case "--deployed":
        parsed.deployed = value;
        break;
      case "--iam":
        parsed.iam = value;
        break;
    }
  }
  if (parsed.json && parsed.diagram && path.resolve(parsed.json) === path.resolve(parsed.diagram)) {
    throw new PlanInputError(
      `--json and --diagram both name ${echo(parsed.json, { quote: false })}; the second would overwrite the first: give each its own file, such as --json plan.json --diagram plan.svg.`,
    );
  }
  if (parsed.deployed && parsed.preview) {
    throw new PlanInputError("--preview plans a stack with nothing deployed, so it cannot be combined with --deployed: drop one of them.");
  }
  if (parsed.iam) {
    const others = (["policyPackConfig", "json", "diagram", "deployed", "preview"] as const).filter((k) => parsed[k]);
    if (others.length > 0) {
      throw new PlanInputError(
        `--iam prints only the policy statements, so it takes only --stack and --config: drop ${others.map((k) => `--${k.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`).join(", ")}.`,
      );
    }
  }
  return parsed;
}
