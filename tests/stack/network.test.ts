import { ProgramRun } from "../../offline/run/runProgram";
import { byDisplayName, ofType, runStack } from "../helpers/stack";
import { ResourceType } from "../../policies/contract";

const ID = "dee46d169"; // derived from project "oke-quick-create", stack "dev", cluster "cluster1"
const OSN = "all-nrt-services-in-oracle-services-network";

type Row = [peer: string, protocol: string, port: number | "all" | "-" | "3/4", description: string];

/** Spec §3 written out as rows, independent of the rule tables the stack builds from. */
function rows(rules: any[], peerKey: "source" | "destination"): Row[] {
  return rules.map((r) => {
    expect(r).toMatchObject({ stateless: false });
    const typeKey = peerKey === "source" ? "sourceType" : "destinationType";
    expect(r[typeKey]).toBe(r[peerKey].startsWith("all-") ? "SERVICE_CIDR_BLOCK" : "CIDR_BLOCK");
    let port: Row[2] = r.protocol === "all" ? "-" : "all";
    if (r.tcpOptions) {
      expect(r.tcpOptions.min).toBe(r.tcpOptions.max);
      port = r.tcpOptions.min;
    }
    if (r.icmpOptions) port = `${r.icmpOptions.type}/${r.icmpOptions.code}` as "3/4";
    return [r[peerKey], r.protocol, port, r.description];
  });
}

