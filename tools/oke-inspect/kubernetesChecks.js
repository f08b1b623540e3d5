// @ts-check
"use strict";

const YAML = require("yaml");
const { result, CNI, CNI_DAEMONSET, QUICK_CREATE_SERVICES_CIDR, QUICK_CREATE_DNS_IP, KUBE_PROXY_MODES, ZONE_LABELS } = require("./checks");
const { clusterCni, poolCni, networkConfig, initialLabels, zoneOf, nodeName } = require("./settings");
const { within, firstHost } = require("./cidr");

/**
 * The checks the Kubernetes API answers, each OCI node matched to its Kubernetes node.
 * @typedef {import("./oci").ClusterView} ClusterView
 * @typedef {import("./oci").OciNode} OciNode
 * @typedef {import("./kubernetes").KubernetesView} KubernetesView
 * @typedef {import("./checks").CheckResult} CheckResult
 * @typedef {{ node: OciNode, pool: any, k8s: any | undefined }} Match
 */

/** @param {any} k8sNode */
function internalIps(k8sNode) {
  return (k8sNode.status?.addresses ?? []).filter((/** @type {any} */ a) => a.type === "InternalIP").map((/** @type {any} */ a) => String(a.address));
}

/**
 * Each OCI node with its Kubernetes node: by provider id (OKE's is the instance OCID) or private IP.
 * @param {ClusterView} view
 * @param {KubernetesView} kube
 */
function matchNodes(view, kube) {
  /** @type {Match[]} */
  const matches = [];
  const used = new Set();
  for (const { pool, nodes } of view.pools) {
    for (const { node } of nodes) {
      const k8s = kube.nodes.find(
        (k) =>
          !used.has(k) &&
          ((k.spec?.providerID && String(k.spec.providerID).endsWith(node.id)) || (node.privateIp && internalIps(k).includes(String(node.privateIp)))),
      );
      if (k8s) used.add(k8s);
      matches.push({ node, pool, k8s });
    }
  }
  const extra = kube.nodes.filter((k) => !used.has(k));
  return { matches, extra };
}

/** @param {any} k8sNode */
function readyStatus(k8sNode) {
  const ready = (k8sNode.status?.conditions ?? []).find((/** @type {any} */ c) => c.type === "Ready");
  return ready ? String(ready.status) : "unknown";
}

/** @param {ClusterView} view @param {KubernetesView} kube @returns {CheckResult} */
function nodesRegistered(view, kube) {
  const { matches, extra } = matchNodes(view, kube);
  const differences = [];
  const subjects = [];
  for (const { node, pool, k8s } of matches) {
    const name = `${nodeName(node)} (${pool.name})`;
    if (!k8s) {
      differences.push(`${name} has no Kubernetes node`);
      subjects.push(node.id);
      continue;
    }
    const ready = readyStatus(k8s);
    if (ready !== "True") {
      differences.push(`${name} is ${ready === "False" ? "NotReady" : `Ready=${ready}`}`);
      subjects.push(node.id);
    }
    const kubelet = k8s.status?.nodeInfo?.kubeletVersion;
    if (pool.kubernetesVersion && kubelet !== pool.kubernetesVersion) {
      differences.push(`${name} runs kubelet ${kubelet ?? "(unknown)"}, the pool's version is ${pool.kubernetesVersion}`);
      subjects.push(node.id);
    }
  }
  for (const k of extra) {
    differences.push(`Kubernetes node ${k.metadata?.name} is no node of the cluster's pools`);
    subjects.push(String(k.metadata?.name));
  }
  return result("nodes-registered", {
    expected: `one Ready Kubernetes node per OCI node (${matches.length}), kubelet at the pool's version (${[...new Set(view.pools.map((p) => `${p.pool.name} ${p.pool.kubernetesVersion}`))].join(", ")})`,
    found: `${matches.filter((m) => m.k8s && readyStatus(m.k8s) === "True").length} Ready of ${kube.nodes.length} Kubernetes nodes`,
    differences,
    subjects,
  });
}

