import { ResourceRecord, UNKNOWN_VALUE } from "../offline/analyzer/records";
import { quickCreateStackRecords, withInputs } from "../offline/analyzer/exampleStack";
import {
  apiEndpointOpenToInternet,
  ccmManagedListsIgnoreRuleChanges,
  loadBalancerSecurityListEmpty,
  nodeRegistrationSecurityRules,
  securityRulesStateful,
  sshOpenToInternet,
} from "../policies/securityLists";
import { recordNamed, runResourcePolicy, runStackPolicy } from "./policiesHarness";

const preview = quickCreateStackRecords({ preview: true });
type Rule = Record<string, any>;
const isPort = (port: number) => (r: Rule) => r.tcpOptions?.min === port;
const without = (records: ResourceRecord[], list: string, direction: "ingress" | "egress", drop: (r: Rule) => boolean) =>
  withInputs(records, list, (i) => (i[`${direction}SecurityRules`] = i[`${direction}SecurityRules`].filter((r: Rule) => !drop(r))));

describe("node-registration-security-rules", () => {
  it("accepts the rules of spec §3 in the preview of a new stack", async () => {
    expect((await runStackPolicy(nodeRegistrationSecurityRules, preview)).diagnostics).toEqual([]);
  });

  it("rejects a worker list without egress 12250, once, naming the list and the rule", async () => {
    const { diagnostics } = await runStackPolicy(nodeRegistrationSecurityRules, without(preview, "worker-security-list", "egress", isPort(12250)));
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0].enforcementLevel).toBe("mandatory");
    expect(diagnostics[0].urn).toBe(recordNamed(preview, "worker-security-list").urn);
    expect(diagnostics[0].message).toMatch(/"oke-nodeseclist-quick-cluster1-a1b2c3d4e".*egress to 10\.0\.0\.0\/28 TCP 12250/);
  });

  it("rejects an endpoint list without ingress 6443 from the workers, even with the public 0.0.0.0/0 rule", async () => {
    // 0.0.0.0/0 would let nodes in today, but narrowing it (as api-endpoint-open-to-internet advises) would cut them off.
    const records = without(preview, "endpoint-security-list", "ingress", (r) => isPort(6443)(r) && r.source === "10.0.10.0/24");
    const { diagnostics } = await runStackPolicy(nodeRegistrationSecurityRules, records);
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0].message).toMatch(/ingress from 10\.0\.10\.0\/24 TCP 6443/);
  });

  it("rejects peers that do not match the subnets found by display name", async () => {
    const records = withInputs(preview, "worker-subnet", (i) => (i.cidrBlock = "10.0.11.0/24"));
    const { diagnostics } = await runStackPolicy(nodeRegistrationSecurityRules, records);
    // Five endpoint-list rules and two worker-list rules name the worker CIDR as peer.
    expect(diagnostics).toHaveLength(7);
    expect(diagnostics.every((d) => /10\.0\.11\.0\/24/.test(d.message))).toBe(true);
  });

  it("requires an explicit Oracle Services Network rule", async () => {
    const records = without(preview, "endpoint-security-list", "egress", (r) => r.destinationType === "SERVICE_CIDR_BLOCK");
    const { diagnostics } = await runStackPolicy(nodeRegistrationSecurityRules, records);
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0].message).toMatch(/Oracle Services Network.*TCP 443/);
  });

  it("accepts an OSN destination that is unknown during preview", async () => {
    const records = withInputs(preview, "worker-security-list", (i) =>
      i.egressSecurityRules.filter((r: Rule) => r.destinationType === "SERVICE_CIDR_BLOCK").forEach((r: Rule) => (r.destination = UNKNOWN_VALUE)),
    );
    expect((await runStackPolicy(nodeRegistrationSecurityRules, records)).diagnostics).toEqual([]);
  });

  it("does not count stateless rules", async () => {
    const records = withInputs(preview, "worker-security-list", (i) => i.egressSecurityRules.filter(isPort(6443)).forEach((r: Rule) => (r.stateless = true)));
    const { diagnostics } = await runStackPolicy(nodeRegistrationSecurityRules, records);
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0].message).toMatch(/egress to 10\.0\.0\.0\/28 TCP 6443/);
  });

  it("accepts a rule for the same peer that allows more (all protocols instead of all TCP)", async () => {
    const records = withInputs(without(preview, "worker-security-list", "ingress", (r) => r.protocol === "6" && !r.tcpOptions), "worker-security-list", (i) =>
      i.ingressSecurityRules.push({ source: "10.0.0.0/28", sourceType: "CIDR_BLOCK", protocol: "all", stateless: false }),
    );
    expect((await runStackPolicy(nodeRegistrationSecurityRules, records)).diagnostics).toEqual([]);
  });

  it("does not accept a wider peer in place of the subnet", async () => {
    const records = withInputs(without(preview, "worker-security-list", "ingress", (r) => r.protocol === "6" && !r.tcpOptions), "worker-security-list", (i) =>
      i.ingressSecurityRules.push({ source: "10.0.0.0/16", sourceType: "CIDR_BLOCK", protocol: "all", stateless: false }),
    );
    const { diagnostics } = await runStackPolicy(nodeRegistrationSecurityRules, records);
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0].message).toMatch(/ingress from 10\.0\.0\.0\/28 TCP all ports/);
  });

  it("rejects intra-worker traffic limited to TCP", async () => {
    const records = withInputs(preview, "worker-security-list", (i) => (i.ingressSecurityRules[0].protocol = "6"));
    const { diagnostics } = await runStackPolicy(nodeRegistrationSecurityRules, records);
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0].message).toMatch(/ingress from 10\.0\.10\.0\/24 all protocols/);
  });

  it("reports a missing worker subnet instead of guessing", async () => {
    const records = preview.filter((r) => r.name !== "worker-subnet");
    const { diagnostics } = await runStackPolicy(nodeRegistrationSecurityRules, records);
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0].message).toMatch(/0 subnets named like oke-nodesubnet-quick-<cluster>-<id>-regional/);
  });
});

