import { AnalyzedResource, UNKNOWN_VALUE } from "../../offline/analyzer/records";
import {
  apiEndpointOpenToInternet,
  ccmManagedListsIgnoreRuleChanges,
  loadBalancerSecurityListEmpty,
  nodeRegistrationSecurityRules,
  securityRulesStateful,
  sshOpenToInternet,
} from "../../policies/securityLists";
import { recordNamed, runResourcePolicy, runStackPolicy, violations } from "./harness";
import { nameIdOf, stackRecords, withInputs } from "../helpers/stackRecords";

const WORKER_LIST = "oke-network-worker-seclist";
const ENDPOINT_LIST = "oke-network-endpoint-seclist";
const LB_LIST = "oke-network-lb-seclist";
const WORKER_SUBNET = "oke-network-worker-subnet";

let preview: AnalyzedResource[];
let nameId: string;
beforeAll(async () => {
  preview = await stackRecords({}, true);
  nameId = nameIdOf(preview);
});
type Rule = Record<string, any>;
const isPort = (port: number) => (r: Rule) => r.tcpOptions?.min === port;
const without = (records: AnalyzedResource[], list: string, direction: "ingress" | "egress", drop: (r: Rule) => boolean) =>
  withInputs(records, list, (i) => (i[`${direction}SecurityRules`] = i[`${direction}SecurityRules`].filter((r: Rule) => !drop(r))));
/** A record with other resource options than the program gives it (withInputs changes inputs only). */
const withOptions = (record: AnalyzedResource, ignoreChanges: string[]): AnalyzedResource => ({ ...record, options: { ...record.options, ignoreChanges } });

