// @ts-check
"use strict";

const { CNI, DEFAULT_CLUSTER_TYPE, FAULT_DOMAINS, result, skipped } = require("./checks");
const { poolSize, placementFor, poolCni, clusterCni, adName, nodeName } = require("./settings");
const { within } = require("./cidr");

/**
 * The checks OCI alone answers: the cluster, its node pools and, per node, VNICs and boot volume.
 * @typedef {import("./oci").ClusterView} ClusterView
 * @typedef {import("./checks").CheckResult} CheckResult
 */

/** @param {ClusterView} view @returns {CheckResult} */
function clusterActive(view) {
  const c = view.cluster;
  const state = String(c.lifecycleState ?? "unknown");
  const found = `${state}, ${c.kubernetesVersion ?? "no version"}, ${c.type ?? DEFAULT_CLUSTER_TYPE}`;
  return result("cluster-active", {
    expected: "ACTIVE",
    found,
    differences: state === "ACTIVE" ? [] : [`cluster ${found}${c.lifecycleDetails ? ` (${c.lifecycleDetails})` : ""}`],
    subjects: [c.id],
  });
}

/** @param {ClusterView} view @returns {CheckResult} */
function poolNodesActive(view) {
  const differences = [];
  const subjects = [];
  const expected = [];
  const found = [];
  for (const { pool, nodes } of view.pools) {
    const size = poolSize(pool);
    expected.push(`${pool.name}: ${size} ACTIVE nodes`);
    const notActive = nodes.filter((n) => n.node.lifecycleState !== "ACTIVE");
    found.push(`${pool.name}: ${nodes.length - notActive.length} ACTIVE of ${nodes.length}`);
    if (nodes.length !== size) {
      differences.push(`${pool.name} has ${nodes.length} nodes, its size is ${size}`);
      subjects.push(pool.id);
    }
    for (const { node } of notActive) {
      differences.push(`${nodeName(node)} (${pool.name}) is ${node.lifecycleState ?? "in no state"}`);
      subjects.push(node.id);
    }
  }
  return result("pool-nodes-active", { expected: expected.join("; "), found: found.join("; "), differences, subjects });
}

/** @param {ClusterView} view @returns {CheckResult} */
function nodeFaultDomains(view) {
  const differences = [];
  const subjects = [];
  const found = [];
  for (const { pool, nodes } of view.pools) {
    /** @type {Map<string, typeof nodes>} */
    const byAd = new Map();
    for (const n of nodes) byAd.set(String(n.node.availabilityDomain), [...(byAd.get(String(n.node.availabilityDomain)) ?? []), n]);
    for (const [ad, inAd] of byAd) {
      const allowed = placementFor(pool, ad).faultDomains ?? [...FAULT_DOMAINS];
      /** @type {Map<string, string[]>} fault domain → node ids */
      const byFd = new Map(allowed.map((fd) => [fd, []]));
      for (const { node } of inAd) {
        const fd = String(node.faultDomain ?? "none");
        if (!byFd.has(fd)) {
          differences.push(`${nodeName(node)} (${pool.name}, ${adName(ad)}) is in ${fd}, not one of ${allowed.join(", ")}`);
          subjects.push(node.id);
          continue;
        }
        byFd.get(fd)?.push(node.id);
      }
      const counts = [...byFd.values()].map((ids) => ids.length);
      const shown = [...byFd].map(([fd, ids]) => `${fd.replace("FAULT-DOMAIN-", "FD-")}×${ids.length}`).join(" ");
      found.push(`${pool.name} ${adName(ad)}: ${shown}`);
      const most = Math.max(...counts);
      if (most - Math.min(...counts) > 1) {
        const crowded = [...byFd].filter(([, ids]) => ids.length === most);
        const names = crowded.flatMap(([, ids]) => ids).map((id) => nodeName(inAd.find((n) => n.node.id === id)?.node ?? { id }));
        const share = crowded.length === 1 ? `share ${crowded[0][0]}` : `are in ${crowded.map(([fd]) => fd).join(", ")}`;
        differences.push(
          `${pool.name} ${adName(ad)}: ${shown}, ${inAd.length} nodes over ${byFd.size - counts.filter((c) => c === 0).length} of ${allowed.length} fault domains; ${names.join(", ")} ${share}`,
        );
        subjects.push(...crowded.flatMap(([, ids]) => ids));
      }
    }
  }
  return result("node-fault-domains", {
    expected:
      "per pool and availability domain, min(n, 3) fault domains used, counts differing by at most one (only the pool's named fault domains, when it names them)",
    found: found.join("; ") || "no nodes",
    differences,
    subjects,
  });
}

