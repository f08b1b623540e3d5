// @ts-check
"use strict";

const { cannotInspect } = require("./errors");
const { bounded, mapLimit, TimeoutError } = require("./bounded");
const { echo } = require("../common/echo");

/**
 * What OCI holds about a cluster, read through the official SDKs (oci-containerengine, oci-core),
 * signed by oci-common from the credentials oke-token reads. Read calls only: Get and List.
 * The SDK models are used as OCI returns them (camelCase JSON); see the typedefs below for the
 * fields the checks read.
 */

/**
 * @typedef {import("../oke-token/credentials").Credentials} Credentials
 * @typedef {{ id: string, name?: string, availabilityDomain?: string, subnetId?: string, faultDomain?: string,
 *   privateIp?: string, publicIp?: string, lifecycleState?: string, kubernetesVersion?: string }} OciNode
 * @typedef {{ id: string, isPrimary?: boolean, subnetId?: string, privateIp?: string, publicIp?: string, nsgIds?: string[] }} Vnic
 * @typedef {{ id: string, displayName?: string, cidrBlock?: string, prohibitPublicIpOnVnic?: boolean }} Subnet
 * @typedef {{ node: OciNode, vnics: Vnic[], bootVolume: { id: string, sizeInGBs?: number } | undefined }} NodeView
 * @typedef {{ pool: any, nodes: NodeView[], image: { id: string, sizeInMBs?: number, displayName?: string } | undefined, imageProblem?: string }} PoolView
 * @typedef {{ cluster: any, pools: PoolView[], subnets: Map<string, Subnet>, region: string, endpoint: string }} ClusterView
 */

/** Concurrent calls per run: enough to read a large pool quickly, few enough not to be throttled. */
const CONCURRENCY = 8;

/** Lifecycle state of nodes and node pools that are gone: not part of the cluster any more. */
const GONE = new Set(["DELETED"]);

/**
 * One sentence for an SDK failure (OciError carries the HTTP status and OCI's error code).
 * @param {unknown} e
 * @param {string} what e.g. "reading cluster ocid1.cluster..."
 * @param {string} endpoint
 * @param {number} seconds
 */
function apiError(e, what, endpoint, seconds) {
  if (e && typeof e === "object" && "exitCode" in e) return /** @type {Error} */ (/** @type {unknown} */ (e));
  const err = /** @type {{ statusCode?: number, serviceCode?: string, message?: string, name?: string }} */ (e);
  if (e instanceof TimeoutError || err?.name === "TimeoutError" || err?.name === "AbortError") {
    return cannotInspect(`oke-inspect: ${what} got no answer within ${seconds} s; check the network path to ${endpoint}, or allow longer with --timeout.`);
  }
  const detail = String(err?.message ?? e)
    .split("\n")[0]
    .replace(/\.\s*$/, "");
  if (typeof err?.statusCode === "number" && err.statusCode > 0) {
    const status = `${err.statusCode}${err.serviceCode ? ` ${err.serviceCode}` : ""}`;
    if (err.statusCode === 404) {
      return cannotInspect(
        `oke-inspect: ${what} failed with ${status}: it does not exist in this region, or your user may not read it; check --cluster-id, --region and the IAM policy (read cluster-family, instance-family, virtual-network-family, volume-family).`,
      );
    }
    if (err.statusCode === 401) {
      return cannotInspect(`oke-inspect: ${what} failed with ${status}: the API key was not accepted; check the profile's user, fingerprint and key_file.`);
    }
    return cannotInspect(`oke-inspect: ${what} failed with ${status} (${echo(detail, { quote: false, limit: 200 })}).`);
  }
  return cannotInspect(`oke-inspect: ${what} could not reach the OCI API at ${endpoint} (${echo(detail, { quote: false, limit: 200 })}).`);
}

/**
 * The SDK clients, each pointed at `endpoint` when given (one base URL for every service), else at
 * the region's own endpoints.
 * @param {Credentials} credentials
 * @param {{ endpoint: string | undefined, timeoutSeconds: number }} options
 */
