// @ts-check
"use strict";

const { CNI } = require("./checks");

/**
 * The cluster's and node pools' own settings, as OCI returns them (Cluster and NodePool models of
 * oci-containerengine): every expectation of the checks is derived from these, never from the stack.
 */

/** @param {any} cluster */
function clusterCni(cluster) {
  return String(cluster.clusterPodNetworkOptions?.[0]?.cniType ?? CNI.FLANNEL);
}

/** @param {any} pool @param {string} fallback the cluster's CNI */
function poolCni(pool, fallback) {
  return String(pool.nodeConfigDetails?.nodePoolPodNetworkOptionDetails?.cniType ?? fallback);
}

/** @param {any} cluster */
function networkConfig(cluster) {
  const config = cluster.options?.kubernetesNetworkConfig ?? {};
  return { podsCidr: config.podsCidr ? String(config.podsCidr) : undefined, servicesCidr: config.servicesCidr ? String(config.servicesCidr) : undefined };
}

/**
 * How many nodes the pool should have: nodeConfigDetails.size, or for pools made with the older
 * subnetIds/quantityPerSubnet form, their product.
 * @param {any} pool
 */
function poolSize(pool) {
  const size = pool.nodeConfigDetails?.size;
  if (typeof size === "number") return size;
  return Number(pool.quantityPerSubnet ?? 0) * (pool.subnetIds?.length ?? 0);
}

/**
 * The placement configuration for an availability domain (subnet and, when named, fault domains).
 * @param {any} pool
 * @param {string | undefined} availabilityDomain
 * @returns {{ subnetIds: string[], faultDomains: string[] | undefined }}
 */
function placementFor(pool, availabilityDomain) {
  const configs = pool.nodeConfigDetails?.placementConfigs ?? [];
  const config = configs.find((/** @type {any} */ c) => c.availabilityDomain === availabilityDomain);
  if (config) return { subnetIds: [String(config.subnetId)], faultDomains: config.faultDomains?.length ? config.faultDomains.map(String) : undefined };
  return { subnetIds: (pool.subnetIds ?? []).map(String), faultDomains: undefined };
}

/** Node labels the pool sets (initialNodeLabels: [{ key, value }]). @param {any} pool @returns {Map<string, string>} */
function initialLabels(pool) {
  return new Map((pool.initialNodeLabels ?? []).filter((/** @type {any} */ l) => l?.key).map((/** @type {any} */ l) => [String(l.key), String(l.value ?? "")]));
}

/**
 * The zone label OKE gives a node in an availability domain: the AD name without its tenancy prefix
 * (`Uocm:AP-TOKYO-1-AD-1` → `AP-TOKYO-1-AD-1`).
 * @param {string | undefined} availabilityDomain
 */
function zoneOf(availabilityDomain) {
  return String(availabilityDomain ?? "").replace(/^[^:]*:/, "");
}

/** Short AD name for messages: `AP-TOKYO-1-AD-1`. @param {string | undefined} ad */
const adName = (ad) => zoneOf(ad) || "(no AD)";

/**
 * How a node is named in messages: its private IP (the Kubernetes node name on OKE), else its id.
 * @param {{ id: string, privateIp?: string }} node
 */
function nodeName(node) {
  return node.privateIp ? String(node.privateIp) : node.id;
}

module.exports = { clusterCni, poolCni, networkConfig, poolSize, placementFor, initialLabels, zoneOf, adName, nodeName };
