import * as fs from "fs";
import * as path from "path";
import { POLICIES_DOC, policiesDocDisagreements, withPolicyTables } from "../../scripts/policyDoc";

const read = () => fs.readFileSync(path.resolve(__dirname, "..", "..", POLICIES_DOC), "utf8");

describe("docs/policies.md's tables are the pack's", () => {
  it("lists every policy and config property as the pack declares them", () => {
    expect(policiesDocDisagreements(read())).toEqual([]);
  });

  it("names the policy whose row was edited, and the one whose row is gone", () => {
    const edited = read().replace("| `node-pool-minimum-size` | mandatory |", "| `node-pool-minimum-size` | advisory |");
    expect(policiesDocDisagreements(edited)).toEqual([
      expect.stringMatching(/^docs\/policies\.md's policies row for 'node-pool-minimum-size' differs from the pack/),
    ]);
    const dropped = read().replace(/^\| `security-rules-stateful` .*\n/m, "");
    expect(policiesDocDisagreements(dropped)).toEqual([expect.stringMatching(/^docs\/policies\.md's policies table has no row for 'security-rules-stateful'/)]);
  });

  it("names a config property whose default the doc misstates", () => {
    const edited = read().replace(/^(\| `minimumNodes` \| `node-pool-minimum-size` \| [^|]+\| )`3`/m, "$1`2`");
    expect(policiesDocDisagreements(edited)).toEqual([
      expect.stringMatching(/^docs\/policies\.md's config row for 'node-pool-minimum-size\.minimumNodes' differs from the pack/),
    ]);
  });

  it("keeps the hand-written prose when regenerating, and changes nothing twice", () => {
    const doc = read();
    const stale = doc.replace(/^\| `security-rules-stateful` .*\n/m, "");
    expect(withPolicyTables(stale)).toBe(doc);
    expect(withPolicyTables(doc)).toBe(doc);
  });
});