function ociClients(credentials, options) {
  const common = require("oci-common");
  const containerengine = require("oci-containerengine");
  const core = require("oci-core");
  // oci-common's retrier console.warn()s every failed call before the error reaches us; the command
  // prints its own one sentence instead.
  console.warn = () => undefined;
  const pem = /** @type {string} */ (credentials.privateKey.export({ type: "pkcs8", format: "pem" }));
  const provider = new common.SimpleAuthenticationDetailsProvider(credentials.tenancy, credentials.user, credentials.fingerprint, pem, null);
  // Each fetch the SDK makes reads `signal` here afresh: the request is aborted when its time is up.
  const httpOptions = {
    get signal() {
      return AbortSignal.timeout(options.timeoutSeconds * 1000);
    },
  };
  // No SDK retries: every call must end within --timeout. No circuit breaker either: it is for long-lived
  // clients, and with httpOptions set oci-common 2.139 hands its wrapper, not the response, to the client.
  const configuration = {
    retryConfiguration: common.NoRetryConfigurationDetails,
    circuitBreaker: new common.CircuitBreaker({ disableClientCircuitBreaker: true }),
    httpOptions,
  };
  const params = { authenticationDetailsProvider: provider };
  const clients = {
    containerEngine: new containerengine.ContainerEngineClient(params, configuration),
    compute: new core.ComputeClient(params, configuration),
    network: new core.VirtualNetworkClient(params, configuration),
    blockstorage: new core.BlockstorageClient(params, configuration),
  };
  for (const client of Object.values(clients)) {
    if (options.endpoint) client.endpoint = options.endpoint.replace(/\/+$/, "");
    else client.regionId = credentials.region;
  }
  return { ...clients, shown: options.endpoint ?? clients.containerEngine.endpoint, close: () => Object.values(clients).forEach((c) => c.close()) };
}

/**
 * Reads the cluster, every node pool and, for each node, its VNICs, their subnets and its boot volume.
 * @param {Credentials} credentials
 * @param {string} clusterId
 * @param {{ endpoint: string | undefined, timeoutSeconds: number }} options
 * @returns {Promise<ClusterView>}
 */