/** @param {ClusterView} view @param {string | undefined} id */
function subnetName(view, id) {
  const s = id ? view.subnets.get(id) : undefined;
  return s?.displayName ? `${s.displayName} (${s.cidrBlock ?? "?"})` : String(id ?? "no subnet");
}

/** @param {ClusterView} view @returns {CheckResult} */
function nodeSubnet(view) {
  const differences = [];
  const subjects = [];
  const places = new Set();
  for (const { pool, nodes } of view.pools) {
    for (const { node, vnics } of nodes) {
      const { subnetIds } = placementFor(pool, node.availabilityDomain);
      places.add(`${pool.name} ${adName(node.availabilityDomain)} → ${subnetIds.map((id) => subnetName(view, id)).join(" or ")}`);
      const primary = vnics.find((v) => v.isPrimary);
      const name = `${nodeName(node)} (${pool.name})`;
      if (!primary) {
        differences.push(`${name} has no primary VNIC attached`);
        subjects.push(node.id);
        continue;
      }
      const subnet = primary.subnetId ? view.subnets.get(primary.subnetId) : undefined;
      if (!primary.subnetId || !subnetIds.includes(primary.subnetId)) {
        differences.push(
          `${name}'s primary VNIC is in ${subnetName(view, primary.subnetId)}, not the pool's ${subnetIds.map((id) => subnetName(view, id)).join(" or ") || "(no placement subnet)"}`,
        );
        subjects.push(node.id);
      }
      if (subnet?.cidrBlock && primary.privateIp && !within(primary.privateIp, subnet.cidrBlock)) {
        differences.push(`${name}'s private IP ${primary.privateIp} is outside its subnet ${subnet.cidrBlock}`);
        subjects.push(node.id);
      }
      const publicIp = primary.publicIp ?? node.publicIp;
      if (subnet?.prohibitPublicIpOnVnic && publicIp) {
        differences.push(`${name} has public IP ${publicIp} in a subnet that prohibits public IPs`);
        subjects.push(node.id);
      }
    }
  }
  return result("node-subnet", {
    expected: `each node's primary VNIC in its pool's placement subnet, private IP inside it, no public IP where prohibited: ${[...places].join("; ")}`,
    found: `${view.pools.reduce((n, p) => n + p.nodes.length, 0)} nodes in their placement subnets`,
    differences,
    subjects,
  });
}

/** @param {readonly string[] | undefined} a */
const sorted = (a) => [...(a ?? [])].map(String).sort();

