// @ts-check
"use strict";

const { usageError } = require("../oke-token/errors");
const { echo } = require("./echo");

/**
 * @typedef {object} FlagSpec
 * @property {string} tool the command's name, which starts each sentence
 * @property {string} usage the usage line each sentence ends with
 * @property {Readonly<Record<string, string>>} valueFlags each flag that takes a value, mapped to the field it fills
 * @property {readonly string[]} [switches] flags without a value, besides --help and -h
 * @property {boolean} [positional] whether arguments that do not start with "--" are positional (else each is an unknown argument)
 * @property {(value: string) => boolean} [noValue] which given values count as no value at all (by default only a missing one)
 */

/**
 * @typedef {object} ScannedFlags
 * @property {Record<string, string>} values by field, as given (the last of a repeated flag)
 * @property {Set<string>} switches the switches given
 * @property {string[]} positional
 * @property {boolean} help --help or -h was given
 */

/**
 * The command line of oke-token, oke-bastion and oke-inspect: `--flag value` and `--flag=value`, as
 * the OCI CLI (click) takes them. A value flag followed by nothing, or by another flag, needs a value;
 * anything undeclared is an unknown argument. Both are one sentence, exit 2.
 * @param {readonly string[]} argv
 * @param {FlagSpec} spec
 * @returns {ScannedFlags}
 */
function scanFlags(argv, spec) {
  const { tool, usage, valueFlags, switches = [], positional: takesPositional = false, noValue = () => false } = spec;
  /** @type {ScannedFlags} */
  const scanned = { values: {}, switches: new Set(), positional: [], help: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === "--help" || arg === "-h") {
      scanned.help = true;
      continue;
    }
    if (switches.includes(arg)) {
      scanned.switches.add(arg);
      continue;
    }
    if (takesPositional && !arg.startsWith("--")) {
      scanned.positional.push(arg);
      continue;
    }
    const eq = arg.indexOf("=");
    const flag = arg.startsWith("--") && eq > 0 ? arg.slice(0, eq) : arg;
    if (!Object.prototype.hasOwnProperty.call(valueFlags, flag)) {
      throw usageError(`${tool}: unknown argument ${echo(arg)}; ${usage}.`);
    }
    const value = flag !== arg ? arg.slice(eq + 1) : argv[++i];
    if (value === undefined || noValue(value) || (flag === arg && value.startsWith("--"))) {
      throw usageError(`${tool}: ${flag} needs a value; ${usage}.`);
    }
    scanned.values[valueFlags[flag]] = value;
  }
  return scanned;
}

module.exports = { scanFlags };
