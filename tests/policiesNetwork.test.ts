import { UNKNOWN_VALUE } from "../offline/analyzer/records";
import { quickCreateStackRecords, withInputs } from "../offline/analyzer/exampleStack";
import { loadBalancerSubnetPublic, noNetworkSecurityGroups, workerSubnetPrivate } from "../policies/network";
import { recordNamed, runResourcePolicy } from "./policiesHarness";

const stack = quickCreateStackRecords();
const preview = quickCreateStackRecords({ preview: true });
const changed = (name: string, update: (inputs: Record<string, any>) => void) => recordNamed(withInputs(preview, name, update), name);

describe("no-network-security-groups", () => {
  it.each(["node-pool", "cluster"])("accepts the default %s", async (name) => {
    expect((await runResourcePolicy(noNetworkSecurityGroups, recordNamed(stack, name))).diagnostics).toEqual([]);
  });

  it("rejects nsgIds on the node pool even when the NSG id is unknown (preview)", async () => {
    const { diagnostics } = await runResourcePolicy(noNetworkSecurityGroups, changed("node-pool", (i) => (i.nodeConfigDetails.nsgIds = [UNKNOWN_VALUE])));
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0].enforcementLevel).toBe("mandatory");
    expect(diagnostics[0].message).toMatch(/"pool1" \(Pulumi name "node-pool"\) sets nodeConfigDetails.nsgIds \(1 NSG id\(s\)\)/);
  });

  it("rejects a wholly unknown nsgIds list", async () => {
    const { diagnostics } = await runResourcePolicy(noNetworkSecurityGroups, changed("node-pool", (i) => (i.nodeConfigDetails.nsgIds = UNKNOWN_VALUE)));
    expect(diagnostics).toHaveLength(1);
  });

  it("accepts an empty nsgIds list", async () => {
    expect((await runResourcePolicy(noNetworkSecurityGroups, changed("node-pool", (i) => (i.nodeConfigDetails.nsgIds = [])))).diagnostics).toEqual([]);
  });

  it("rejects podNsgIds", async () => {
    const record = changed("node-pool", (i) => (i.nodeConfigDetails.nodePoolPodNetworkOptionDetails.podNsgIds = ["ocid1.nsg"]));
    const { diagnostics } = await runResourcePolicy(noNetworkSecurityGroups, record);
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0].message).toMatch(/podNsgIds/);
  });

  it("rejects NSGs on the cluster endpoint", async () => {
    const { diagnostics } = await runResourcePolicy(noNetworkSecurityGroups, changed("cluster", (i) => (i.endpointConfig.nsgIds = [UNKNOWN_VALUE])));
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0].message).toMatch(/Cluster "cluster1" \(Pulumi name "cluster"\) sets endpointConfig.nsgIds/);
  });

  it("rejects NetworkSecurityGroup resources", async () => {
    const nsg = { urn: "urn:pulumi:dev::p::oci:Core/networkSecurityGroup:NetworkSecurityGroup::extra", type: "oci:Core/networkSecurityGroup:NetworkSecurityGroup", name: "extra", inputs: { displayName: "extra-nsg", vcnId: UNKNOWN_VALUE, compartmentId: "c" }, dependencies: [] };
    const { diagnostics } = await runResourcePolicy(noNetworkSecurityGroups, nsg);
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0].message).toMatch(/"extra-nsg" \(Pulumi name "extra"\)/);
  });
});

describe("worker-subnet-private", () => {
  it("accepts the private worker subnet in a preview", async () => {
    expect((await runResourcePolicy(workerSubnetPrivate, recordNamed(preview, "worker-subnet"))).diagnostics).toEqual([]);
  });

  it("rejects a worker subnet that allows public IPs", async () => {
    const { diagnostics } = await runResourcePolicy(workerSubnetPrivate, changed("worker-subnet", (i) => (i.prohibitPublicIpOnVnic = false)));
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0].message).toMatch(/oke-nodesubnet-quick-cluster1-a1b2c3d4e-regional.*prohibitPublicIpOnVnic false/);
  });

  it("rejects a worker subnet without prohibitInternetIngress", async () => {
    const { diagnostics } = await runResourcePolicy(workerSubnetPrivate, changed("worker-subnet", (i) => delete i.prohibitInternetIngress));
    expect(diagnostics).toHaveLength(1);
  });

  it("accepts public workers when configured", async () => {
    const record = changed("worker-subnet", (i) => (i.prohibitPublicIpOnVnic = i.prohibitInternetIngress = false));
    expect((await runResourcePolicy(workerSubnetPrivate, record, { "worker-subnet-private": { allowPublicWorkers: true } })).diagnostics).toEqual([]);
  });

  it("ignores subnets that are not the worker subnet", async () => {
    expect((await runResourcePolicy(workerSubnetPrivate, recordNamed(stack, "lb-subnet"))).diagnostics).toEqual([]);
  });
});

describe("load-balancer-subnet-public", () => {
  it("accepts the public LB subnet", async () => {
    expect((await runResourcePolicy(loadBalancerSubnetPublic, recordNamed(preview, "lb-subnet"))).diagnostics).toEqual([]);
  });

  it("rejects a private LB subnet", async () => {
    const { diagnostics } = await runResourcePolicy(loadBalancerSubnetPublic, changed("lb-subnet", (i) => (i.prohibitPublicIpOnVnic = true)));
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0].message).toMatch(/oke-svclbsubnet-quick-cluster1-a1b2c3d4e-regional/);
  });
});
