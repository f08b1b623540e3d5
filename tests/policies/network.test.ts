import { AnalyzedResource, UNKNOWN_VALUE } from "../../offline/analyzer/records";
import { loadBalancerSubnetPublic, noNetworkSecurityGroups, workerSubnetPrivate } from "../../policies/network";
import { recordNamed, runResourcePolicy, violations } from "./harness";
import { nameIdOf, stackRecords, withInputs } from "../helpers/stackRecords";

const POOL = "oke-nodepool-pool1";
const CLUSTER = "oke-cluster-cluster";
const WORKER_SUBNET = "oke-network-worker-subnet";
const LB_SUBNET = "oke-network-lb-subnet";

let stack: AnalyzedResource[];
let preview: AnalyzedResource[];
let publicWorkers: AnalyzedResource[];
let nameId: string;
beforeAll(async () => {
  stack = await stackRecords();
  preview = await stackRecords({}, true);
  publicWorkers = await stackRecords({ workersPublic: true }, true);
  nameId = nameIdOf(stack);
});
/** One record of the preview, changed in a way the program itself will not produce. */
const changed = (name: string, update: (inputs: Record<string, any>) => void) => recordNamed(withInputs(preview, name, update), name);

describe("no-network-security-groups", () => {
  it.each([POOL, CLUSTER])("accepts the default %s", async (name) => {
    expect((await runResourcePolicy(noNetworkSecurityGroups, recordNamed(stack, name))).diagnostics).toEqual([]);
  });

  it("rejects nsgIds on the node pool even when the NSG id is unknown (preview)", async () => {
    const { diagnostics } = await runResourcePolicy(
      noNetworkSecurityGroups,
      changed(POOL, (i) => (i.nodeConfigDetails.nsgIds = [UNKNOWN_VALUE])),
    );
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0].enforcementLevel).toBe("mandatory");
    expect(diagnostics[0].message).toMatch(/"pool1" \(Pulumi name "oke-nodepool-pool1"\) sets nodeConfigDetails.nsgIds \(1 NSG id\(s\)\)/);
  });

  it("rejects a wholly unknown nsgIds list", async () => {
    const { diagnostics } = await runResourcePolicy(
      noNetworkSecurityGroups,
      changed(POOL, (i) => (i.nodeConfigDetails.nsgIds = UNKNOWN_VALUE)),
    );
    expect(violations(diagnostics)).toEqual([
      [
        "no-network-security-groups",
        "oke-nodepool-pool1",
        expect.stringMatching(/sets nodeConfigDetails\.nsgIds \(\(unknown until the resource it comes from exists\)\)/),
      ],
    ]);
  });

  it("accepts an empty nsgIds list", async () => {
    expect(
      (
        await runResourcePolicy(
          noNetworkSecurityGroups,
          changed(POOL, (i) => (i.nodeConfigDetails.nsgIds = [])),
        )
      ).diagnostics,
    ).toEqual([]);
  });

  it("rejects podNsgIds", async () => {
    const record = changed(POOL, (i) => (i.nodeConfigDetails.nodePoolPodNetworkOptionDetails.podNsgIds = ["ocid1.nsg"]));
    const { diagnostics } = await runResourcePolicy(noNetworkSecurityGroups, record);
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0].message).toMatch(/podNsgIds/);
  });

  it("rejects NSGs on the cluster endpoint", async () => {
    const { diagnostics } = await runResourcePolicy(
      noNetworkSecurityGroups,
      changed(CLUSTER, (i) => (i.endpointConfig.nsgIds = [UNKNOWN_VALUE])),
    );
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0].message).toMatch(/Cluster "cluster1" \(Pulumi name "oke-cluster-cluster"\) sets endpointConfig.nsgIds/);
  });

  it("rejects NetworkSecurityGroup resources", async () => {
    const nsg = {
      urn: "urn:pulumi:dev::p::oci:Core/networkSecurityGroup:NetworkSecurityGroup::extra",
      type: "oci:Core/networkSecurityGroup:NetworkSecurityGroup",
      name: "extra",
      inputs: { displayName: "extra-nsg", vcnId: UNKNOWN_VALUE, compartmentId: "c" },
      dependencies: [],
    };
    const { diagnostics } = await runResourcePolicy(noNetworkSecurityGroups, nsg);
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0].message).toMatch(/"extra-nsg" \(Pulumi name "extra"\)/);
  });
});

describe("worker-subnet-private", () => {
  it("accepts the private worker subnet in a preview", async () => {
    expect((await runResourcePolicy(workerSubnetPrivate, recordNamed(preview, WORKER_SUBNET))).diagnostics).toEqual([]);
  });

  it("rejects the public worker subnet of workersPublic true", async () => {
    const { diagnostics } = await runResourcePolicy(workerSubnetPrivate, recordNamed(publicWorkers, WORKER_SUBNET));
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0].message).toContain(`oke-nodesubnet-quick-cluster1-${nameId}-regional`);
    expect(diagnostics[0].message).toMatch(/prohibitPublicIpOnVnic false and prohibitInternetIngress false/);
  });

  it("rejects a worker subnet without prohibitInternetIngress", async () => {
    const { diagnostics } = await runResourcePolicy(
      workerSubnetPrivate,
      changed(WORKER_SUBNET, (i) => delete i.prohibitInternetIngress),
    );
    expect(violations(diagnostics)).toEqual([
      ["worker-subnet-private", "oke-network-worker-subnet", expect.stringMatching(/has prohibitPublicIpOnVnic true and prohibitInternetIngress \(unset\)/)],
    ]);
  });

  it("accepts public workers when configured", async () => {
    const config = { "worker-subnet-private": { allowPublicWorkers: true } };
    expect((await runResourcePolicy(workerSubnetPrivate, recordNamed(publicWorkers, WORKER_SUBNET), config)).diagnostics).toEqual([]);
  });

  it("ignores subnets that are not the worker subnet", async () => {
    expect((await runResourcePolicy(workerSubnetPrivate, recordNamed(stack, LB_SUBNET))).diagnostics).toEqual([]);
  });
});

describe("load-balancer-subnet-public", () => {
  it("accepts the public LB subnet, with private or public workers", async () => {
    expect((await runResourcePolicy(loadBalancerSubnetPublic, recordNamed(preview, LB_SUBNET))).diagnostics).toEqual([]);
    expect((await runResourcePolicy(loadBalancerSubnetPublic, recordNamed(publicWorkers, LB_SUBNET))).diagnostics).toEqual([]);
  });

  it("rejects a private LB subnet", async () => {
    const { diagnostics } = await runResourcePolicy(
      loadBalancerSubnetPublic,
      changed(LB_SUBNET, (i) => (i.prohibitPublicIpOnVnic = true)),
    );
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0].message).toContain(`oke-svclbsubnet-quick-cluster1-${nameId}-regional`);
  });
});
