import * as fs from "fs";
import * as path from "path";
import { Architecture } from "./architecture";
import { toDot, withFontFallbacks } from "./dotDiagram";
import { toMermaid } from "./mermaidDiagram";
import { PlanInputError } from "./planError";
import { renderSvg } from "./svgRender";

/** The formats --diagram writes, chosen by the file's extension. */
export const DIAGRAM_FORMATS = [".svg", ".mmd", ".dot"] as const;

export function checkDiagramPath(file: string): void {
  const ext = path.extname(file).toLowerCase();
  if (!(DIAGRAM_FORMATS as readonly string[]).includes(ext)) {
    throw new PlanInputError(`--diagram ${file}: unknown format "${ext || "(none)"}"; name the file .svg (Graphviz), .mmd (Mermaid) or .dot.`);
  }
}

export async function diagramText(file: string, architecture: Architecture, title: string): Promise<string> {
  switch (path.extname(file).toLowerCase()) {
    case ".mmd": return toMermaid(architecture, title);
    case ".dot": return toDot(architecture, title);
    default: return withFontFallbacks(await renderSvg(toDot(architecture, title)));
  }
}

export async function writeDiagram(file: string, architecture: Architecture, title: string): Promise<void> {
  fs.writeFileSync(file, await diagramText(file, architecture, title));
}
