import * as fs from "fs";
import * as path from "path";
import { Architecture } from "../architecture/architecture";
import { toDot, withFontFallbacks } from "./dotDiagram";
import { toMermaid } from "./mermaidDiagram";

/**
 * Renders DOT to SVG with Graphviz compiled to WebAssembly. The wasm binary is inlined in the package,
 * so nothing is fetched at run time. The package is ESM-only: Node 20.19+ require()s it natively, jest's
 * registry cannot, so tests render SVG through the CLI (tests/plan/planCli.test.ts).
 */
export async function renderSvg(dot: string): Promise<string> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { Graphviz } = require("@hpcc-js/wasm-graphviz") as typeof import("@hpcc-js/wasm-graphviz");
  const graphviz = await Graphviz.load();
  return graphviz.dot(dot, "svg");
}

/** `scrub` is applied to the text written: Mermaid, DOT, or the SVG Graphviz made of the DOT. */
export async function diagramText(file: string, architecture: Architecture, title: string, scrub: (text: string) => string = (t) => t): Promise<string> {
  switch (path.extname(file).toLowerCase()) {
    case ".mmd":
      return scrub(toMermaid(architecture, title));
    case ".dot":
      return scrub(toDot(architecture, title));
    default:
      return scrub(withFontFallbacks(await renderSvg(toDot(architecture, title))));
  }
}

export async function writeDiagram(file: string, architecture: Architecture, title: string, scrub?: (text: string) => string): Promise<void> {
  fs.writeFileSync(file, await diagramText(file, architecture, title, scrub));
}