/** @param {ClusterView} view @returns {CheckResult} */
function nodeNsgs(view) {
  const differences = [];
  const subjects = [];
  const expected = [];
  const cni = clusterCni(view.cluster);
  for (const { pool, nodes } of view.pools) {
    const poolNsgs = sorted(pool.nodeConfigDetails?.nsgIds);
    const podNsgs = poolCni(pool, cni) === CNI.VCN_NATIVE ? sorted(pool.nodeConfigDetails?.nodePoolPodNetworkOptionDetails?.podNsgIds) : [];
    expected.push(poolNsgs.length ? `${pool.name}: exactly ${poolNsgs.join(", ")}` : `${pool.name}: none`);
    for (const { node, vnics } of nodes) {
      for (const vnic of vnics) {
        const want = vnic.isPrimary ? poolNsgs : podNsgs;
        const have = sorted(vnic.nsgIds);
        if (want.join(",") === have.join(",")) continue;
        const which = vnic.isPrimary ? "primary VNIC" : `secondary VNIC ${vnic.id}`;
        differences.push(
          `${nodeName(node)} (${pool.name}) ${which} has ${have.length ? `NSG ${have.join(", ")}` : "no NSG"}${want.length ? `, the pool sets ${want.join(", ")}` : ""}`,
        );
        subjects.push(node.id);
      }
    }
  }
  return result("node-nsgs", {
    expected: `no network security group on node VNICs unless the pool sets them (${expected.join("; ")})`,
    found: "no NSG other than the pools' own",
    differences,
    subjects,
  });
}

/** @param {ClusterView} view @returns {CheckResult} */
function nodeBootVolume(view) {
  const differences = [];
  const subjects = [];
  const expected = [];
  const found = [];
  const unknown = [];
  for (const { pool, nodes, image, imageProblem } of view.pools) {
    const configured = pool.nodeSourceDetails?.bootVolumeSizeInGBs;
    /** @type {number | undefined} */
    let want;
    let basis = "";
    if (configured !== undefined && configured !== null && String(configured) !== "") {
      want = Number(configured);
      basis = "the pool's bootVolumeSizeInGBs";
      expected.push(`${pool.name}: ${want} GB (${basis})`);
    } else if (typeof image?.sizeInMBs === "number") {
      want = Math.ceil(image.sizeInMBs / 1024);
      basis = `the image default, ${image.sizeInMBs} MB`;
      expected.push(`${pool.name}: ${want} GB (${basis})`);
    } else {
      expected.push(`${pool.name}: the image default (unknown)`);
      unknown.push(`${pool.name}'s image default size is unknown (${imageProblem ?? "the pool names no image"})`);
    }
    /** @type {Map<number, string[]>} */
    const bySize = new Map();
    for (const { node, bootVolume } of nodes) {
      if (!bootVolume) {
        differences.push(`${nodeName(node)} (${pool.name}) has no boot volume attached`);
        subjects.push(node.id);
        continue;
      }
      const size = Number(bootVolume.sizeInGBs);
      bySize.set(size, [...(bySize.get(size) ?? []), node.id]);
      if (want !== undefined && size !== want) {
        differences.push(`${nodeName(node)} (${pool.name}) has a ${size} GB boot volume`);
        subjects.push(node.id);
      }
    }
    const sizes = [...bySize].map(([size, ids]) => `${size} GB on ${ids.length} node${ids.length === 1 ? "" : "s"}`).join(", ");
    found.push(`${pool.name}: ${sizes || "no boot volumes"}${basis && bySize.size === 1 && bySize.has(/** @type {number} */ (want)) ? ` (${basis})` : ""}`);
    if (want === undefined && bySize.size > 1) {
      const shown = [...bySize]
        .map(([size, ids]) => `${size} GB on ${ids.map((id) => nodeName(nodes.find((n) => n.node.id === id)?.node ?? { id })).join(", ")}`)
        .join("; ");
      differences.push(`${pool.name}'s nodes differ in boot volume size: ${shown}`);
      subjects.push(...[...bySize.values()].flat());
    }
  }
  const r = result("node-boot-volume", { expected: expected.join("; "), found: found.join("; "), differences, subjects });
  if (r.status === "pass" && unknown.length > 0) return { ...skipped("node-boot-volume", r.expected, unknown.join("; ")), found: r.found };
  return r;
}

/** @param {ClusterView} view @returns {CheckResult[]} */
function ociChecks(view) {
  return [clusterActive(view), poolNodesActive(view), nodeFaultDomains(view), nodeSubnet(view), nodeNsgs(view), nodeBootVolume(view)];
}

module.exports = { ociChecks };
