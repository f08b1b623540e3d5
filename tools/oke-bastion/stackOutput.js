// @ts-check
"use strict";

const { spawnSync } = require("child_process");
const { onPath } = require("./ssh");
const { usageError } = require("../oke-token/errors");
const { echo } = require("../common/echo");

/** `pulumi stack output` reads the backend, which may be remote: bounded, never interactive. */
const PULUMI_TIMEOUT_MS = 60_000;

/**
 * A stack output, read the way `pulumi stack output NAME` does it, from the current directory's
 * project and selected stack. Only when the pulumi CLI is on PATH; otherwise undefined.
 * @param {string} name
 * @param {NodeJS.ProcessEnv} env
 * @param {{ secret?: boolean, flag: string, program?: string, deployed?: string }} how `flag` is what to pass instead,
 *   `program` the command to name (oke-bastion), `deployed` what the project must have deployed (bastion=true), for the message
 * @returns {string | undefined}
 */
function stackOutput(name, env, how) {
  const pulumi = onPath("pulumi", env);
  if (!pulumi) return undefined;
  const args = ["stack", "output", name, "--non-interactive", ...(how.secret ? ["--show-secrets"] : [])];
  const result = spawnSync(pulumi, args, { env, encoding: "utf8", timeout: PULUMI_TIMEOUT_MS, stdio: ["ignore", "pipe", "pipe"] });
  const value = (result.stdout ?? "").trim();
  if (result.status === 0 && value) return value;
  const why = (result.error ? String(result.error.message) : ((result.stderr ?? "").trim().split("\n").pop() ?? ""))
    .replace(/^error:\s*/, "")
    .replace(/\.$/, "");
  const program = how.program ?? "oke-bastion";
  const deployed = how.deployed ?? "bastion=true";
  throw usageError(
    `${program}: \`pulumi ${args.join(" ")}\` gave no ${name} (${why ? echo(why, { quote: false, limit: 200 }) : `exit ${result.status}`}); run it in the project with ${deployed} deployed, or pass ${how.flag}.`,
  );
}

module.exports = { stackOutput };
