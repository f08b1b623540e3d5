// @ts-check
"use strict";

const { escapeControls } = require("../common/echo");

/**
 * The report: text for a person (one line per check) and JSON for a job.
 * @typedef {import("./checks").CheckResult} CheckResult
 * @typedef {{ clusterId: string, region: string, name: string, version: string, type: string, cni: string, checks: CheckResult[],
 *   names: Map<string, string>, conformant: boolean }} Report
 * `names`: how subjects (node OCIDs) are shown in text; `conformant`: nothing differs and nothing was skipped but on purpose (--oci-only).
 */

const MARK = Object.freeze({ pass: "✓", fail: "✗", skip: "–" });

/** @param {CheckResult[]} checks */
function counts(checks) {
  return {
    pass: checks.filter((c) => c.status === "pass").length,
    fail: checks.filter((c) => c.status === "fail").length,
    skip: checks.filter((c) => c.status === "skip").length,
  };
}

/**
 * @param {Report} report
 * @returns {string}
 */
function textReport(report) {
  const lines = [`cluster ${report.name} (${report.clusterId})`, `  region ${report.region}, Kubernetes ${report.version}, ${report.type}, CNI ${report.cni}`];
  for (const c of report.checks) {
    if (c.status === "pass") lines.push(`${MARK.pass} ${c.id}: ${c.found}`);
    else if (c.status === "skip") lines.push(`${MARK.skip} ${c.id}: skipped, ${c.reason}`);
    else {
      const nodes = c.subjects.map((s) => report.names.get(s) ?? s);
      lines.push(`${MARK.fail} ${c.id}: expected ${c.expected}; found ${c.found}${nodes.length ? `; concerns ${nodes.join(", ")}` : ""}`);
    }
  }
  const n = counts(report.checks);
  lines.push(`${report.checks.length} checks: ${n.pass} as Quick Create builds, ${n.fail} differ, ${n.skip} skipped`);
  // Values read from the cluster (names, labels) reach the terminal escaped, never raw.
  return `${lines.map(escapeControls).join("\n")}\n`;
}

/** @param {Report} report */
function jsonReport(report) {
  return `${JSON.stringify(
    {
      clusterId: report.clusterId,
      region: report.region,
      conformant: report.conformant,
      checks: report.checks.map((c) => ({
        id: c.id,
        status: c.status,
        expected: c.expected,
        found: c.found,
        subjects: c.subjects,
        ...(c.reason ? { reason: c.reason } : {}),
      })),
    },
    null,
    2,
  )}\n`;
}

module.exports = { textReport, jsonReport, counts };