describe("default stack (ap-tokyo-1, public endpoint, private workers)", () => {
  let run: ProgramRun;
  beforeAll(async () => {
    run = await runStack();
  });

  test("builds every Quick Create network resource with its console name", () => {
    const names = run.resources
      .filter((r) => r.type.startsWith("oci:"))
      .map((r) => r.inputs.displayName ?? r.inputs.name)
      .sort();
    expect(names).toEqual(
      [
        "cluster1",
        `oke-igw-quick-cluster1-${ID}`,
        `oke-k8sApiEndpoint-quick-cluster1-${ID}`,
        `oke-k8sApiEndpoint-subnet-quick-cluster1-${ID}-regional`,
        `oke-ngw-quick-cluster1-${ID}`,
        `oke-nodeseclist-quick-cluster1-${ID}`,
        `oke-nodesubnet-quick-cluster1-${ID}-regional`,
        `oke-private-routetable-cluster1-${ID}`,
        `oke-public-routetable-cluster1-${ID}`,
        `oke-sgw-quick-cluster1-${ID}`,
        `oke-svclbseclist-quick-cluster1-${ID}`,
        `oke-svclbsubnet-quick-cluster1-${ID}-regional`,
        `oke-vcn-quick-cluster1-${ID}`,
        "pool1",
      ].sort(),
    );
  });

  test("the VCN is 10.0.0.0/16 with the cluster name as DNS label", () => {
    const vcn = byDisplayName(run, `oke-vcn-quick-cluster1-${ID}`);
    expect(vcn.inputs).toMatchObject({ cidrBlocks: ["10.0.0.0/16"], dnsLabel: "cluster1" });
  });

  test("the VCN's default route table and security list are taken over, renamed, and the list emptied", () => {
    const vcn = byDisplayName(run, `oke-vcn-quick-cluster1-${ID}`);
    const publicRt = byDisplayName(run, `oke-public-routetable-cluster1-${ID}`);
    const lbList = byDisplayName(run, `oke-svclbseclist-quick-cluster1-${ID}`);
    expect(publicRt.type).toBe("oci:Core/defaultRouteTable:DefaultRouteTable");
    expect(lbList.type).toBe("oci:Core/defaultSecurityList:DefaultSecurityList");
    expect(publicRt.inputs.manageDefaultResourceId).toMatch(/^ocid1\.routetable\./);
    expect(publicRt.dependencies).toContain(vcn.urn);
    expect(lbList.inputs).toMatchObject({ ingressSecurityRules: [], egressSecurityRules: [] });
  });

  test("public route table sends 0.0.0.0/0 to the internet gateway", () => {
    const igw = byDisplayName(run, `oke-igw-quick-cluster1-${ID}`);
    expect(igw.inputs).toMatchObject({ enabled: true });
    const rt = byDisplayName(run, `oke-public-routetable-cluster1-${ID}`);
    expect(rt.inputs.routeRules).toEqual([
      {
        destination: "0.0.0.0/0",
        destinationType: "CIDR_BLOCK",
        networkEntityId: expect.stringMatching(/^ocid1\.internetgateway\./),
        description: "traffic to/from internet",
      },
    ]);
  });

  test("private route table sends the internet to NAT and Oracle services to the service gateway", () => {
    const rt = byDisplayName(run, `oke-private-routetable-cluster1-${ID}`);
    expect(rt.inputs.routeRules).toEqual([
      {
        destination: "0.0.0.0/0",
        destinationType: "CIDR_BLOCK",
        networkEntityId: expect.stringMatching(/^ocid1\.natgateway\./),
        description: "traffic to the internet",
      },
      {
        destination: OSN,
        destinationType: "SERVICE_CIDR_BLOCK",
        networkEntityId: expect.stringMatching(/^ocid1\.servicegateway\./),
        description: "traffic to OCI services",
      },
    ]);
    const sgw = byDisplayName(run, `oke-sgw-quick-cluster1-${ID}`);
    expect(sgw.inputs.services).toEqual([{ serviceId: expect.stringMatching(/^ocid1\.service\./) }]);
  });

  test("subnets: CIDRs, exposure, route tables and security lists as Quick Create sets them", () => {
    const endpoint = byDisplayName(run, `oke-k8sApiEndpoint-subnet-quick-cluster1-${ID}-regional`);
    const worker = byDisplayName(run, `oke-nodesubnet-quick-cluster1-${ID}-regional`);
    const lb = byDisplayName(run, `oke-svclbsubnet-quick-cluster1-${ID}-regional`);
    const rt = (name: string) => byDisplayName(run, name).inputs.manageDefaultResourceId ?? `id-of:${name}`;
    expect(endpoint.inputs).toMatchObject({ cidrBlock: "10.0.0.0/28", prohibitPublicIpOnVnic: false, prohibitInternetIngress: false });
    expect(worker.inputs).toMatchObject({ cidrBlock: "10.0.10.0/24", prohibitPublicIpOnVnic: true, prohibitInternetIngress: true });
    expect(lb.inputs).toMatchObject({ cidrBlock: "10.0.20.0/24", prohibitPublicIpOnVnic: false, prohibitInternetIngress: false });
    expect(endpoint.inputs.routeTableId).toBe(rt(`oke-public-routetable-cluster1-${ID}`));
    expect(lb.inputs.routeTableId).toBe(rt(`oke-public-routetable-cluster1-${ID}`));
    expect(worker.inputs.routeTableId).toMatch(/^ocid1\.routetable\..*/);
    expect(worker.inputs.routeTableId).not.toBe(rt(`oke-public-routetable-cluster1-${ID}`));
    expect(lb.inputs.securityListIds).toEqual([byDisplayName(run, `oke-svclbseclist-quick-cluster1-${ID}`).inputs.manageDefaultResourceId]);
    for (const s of [endpoint, worker, lb]) {
      expect(s.inputs.availabilityDomain).toBeUndefined(); // regional
      expect(s.inputs.dhcpOptionsId).toMatch(/^ocid1\.dhcpoptions\./);
      expect(s.inputs.securityListIds).toHaveLength(1);
    }
  });

  test("endpoint security list has exactly the rules of spec §3.1", () => {
    const list = byDisplayName(run, `oke-k8sApiEndpoint-quick-cluster1-${ID}`);
    expect(rows(list.inputs.ingressSecurityRules as any[], "source")).toEqual([
      ["0.0.0.0/0", "6", 6443, "External access to Kubernetes API endpoint"],
      ["10.0.10.0/24", "6", 6443, "Kubernetes worker to Kubernetes API endpoint communication"],
      ["10.0.10.0/24", "6", 12250, "Kubernetes worker to control plane communication"],
      ["10.0.10.0/24", "1", "3/4", "Path discovery"],
    ]);
    expect(rows(list.inputs.egressSecurityRules as any[], "destination")).toEqual([
      [OSN, "6", 443, "Allow Kubernetes Control Plane to communicate with OKE"],
      ["10.0.10.0/24", "6", "all", "All traffic to worker nodes"],
      ["10.0.10.0/24", "1", "3/4", "Path discovery"],
    ]);
  });

  test("worker security list has exactly the rules of spec §3.2", () => {
    const list = byDisplayName(run, `oke-nodeseclist-quick-cluster1-${ID}`);
    const pods = "Allow pods on one worker node to communicate with pods on other worker nodes";
    expect(rows(list.inputs.ingressSecurityRules as any[], "source")).toEqual([
      ["10.0.10.0/24", "all", "-", pods],
      ["10.0.0.0/28", "1", "3/4", "Path discovery"],
      ["10.0.0.0/28", "6", "all", "TCP access from Kubernetes Control Plane"],
      ["0.0.0.0/0", "6", 22, "Inbound SSH traffic to worker nodes"],
    ]);
    expect(rows(list.inputs.egressSecurityRules as any[], "destination")).toEqual([
      ["10.0.10.0/24", "all", "-", pods],
      ["10.0.0.0/28", "6", 6443, "Access to Kubernetes API Endpoint"],
      ["10.0.0.0/28", "6", 12250, "Kubernetes worker to control plane communication"],
      ["10.0.0.0/28", "1", "3/4", "Path discovery"],
      [OSN, "6", 443, "Allow nodes to communicate with OKE to ensure correct start-up and continued functioning"],
      ["0.0.0.0/0", "1", "3/4", "ICMP Access from Kubernetes Control Plane"],
      ["0.0.0.0/0", "all", "-", "Worker Nodes access to Internet"],
    ]);
  });

  test("stack outputs name every resource and hide the kubeconfig", () => {
    expect(run.outputs).toMatchObject({
      region: "ap-tokyo-1",
      clusterName: "cluster1",
      clusterId: expect.stringMatching(/^ocid1\.cluster\./),
      nodePoolId: expect.stringMatching(/^ocid1\.nodepool\./),
      vcnId: expect.stringMatching(/^ocid1\.vcn\./),
      endpointSubnetId: expect.stringMatching(/^ocid1\.subnet\./),
      workerSubnetId: expect.stringMatching(/^ocid1\.subnet\./),
      lbSubnetId: expect.stringMatching(/^ocid1\.subnet\./),
      kubeconfig: { secret: expect.stringContaining("generate-token") },
      names: expect.objectContaining({ vcn: `oke-vcn-quick-cluster1-${ID}`, nodePool: "pool1" }),
    });
  });
});

