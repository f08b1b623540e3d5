// @ts-check
"use strict";

/**
 * Reads an OCI config file (INI) the way the OCI CLI's Python configparser does for the keys we need:
 * `[PROFILE]` sections, `key = value` or `key: value` lines, `#`/`;` comment lines, case-insensitive
 * keys, and every profile inheriting what it does not set from `[DEFAULT]`.
 *
 * oci-common's ConfigFileReader was measured and not used: it prints "No DEFAULT profile was specified"
 * to stdout when a file has no [DEFAULT] section, which would corrupt the ExecCredential JSON that
 * kubectl reads from our stdout.
 */

/**
 * @typedef {Map<string, Map<string, string>>} IniSections section name -> (lower-cased key -> value)
 */

/**
 * @param {string} text file content
 * @param {string} fileName for error messages only
 * @returns {IniSections}
 */
function parseIni(text, fileName) {
  /** @type {IniSections} */
  const sections = new Map();
  /** @type {Map<string, string> | undefined} */
  let current;
  const lines = text.split(/\r?\n/);
  for (let n = 0; n < lines.length; n++) {
    const line = lines[n].trim();
    if (!line || line.startsWith("#") || line.startsWith(";")) continue;
    if (line.startsWith("[") && line.endsWith("]")) {
      const name = line.slice(1, -1).trim();
      current = sections.get(name) ?? new Map();
      sections.set(name, current);
      continue;
    }
    const sep = line.search(/[=:]/);
    if (sep <= 0 || !current) {
      throw new SyntaxError(`line ${n + 1} of ${fileName} is not a [PROFILE] header or a key=value line inside one`);
    }
    current.set(line.slice(0, sep).trim().toLowerCase(), line.slice(sep + 1).trim());
  }
  return sections;
}

/**
 * The profile's own values over [DEFAULT]'s, as configparser presents a section.
 * @param {IniSections} sections
 * @param {string} profile
 * @returns {Map<string, string> | undefined} undefined when the file has no such profile
 */
function profileValues(sections, profile) {
  const own = sections.get(profile);
  if (!own) return undefined;
  return new Map([...(sections.get("DEFAULT") ?? new Map()), ...own]);
}

module.exports = { parseIni, profileValues };
