import { Architecture } from "./architecture";
import { bastionLabel, endpointLabel, GATEWAY_TITLE, gatewayExit, nodeShapeLabel, routeLabel, subnetTitle } from "./diagramText";

function q(text: string): string {
  return `"${text.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\n/g, "\\n")}"`;
}

function esc(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/**
 * A title over a resource's OCI name in a smaller font. Graphviz sizes boxes with Helvetica metrics and
 * viewers often substitute a wider font, so the long names are kept small to stay inside their boxes.
 */
function titled(title: string, name: string): string {
  return `<${esc(title)}<br/><font point-size="8">${esc(name)}</font>>`;
}

const COLORS = { public: "#e8f3ff", private: "#fff4e0", vcn: "#f7f7f7", ad: "#ffffff", fd: "#f2f2f2" };

/**
 * The architecture as Graphviz DOT, laid out top-down: subnets inside the VCN, routes from each subnet
 * to its gateways, gateways out to the internet or the Oracle Services Network; the worker subnet holds
 * one box per availability domain and three fault-domain slots in each.
 */
export function toDot(a: Architecture, title: string): string {
  const out: string[] = [];
  const w = (line: string) => out.push(line);
  w("digraph plan {");
  w(`  graph [label=${q(title)}, labelloc=t, fontname="Helvetica", fontsize=14, compound=true, newrank=true, nodesep=0.25, ranksep=0.6, pad=0.3];`);
  w('  node [shape=box, style="rounded,filled", fillcolor=white, fontname="Helvetica", fontsize=10, margin="0.2,0.08"];');
  w('  edge [fontname="Helvetica", fontsize=9, color="#555555"];');
  w('  internet [label="Internet", shape=ellipse, fillcolor="#dff0d8"];');
  const sgw = a.gateways.find((g) => g.kind === "service");
  if (sgw) w(`  osn [label=${q(sgw.services ?? "Oracle Services Network")}, shape=ellipse, fillcolor="#dff0d8"];`);

  w("  subgraph cluster_region {");
  w(`    label=${q(`Region ${a.region}`)}; style="rounded,dashed"; color="#888888";`);
  w("    subgraph cluster_vcn {");
  w(`      label=${titled(`VCN ${(a.vcn?.cidrs ?? []).join(", ")}`, a.vcn?.name ?? "")}; style="rounded,filled"; fillcolor=${q(COLORS.vcn)};`);
  a.gateways.forEach((g, i) => w(`      gw${i} [label=${titled(GATEWAY_TITLE[g.kind], g.name)}, fillcolor="#eeeeff"];`));
  w("      { rank=same; " + a.gateways.map((_, i) => `gw${i};`).join(" ") + " }");

  const anchors: string[] = [];
  a.subnets.forEach((s, i) => {
    w(`      subgraph cluster_subnet${i} {`);
    w(`        label=${titled(subnetTitle(s), s.name)}; style="rounded,filled"; fillcolor=${q(s.isPublic ? COLORS.public : COLORS.private)};`);
    if (s.role === "endpoint" && a.cluster) {
      w(`        endpoint [label=${q(endpointLabel(a).join("\n"))}, fillcolor="#d9edf7"];`);
      anchors[i] = "endpoint";
    } else if (s.role === "workers" && a.nodePool) {
      anchors[i] = drawPlacements(a, w);
    } else if (s.role === "load balancers") {
      w(`        lb [label="service load balancers\\n(created by Kubernetes)", style="rounded,dashed,filled"];`);
      anchors[i] = "lb";
    } else {
      w(`        subnet${i}_anchor [label="", shape=point, style=invis];`);
      anchors[i] = `subnet${i}_anchor`;
    }
    if (a.bastion && a.bastion.targetSubnet === s.name) w(`        bastion [label=${q(bastionLabel(a).join("\n"))}, fillcolor="#f2dede"];`);
    w("      }");
  });
  w("    }");
  w("  }");

  a.subnets.forEach((s, i) => {
    for (const r of s.routes) {
      const gw = a.gateways.findIndex((g) => g.name === r.gateway);
      if (gw < 0) continue;
      w(`  ${anchors[i]} -> gw${gw} [ltail=cluster_subnet${i}, label=${q(routeLabel(r))}];`);
    }
  });
  a.gateways.forEach((g, i) => {
    const exit = gatewayExit(g.kind);
    if (exit === "osn" && !sgw) return;
    w(`  gw${i} -> ${exit};`);
  });
  if (a.bastion?.targetSubnet && a.subnets.some((s) => s.name === a.bastion!.targetSubnet)) {
    w(`  internet -> bastion [label="SSH sessions (OCI Bastion service)", style=dashed];`);
  }
  w("}");
  return out.join("\n") + "\n";
}

/** AD boxes with three fault-domain slots each; returns a node inside the worker subnet to attach routes to. */
function drawPlacements(a: Architecture, w: (line: string) => void): string {
  const shape = nodeShapeLabel(a);
  let anchor = "";
  a.nodePool!.placements.forEach((p, ad) => {
    w(`        subgraph cluster_ad${ad} {`);
    w(`          label=${q(p.availabilityDomain)}; style="rounded,filled"; fillcolor=${q(COLORS.ad)};`);
    p.faultDomains.forEach((fd, f) => {
      w(`          subgraph cluster_ad${ad}_fd${f} {`);
      w(`            label=${q(fd.faultDomain)}; style="rounded,filled"; fillcolor=${q(COLORS.fd)}; fontsize=9;`);
      if (fd.nodes.length === 0) {
        w(`            ad${ad}_fd${f}_empty [label="no node", style="rounded,dashed", fontcolor="#999999", color="#bbbbbb"];`);
        anchor ||= `ad${ad}_fd${f}_empty`;
      }
      fd.nodes.forEach((n, k) => {
        const id = `ad${ad}_fd${f}_n${k}`;
        w(`            ${id} [label=${q(`${a.nodePool!.name} ${n}\n${shape}`)}, fillcolor="#fcf8e3"];`);
        anchor ||= id;
      });
      w("          }");
    });
    w("        }");
  });
  if (!anchor) {
    w('        workers_none [label="no nodes (size 0)", style="rounded,dashed"];');
    anchor = "workers_none";
  }
  return anchor;
}
