import * as crypto from "crypto";
import * as fs from "fs";
import * as path from "path";
import { cleanUpBeforeClusterDelete, ClusterCleanupInput } from "../../components/cleanup/beforeClusterDelete";
import { keptVolumes, keptVolumesReport } from "../../components/cleanup/keptVolumes";
import { blockVolumeClaims, BLOCK_VOLUME_CSI_DRIVER } from "../../components/cleanup/kubernetesServices";
import { cleanupClients, CleanupClients } from "../../components/cleanup/ociClients";
import { Waits } from "../../components/cleanup/waits";
import { describeLoadBalancer, subnetLoadBalancers } from "../../components/cleanup/subnetLoadBalancers";
import { subnetRetryHook } from "../../components/cleanup/subnetRetry";
import { ociAuthenticationProvider, resolveOciAuth } from "../../components/ociAuth";
import { STACK_TAG_KEY } from "../../policies/contract";
import { KubernetesStandIn } from "./kubernetesStandIn";
import { OciStandIn } from "./ociStandIn";
import { OTHER_KEY } from "../helpers/testKeys";

/**
 * The destroy hooks' functions against local stand-ins for the Kubernetes API and OCI's load balancer,
 * network load balancer, block volume and virtual network APIs. The OCI stand-in verifies every
 * request's signature with the test key's public half, so these calls go through the real SDK signer.
 */

const KEY_PEM = fs.readFileSync(path.join(__dirname, "..", "fixtures", "oke-token-test-key.pem"), "utf8");
const TENANCY = "ocid1.tenancy.oc1..aaaaaaaatenancy";
const USER = "ocid1.user.oc1..aaaaaaaauser";
const FINGERPRINT = "20:3b:97:13:55:1c:5b:0d:d3:37:d8:50:4e:c5:3a:34";
const COMPARTMENT = "ocid1.compartment.oc1..aaaaaaaacompartment";
const LB_SUBNET = "ocid1.subnet.oc1.ap-tokyo-1.aaaaaaaalbsubnet";
const OTHER_SUBNET = "ocid1.subnet.oc1.ap-tokyo-1.aaaaaaaaother";
const STACK = "oke-quick-create/dev";
const TAGS = { OKEclusterName: "cluster1", [STACK_TAG_KEY]: STACK };
/**
 * Waits on a clock that moves only when the code under test sleeps: a bound of 50 ms polled every
 * 10 ms is five polls however loaded the machine is, and no test really sleeps.
 */
function virtualWaits(timeoutMs: number, pollMs: number): Waits {
  let clock = 0;
  return { timeoutMs, pollMs, now: () => clock, sleep: async (ms) => void (clock += ms) };
}

let oci: OciStandIn;
let kube: KubernetesStandIn;
let clients: CleanupClients;
let logs: string[];

function clientsFor(url: string, privateKey = KEY_PEM): CleanupClients {
  const auth = resolveOciAuth({
    providerConfig: { tenancyOcid: TENANCY, userOcid: USER, fingerprint: FINGERPRINT, privateKey, region: "ap-tokyo-1" },
    env: {},
  });
  const endpoints = { loadBalancer: url, networkLoadBalancer: url, blockstorage: url, virtualNetwork: url };
  return cleanupClients(ociAuthenticationProvider(auth), { region: "ap-tokyo-1", endpoints });
}

beforeAll(async () => {
  // The SDKs take about a second to load (Jest compiles the Kubernetes client's ES modules once);
  // loading them here keeps that out of the first test's time.
  await Promise.all(["@kubernetes/client-node", "oci-common", "oci-loadbalancer", "oci-networkloadbalancer", "oci-core"].map((sdk) => import(sdk)));
  // The SDK warns on every failed call it does not retry; the failures here are the tests' own.
  const warn = console.warn.bind(console);
  jest.spyOn(console, "warn").mockImplementation((...args: unknown[]) => {
    if (!String(args[0]).startsWith("Request cannot be retried")) warn(...args);
  });
});

