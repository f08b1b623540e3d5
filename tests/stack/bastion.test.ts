import { BASTION_MAX_SESSION_TTL_SECONDS } from "../../components/limits";
import { contains, ENDPOINT_RULES, parseCidr, Port, Protocol, ResourceType, WORKER_RULES } from "../../policies/contract";
import { isAllowed, rulesOf } from "../../policies/lib/securityRules";
import { UNKNOWN } from "../../policies/lib/values";
import { OciEgressRule, OciIngressRule, ociSecurityRules } from "../../components/securityRules";
import { DEFAULTS, AddressPlan } from "../../components/settings";
import { bastionPrivateEndpointIp, clusterEndpoints } from "../../offline/run/fixtures";
import { expectRejection, ofType, runStack } from "../helpers/stack";

const BASTION = ResourceType.Bastion;
const WITH_BASTION = { bastion: true, bastionClientCidrs: '["203.0.113.0/24"]' };

describe("the bastion in the stack", () => {
  it("is not built by default, and no bastion output appears", async () => {
    const run = await runStack();
    expect(ofType(run, BASTION)).toEqual([]);
    expect(Object.keys(run.outputs)).not.toContain("bastionId");
  });

  it("with bastion on: a STANDARD bastion into the worker subnet, 3 h sessions, the allow-list, outputs bastionId and bastionName", async () => {
    const run = await runStack({ ...WITH_BASTION, endpointPublic: false });
    const [bastion] = ofType(run, BASTION);
    const worker = run.resources.find((r) => r.name === "oke-network-worker-subnet")!;
    expect(bastion.inputs).toMatchObject({
      bastionType: "STANDARD",
      clientCidrBlockAllowLists: ["203.0.113.0/24"],
      maxSessionTtlInSeconds: 10800,
    });
    expect(BASTION_MAX_SESSION_TTL_SECONDS).toBe(10800);
    // The id is a property dependency on the worker subnet, as in a preview where no id exists yet.
    expect(bastion.propertyDependencies.targetSubnetId).toEqual([worker.urn]);
    const id = /-([0-9a-f]{9})-regional$/.exec(String(worker.inputs.displayName))![1];
    expect(bastion.inputs.name).toBe(`okebastionquickcluster1${id}`);
    expect(run.outputs.bastionName).toBe(`okebastionquickcluster1${id}`);
    expect(String(run.outputs.bastionId)).toMatch(/^ocid1\.bastion\.oc1\.ap-tokyo-1\./);
  });

  it("drops hyphens of the cluster name too, since OCI takes letters and digits only", async () => {
    const run = await runStack({ ...WITH_BASTION, clusterName: "team-a", nameSuffix: "0123456ab" });
    expect(ofType(run, BASTION)[0].inputs.name).toBe("okebastionquickteama0123456ab");
  });
});

/** A one-sentence rejection about bastionClientCidrs before any resource exists. */
async function rejection(overrides: Record<string, string | number | boolean>): Promise<string> {
  const error = await expectRejection(overrides);
  expect(error.key).toBe("bastionClientCidrs");
  return error.message;
}

describe("bastionClientCidrs is checked before anything is registered", () => {
  it.each([
    ["missing", { bastion: true }, /bastion is on, so list the address ranges.*pulumi config set --path 'bastionClientCidrs\[0\]' 203\.0\.113\.0\/24/],
    ["empty", { bastion: true, bastionClientCidrs: "[]" }, /Invalid value \[\] for bastionClientCidrs: bastion is on/],
    ["not a list", { bastion: true, bastionClientCidrs: '"203.0.113.0/24"' }, /Invalid value "203\.0\.113\.0\/24" for bastionClientCidrs: use a list of CIDRs/],
    [
      "not JSON at all",
      { bastion: true, bastionClientCidrs: "203.0.113.0/24" },
      /Invalid value for bastionClientCidrs: use a list, for example `pulumi config set --path 'bastionClientCidrs\[0\]' \.\.\.`/,
    ],
    ["a bare address", { bastion: true, bastionClientCidrs: '["203.0.113.7"]' }, /"203\.0\.113\.7" is not an IPv4 network in CIDR notation/],
    ["host bits set", { bastion: true, bastionClientCidrs: '["203.0.113.7/24"]' }, /"203\.0\.113\.7\/24" is not an IPv4 network/],
    ["a number", { bastion: true, bastionClientCidrs: "[42]" }, /42 is not an IPv4 network/],
    ["a duplicate", { bastion: true, bastionClientCidrs: '["203.0.113.0/24","203.0.113.0/24"]' }, /203\.0\.113\.0\/24 is listed twice/],
  ])("%s is rejected in one sentence", async (_case, overrides, pattern) => {
    expect(await rejection(overrides)).toMatch(pattern);
  });

  it("is not read when bastion is off", async () => {
    const run = await runStack({ bastionClientCidrs: '["not a cidr"]' });
    expect(ofType(run, BASTION)).toEqual([]);
  });
});

