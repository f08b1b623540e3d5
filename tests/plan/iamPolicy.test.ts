import * as crypto from "crypto";
import * as fs from "fs";
import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import { CleanupClients, cleanupClients } from "../../components/cleanup/ociClients";
import { DestroyHooks } from "../../components/destroyHooks";
import { BASTION_TOOL_NEEDS, HOOK_CALL_NEEDS, INVOKE_NEEDS, RESOURCE_NEEDS } from "../../components/iamPermissions";
import { grants, neededPermissions, POLICY_STATEMENTS, policyStatementsFor } from "../../components/iamStatements";
import { ociAuthenticationProvider, resolveOciAuth } from "../../components/ociAuth";
import { STACK_TAG_KEY } from "../../policies/contract";
import { parseArgs } from "../../offline/inputs/args";
import { collectIamCalls } from "../../offline/iamRun";
import { KubernetesStandIn } from "../stack/kubernetesStandIn";
import { OciStandIn } from "../stack/ociStandIn";
import { runStack, withShortStacks } from "../helpers/stack";
import { runPlanInProcess } from "../helpers/planInProcess";

/**
 * `npm start -- --iam GROUP` prints the IAM statements a group needs for the stack, derived from what
 * the program calls. These tests pin the output for the dev stack and for bastion=true, and keep
 * components/iamPermissions.ts in step with the calls: every resource type the program registers and
 * every invoke it calls (over a new and an existing stack, in every configuration that changes them),
 * every SDK call the destroy hooks make against the OCI stand-in, and every call oke-bastion makes.
 */

const REPO = path.resolve(__dirname, "..", "..");
const COMPARTMENT = "ocid1.compartment.oc1..aaaaaaaaexampleexampleexampleexampleexampleexample";
const BASTION = ["--config", "bastion=true", "--config", 'bastionClientCidrs=["203.0.113.0/24"]'];
const quiet = { step: <T>(_label: string, work: () => Promise<T>) => work() };

type Outcome = { status: number; stdout: string; stderr: string };
const outcomes = new Map<string, Promise<Outcome>>();

/** `npm start -- ...argv`, in-process; the same command line runs the program once for the file and answers each caller alike. */
function iam(...argv: string[]): Promise<Outcome> {
  const key = JSON.stringify(argv);
  if (!outcomes.has(key)) outcomes.set(key, iamRun(argv));
  return outcomes.get(key)!.then((o) => ({ ...o }));
}

async function iamRun(argv: string[]): Promise<Outcome> {
  const { status, stdout, stderr } = await runPlanInProcess(argv);
  return { status, stdout, stderr };
}

const statementsOf = (stdout: string) => stdout.split("\n").filter((l) => l.startsWith("Allow "));

