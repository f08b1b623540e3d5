import { AnalyzedResource } from "../../offline/analyzer/records";
import { ENDPOINT_RULES, SecurityRuleRow, WORKER_RULES } from "../../policies/contract";
import { nodeRegistrationSecurityRules } from "../../policies/securityLists";
import { stackRecords, withInputs } from "../helpers/stackRecords";
import { runStackPolicy } from "../policies/harness";

/**
 * The rule rows are the one table: the program builds each list from them and the pack requires the
 * rows marked `registration`. Dropping each row from the program's list in turn shows the marking is
 * what the pack enforces, row for row, and that no other row of the list stands in for a dropped one.
 */
const LISTS: [string, string, readonly SecurityRuleRow[]][] = [
  ["endpoint", "oke-network-endpoint-seclist", ENDPOINT_RULES],
  ["worker", "oke-network-worker-seclist", WORKER_RULES],
];

let preview: AnalyzedResource[];
beforeAll(async () => {
  preview = await stackRecords({}, true);
});

/** The records with one row's rule removed from the list the program built (the default stack has a public endpoint). */
function withoutRow(list: string, table: readonly SecurityRuleRow[], row: SecurityRuleRow): AnalyzedResource[] {
  const index = table.filter((r) => r.direction === row.direction).indexOf(row);
  return withInputs(preview, list, (inputs) => inputs[`${row.direction}SecurityRules`].splice(index, 1));
}

describe.each(LISTS)("the %s list's rows", (_name, list, table) => {
  it.each(table.map((row, i) => [i, row.registration, row.description, row] as const))(
    "row %i (registration %p, %s): dropping it is a violation exactly when nodes need it",
    async (_i, registration, description, row) => {
      const { diagnostics } = await runStackPolicy(nodeRegistrationSecurityRules, withoutRow(list, table, row));
      const quoting = (text: string) => text.includes(`("${description}")`);
      expect(diagnostics.map((d) => quoting(d.message))).toEqual(registration ? [true] : []);
    },
  );
});
