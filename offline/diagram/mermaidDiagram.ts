import { Architecture } from "../architecture/architecture";
import { bastionLabel, endpointLabel, FD_PREDICTION, GATEWAY_TITLE, gatewayExit, nodeShapeLabel, routeLabel, subnetTitle } from "./diagramText";

/** Mermaid labels: quotes become #quot; and line breaks <br/>, the two things that break its parser. */
function label(text: string): string {
  return `"${text.replace(/"/g, "#quot;").replace(/\n/g, "<br/>")}"`;
}

/** The same architecture as dotDiagram.ts, as a Mermaid flowchart for READMEs and pull requests. */
export function toMermaid(a: Architecture, title: string): string {
  const out: string[] = [];
  const w = (line: string) => out.push(line);
  w("---");
  w(`title: ${title}`);
  w("---");
  w("flowchart TB");
  w(`  internet((${label("Internet")}))`);
  const sgw = a.gateways.find((g) => g.kind === "service");
  if (sgw) w(`  osn((${label(sgw.services ?? "Oracle Services Network")}))`);
  w(`  subgraph region[${label(`Region ${a.region}`)}]`);
  w(`    subgraph vcn[${label(`VCN ${a.vcn?.name ?? ""} ${(a.vcn?.cidrs ?? []).join(", ")}`)}]`);
  a.gateways.forEach((g, i) => w(`      gw${i}[${label(`${GATEWAY_TITLE[g.kind]}\n${g.name}`)}]`));
  a.subnets.forEach((s, i) => {
    w(`      subgraph subnet${i}[${label(`${subnetTitle(s)}\n${s.name}`)}]`);
    if (s.role === "endpoint" && a.cluster) w(`        endpoint[${label(endpointLabel(a).join("\n"))}]`);
    if (s.role === "load balancers") w(`        lb[${label("service load balancers\n(created by Kubernetes)")}]`);
    if (a.bastion && a.bastion.targetSubnet === s.name) w(`        bastion[${label(bastionLabel(a).join("\n"))}]`);
    if (s.role === "workers" && a.nodePool) {
      a.nodePool.placements.forEach((p, ad) => {
        w(`        subgraph ad${ad}[${label(`${p.availabilityDomain}\n${FD_PREDICTION}`)}]`);
        p.faultDomains.forEach((fd, f) => {
          w(`          subgraph ad${ad}_fd${f}[${label(fd.faultDomain)}]`);
          if (fd.count === 0) w(`            ad${ad}_fd${f}_empty[${label("no node")}]`);
          fd.nodes.forEach((n, k) => w(`            ad${ad}_fd${f}_n${k}[${label(`${a.nodePool!.name} ${n}\n${nodeShapeLabel(a)}`)}]`));
          if (fd.count > fd.nodes.length) w(`            ad${ad}_fd${f}_more[${label(`+ ${fd.count - fd.nodes.length} more`)}]`);
          w("          end");
        });
        w("        end");
      });
      // Invisible links stack the ADs as rows, as the SVG does, so three ADs stay page-wide.
      const ads = a.nodePool.placements.map((_, ad) => `ad${ad}`);
      if (ads.length > 1) w(`        ${ads.join(" ~~~ ")}`);
    }
    w("      end");
  });
  w("    end");
  w("  end");
  a.subnets.forEach((s, i) => {
    for (const r of s.routes) {
      const gw = a.gateways.findIndex((g) => g.name === r.gateway);
      if (gw >= 0) w(`  subnet${i} -->|${label(routeLabel(r))}| gw${gw}`);
    }
  });
  a.gateways.forEach((g, i) => {
    const exit = gatewayExit(g.kind);
    if (exit === "internet" || sgw) w(`  gw${i} --> ${exit}`);
  });
  if (a.bastion?.targetSubnet && a.subnets.some((s) => s.name === a.bastion!.targetSubnet)) {
    w(`  internet -.->|${label("SSH sessions (OCI Bastion service)")}| bastion`);
  }
  return out.join("\n") + "\n";
}