/** @param {ClusterView} view @param {KubernetesView} kube @returns {CheckResult} */
function nodeLabels(view, kube) {
  const { matches } = matchNodes(view, kube);
  const differences = [];
  const subjects = [];
  const expected = new Set();
  for (const { pool } of view.pools) {
    const labels = initialLabels(pool);
    expected.add(`${pool.name}: ${labels.has("name") ? [...labels].map(([k, v]) => `${k}=${v}`).join(", ") : "name=<set by the pool>"}`);
    if (!labels.has("name")) {
      differences.push(`${pool.name} sets no name label in initialNodeLabels (Quick Create sets name=<cluster name>)`);
      subjects.push(pool.id);
    }
  }
  for (const { node, pool, k8s } of matches) {
    if (!k8s) continue;
    const have = k8s.metadata?.labels ?? {};
    const name = `${nodeName(node)} (${pool.name})`;
    for (const [key, value] of initialLabels(pool)) {
      if (have[key] !== value) {
        differences.push(`${name} has ${key}=${have[key] ?? "(none)"}, the pool sets ${key}=${value}`);
        subjects.push(node.id);
      }
    }
    const zone = zoneOf(node.availabilityDomain);
    const label = ZONE_LABELS.find((l) => have[l] !== undefined);
    if (!label || String(have[label]).toUpperCase() !== zone.toUpperCase()) {
      differences.push(`${name} has ${label ? `${label}=${have[label]}` : "no zone label"}, its availability domain is ${zone}`);
      subjects.push(node.id);
    }
  }
  return result("node-labels", {
    expected: `each node labelled as its pool sets (${[...expected].join("; ")}) and with its availability domain in ${ZONE_LABELS.join(" or ")}`,
    found: "every node labelled so",
    differences,
    subjects,
  });
}

/** @param {ClusterView} view @param {KubernetesView} kube @returns {CheckResult} */
function kubernetesService(view, kube) {
  const { servicesCidr } = networkConfig(view.cluster);
  const want = servicesCidr ? firstHost(servicesCidr) : undefined;
  const have = kube.kubernetesService?.spec?.clusterIP;
  return result("kubernetes-service", {
    expected: want ? `${want} (first address of ${servicesCidr})` : "the first address of the services CIDR (the cluster names none)",
    found: have ?? "no service default/kubernetes",
    differences: have && (!want || have === want) ? [] : [`default/kubernetes is at ${have ?? "(absent)"}`],
    subjects: ["default/kubernetes"],
  });
}

/** @param {ClusterView} view @param {KubernetesView} kube @returns {CheckResult} */
function clusterDns(view, kube) {
  const { servicesCidr } = networkConfig(view.cluster);
  const exact = servicesCidr === QUICK_CREATE_SERVICES_CIDR ? QUICK_CREATE_DNS_IP : undefined;
  const have = kube.kubeDns?.spec?.clusterIP;
  const ok = !!have && (exact ? have === exact : !servicesCidr || within(have, servicesCidr));
  return result("cluster-dns", {
    expected: exact ? `${exact} (for ${servicesCidr})` : `an address inside ${servicesCidr ?? "the services CIDR"}`,
    found: have ?? "no service kube-system/kube-dns",
    differences: ok ? [] : [`kube-system/kube-dns is at ${have ?? "(absent)"}`],
    subjects: ["kube-system/kube-dns"],
  });
}

/**
 * "Ready on every node": scheduled on as many nodes as the cluster has, and ready on all of them.
 * @param {KubernetesView} kube
 * @param {string} name a DaemonSet in kube-system
 * @returns {string | undefined} what differs
 */
function daemonSetProblem(kube, name) {
  const ds = kube.daemonSets.find((d) => d.metadata?.name === name);
  if (!ds) return `no DaemonSet kube-system/${name}`;
  const desired = Number(ds.status?.desiredNumberScheduled ?? 0);
  const ready = Number(ds.status?.numberReady ?? 0);
  if (desired !== kube.nodes.length) return `DaemonSet kube-system/${name} is scheduled on ${desired} of ${kube.nodes.length} nodes`;
  if (ready !== desired) return `DaemonSet kube-system/${name} is ready on ${ready} of ${desired} nodes`;
  return undefined;
}