describe("api-endpoint-open-to-internet", () => {
  it("advises on the public endpoint's 0.0.0.0/0 6443 rule", async () => {
    const { diagnostics } = await runResourcePolicy(apiEndpointOpenToInternet, recordNamed(preview, "endpoint-security-list"));
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0].enforcementLevel).toBe("advisory");
  });

  it("is quiet once the source is narrowed", async () => {
    const records = withInputs(preview, "endpoint-security-list", (i) => (i.ingressSecurityRules[0].source = "203.0.113.0/24"));
    expect((await runResourcePolicy(apiEndpointOpenToInternet, recordNamed(records, "endpoint-security-list"))).diagnostics).toEqual([]);
  });
});

describe("ssh-open-to-internet", () => {
  it("is quiet for private workers by default", async () => {
    expect((await runStackPolicy(sshOpenToInternet, preview)).diagnostics).toEqual([]);
  });

  it("advises for public workers", async () => {
    const records = withInputs(preview, "worker-subnet", (i) => (i.prohibitPublicIpOnVnic = i.prohibitInternetIngress = false));
    const { diagnostics } = await runStackPolicy(sshOpenToInternet, records);
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0].enforcementLevel).toBe("advisory");
    expect(diagnostics[0].message).toMatch(/SSH \(TCP 22\) from 0\.0\.0\.0\/0/);
  });

  it("advises for private workers when configured", async () => {
    const { diagnostics } = await runStackPolicy(sshOpenToInternet, preview, { "ssh-open-to-internet": { flagPrivateWorkers: true } });
    expect(diagnostics).toHaveLength(1);
  });
});

describe("load-balancer-security-list-empty", () => {
  it("accepts the emptied default list", async () => {
    expect((await runResourcePolicy(loadBalancerSecurityListEmpty, recordNamed(preview, "lb-security-list"))).diagnostics).toEqual([]);
  });

  it("advises when the default list keeps rules", async () => {
    const records = withInputs(preview, "lb-security-list", (i) => i.ingressSecurityRules.push({ source: "0.0.0.0/0", protocol: "6", tcpOptions: { min: 22, max: 22 } }));
    const { diagnostics } = await runResourcePolicy(loadBalancerSecurityListEmpty, recordNamed(records, "lb-security-list"));
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0].message).toMatch(/oke-svclbseclist-quick-cluster1-a1b2c3d4e.*declares 1 rule/);
  });
});

describe("security-rules-stateful", () => {
  it("accepts stateful rules", async () => {
    expect((await runResourcePolicy(securityRulesStateful, recordNamed(preview, "worker-security-list"))).diagnostics).toEqual([]);
  });

  it("advises on a stateless rule", async () => {
    const records = withInputs(preview, "worker-security-list", (i) => (i.egressSecurityRules[6].stateless = true));
    const { diagnostics } = await runResourcePolicy(securityRulesStateful, recordNamed(records, "worker-security-list"));
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0].message).toMatch(/egress rule #6/);
  });
});

describe("ccm-managed-lists-ignore-rule-changes", () => {
  it("advises when the worker list would overwrite the cloud controller manager's rules", async () => {
    const { diagnostics } = await runResourcePolicy(ccmManagedListsIgnoreRuleChanges, recordNamed(preview, "worker-security-list"));
    expect(diagnostics).toHaveLength(1);
  });

  it("is quiet with ignoreChanges on both rule lists, and for the endpoint list", async () => {
    const record = { ...recordNamed(preview, "lb-security-list"), options: { ignoreChanges: ["ingressSecurityRules", "egressSecurityRules"] } };
    expect((await runResourcePolicy(ccmManagedListsIgnoreRuleChanges, record)).diagnostics).toEqual([]);
    expect((await runResourcePolicy(ccmManagedListsIgnoreRuleChanges, recordNamed(preview, "endpoint-security-list"))).diagnostics).toEqual([]);
  });
});