describe("npm start -- --iam GROUP", () => {
  it("prints, for the dev stack, one statement per need, each after a comment saying what it is for, and nothing else", async () => {
    const { status, stdout, stderr } = await iam("--iam", "OKEAdmins");
    expect({ status, stderr }).toEqual({ status: 0, stderr: "" });
    expect(statementsOf(stdout)).toEqual([
      `Allow group OKEAdmins to manage virtual-network-family in compartment id ${COMPARTMENT}`,
      `Allow group OKEAdmins to manage cluster-family in compartment id ${COMPARTMENT}`,
      `Allow group OKEAdmins to manage instance-family in compartment id ${COMPARTMENT}`,
      `Allow group OKEAdmins to inspect compartments in compartment id ${COMPARTMENT}`,
      `Allow group OKEAdmins to manage load-balancers in compartment id ${COMPARTMENT}`,
      `Allow group OKEAdmins to manage network-load-balancers in compartment id ${COMPARTMENT}`,
      `Allow group OKEAdmins to read volumes in compartment id ${COMPARTMENT}`,
    ]);
    const lines = stdout.trimEnd().split("\n");
    // Comment and statement alternate, so the policy can be piped as is (or with `grep -v '^#'`).
    expect(lines.map((l) => l[0])).toEqual(lines.map((_l, i) => (i % 2 === 0 ? "#" : "A")));
    expect(lines.filter((l) => l.startsWith("#")).filter((l) => !/ \(https:\/\/docs\.oracle\.com\/iaas\/Content\/\S+\.htm\)$/.test(l))).toEqual([]);
    expect(lines[4]).toBe(
      "# Node pools: OKE launches, cycles and terminates pool1's instances from the node image with the group's permissions (https://docs.oracle.com/iaas/Content/ContEng/Concepts/contengpolicyconfig.htm)",
    );
  });

  it("adds the bastion and its sessions with bastion=true", async () => {
    const plain = await iam("--iam", "OKEAdmins");
    const { status, stdout } = await iam("--iam", "OKEAdmins", ...BASTION);
    expect(status).toBe(0);
    expect(statementsOf(stdout)).toEqual([...statementsOf(plain.stdout), `Allow group OKEAdmins to manage bastion-family in compartment id ${COMPARTMENT}`]);
    expect(stdout).toContain(
      "# bastion=true: the Bastion, and the sessions oke-bastion opens through it (https://docs.oracle.com/iaas/Content/Bastion/Reference/bastionpolicyreference.htm)\n",
    );
  });

  it("names groups of identity domains, names with spaces and group OCIDs as policies write them, and the root compartment as tenancy", async () => {
    const first = async (...argv: string[]) => statementsOf((await iam(...argv)).stdout)[0];
    expect(await first("--iam", "Default/OKE Admins")).toBe(
      `Allow group 'Default'/'OKE Admins' to manage virtual-network-family in compartment id ${COMPARTMENT}`,
    );
    expect(await first("--iam", "OKE Admins")).toBe(`Allow group 'OKE Admins' to manage virtual-network-family in compartment id ${COMPARTMENT}`);
    expect(await first("--iam", "ocid1.group.oc1..aaaaaaaagroup", "--config", "compartmentId=ocid1.tenancy.oc1..aaaaaaaatenancy")).toBe(
      "Allow group id ocid1.group.oc1..aaaaaaaagroup to manage virtual-network-family in tenancy",
    );
  });

  it("refuses a group name policies cannot hold, and flags that make no sense with it, in one sentence (exit 2)", async () => {
    expect(await iam("--iam", "it's")).toEqual({
      status: 2,
      stdout: "",
      stderr: `error: --iam "it's" is not a group name: give the group's name (OKEAdmins), its identity domain and name (Default/OKEAdmins) or its OCID (ocid1.group.oc1..…), without quotes.\n`,
    });
    expect(() => parseArgs(["--iam", "G", "--json", "plan.json", "--preview"])).toThrow(
      "--iam prints only the policy statements, so it takes only --stack and --config: drop --json, --preview.",
    );
    expect((await iam("--iam", "G", "--config", "nodeCount=0")).stderr).toBe(
      "error: Invalid value 0 for nodeCount: use a whole number from 1 to 1000, OKE's limit per node pool.\n",
    );
  });
});

