import { ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import { AnalyzedResource } from "../../offline/analyzer/records";
import { bastionClientCidrsOpenToInternet, bastionTargetsWorkerSubnet } from "../../policies/bastion";
import { allPolicies } from "../../policies/catalog";
import { recordNamed, runResourcePolicy, runResourcePolicyOverStack, runStackPolicy, violations } from "./harness";
import { stackRecords, withInputs } from "../helpers/stackRecords";

const BASTION = "oke-bastion-bastion";
const ON = { bastion: true, bastionClientCidrs: '["203.0.113.0/24"]', endpointPublic: false };

// Both policies must decide at the preview of a new stack, where every id is unknown.
let preview: AnalyzedResource[];
beforeAll(async () => {
  preview = await stackRecords(ON, true);
});

describe("the README's private-endpoint stack with a bastion", () => {
  it("draws no diagnostic from the whole pack at a fresh preview: 0 mandatory, nothing downgraded", async () => {
    const diagnostics = [];
    for (const policy of allPolicies) {
      if ("validateStack" in policy) diagnostics.push(...(await runStackPolicy(policy as StackValidationPolicy, preview)).diagnostics);
      else diagnostics.push(...(await runResourcePolicyOverStack(policy as ResourceValidationPolicy, preview)));
    }
    expect(diagnostics).toEqual([]);
  });
});

describe("bastion-client-cidrs-open-to-internet", () => {
  it("accepts the configured ranges", async () => {
    const result = await runResourcePolicy(bastionClientCidrsOpenToInternet, recordNamed(preview, BASTION));
    expect(result).toEqual({ diagnostics: [], notApplicable: [] });
  });

  it("flags 0.0.0.0/0 among the ranges, as advisory, at a fresh preview", async () => {
    const records = withInputs(preview, BASTION, (i) => (i.clientCidrBlockAllowLists = ["198.51.100.0/24", "0.0.0.0/0"]));
    const { diagnostics, notApplicable } = await runResourcePolicy(bastionClientCidrsOpenToInternet, recordNamed(records, BASTION));
    expect(notApplicable).toEqual([]);
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0].enforcementLevel).toBe("advisory");
    expect(diagnostics[0].message).toMatch(
      /\nBastion "okebastionquickcluster1[0-9a-f]{9}" \(Pulumi name "oke-bastion-bastion"\) allows sessions from "0\.0\.0\.0\/0"/,
    );
  });

  it('also flags the program\'s own output for --config bastionClientCidrs=["0.0.0.0/0"]', async () => {
    const open = await stackRecords({ ...ON, bastionClientCidrs: '["0.0.0.0/0"]' }, true);
    expect(violations((await runResourcePolicy(bastionClientCidrsOpenToInternet, recordNamed(open, BASTION))).diagnostics)).toEqual([
      [
        "bastion-client-cidrs-open-to-internet",
        "oke-bastion-bastion",
        expect.stringMatching(/\nBastion "okebastionquickcluster1[0-9a-f]{9}" \(Pulumi name "oke-bastion-bastion"\) allows sessions from "0\.0\.0\.0\/0"/),
      ],
    ]);
  });
});

describe("bastion-targets-worker-subnet", () => {
  it("accepts the stack's bastion, whose targetSubnetId comes from the worker subnet", async () => {
    expect(await runStackPolicy(bastionTargetsWorkerSubnet, preview)).toEqual({ diagnostics: [], notApplicable: [] });
  });

  it("flags a bastion targeting the load-balancer subnet", async () => {
    const records: AnalyzedResource[] = JSON.parse(JSON.stringify(preview));
    const lb = records.find((r) => r.name === "oke-network-lb-subnet")!;
    records.find((r) => r.name === BASTION)!.propertyDependencies!.targetSubnetId = [lb.urn];
    const { diagnostics, notApplicable } = await runStackPolicy(bastionTargetsWorkerSubnet, records);
    expect(notApplicable).toEqual([]);
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0].enforcementLevel).toBe("advisory");
    expect(diagnostics[0].message).toMatch(
      /targets subnet "oke-svclbsubnet-quick-cluster1-[0-9a-f]{9}-regional" \(Pulumi name "oke-network-lb-subnet"\), not the worker subnet/,
    );
  });

  it("flags a literal subnet OCID that no resource of the stack produces", async () => {
    const records: AnalyzedResource[] = JSON.parse(JSON.stringify(preview));
    const bastion = records.find((r) => r.name === BASTION)!;
    bastion.inputs.targetSubnetId = "ocid1.subnet.oc1.ap-tokyo-1.aaaaelsewhere";
    bastion.propertyDependencies = {};
    const { diagnostics } = await runStackPolicy(bastionTargetsWorkerSubnet, records);
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0].message).toMatch(/targets a subnet id that does not come from this stack/);
  });
});