/** @param {ClusterView} view @param {KubernetesView} kube @returns {CheckResult} */
function podNetwork(view, kube) {
  const cni = clusterCni(view.cluster);
  const { podsCidr } = networkConfig(view.cluster);
  const { matches } = matchNodes(view, kube);
  const differences = [];
  const subjects = [];
  const daemonSet = /** @type {Record<string, string | undefined>} */ (CNI_DAEMONSET)[cni];
  const dsProblem = daemonSet ? daemonSetProblem(kube, daemonSet) : `no known DaemonSet for CNI ${cni}`;
  if (dsProblem) {
    differences.push(dsProblem);
    subjects.push(`kube-system/${daemonSet ?? cni}`);
  }
  const expected = [`DaemonSet kube-system/${daemonSet} ready on every node`];
  for (const { node, pool, k8s } of matches) {
    if (!k8s) continue;
    const name = `${nodeName(node)} (${pool.name})`;
    if (poolCni(pool, cni) === CNI.FLANNEL) {
      const podCidr = k8s.spec?.podCIDR;
      if (!podCidr || !podsCidr || !within(String(podCidr), podsCidr)) {
        differences.push(`${name} has podCIDR ${podCidr ?? "(none)"}, outside the cluster's pods CIDR ${podsCidr ?? "(none)"}`);
        subjects.push(node.id);
      }
    } else {
      const podSubnetIds = pool.nodeConfigDetails?.nodePoolPodNetworkOptionDetails?.podSubnetIds ?? [];
      const cidrs = podSubnetIds.map((/** @type {string} */ id) => view.subnets.get(id)?.cidrBlock).filter(Boolean);
      const k8sName = k8s.metadata?.name;
      const outside = (kube.pods ?? []).filter(
        (p) =>
          p.spec?.nodeName === k8sName &&
          !p.spec?.hostNetwork &&
          p.status?.podIP &&
          !cidrs.some((/** @type {string} */ c) => within(String(p.status.podIP), c)),
      );
      if (outside.length > 0) {
        differences.push(
          `${name} runs pods outside the pool's pod subnets (${cidrs.join(", ") || "none"}): ${outside
            .slice(0, 5)
            .map((p) => `${p.metadata?.namespace}/${p.metadata?.name} ${p.status.podIP}`)
            .join(", ")}${outside.length > 5 ? ` and ${outside.length - 5} more` : ""}`,
        );
        subjects.push(node.id);
      }
    }
  }
  expected.push(cni === CNI.FLANNEL ? `each node's podCIDR inside ${podsCidr ?? "the pods CIDR"}` : "pod IPs inside their pool's pod subnets");
  return result("pod-network", {
    expected: `${cni}: ${expected.join(", ")}`,
    found:
      cni === CNI.FLANNEL
        ? `every node's podCIDR inside ${podsCidr}, ${daemonSet} ready on ${kube.nodes.length} nodes`
        : `pod IPs in the pod subnets, ${daemonSet} ready on ${kube.nodes.length} nodes`,
    differences,
    subjects,
  });
}

/**
 * kube-proxy's mode from its ConfigMap: the KubeProxyConfiguration kubeadm writes under `config.conf`
 * (any key whose YAML holds a `mode`).
 * @param {any} configMap
 * @returns {string | undefined} undefined when there is no ConfigMap
 */
function kubeProxyMode(configMap) {
  if (!configMap) return undefined;
  for (const text of Object.values(configMap.data ?? {})) {
    let doc;
    try {
      doc = YAML.parse(String(text));
    } catch {
      continue;
    }
    if (doc && typeof doc === "object" && "mode" in doc) return String(doc.mode ?? "");
  }
  return "";
}

/** @param {ClusterView} _view @param {KubernetesView} kube @returns {CheckResult} */
function kubeProxyModeCheck(_view, kube) {
  const mode = kubeProxyMode(kube.kubeProxyConfig);
  const shown = mode === undefined ? "no ConfigMap kube-system/kube-proxy" : mode === "" ? "mode empty (iptables)" : `mode ${mode}`;
  return result("kube-proxy-mode", {
    expected: "mode empty or iptables",
    found: shown,
    differences: mode !== undefined && KUBE_PROXY_MODES.includes(mode) ? [] : [`kube-proxy has ${shown}`],
    subjects: ["kube-system/kube-proxy"],
  });
}

/** @param {ClusterView} _view @param {KubernetesView} kube @returns {CheckResult} */
function systemWorkloads(_view, kube) {
  const differences = [];
  const subjects = [];
  const coredns = kube.deployments.find((d) => d.metadata?.name === "coredns");
  const available = Number(coredns?.status?.availableReplicas ?? 0);
  const wanted = Number(coredns?.spec?.replicas ?? 1);
  if (!coredns) {
    differences.push("no Deployment kube-system/coredns");
    subjects.push("kube-system/coredns");
  } else if (available < 1 || available < wanted) {
    differences.push(`Deployment kube-system/coredns has ${available} of ${wanted} replicas available`);
    subjects.push("kube-system/coredns");
  }
  const proxy = daemonSetProblem(kube, "kube-proxy");
  if (proxy) {
    differences.push(proxy);
    subjects.push("kube-system/kube-proxy");
  }
  return result("system-workloads", {
    expected: "Deployment kube-system/coredns available; DaemonSet kube-system/kube-proxy ready on every node",
    found: `coredns ${available}/${wanted} available, kube-proxy ready on ${kube.nodes.length} nodes`,
    differences,
    subjects,
  });
}

/** @param {ClusterView} view @param {KubernetesView} kube @returns {CheckResult[]} */
function kubernetesChecks(view, kube) {
  return [nodesRegistered, nodeLabels, kubernetesService, clusterDns, podNetwork, kubeProxyModeCheck, systemWorkloads].map((check) => check(view, kube));
}

module.exports = { kubernetesChecks, kubeProxyMode };