beforeEach(async () => {
  oci = await new OciStandIn({ keyId: `${TENANCY}/${USER}/${FINGERPRINT}`, publicKey: crypto.createPublicKey(KEY_PEM) }, COMPARTMENT).start();
  kube = await new KubernetesStandIn("standin-token").start();
  clients = clientsFor(oci.url);
  logs = [];
});

afterEach(async () => {
  await Promise.all([oci.close(), kube.stop()]);
});

function input(overrides: Partial<ClusterCleanupInput> = {}): ClusterCleanupInput {
  return {
    kubeconfig: async () => kube.kubeconfig(),
    clients: () => clients,
    compartmentId: COMPARTMENT,
    lbSubnetIds: [LB_SUBNET],
    stackTag: STACK,
    serviceWaits: virtualWaits(50, 10),
    // Each sweep poll lists both kinds of load balancer through the signed SDK: five polls outlast the
    // stand-in's slowest finite deletion (three), and differ from the Service wait's six, so a test
    // whose wait took the other bound would count the wrong number of reads.
    sweepWaits: virtualWaits(40, 10),
    log: (m) => logs.push(m),
    ...overrides,
  };
}

const lb = (id: string, tags: Record<string, string>, subnetIds = [LB_SUBNET]) => ({
  id,
  displayName: id.split(".").pop()!,
  subnetIds,
  freeformTags: tags,
  lifecycleState: "ACTIVE",
});
const deletesOf = (what: string) => oci.requests.filter((r) => r.startsWith(`DELETE /${what}`));