describe("node-registration-security-rules", () => {
  it("accepts the rules of spec §3 in the preview of a new stack", async () => {
    expect((await runStackPolicy(nodeRegistrationSecurityRules, preview)).diagnostics).toEqual([]);
  });

  it.each<[string, Record<string, string | boolean>]>([
    ["other subnet CIDRs", { vcnCidr: "10.1.0.0/16", endpointSubnetCidr: "10.1.0.0/28", workerSubnetCidr: "10.1.10.0/24", lbSubnetCidr: "10.1.20.0/24" }],
    ["public workers", { workersPublic: true }],
    ["a private endpoint", { endpointPublic: false }],
  ])("accepts the rules the program derives for %s", async (_what, overrides) => {
    expect((await runStackPolicy(nodeRegistrationSecurityRules, await stackRecords(overrides, true))).diagnostics).toEqual([]);
  });

  it("rejects a worker list without egress 12250, once, naming the list and the rule", async () => {
    const { diagnostics } = await runStackPolicy(nodeRegistrationSecurityRules, without(preview, WORKER_LIST, "egress", isPort(12250)));
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0].enforcementLevel).toBe("mandatory");
    expect(diagnostics[0].urn).toBe(recordNamed(preview, WORKER_LIST).urn);
    expect(diagnostics[0].message).toContain(`"oke-nodeseclist-quick-cluster1-${nameId}"`);
    expect(diagnostics[0].message).toMatch(/egress to 10\.0\.0\.0\/28 TCP 12250/);
  });

  it("rejects an endpoint list without ingress 6443 from the workers, even with the public 0.0.0.0/0 rule", async () => {
    // 0.0.0.0/0 would let nodes in today, but narrowing it (as api-endpoint-open-to-internet advises) would cut them off.
    const records = without(preview, ENDPOINT_LIST, "ingress", (r) => isPort(6443)(r) && r.source === "10.0.10.0/24");
    const { diagnostics } = await runStackPolicy(nodeRegistrationSecurityRules, records);
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0].message).toMatch(/ingress from 10\.0\.10\.0\/24 TCP 6443/);
  });

  it("rejects peers that do not match the subnets found by display name", async () => {
    const records = withInputs(preview, WORKER_SUBNET, (i) => (i.cidrBlock = "10.0.11.0/24"));
    const { diagnostics } = await runStackPolicy(nodeRegistrationSecurityRules, records);
    // Five endpoint-list rules and two worker-list rules name the worker CIDR as peer.
    expect(diagnostics).toHaveLength(7);
    expect(diagnostics.map((d) => d.message).filter((m) => !/10\.0\.11\.0\/24/.test(m))).toEqual([]);
  });

  it("requires an explicit Oracle Services Network rule", async () => {
    const records = without(preview, ENDPOINT_LIST, "egress", (r) => r.destinationType === "SERVICE_CIDR_BLOCK");
    const { diagnostics } = await runStackPolicy(nodeRegistrationSecurityRules, records);
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0].message).toMatch(/Oracle Services Network.*TCP 443/);
  });

  it("accepts an OSN destination that is unknown during preview", async () => {
    const records = withInputs(preview, WORKER_LIST, (i) =>
      i.egressSecurityRules.filter((r: Rule) => r.destinationType === "SERVICE_CIDR_BLOCK").forEach((r: Rule) => (r.destination = UNKNOWN_VALUE)),
    );
    expect((await runStackPolicy(nodeRegistrationSecurityRules, records)).diagnostics).toEqual([]);
  });

  it("does not count stateless rules", async () => {
    const records = withInputs(preview, WORKER_LIST, (i) => i.egressSecurityRules.filter(isPort(6443)).forEach((r: Rule) => (r.stateless = true)));
    const { diagnostics } = await runStackPolicy(nodeRegistrationSecurityRules, records);
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0].message).toMatch(/egress to 10\.0\.0\.0\/28 TCP 6443/);
  });

  it("accepts a rule for the same peer that allows more (all protocols instead of all TCP)", async () => {
    const records = withInputs(
      without(preview, WORKER_LIST, "ingress", (r) => r.protocol === "6" && !r.tcpOptions),
      WORKER_LIST,
      (i) => i.ingressSecurityRules.push({ source: "10.0.0.0/28", sourceType: "CIDR_BLOCK", protocol: "all", stateless: false }),
    );
    expect((await runStackPolicy(nodeRegistrationSecurityRules, records)).diagnostics).toEqual([]);
  });

  it("does not accept a wider peer in place of the subnet", async () => {
    const records = withInputs(
      without(preview, WORKER_LIST, "ingress", (r) => r.protocol === "6" && !r.tcpOptions),
      WORKER_LIST,
      (i) => i.ingressSecurityRules.push({ source: "10.0.0.0/16", sourceType: "CIDR_BLOCK", protocol: "all", stateless: false }),
    );
    const { diagnostics } = await runStackPolicy(nodeRegistrationSecurityRules, records);
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0].message).toMatch(/ingress from 10\.0\.0\.0\/28 TCP all ports/);
  });

  it("rejects intra-worker traffic limited to TCP", async () => {
    const records = withInputs(preview, WORKER_LIST, (i) => (i.ingressSecurityRules[0].protocol = "6"));
    const { diagnostics } = await runStackPolicy(nodeRegistrationSecurityRules, records);
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0].message).toMatch(/ingress from 10\.0\.10\.0\/24 all protocols/);
  });

  it("reports a missing worker subnet instead of guessing", async () => {
    const records = preview.filter((r) => r.name !== WORKER_SUBNET);
    const { diagnostics } = await runStackPolicy(nodeRegistrationSecurityRules, records);
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0].message).toMatch(/0 subnets named like oke-nodesubnet-quick-<cluster>-<id>-regional/);
  });
});

describe("api-endpoint-open-to-internet", () => {
  it("advises on the public endpoint's 0.0.0.0/0 6443 rule", async () => {
    const { diagnostics } = await runResourcePolicy(apiEndpointOpenToInternet, recordNamed(preview, ENDPOINT_LIST));
    expect(violations(diagnostics)).toEqual([
      [
        "api-endpoint-open-to-internet",
        "oke-network-endpoint-seclist",
        expect.stringMatching(/ingress rule #0 allows 0\.0\.0\.0\/0 to the Kubernetes API \(TCP 6443\)/),
      ],
    ]);
    expect(diagnostics[0].enforcementLevel).toBe("advisory");
  });

  it("is quiet once the source is narrowed", async () => {
    const records = withInputs(preview, ENDPOINT_LIST, (i) => (i.ingressSecurityRules[0].source = "203.0.113.0/24"));
    expect((await runResourcePolicy(apiEndpointOpenToInternet, recordNamed(records, ENDPOINT_LIST))).diagnostics).toEqual([]);
  });

  it("is quiet for a private endpoint (endpointPublic false)", async () => {
    const records = await stackRecords({ endpointPublic: false }, true);
    expect((await runResourcePolicy(apiEndpointOpenToInternet, recordNamed(records, ENDPOINT_LIST))).diagnostics).toEqual([]);
  });
});

describe("ssh-open-to-internet", () => {
  it("is quiet for private workers by default", async () => {
    expect((await runStackPolicy(sshOpenToInternet, preview)).diagnostics).toEqual([]);
  });

  it("advises for public workers (workersPublic true)", async () => {
    const records = await stackRecords({ workersPublic: true }, true);
    const { diagnostics } = await runStackPolicy(sshOpenToInternet, records);
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0].enforcementLevel).toBe("advisory");
    expect(diagnostics[0].urn).toBe(recordNamed(records, WORKER_LIST).urn);
    expect(diagnostics[0].message).toMatch(/SSH \(TCP 22\) from 0\.0\.0\.0\/0/);
  });

  it("advises for private workers when configured", async () => {
    const { diagnostics } = await runStackPolicy(sshOpenToInternet, preview, { "ssh-open-to-internet": { flagPrivateWorkers: true } });
    expect(violations(diagnostics)).toEqual([
      [
        "ssh-open-to-internet",
        "oke-network-worker-seclist",
        expect.stringMatching(/ingress rule #3 allows SSH \(TCP 22\) from 0\.0\.0\.0\/0 and the workers are private/),
      ],
    ]);
  });
});