describe("custom address plan", () => {
  test("every subnet, rule peer and the VCN follow the configured CIDRs", async () => {
    const run = await runStack({
      clusterName: "prod-oke",
      nameSuffix: "0123456789".slice(0, 9).replace(/./g, "a"),
      vcnCidr: "172.16.0.0/16",
      endpointSubnetCidr: "172.16.1.0/28",
      workerSubnetCidr: "172.16.32.0/19",
      lbSubnetCidr: "172.16.2.0/24",
    });
    const id = "aaaaaaaaa";
    expect(byDisplayName(run, `oke-vcn-quick-prod-oke-${id}`).inputs).toMatchObject({ cidrBlocks: ["172.16.0.0/16"], dnsLabel: "prodoke" });
    expect(byDisplayName(run, `oke-nodesubnet-quick-prod-oke-${id}-regional`).inputs.cidrBlock).toBe("172.16.32.0/19");
    const worker = byDisplayName(run, `oke-nodeseclist-quick-prod-oke-${id}`);
    const peers = new Set([
      ...(worker.inputs.ingressSecurityRules as any[]).map((r) => r.source),
      ...(worker.inputs.egressSecurityRules as any[]).map((r) => r.destination),
    ]);
    expect([...peers].sort()).toEqual(["0.0.0.0/0", "172.16.1.0/28", "172.16.32.0/19", OSN].sort());
    const endpoint = byDisplayName(run, `oke-k8sApiEndpoint-quick-prod-oke-${id}`);
    expect((endpoint.inputs.ingressSecurityRules as any[]).filter((r) => r.source === "172.16.32.0/19")).toHaveLength(3);
    expect(ofType(run, ResourceType.Cluster)[0].inputs.name).toBe("prod-oke");
  });
});

describe("Quick Create's choices", () => {
  test("private endpoint: no public IP, private route table, no 0.0.0.0/0 rule to 6443", async () => {
    const run = await runStack({ endpointPublic: false });
    const subnet = byDisplayName(run, `oke-k8sApiEndpoint-subnet-quick-cluster1-${ID}-regional`);
    const privateRt = byDisplayName(run, `oke-private-routetable-cluster1-${ID}`);
    expect(subnet.inputs).toMatchObject({ prohibitPublicIpOnVnic: true, prohibitInternetIngress: true });
    expect(subnet.dependencies).toContain(privateRt.urn);
    const list = byDisplayName(run, `oke-k8sApiEndpoint-quick-cluster1-${ID}`);
    expect((list.inputs.ingressSecurityRules as any[]).map((r) => r.source)).not.toContain("0.0.0.0/0");
    expect(ofType(run, ResourceType.Cluster)[0].inputs.endpointConfig).toMatchObject({ isPublicIpEnabled: false });
    expect(run.outputs.kubeconfig).toEqual({ secret: expect.stringContaining("https://10.0.0.2:6443") });
  });

  test("public workers: no NAT or service gateway, worker subnet public on the public route table", async () => {
    const run = await runStack({ workersPublic: true });
    expect(ofType(run, ResourceType.NatGateway)).toHaveLength(0);
    expect(ofType(run, ResourceType.ServiceGateway)).toHaveLength(0);
    expect(ofType(run, ResourceType.RouteTable)).toHaveLength(0);
    const worker = byDisplayName(run, `oke-nodesubnet-quick-cluster1-${ID}-regional`);
    expect(worker.inputs).toMatchObject({ prohibitPublicIpOnVnic: false, prohibitInternetIngress: false });
    expect(worker.inputs.routeTableId).toBe(byDisplayName(run, `oke-public-routetable-cluster1-${ID}`).inputs.manageDefaultResourceId);
  });

  test("a preview of a new stack registers the same resources with unknown ids", async () => {
    const run = await runStack({}, true);
    const oci = (r: { type: string }) => r.type.startsWith("oci:");
    expect(run.resources.filter(oci)).toHaveLength(14);
    expect(run.resources.filter(oci).map((r) => [r.type, r.name])).toEqual((await runStack()).resources.filter(oci).map((r) => [r.type, r.name]));
    const worker = byDisplayName(run, `oke-nodesubnet-quick-cluster1-${ID}-regional`);
    expect(worker.inputs.vcnId).toBe("04da6b54-80e4-46f7-96ec-b56ff0331ba9");
    expect(worker.inputs.cidrBlock).toBe("10.0.10.0/24");
  });
});
