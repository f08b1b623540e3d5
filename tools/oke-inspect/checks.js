// @ts-check
"use strict";

/**
 * The checks, in the order they are reported. Each id is stable: it appears in --json and in
 * docs/inspect.md. `side` says which API answers it, so the Kubernetes ones can be skipped together.
 */

/**
 * @typedef {"pass" | "fail" | "skip"} Status
 * @typedef {{ id: string, status: Status, expected: string, found: string, subjects: string[], reason?: string }} CheckResult
 * @typedef {{ id: string, side: "oci" | "kubernetes", title: string }} CheckDefinition
 */

/** @type {readonly CheckDefinition[]} */
const CHECKS = Object.freeze([
  { id: "cluster-active", side: "oci", title: "cluster ACTIVE" },
  { id: "pool-nodes-active", side: "oci", title: "every node of each pool ACTIVE, as many as its size" },
  { id: "node-fault-domains", side: "oci", title: "nodes spread over the fault domains" },
  { id: "node-subnet", side: "oci", title: "node VNICs in the pool's placement subnet" },
  { id: "node-nsgs", side: "oci", title: "no network security groups on node VNICs" },
  { id: "node-boot-volume", side: "oci", title: "boot volumes at the pool's size or the image default" },
  { id: "nodes-registered", side: "kubernetes", title: "one Ready Kubernetes node per OCI node, at the pool's version" },
  { id: "node-labels", side: "kubernetes", title: "pool and availability-domain labels" },
  { id: "kubernetes-service", side: "kubernetes", title: "default/kubernetes at the first service address" },
  { id: "cluster-dns", side: "kubernetes", title: "kube-system/kube-dns inside the services CIDR" },
  { id: "pod-network", side: "kubernetes", title: "pod addresses and the CNI DaemonSet" },
  { id: "kube-proxy-mode", side: "kubernetes", title: "kube-proxy in iptables mode" },
  { id: "system-workloads", side: "kubernetes", title: "CoreDNS available, kube-proxy on every node" },
]);

/** OCI fault domains: the same three names in every availability domain. */
const FAULT_DOMAINS = Object.freeze(["FAULT-DOMAIN-1", "FAULT-DOMAIN-2", "FAULT-DOMAIN-3"]);

/** The CNI types of OKE (Cluster.clusterPodNetworkOptions[].cniType); the API default is flannel. */
const CNI = Object.freeze({ FLANNEL: "FLANNEL_OVERLAY", VCN_NATIVE: "OCI_VCN_IP_NATIVE" });

/** What OKE makes when a cluster's type is absent (older clusters report none). */
const DEFAULT_CLUSTER_TYPE = "BASIC_CLUSTER";

/** The DaemonSet in kube-system that runs each CNI on every node. */
const CNI_DAEMONSET = Object.freeze({ [CNI.FLANNEL]: "kube-flannel-ds", [CNI.VCN_NATIVE]: "vcn-native-ip-cni" });

/** The field report's cluster DNS address, for the services CIDR Quick Create uses. */
const QUICK_CREATE_SERVICES_CIDR = "10.96.0.0/16";
const QUICK_CREATE_DNS_IP = "10.96.5.5";

/** kube-proxy modes the report's cluster had: unset (the default, iptables) or iptables. */
const KUBE_PROXY_MODES = Object.freeze(["", "iptables"]);

/** Zone labels OKE sets on nodes: the current one, then the deprecated one the 2020 report saw. */
const ZONE_LABELS = Object.freeze(["topology.kubernetes.io/zone", "failure-domain.beta.kubernetes.io/zone"]);

/**
 * A check's result from what it compared: it passes when nothing differs.
 * @param {string} id
 * @param {{ expected: string, found: string, differences: string[], subjects: Iterable<string> }} r
 * @returns {CheckResult}
 */
function result(id, r) {
  const subjects = [...new Set(r.subjects)];
  if (r.differences.length === 0) return { id, status: "pass", expected: r.expected, found: r.found, subjects };
  return { id, status: "fail", expected: r.expected, found: r.differences.join("; "), subjects };
}

/**
 * @param {string} id
 * @param {string} expected
 * @param {string} reason
 * @returns {CheckResult}
 */
function skipped(id, expected, reason) {
  return { id, status: "skip", expected, found: "not inspected", subjects: [], reason };
}

module.exports = {
  CHECKS,
  FAULT_DOMAINS,
  CNI,
  DEFAULT_CLUSTER_TYPE,
  CNI_DAEMONSET,
  QUICK_CREATE_SERVICES_CIDR,
  QUICK_CREATE_DNS_IP,
  KUBE_PROXY_MODES,
  ZONE_LABELS,
  result,
  skipped,
};