async function readCluster(credentials, clusterId, options) {
  const clients = ociClients(credentials, options);
  const seconds = options.timeoutSeconds;
  /**
   * @template T
   * @param {string} what
   * @param {() => Promise<T>} call
   */
  const read = async (what, call) => {
    try {
      return await bounded(() => call(), what, seconds);
    } catch (e) {
      throw apiError(e, what, clients.shown, seconds);
    }
  };
  /**
   * Follows opc-next-page until the list ends.
   * @template T
   * @param {string} what
   * @param {(page: string | undefined) => Promise<{ items: T[], opcNextPage?: string }>} call
   */
  const readAll = async (what, call) => {
    /** @type {T[]} */
    const items = [];
    /** @type {string | undefined} */
    let page;
    do {
      const response = await read(what, () => call(page));
      items.push(...response.items);
      page = response.opcNextPage;
    } while (page);
    return items;
  };

  /** @type {Map<string, Promise<Subnet>>} */
  const subnetReads = new Map();
  /** @param {string} subnetId */
  const subnet = (subnetId) => {
    if (!subnetReads.has(subnetId)) {
      subnetReads.set(
        subnetId,
        read(`reading subnet ${subnetId}`, async () => (await clients.network.getSubnet({ subnetId })).subnet),
      );
    }
    return /** @type {Promise<Subnet>} */ (subnetReads.get(subnetId));
  };

  try {
    /** @type {any} the Cluster model as OCI returned it */
    const cluster = (await read(`reading cluster ${clusterId}`, () => clients.containerEngine.getCluster({ clusterId }))).cluster;
    const summaries = await readAll(`listing the node pools of cluster ${clusterId}`, (page) =>
      clients.containerEngine.listNodePools({ compartmentId: cluster.compartmentId, clusterId, page }),
    );
    // ListNodePools keeps listing a deleted pool for a while: it is no longer part of the cluster.
    const current = summaries.filter((summary) => !GONE.has(String(summary.lifecycleState)));
    const pools = await mapLimit(current, CONCURRENCY, async (summary) => {
      const nodePoolId = String(summary.id);
      /** @type {any} the NodePool model as OCI returned it */
      const pool = (await read(`reading node pool ${nodePoolId}`, () => clients.containerEngine.getNodePool({ nodePoolId }))).nodePool;
      const live = /** @type {OciNode[]} */ (pool.nodes ?? []).filter((n) => !GONE.has(String(n.lifecycleState)));
      const nodes = await mapLimit(live, CONCURRENCY, async (node) => {
        const attachments = await readAll(`listing the VNIC attachments of node ${node.id}`, (page) =>
          clients.compute.listVnicAttachments({ compartmentId: pool.compartmentId, instanceId: node.id, page }),
        );
        const attached = attachments.filter((a) => a.lifecycleState === "ATTACHED" && a.vnicId);
        const vnics = await mapLimit(
          attached,
          CONCURRENCY,
          async (a) =>
            /** @type {Vnic} */ ((await read(`reading VNIC ${a.vnicId}`, () => clients.network.getVnic({ vnicId: /** @type {string} */ (a.vnicId) }))).vnic),
        );
        const bootAttachments = node.availabilityDomain
          ? await readAll(`listing the boot volume attachments of node ${node.id}`, (page) =>
              clients.compute.listBootVolumeAttachments({
                availabilityDomain: /** @type {string} */ (node.availabilityDomain),
                compartmentId: pool.compartmentId,
                instanceId: node.id,
                page,
              }),
            )
          : [];
        const bootAttachment = bootAttachments.find((a) => a.lifecycleState === "ATTACHED") ?? bootAttachments[0];
        const bootVolume = bootAttachment
          ? (
              await read(`reading boot volume ${bootAttachment.bootVolumeId}`, () =>
                clients.blockstorage.getBootVolume({ bootVolumeId: bootAttachment.bootVolumeId }),
              )
            ).bootVolume
          : undefined;
        return { node, vnics, bootVolume };
      });
      const imageId = pool.nodeSourceDetails?.imageId ?? pool.nodeSource?.imageId ?? pool.nodeImageId;
      /** @type {PoolView["image"]} */
      let image;
      /** @type {string | undefined} */
      let imageProblem;
      if (imageId) {
        try {
          image = (await read(`reading image ${imageId}`, () => clients.compute.getImage({ imageId }))).image;
        } catch (e) {
          // An image OCI has since retired is not an inspection failure: only its default size is unknown.
          imageProblem = /** @type {Error} */ (e).message.replace(/^oke-inspect: /, "");
        }
      }
      return { pool, nodes, image, imageProblem };
    });
    // Every subnet a check compares against: placement, pod and node VNIC subnets.
    const subnetIds = new Set();
    for (const { pool, nodes } of pools) {
      for (const p of pool.nodeConfigDetails?.placementConfigs ?? []) if (p.subnetId) subnetIds.add(p.subnetId);
      for (const id of pool.nodeConfigDetails?.nodePoolPodNetworkOptionDetails?.podSubnetIds ?? []) subnetIds.add(id);
      for (const id of pool.subnetIds ?? []) subnetIds.add(id);
      for (const { vnics } of nodes) for (const v of vnics) if (v.subnetId) subnetIds.add(v.subnetId);
    }
    /** @type {Map<string, Subnet>} */
    const subnets = new Map();
    await mapLimit([...subnetIds], CONCURRENCY, async (id) => {
      subnets.set(id, await subnet(id));
    });
    return { cluster, pools, subnets, region: credentials.region, endpoint: clients.shown };
  } finally {
    clients.close();
  }
}

module.exports = { readCluster, apiError };