describe("before the cluster is deleted", () => {
  it("deletes LoadBalancer Services and waits while the cloud controller takes several polls to delete their load balancers", async () => {
    oci.loadBalancers = [lb("ocid1.loadbalancer.oc1.ap-tokyo-1.web", TAGS)];
    kube.services = [
      { namespace: "shop", name: "web", type: "LoadBalancer", cleanupPolls: 3, onDelete: () => oci.startDeleting("ocid1.loadbalancer.oc1.ap-tokyo-1.web", 2) },
      { namespace: "shop", name: "db", type: "ClusterIP" },
    ];
    await cleanUpBeforeClusterDelete(input({ serviceWaits: virtualWaits(2000, 10) }));
    expect(kube.requests.filter((r) => r === "DELETE /api/v1/namespaces/shop/services/web")).toHaveLength(1);
    expect(kube.requests).not.toContain("DELETE /api/v1/namespaces/shop/services/db");
    expect(kube.requests.filter((r) => r === "GET /api/v1/namespaces/shop/services/web")).toHaveLength(3);
    expect(kube.services.map((s) => s.name)).toEqual(["db"]);
    // The controller deleted the load balancer; the sweep found nothing left to delete.
    expect(deletesOf("20170115")).toEqual([]);
    expect(logs).toEqual(["Deleted LoadBalancer Service(s) shop/web."]);
    expect(oci.rejected).toEqual([]);
  });

  it("stops waiting for a Service whose load balancer never goes, then deletes the tagged load balancer itself", async () => {
    oci.loadBalancers = [{ ...lb("ocid1.loadbalancer.oc1.ap-tokyo-1.stuck", TAGS), deletePolls: 3 }];
    kube.services = [{ namespace: "default", name: "stuck", type: "LoadBalancer", cleanupPolls: Infinity }];
    await cleanUpBeforeClusterDelete(input());
    // Bounded: one read at the start and one after each of the five 10 ms pauses of the 50 ms limit.
    expect(kube.requests.filter((r) => r === "GET /api/v1/namespaces/default/services/stuck")).toHaveLength(6);
    expect(deletesOf("20170115")).toEqual(["DELETE /20170115/loadBalancers/ocid1.loadbalancer.oc1.ap-tokyo-1.stuck"]);
    expect(oci.loadBalancers[0].lifecycleState).toBe("DELETED");
    expect(logs[1]).toBe("Service(s) default/stuck still waited for the cloud controller after 50 ms; deleting this stack's tagged load balancers directly.");
    expect(logs[2]).toBe('Deleted load balancer "stuck" left in the LB subnet.');
    expect(oci.rejected).toEqual([]);
  });

  it("leaves an untagged load balancer in the subnet alone and names it, after deleting this stack's network load balancer", async () => {
    oci.loadBalancers = [
      lb("ocid1.loadbalancer.oc1.ap-tokyo-1.theirs", { team: "payments" }),
      lb("ocid1.loadbalancer.oc1.ap-tokyo-1.elsewhere", TAGS, [OTHER_SUBNET]),
    ];
    oci.networkLoadBalancers = [
      {
        id: "ocid1.networkloadbalancer.oc1.ap-tokyo-1.ours",
        displayName: "ours",
        subnetId: LB_SUBNET,
        freeformTags: TAGS,
        lifecycleState: "ACTIVE",
        deletePolls: 2,
      },
    ];
    await expect(cleanUpBeforeClusterDelete(input())).rejects.toThrow(
      'The LB subnet still holds load balancer "theirs" (ocid1.loadbalancer.oc1.ap-tokyo-1.theirs), which does not carry the tag oke-quick-create-stack=oke-quick-create/dev and so is not this stack\'s to delete',
    );
    expect(deletesOf("20200501")).toEqual(["DELETE /20200501/networkLoadBalancers/ocid1.networkloadbalancer.oc1.ap-tokyo-1.ours"]);
    expect(deletesOf("20170115")).toEqual([]);
    expect(oci.loadBalancers.map((l) => l.lifecycleState)).toEqual(["ACTIVE", "ACTIVE"]);
  });

  it("names this stack's load balancer when its deletion does not finish in time", async () => {
    oci.loadBalancers = [{ ...lb("ocid1.loadbalancer.oc1.ap-tokyo-1.slow", TAGS), deletePolls: Infinity }];
    await expect(cleanUpBeforeClusterDelete(input())).rejects.toThrow(
      'This stack\'s load balancer "slow" (ocid1.loadbalancer.oc1.ap-tokyo-1.slow) did not finish deleting in time: check its work requests in the console, then run `pulumi destroy --run-program` again.',
    );
    expect(deletesOf("20170115")).toHaveLength(1);
  });

  it("still sweeps the subnet when the Kubernetes API refuses the kubeconfig", async () => {
    oci.loadBalancers = [lb("ocid1.loadbalancer.oc1.ap-tokyo-1.orphan", TAGS)];
    await cleanUpBeforeClusterDelete(input({ kubeconfig: async () => kube.kubeconfig("wrong-token") }));
    expect(logs[0]).toMatch(/^The cluster's Kubernetes API could not be used \(.*401/);
    expect(deletesOf("20170115")).toHaveLength(1);
  });

  it("on a replacement, deletes the old cluster's Services but no tagged load balancer: the new cluster's share the tag", async () => {
    oci.loadBalancers = [lb("ocid1.loadbalancer.oc1.ap-tokyo-1.newclusters", TAGS)];
    kube.services = [{ namespace: "shop", name: "web", type: "LoadBalancer", cleanupPolls: 1 }];
    await cleanUpBeforeClusterDelete(input({ replacedBy: "ocid1.cluster.oc1.ap-tokyo-1.new" }));
    expect(kube.requests).toContain("DELETE /api/v1/namespaces/shop/services/web");
    expect(oci.requests).toEqual([]);
    expect(logs[1]).toBe(
      "The cluster is being replaced by ocid1.cluster.oc1.ap-tokyo-1.new, whose load balancers share this stack's tag: left the LB subnet as it is.",
    );
  });

  it("sends nothing the stand-in accepts when the key is not the registered one", async () => {
    const privateKey = OTHER_KEY;
    const impostor = clientsFor(oci.url, privateKey.export({ type: "pkcs8", format: "pem" }).toString());
    await expect(impostor.loadBalancer.listLoadBalancers({ compartmentId: COMPARTMENT })).rejects.toMatchObject({ statusCode: 401 });
    expect(oci.rejected).toEqual([
      expect.stringMatching(/^GET \/20170115\/loadBalancers\?compartmentId=.*: the signature does not verify with the API key's public key$/),
    ]);
  });
});

describe("subnet deletes blocked by a VNIC", () => {
  const conflict = {
    status: 409,
    code: "Conflict",
    message: `The Subnet ${LB_SUBNET} references the VNIC ocid1.vnic.oc1.ap-tokyo-1.abuxgljrvnic. You must remove the reference to proceed with this operation.`,
  };

  /** What the engine does with an onError hook: retry the failed delete while the hook says so. */
  async function engineDelete(hook: ReturnType<typeof subnetRetryHook>): Promise<{ ok: boolean; attempts: number }> {
    const errors: string[] = [];
    for (let attempt = 1; attempt <= 20; attempt++) {
      try {
        await clients.virtualNetwork.deleteSubnet({ subnetId: LB_SUBNET });
        return { ok: true, attempts: attempt };
      } catch (error) {
        // The provider reports OCI errors as "<status>-<code>, <message>".
        const e = error as { statusCode: number; serviceCode: string; message: string };
        errors.unshift(`deleting Subnet ${LB_SUBNET}: ${e.statusCode}-${e.serviceCode}, ${e.message}`);
        const retry = await hook({
          urn: "urn:pulumi:dev::oke-quick-create::oci:Core/subnet:Subnet::oke-network-lb-subnet",
          id: LB_SUBNET,
          name: "oke-network-lb-subnet",
          failedOperation: "delete",
          errors,
          oldOutputs: { displayName: "oke-svclbsubnet-quick-cluster1-dee46d169-regional" },
        });
        if (!retry) return { ok: false, attempts: attempt };
      }
    }
    throw new Error("the engine loop did not end");
  }

  it("retries a delete that conflicts twice, then succeeds", async () => {
    oci.subnetDeletes = [conflict, conflict];
    const pauses: number[] = [];
    const errors: string[] = [];
    const hook = subnetRetryHook({ maxWaitMs: 60_000, retryDelayMs: 20_000 }, { sleep: async (ms) => void pauses.push(ms), error: (m) => errors.push(m) });
    expect(await engineDelete(hook)).toEqual({ ok: true, attempts: 3 });
    expect(pauses).toEqual([20_000, 20_000]);
    expect(errors).toEqual([]);
    expect(oci.rejected).toEqual([]);
  });

  it("gives up after its time limit with one sentence naming the VNIC still attached", async () => {
    oci.subnetDeletes = Array(10).fill(conflict);
    let clock = 0;
    const errors: string[] = [];
    const hook = subnetRetryHook(
      { maxWaitMs: 60_000, retryDelayMs: 20_000 },
      { now: () => clock, sleep: async (ms) => void (clock += ms), error: (m) => errors.push(m) },
    );
    expect(await engineDelete(hook)).toEqual({ ok: false, attempts: 4 });
    expect(errors).toEqual([
      "Subnet oke-svclbsubnet-quick-cluster1-dee46d169-regional (ocid1.subnet.oc1.ap-tokyo-1.aaaaaaaalbsubnet) still has VNIC ocid1.vnic.oc1.ap-tokyo-1.abuxgljrvnic attached after 1 min of retries: " +
        "find its owner with `oci network vnic get --vnic-id <id>` (a load balancer or instance left outside this stack), delete it, then run `pulumi destroy --run-program` again.",
    ]);
  });

  it("names the load balancer still in the subnet when it gives up", async () => {
    oci.subnetDeletes = Array(10).fill(conflict);
    oci.loadBalancers = [lb("ocid1.loadbalancer.oc1.ap-tokyo-1.theirs", { team: "payments" })];
    let clock = 0;
    const errors: string[] = [];
    const hook = subnetRetryHook(
      { maxWaitMs: 60_000, retryDelayMs: 20_000 },
      {
        now: () => clock,
        sleep: async (ms) => void (clock += ms),
        error: (m) => errors.push(m),
        occupants: async (args) => (await subnetLoadBalancers(clients, COMPARTMENT, [args.id], STACK)).map(describeLoadBalancer),
      },
    );
    expect(await engineDelete(hook)).toEqual({ ok: false, attempts: 4 });
    expect(errors).toEqual([
      expect.stringContaining(
        'still has VNIC ocid1.vnic.oc1.ap-tokyo-1.abuxgljrvnic attached after 1 min of retries and holds load balancer "theirs" (ocid1.loadbalancer.oc1.ap-tokyo-1.theirs): find its owner',
      ),
    ]);
  });

  it("does not retry other failures", async () => {
    oci.subnetDeletes = [{ status: 404, code: "NotAuthorizedOrNotFound", message: "Authorization failed or requested resource not found." }];
    const hook = subnetRetryHook({ maxWaitMs: 60_000, retryDelayMs: 1 }, { sleep: async () => {}, error: () => {} });
    expect(await engineDelete(hook)).toEqual({ ok: false, attempts: 1 });
  });
});

describe("block volumes", () => {
  it("lists this stack's volumes with their claims and the command to delete them, and deletes none", async () => {
    const volume = (id: string, tags: Record<string, string>, lifecycleState = "AVAILABLE") => ({
      id,
      displayName: `csi-${id.slice(-4)}`,
      sizeInGBs: 50,
      sizeInMBs: 51200,
      freeformTags: tags,
      lifecycleState,
    });
    oci.volumes = [
      volume("ocid1.volume.oc1.ap-tokyo-1.data", TAGS),
      volume("ocid1.volume.oc1.ap-tokyo-1.logs", TAGS),
      volume("ocid1.volume.oc1.ap-tokyo-1.else", { OKEclusterName: "cluster1" }),
      volume("ocid1.volume.oc1.ap-tokyo-1.gone", TAGS, "TERMINATED"),
    ];
    kube.persistentVolumes = [
      { name: "csi-1", driver: BLOCK_VOLUME_CSI_DRIVER, volumeHandle: "ocid1.volume.oc1.ap-tokyo-1.data", claim: { namespace: "shop", name: "data-db-0" } },
      { name: "nfs-1", driver: "fss.csi.oraclecloud.com", volumeHandle: "ocid1.volume.oc1.ap-tokyo-1.logs", claim: { namespace: "shop", name: "shared" } },
    ];
    const claims = await blockVolumeClaims(kube.kubeconfig());
    const kept = await keptVolumes(clients, COMPARTMENT, STACK, claims);
    expect(kept).toEqual([
      { id: "ocid1.volume.oc1.ap-tokyo-1.data", displayName: "csi-data", sizeInGBs: 50, claim: "shop/data-db-0" },
      { id: "ocid1.volume.oc1.ap-tokyo-1.logs", displayName: "csi-logs", sizeInGBs: 50, claim: undefined },
    ]);
    expect(keptVolumesReport(kept, "ap-tokyo-1").split("\n")).toEqual([
      "Kept 2 block volume(s) created for PersistentVolumeClaims; they hold data and cost money until deleted:",
      "  ocid1.volume.oc1.ap-tokyo-1.data  50 GB  claim shop/data-db-0",
      "  ocid1.volume.oc1.ap-tokyo-1.logs  50 GB  volume csi-logs (claim unknown)",
      "Delete them when the data is no longer needed:",
      "  oci bv volume delete --region ap-tokyo-1 --volume-id ocid1.volume.oc1.ap-tokyo-1.data",
      "  oci bv volume delete --region ap-tokyo-1 --volume-id ocid1.volume.oc1.ap-tokyo-1.logs",
    ]);
    expect(oci.requests.filter((r) => r.startsWith("DELETE"))).toEqual([]);
    expect(oci.rejected).toEqual([]);
  });

  it("says nothing when no volume was kept", () => {
    expect(keptVolumesReport([], "ap-tokyo-1")).toBe("");
  });
});
