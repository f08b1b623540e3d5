import { ResourceRecord } from "../run/runProgram";
import { References } from "../architecture/references";
import { resourceFacts } from "../plan/resourceFacts";

export interface TreeNode {
  record: ResourceRecord;
  children: TreeNode[];
}

/** Component → children, in registration order; resources whose parent is not recorded are roots. */
export function buildTree(records: readonly ResourceRecord[]): TreeNode[] {
  const nodes = new Map(records.map((r) => [r.urn, { record: r, children: [] as TreeNode[] }]));
  const roots: TreeNode[] = [];
  for (const node of nodes.values()) {
    const parent = node.record.parent ? nodes.get(node.record.parent) : undefined;
    (parent ? parent.children : roots).push(node);
  }
  return roots;
}

function shortType(type: string): string {
  // Component types read better without the package prefix: "QuickCreate" rather than "oke-quick-create:index:QuickCreate".
  return type.split(":").pop() ?? type;
}

/** The tree as lines with box-drawing guides; each resource gets its OCI name and reviewer facts below it. */
export function renderTree(records: readonly ResourceRecord[]): string[] {
  const refs = new References(records);
  const lines: string[] = [];
  const walk = (node: TreeNode, prefix: string, last: boolean, root: boolean) => {
    const { record } = node;
    const branch = root ? "" : last ? "└─ " : "├─ ";
    const label = record.custom ? `${record.type}  ${record.name}` : `${record.name} (${shortType(record.type)})`;
    lines.push(`${prefix}${branch}${label}`);
    const childPrefix = root ? prefix : prefix + (last ? "   " : "│  ");
    if (record.custom) {
      const display = References.displayName(record);
      const facts = [display !== record.name ? display : "", resourceFacts(record, refs)].filter(Boolean).join(" · ");
      if (facts) lines.push(`${childPrefix}${node.children.length ? "│  " : "   "}${facts}`);
    }
    node.children.forEach((child, i) => walk(child, childPrefix, i === node.children.length - 1, false));
  };
  for (const root of buildTree(records)) walk(root, "    ", true, true);
  return lines;
}
