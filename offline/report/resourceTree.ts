import type { RegisteredResource } from "../records/shapes";
import { describeResources, ResourceView, Route, shapeLabel } from "../architecture/architecture";
import { References } from "../architecture/references";

export interface TreeNode {
  record: RegisteredResource;
  children: TreeNode[];
}

/** Component → children, in registration order; resources whose parent is not recorded are roots. */
export function buildTree(records: readonly RegisteredResource[]): TreeNode[] {
  const nodes = new Map(records.map((r) => [r.urn, { record: r, children: [] as TreeNode[] }]));
  const roots: TreeNode[] = [];
  for (const node of nodes.values()) {
    const parent = node.record.parent ? nodes.get(node.record.parent) : undefined;
    (parent ? parent.children : roots).push(node);
  }
  return roots;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;
const routeLine = (r: Route) => `route ${r.destination} → ${r.resolved ? r.gateway : "unknown gateway"}`;

/**
 * The facts a reviewer checks under each resource, as one line: address ranges, exposure, where traffic
 * goes, how many firewall rules, where nodes land and what they run.
 */
function factsLine(view: ResourceView): string[] {
  switch (view.is) {
    case "vcn":
      return [`cidr ${view.cidrs.join(", ")}`, `dnsLabel ${view.dnsLabel}`];
    case "subnet":
      return [`cidr ${view.cidr}`, view.isPublic ? "public" : "private", `route table ${view.routeTable}`, `security list ${view.securityLists.join(", ")}`];
    case "gateway":
      if (view.kind === "internet") return [view.enabled ? "enabled" : "disabled"];
      return view.kind === "service" ? [`${view.serviceCount} service(s)`] : [];
    case "routeTable":
      return [...(view.isDefault ? ["VCN default, renamed"] : []), ...view.routes.map(routeLine)];
    case "securityList":
      return [...(view.isDefault ? ["VCN default, renamed"] : []), `${plural(view.ingressRules, "ingress rule")}, ${plural(view.egressRules, "egress rule")}`];
    case "cluster":
      return [`${view.type} ${view.version}`, `cni ${view.cni}`, `endpoint ${view.endpointPublic ? "public" : "private"}`, `services ${view.servicesCidr}`];
    case "nodePool":
      return [
        `${view.size} × ${shapeLabel(view)}`,
        view.kubernetesVersion,
        `placement ${view.placementConfigs.map((p) => p.availabilityDomain + (p.faultDomains ? ` ${p.faultDomains.join("/")}` : "")).join(", ")}`,
        `boot volume ${view.bootVolumeGbs === undefined ? "image default" : `${view.bootVolumeGbs} GB`}`,
      ];
    case "bastion":
      return [
        view.bastionType,
        `target subnet ${view.targetSubnet ?? "unknown"}`,
        `clients ${view.clientCidrs.join(", ")}`,
        `sessions up to ${view.maxSessionTtlSeconds} s`,
      ];
  }
}

function shortType(type: string): string {
  // Component types read better without the package prefix: "QuickCreate" rather than "oke-quick-create:index:QuickCreate".
  return type.split(":").pop() ?? type;
}

/** The tree as lines with box-drawing guides; each resource gets its OCI name and reviewer facts below it. */
export function renderTree(records: readonly RegisteredResource[]): string[] {
  const views = describeResources(records);
  const lines: string[] = [];
  const walk = (node: TreeNode, prefix: string, last: boolean, root: boolean) => {
    const { record } = node;
    const branch = root ? "" : last ? "└─ " : "├─ ";
    const label = record.custom ? `${record.type}  ${record.name}` : `${record.name} (${shortType(record.type)})`;
    lines.push(`${prefix}${branch}${label}`);
    const childPrefix = root ? prefix : prefix + (last ? "   " : "│  ");
    if (record.custom) {
      const display = References.displayName(record);
      const facts = [display !== record.name ? display : "", ...(views.has(record.urn) ? factsLine(views.get(record.urn)!) : [])].filter(Boolean).join(" · ");
      if (facts) lines.push(`${childPrefix}${node.children.length ? "│  " : "   "}${facts}`);
    }
    node.children.forEach((child, i) => walk(child, childPrefix, i === node.children.length - 1, false));
  };
  for (const root of buildTree(records)) walk(root, "    ", true, true);
  return lines;
}