/**
 * Whether a security list lets `address` be reached (egress) or reach (ingress) on TCP `port`, as the
 * pack decides it: the sender's list must allow the egress and the receiver's list the ingress
 * (replies pass by state tracking).
 */
function allowsTcp(
  list: { ingressSecurityRules: OciIngressRule[]; egressSecurityRules: OciEgressRule[] },
  direction: "ingress" | "egress",
  address: string,
  port: number,
): boolean {
  const rules = rulesOf(list);
  if (rules === UNKNOWN) throw new Error("the program's rules are literal");
  return isAllowed(rules, { direction, peer: { address }, protocol: Protocol.TCP, port, description: `TCP ${port} with ${address}` });
}
const covers = (cidr: string, address: string) => contains(parseCidr(cidr)!, parseCidr(`${address}/32`)!);

describe("Quick Create's own security lists let the bastion's private endpoint (in the worker subnet) through", () => {
  const plan: AddressPlan = {
    vcn: DEFAULTS.vcnCidr,
    endpointSubnet: DEFAULTS.endpointSubnetCidr,
    workerSubnet: DEFAULTS.workerSubnetCidr,
    lbSubnet: DEFAULTS.lbSubnetCidr,
    pods: DEFAULTS.podsCidr,
    services: DEFAULTS.servicesCidr,
  };
  const addresses = { plan, oracleServicesCidr: "all-nrt-services-in-oracle-services-network" };
  const bastionIp = bastionPrivateEndpointIp(plan.workerSubnet);
  const node = "10.0.10.3"; // the field report's worker
  const apiIp = clusterEndpoints(plan.endpointSubnet, false).privateEndpoint.split(":")[0];

  it.each([true, false])("with endpointPublic=%p", (endpointPublic) => {
    const worker = ociSecurityRules(WORKER_RULES, addresses, endpointPublic);
    const endpoint = ociSecurityRules(ENDPOINT_RULES, addresses, endpointPublic);
    expect({
      "the bastion's address is in the worker subnet": covers(plan.workerSubnet, bastionIp),
      // bastion → node, TCP 22: both ends use the worker list.
      "worker list: out to the node on 22": allowsTcp(worker, "egress", node, Port.SSH),
      "worker list: in from the bastion on 22": allowsTcp(worker, "ingress", bastionIp, Port.SSH),
      // bastion → private API endpoint, TCP 6443: worker list out, endpoint list in.
      "worker list: out to the API endpoint on 6443": allowsTcp(worker, "egress", apiIp, Port.KUBERNETES_API),
      "endpoint list: in from the bastion on 6443": allowsTcp(endpoint, "ingress", bastionIp, Port.KUBERNETES_API),
    }).toEqual({
      "the bastion's address is in the worker subnet": true,
      "worker list: out to the node on 22": true,
      "worker list: in from the bastion on 22": true,
      "worker list: out to the API endpoint on 6443": true,
      "endpoint list: in from the bastion on 6443": true,
    });
  });

  it("the check itself fails for an address outside the worker subnet (a bastion in the LB subnet)", () => {
    const endpoint = ociSecurityRules(ENDPOINT_RULES, addresses, false);
    const lbSubnetAddress = bastionPrivateEndpointIp(plan.lbSubnet);
    expect({ "endpoint list: in from the LB subnet on 6443": allowsTcp(endpoint, "ingress", lbSubnetAddress, Port.KUBERNETES_API) }).toEqual({
      "endpoint list: in from the LB subnet on 6443": false,
    });
  });
});
