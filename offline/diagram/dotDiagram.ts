import { Architecture } from "../architecture/architecture";
import { bastionLabel, endpointLabel, FD_PREDICTION, GATEWAY_TITLE, gatewayExit, nodeShapeLabel, routeLabel, subnetTitle } from "./diagramText";

function q(text: string): string {
  return `"${text.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\n/g, "\\n")}"`;
}

function esc(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/**
 * Graphviz sizes every box from the font's metrics (its built-in table; the WebAssembly build has no
 * font files), and the viewer draws the text with whatever font it has. So boxes are measured with
 * Verdana, the widest of the common sans-serif faces, and the SVG names Verdana first and after it only
 * faces no wider: DejaVu Sans (the usual Linux fallback) is within 1% either way, which the boxes'
 * padding absorbs, Arial and Helvetica about 12% narrower. tests/plan/diagramFonts.test.ts measures every
 * label in each face with Graphviz's own tables.
 */
export const DIAGRAM_FONT = "Verdana";
export const SVG_FONT_FAMILY = "Verdana,DejaVu Sans,Bitstream Vera Sans,Arial,Helvetica,sans-serif";

/** The SVG Graphviz wrote, with the font fallbacks the layout was measured for. */
export function withFontFallbacks(svg: string): string {
  return svg.replace(/font-family="Verdana"/g, `font-family="${SVG_FONT_FAMILY}"`);
}

/** A title over a resource's OCI name in a smaller font. */
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
  w(`  graph [label=${q(title)}, labelloc=t, fontname="${DIAGRAM_FONT}", fontsize=14, compound=true, newrank=true, nodesep=0.25, ranksep=0.5, pad=0.3];`);
  w(`  node [shape=box, style="rounded,filled", fillcolor=white, fontname="${DIAGRAM_FONT}", fontsize=10, margin="0.2,0.08"];`);
  w(`  edge [fontname="${DIAGRAM_FONT}", fontsize=9, color="#555555"];`);
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
  let workers: { top: string; rows: string[] } | undefined;
  a.subnets.forEach((s, i) => {
    w(`      subgraph cluster_subnet${i} {`);
    w(`        label=${titled(subnetTitle(s), s.name)}; style="rounded,filled"; fillcolor=${q(s.isPublic ? COLORS.public : COLORS.private)};`);
    if (s.role === "endpoint" && a.cluster) {
      w(`        endpoint [label=${q(endpointLabel(a).join("\n"))}, fillcolor="#d9edf7"];`);
      anchors[i] = "endpoint";
    } else if (s.role === "workers" && a.nodePool) {
      workers = drawPlacements(a, w);
      anchors[i] = workers.top;
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

  // Page width: the endpoint and load-balancer subnets sit above the workers, not beside them, and
  // each availability domain is a row of its own, so a three-AD region is as wide as a one-AD one.
  if (workers) {
    a.subnets.forEach((s, i) => {
      if (s.role === "endpoint" || s.role === "load balancers") w(`  ${anchors[i]} -> ${workers!.top} [style=invis];`);
    });
    workers.rows.slice(1).forEach((row, r) => w(`  ${workers!.rows[r]} -> ${row} [style=invis];`));
  }

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

/**
 * The pool's placement as one table: a header row per availability domain saying the fault domains
 * are a prediction (OCI chooses them at launch), then its three fault-domain cells, dashed, with the
 * nodes predicted there. One table keeps the grid aligned and a three-AD region three rows tall,
 * not nine slots wide. Returns the table's node id; routes attach there.
 */
function drawPlacements(a: Architecture, w: (line: string) => void): { top: string; rows: string[] } {
  const pool = a.nodePool!;
  const shape = esc(nodeShapeLabel(a));
  const rows: string[] = [];
  for (const p of pool.placements) {
    rows.push(
      `<TR><TD COLSPAN="3" BGCOLOR="${COLORS.ad}" BORDER="0">${esc(p.availabilityDomain)}<BR/><FONT POINT-SIZE="8">${esc(FD_PREDICTION)}</FONT></TD></TR>`,
    );
    const cells = p.faultDomains.map((fd) => {
      const lines = [`<FONT POINT-SIZE="9">${esc(fd.faultDomain)}</FONT>`];
      if (fd.count === 0) lines.push(`<FONT COLOR="#999999">no node</FONT>`);
      for (const n of fd.nodes) lines.push(`${esc(`${pool.name} ${n}`)}`, `<FONT POINT-SIZE="8">${shape}</FONT>`);
      const more = fd.count - fd.nodes.length;
      if (more > 0) lines.push(`+ ${more} more node${more === 1 ? "" : "s"}`);
      return `<TD STYLE="dashed" BGCOLOR="${fd.count ? "#fcf8e3" : COLORS.fd}" CELLPADDING="6">${lines.join("<BR/>")}</TD>`;
    });
    rows.push(`<TR>${cells.join("")}</TR>`);
  }
  if (rows.length === 0) rows.push('<TR><TD BORDER="0">no nodes (size 0)</TD></TR>');
  w(`        workers_grid [shape=plain, style="", label=<<TABLE BORDER="0" CELLBORDER="1" CELLSPACING="6" CELLPADDING="4">${rows.join("")}</TABLE>>];`);
  return { top: "workers_grid", rows: [] };
}