describe("the permission table keeps step with the calls", () => {
  // Every setting that changes what is registered or looked up: the network's shape, the bastion, the
  // smoke workload, a configured image.
  const configurations: string[][] = [[], ["--config", "endpointPublic=false"], ["--config", "workersPublic=true"], BASTION, ["--config", "deploySample=true"]];
  let runs: Awaited<ReturnType<typeof collectIamCalls>>[];

  beforeAll(async () => {
    runs = [];
    for (const argv of configurations) runs.push(await withShortStacks(() => collectIamCalls(parseArgs(argv), { projectDir: REPO, progress: quiet })));
  }, 60000);

  it("has an entry for every resource type the program registers, and none for a type it never does", () => {
    const registered = [...new Set(runs.flatMap((r) => r.used.resourceTypes))].sort();
    expect(Object.keys(RESOURCE_NEEDS).sort()).toEqual(registered);
  });

  it("has an entry for every invoke the program calls on a new and on an existing stack, and none it never calls", () => {
    const invoked = [...new Set(runs.flatMap((r) => r.used.invokes))].sort();
    expect(Object.keys(INVOKE_NEEDS).sort()).toEqual(invoked);
  });

  it("grants every permission every configuration needs through a printed statement", () => {
    for (const run of runs) {
      const printed = policyStatementsFor(run.used);
      expect(neededPermissions(run.used).filter((n) => !printed.some((s) => grants(s, n)))).toEqual([]);
    }
  });

  it("names the call in the error when a call has no entry", () => {
    expect(() => policyStatementsFor({ resourceTypes: ["oci:Core/drg:Drg"], invokes: [], hookCalls: [], bastionToolCalls: [] })).toThrow(
      "Resource type oci:Core/drg:Drg has no entry in components/iamPermissions.ts: add what OCI's policy reference says it needs.",
    );
  });

  it("lists the calls oke-bastion makes on its Bastion client, and only those", () => {
    const source = fs.readFileSync(path.join(REPO, "tools", "oke-bastion", "sessions.js"), "utf8");
    const called = [...new Set([...source.matchAll(/\bclient\.([a-z]\w*)\(/g)].map((m) => m[1]))].filter((m) => m !== "close").sort();
    expect(Object.keys(BASTION_TOOL_NEEDS).sort()).toEqual(called);
  });

  it("prints every statement it has for some configuration", () => {
    const printed = new Set(runs.flatMap((r) => policyStatementsFor(r.used)));
    expect(POLICY_STATEMENTS.filter((s) => !printed.has(s))).toEqual([]);
  });
});

describe("the destroy hooks' calls, made against the OCI stand-in", () => {
  const KEY_PEM = fs.readFileSync(path.join(REPO, "tests", "fixtures", "oke-token-test-key.pem"), "utf8");
  const TENANCY = "ocid1.tenancy.oc1..aaaaaaaatenancy";
  const USER = "ocid1.user.oc1..aaaaaaaauser";
  const FINGERPRINT = "20:3b:97:13:55:1c:5b:0d:d3:37:d8:50:4e:c5:3a:34";
  const LB_SUBNET = "ocid1.subnet.oc1.ap-tokyo-1.aaaaaaaalbsubnet";
  const STACK = "oke-quick-create/dev";
  const TAGS = { [STACK_TAG_KEY]: STACK };
  let oci: OciStandIn;
  let kube: KubernetesStandIn;

  /** The signed SDK clients, each method call recorded as `client.method` before it goes out. */
  function recordingClients(url: string, calls: Set<string>): CleanupClients {
    const auth = resolveOciAuth({
      providerConfig: { tenancyOcid: TENANCY, userOcid: USER, fingerprint: FINGERPRINT, privateKey: KEY_PEM, region: "ap-tokyo-1" },
      env: {},
    });
    const clients = cleanupClients(ociAuthenticationProvider(auth), {
      region: "ap-tokyo-1",
      endpoints: { loadBalancer: url, networkLoadBalancer: url, blockstorage: url, virtualNetwork: url },
    });
    const record = <T extends object>(name: string, client: T): T =>
      new Proxy(client, {
        get(target, key, receiver) {
          const value = Reflect.get(target, key, receiver);
          if (typeof value !== "function" || typeof key !== "string") return value;
          return (...args: unknown[]) => {
            calls.add(`${name}.${key}`);
            return value.apply(target, args);
          };
        },
      });
    return Object.fromEntries(Object.entries(clients).map(([name, client]) => [name, record(name, client)])) as unknown as CleanupClients;
  }

  beforeAll(async () => {
    // Loaded here, so the SDKs' first load (Jest compiles the Kubernetes client once) is not the test's.
    await Promise.all(["@kubernetes/client-node", "oci-common", "oci-loadbalancer", "oci-networkloadbalancer", "oci-core"].map((sdk) => import(sdk)));
    oci = await new OciStandIn({ keyId: `${TENANCY}/${USER}/${FINGERPRINT}`, publicKey: crypto.createPublicKey(KEY_PEM) }, COMPARTMENT).start();
    kube = await new KubernetesStandIn("standin-token").start();
  });

  afterAll(async () => {
    await Promise.all([oci.close(), kube.stop()]);
  });

  it("are exactly the table's: the load balancer sweep, the occupants of a subnet that cannot go, and the kept volumes", async () => {
    // The hooks register with the runtime's callback server, as they do when the program runs.
    await runStack();
    oci.loadBalancers = [
      { id: "ocid1.loadbalancer.oc1.ap-tokyo-1.web", displayName: "web", subnetIds: [LB_SUBNET], freeformTags: TAGS, lifecycleState: "ACTIVE" },
    ];
    oci.networkLoadBalancers = [
      { id: "ocid1.networkloadbalancer.oc1.ap-tokyo-1.tcp", displayName: "tcp", subnetId: LB_SUBNET, freeformTags: TAGS, lifecycleState: "ACTIVE" },
    ];
    oci.volumes = [
      { id: "ocid1.volume.oc1.ap-tokyo-1.data", displayName: "csi-data", sizeInGBs: 50, sizeInMBs: 51200, freeformTags: TAGS, lifecycleState: "AVAILABLE" },
    ];
    const calls = new Set<string>();
    const instant = { timeoutMs: 0, pollMs: 1, now: () => 0, sleep: async () => undefined };
    const hooks = new DestroyHooks(
      "oke",
      { stackTag: STACK, region: "ap-tokyo-1", fetchKubeconfig: async () => kube.kubeconfig() },
      { services: instant, sweep: instant, subnets: { maxWaitMs: 0, retryDelayMs: 1 } },
    );
    (hooks as unknown as { clientCache: CleanupClients }).clientCache = recordingClients(oci.url, calls);
    const logged = jest.spyOn(pulumi.log, "warn").mockImplementation(async () => undefined);
    const errors = jest.spyOn(pulumi.log, "error").mockImplementation(async () => undefined);
    const infos = jest.spyOn(pulumi.log, "info").mockImplementation(async () => undefined);
    try {
      const clusterOutputs = { compartmentId: COMPARTMENT, options: { serviceLbSubnetIds: [LB_SUBNET] } };
      const base = { urn: "urn", type: "t", name: "n", newInputs: {}, oldInputs: {}, newOutputs: {} };
      await hooks.cluster.beforeDelete![0].callback({ ...base, id: "ocid1.cluster.oc1.ap-tokyo-1.c", oldOutputs: clusterOutputs });
      await hooks.subnets.onError![0].callback({
        ...base,
        id: LB_SUBNET,
        failedOperation: "delete",
        oldOutputs: { compartmentId: COMPARTMENT, displayName: "lb" },
        errors: ["409-Conflict, The Subnet references the VNIC ocid1.vnic.oc1.ap-tokyo-1.x"],
      } as never);
      await hooks.vcn.afterDelete![0].callback({ ...base, id: "ocid1.vcn.oc1.ap-tokyo-1.v", oldOutputs: { compartmentId: COMPARTMENT } });
      expect(logged.mock.calls.map(([m]) => String(m).split("\n")[0])).toEqual([
        "Kept 1 block volume(s) created for PersistentVolumeClaims; they hold data and cost money until deleted:",
      ]);
      expect(errors).toHaveBeenCalledTimes(1);
    } finally {
      logged.mockRestore();
      errors.mockRestore();
      infos.mockRestore();
    }
    expect(oci.rejected).toEqual([]);
    expect(Object.keys(HOOK_CALL_NEEDS).sort()).toEqual([...calls].sort());
  });
});