describe("load-balancer-security-list-empty", () => {
  it("accepts the emptied default list", async () => {
    expect((await runResourcePolicy(loadBalancerSecurityListEmpty, recordNamed(preview, LB_LIST))).diagnostics).toEqual([]);
  });

  it("advises when the default list keeps rules", async () => {
    const records = withInputs(preview, LB_LIST, (i) => i.ingressSecurityRules.push({ source: "0.0.0.0/0", protocol: "6", tcpOptions: { min: 22, max: 22 } }));
    const { diagnostics } = await runResourcePolicy(loadBalancerSecurityListEmpty, recordNamed(records, LB_LIST));
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0].message).toContain(`oke-svclbseclist-quick-cluster1-${nameId}`);
    expect(diagnostics[0].message).toMatch(/declares 1 rule/);
  });
});

describe("security-rules-stateful", () => {
  it("accepts stateful rules", async () => {
    for (const list of [WORKER_LIST, ENDPOINT_LIST, LB_LIST]) {
      expect((await runResourcePolicy(securityRulesStateful, recordNamed(preview, list))).diagnostics).toEqual([]);
    }
  });

  it("advises on a stateless rule", async () => {
    const records = withInputs(preview, WORKER_LIST, (i) => (i.egressSecurityRules[6].stateless = true));
    const { diagnostics } = await runResourcePolicy(securityRulesStateful, recordNamed(records, WORKER_LIST));
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0].message).toMatch(/egress rule #6/);
  });
});

describe("ccm-managed-lists-ignore-rule-changes", () => {
  it("is quiet for the program's lists: ignoreChanges on both LB rule lists and the worker ingress (spec §3.3), none on the endpoint list", async () => {
    expect(recordNamed(preview, LB_LIST).options?.ignoreChanges).toEqual(["ingressSecurityRules", "egressSecurityRules"]);
    expect(recordNamed(preview, WORKER_LIST).options?.ignoreChanges).toEqual(["ingressSecurityRules"]);
    for (const list of [WORKER_LIST, LB_LIST, ENDPOINT_LIST]) {
      expect((await runResourcePolicy(ccmManagedListsIgnoreRuleChanges, recordNamed(preview, list))).diagnostics).toEqual([]);
    }
  });

  it("advises when the worker list would overwrite the cloud controller manager's rules", async () => {
    const worker = withOptions(recordNamed(preview, WORKER_LIST), []);
    const { diagnostics } = await runResourcePolicy(ccmManagedListsIgnoreRuleChanges, worker);
    expect(diagnostics.map((d) => d.message)).toEqual([expect.stringMatching(/does not ignore changes to ingressSecurityRules/)]);
  });

  it("advises when the LB list ignores only its ingress: the controller also adds egress to the backends", async () => {
    const lb = withOptions(recordNamed(preview, LB_LIST), ["ingressSecurityRules"]);
    const { diagnostics } = await runResourcePolicy(ccmManagedListsIgnoreRuleChanges, lb);
    expect(diagnostics.map((d) => d.message)).toEqual([expect.stringMatching(/does not ignore changes to egressSecurityRules/)]);
  });
});
