import * as path from "path";
import { AnalysisReport, PolicyPackSession, startPolicyPack, StartOptions } from "../../offline/analyzer";
import { readProjectFile } from "../../offline/inputs/projectFile";
import { resolveStackSettings } from "../../offline/inputs/stackSettings";
import { PROJECT } from "../helpers/stack";
import { stackRecords } from "../helpers/stackRecords";

// The test run's pack broker (tests/helpers/packBroker.ts), as the files that run plans rely on it:
// one process per distinct pack, lent to one plan at a time.

const REPO = path.resolve(__dirname, "..", "..");
// The dev stack's pack, as the plans and analyzer.test.ts ask for it: in a whole run, the same process.
const DEV: StartOptions = { project: PROJECT, stack: "dev", stackConfig: resolveStackSettings(REPO, readProjectFile(REPO), "dev", []).config };
const mandatoryOf = (report: AnalysisReport) => report.mandatory.map((d) => d.policyName);
let sessions: PolicyPackSession[] = [];
afterAll(() => Promise.all(sessions.map((s) => s.close())));

test("every session asking for the same pack gets the run's one process", async () => {
  sessions = await Promise.all([startPolicyPack(DEV), startPolicyPack(DEV)]);
  expect(sessions.map((s) => s.port)).toEqual([sessions[0].port, sessions[0].port]);
});

test("a plan's Configure never lands inside another plan's run on the shared process", async () => {
  const records = await stackRecords({ nodeCount: 2 });
  const [relaxed, strict] = await Promise.all([sessions[0].run(records, { config: { "node-pool-minimum-size": "advisory" } }), sessions[1].run(records)]);
  expect([mandatoryOf(relaxed), mandatoryOf(strict)]).toEqual([[], ["node-pool-minimum-size"]]);
});
