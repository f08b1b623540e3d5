// @ts-check
"use strict";

const { parseArgs, USAGE } = require("./args");
const { resolveCredentials } = require("./credentials");
const { clusterToken, execCredential } = require("./token");
const { ExitCode, OkeTokenError } = require("./errors");
const { redact, escapeControls } = require("../common/echo");

const HELP = `${USAGE}

Prints a Kubernetes ExecCredential holding an OKE cluster token, the same token as
\`oci ce cluster generate-token\`. Reads ~/.oci/config (or --config-file / OCI_CLI_CONFIG_FILE),
profile DEFAULT (or --profile / OCI_CLI_PROFILE); OCI_CLI_USER, OCI_CLI_TENANCY, OCI_CLI_FINGERPRINT,
OCI_CLI_KEY_FILE, OCI_CLI_KEY_CONTENT, OCI_CLI_PASSPHRASE and OCI_CLI_REGION override the profile.
Exit status: 0 token printed, 1 credentials or config unusable, 2 wrong command line.
`;

/**
 * Runs the command without touching process state, so tests can call it directly.
 * @param {readonly string[]} argv
 * @param {NodeJS.ProcessEnv} env
 * @param {Date} now
 * @returns {{ code: number, stdout: string, stderr: string }}
 */
function run(argv, env, now) {
  try {
    const args = parseArgs(argv);
    if (args.help) return { code: ExitCode.OK, stdout: HELP, stderr: "" };
    const credentials = resolveCredentials(args, env);
    const credential = execCredential(clusterToken(args.clusterId, credentials, now));
    return { code: ExitCode.OK, stdout: `${JSON.stringify(credential, null, 4)}\n`, stderr: "" };
  } catch (e) {
    if (e instanceof OkeTokenError) return { code: e.exitCode, stdout: "", stderr: `${e.message}\n` };
    // kubectl shows whatever lands on stderr: even a failure nobody foresaw is one line, without a
    // stack trace, a key or a passphrase.
    const detail = redact(String(/** @type {Error} */ (e)?.message ?? e), [env.OCI_CLI_PASSPHRASE ?? "", env.OCI_CLI_KEY_CONTENT ?? ""]);
    const line = escapeControls(detail.split("\n")[0]).slice(0, 200).replace(/\.$/, "");
    return { code: ExitCode.CREDENTIALS, stdout: "", stderr: `oke-token: unexpected failure (${line}).\n` };
  }
}

/** Entry point for bin/oke-token.js. */
function main() {
  const result = run(process.argv.slice(2), process.env, new Date());
  process.stdout.write(result.stdout);
  process.stderr.write(result.stderr);
  process.exitCode = result.code;
}

module.exports = { run, main };
