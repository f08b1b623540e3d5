/**
 * Renders DOT to SVG with Graphviz compiled to WebAssembly. The wasm binary is inlined in the package,
 * so nothing is fetched at run time. The package is ESM-only: Node 20.19+ require()s it natively, jest's
 * registry cannot, so tests render SVG through the CLI (tests/planCli.test.ts).
 */
export async function renderSvg(dot: string): Promise<string> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { Graphviz } = require("@hpcc-js/wasm-graphviz") as typeof import("@hpcc-js/wasm-graphviz");
  const graphviz = await Graphviz.load();
  return graphviz.dot(dot, "svg");
}
