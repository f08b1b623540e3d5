// The docs as a reader meets them: the README's layout names what the repository holds, links lead
// somewhere, and each table lives in one document only, so a fact changed in one place is not left
// stale in another.
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as path from "path";

const root = path.resolve(__dirname, "..");
const tracked = execFileSync("git", ["ls-files", "-z"], { cwd: root, encoding: "utf8" })
  .split("\0")
  .filter((file) => file !== "" && fs.existsSync(path.join(root, file)));
const trackedFiles = new Set(tracked);
const trackedFolders = new Set(
  tracked.flatMap((file) =>
    file
      .split("/")
      .slice(0, -1)
      .map((_, i, parts) => parts.slice(0, i + 1).join("/")),
  ),
);

// Entries a reader does not need named: tooling dotfiles, the lockfile npm owns, the README itself.
const unlisted = (entry: string) => entry.startsWith(".") || entry === "package-lock.json" || entry === "README.md";

const read = (file: string) => fs.readFileSync(path.join(root, file), "utf8");
const docs = ["README.md", ...tracked.filter((file) => /^docs\/[^/]+\.md$/.test(file))];

interface LayoutEntry {
  path: string;
  depth: number;
}

/** The bullets of the README's "### Layout" section: each names one or more paths in backticks before its colon. */
function layoutEntries(readme: string): LayoutEntry[] {
  const section = readme.split(/^### Layout$/m)[1]?.split(/^#{1,3} /m)[0];
  if (section === undefined) throw new Error('README.md has no "### Layout" section');
  const entries: LayoutEntry[] = [];
  for (const line of section.split("\n")) {
    const bullet = /^( *)- ((?:`[^`]+`(?:, )?)+):/.exec(line);
    if (!bullet) continue;
    const depth = bullet[1].length / 2;
    for (const named of bullet[2].matchAll(/`([^`]+)`/g)) entries.push({ path: named[1], depth });
  }
  return entries;
}

const exists = (named: string) => (named.endsWith("/") ? trackedFolders.has(named.slice(0, -1)) : trackedFiles.has(named));

describe("the README's layout", () => {
  const entries = layoutEntries(read("README.md"));

  it("names only paths the repository tracks, folders with a trailing slash", () => {
    const missing = entries.filter((entry) => !exists(entry.path)).map((entry) => entry.path);
    expect(missing).toEqual([]);
  });

  it("names every top-level folder and file, at the top level of the list", () => {
    const topLevel = new Set(tracked.map((file) => (file.includes("/") ? `${file.split("/")[0]}/` : file)));
    const named = new Set(entries.filter((entry) => entry.depth === 0).map((entry) => entry.path));
    const unnamed = [...topLevel].filter((entry) => !unlisted(entry) && !named.has(entry)).sort();
    const nested = [...named].filter((entry) => entry.replace(/\/$/, "").includes("/"));
    expect(unnamed).toEqual([]);
    expect(nested).toEqual([]);
  });

  it("names every subfolder of a folder whose subfolders it lists, under that folder", () => {
    const problems: string[] = [];
    let parent = "";
    for (const entry of entries) {
      if (entry.depth === 0) parent = entry.path;
      else if (!entry.path.startsWith(parent) || !entry.path.endsWith("/")) problems.push(`${entry.path} is listed under ${parent}`);
    }
    const listedUnder = new Map<string, Set<string>>();
    for (const entry of entries.filter((e) => e.depth > 0)) {
      const folder = entry.path.slice(0, entry.path.slice(0, -1).lastIndexOf("/") + 1);
      listedUnder.set(folder, (listedUnder.get(folder) ?? new Set()).add(entry.path));
    }
    for (const [folder, listed] of listedUnder) {
      const subfolders = [...trackedFolders].filter((f) => f.startsWith(folder) && !f.slice(folder.length).includes("/")).map((f) => `${f}/`);
      for (const subfolder of subfolders) if (!listed.has(subfolder)) problems.push(`${subfolder} is not listed under ${folder}`);
    }
    expect(problems).toEqual([]);
  });

  it("reads top-level and nested bullets, and finds no untracked path", () => {
    const sample = "### Layout\n\n- `index.ts`: x\n- `nowhere/`: y\n  - `nowhere/deeper/`: z\n";
    const parsed = layoutEntries(sample);
    expect(parsed).toEqual([
      { path: "index.ts", depth: 0 },
      { path: "nowhere/", depth: 0 },
      { path: "nowhere/deeper/", depth: 1 },
    ]);
    expect(parsed.filter((entry) => !exists(entry.path)).map((entry) => entry.path)).toEqual(["nowhere/", "nowhere/deeper/"]);
  });
});

/** GitHub's heading anchors: lower case, punctuation dropped, spaces as hyphens, repeats numbered. */
function anchors(markdown: string): Set<string> {
  const seen = new Map<string, number>();
  const result = new Set<string>();
  const withoutCode = markdown.replace(/^```[\s\S]*?^```/gm, "");
  for (const heading of withoutCode.matchAll(/^#{1,6} (.+)$/gm)) {
    const slug = heading[1]
      .trim()
      .toLowerCase()
      .replace(/[^\p{L}\p{N}\s_-]/gu, "")
      .replace(/\s/g, "-");
    const count = seen.get(slug) ?? 0;
    seen.set(slug, count + 1);
    result.add(count === 0 ? slug : `${slug}-${count}`);
  }
  return result;
}

describe("links between the docs", () => {
  it("every relative link in README.md and docs/*.md leads to a tracked file, and its #anchor to a heading there", () => {
    const broken: string[] = [];
    for (const doc of docs) {
      const text = read(doc).replace(/^```[\s\S]*?^```/gm, "");
      for (const link of text.matchAll(/\]\(([^)\s]+)\)/g)) {
        const target = link[1];
        if (/^[a-z][a-z0-9+.-]*:/i.test(target)) continue;
        const [file, anchor] = target.split("#");
        const resolved = file === "" ? doc : path.posix.normalize(path.posix.join(path.posix.dirname(doc), file));
        if (!trackedFiles.has(resolved) && !trackedFolders.has(resolved.replace(/\/$/, ""))) broken.push(`${doc}: ${target} (no tracked ${resolved})`);
        else if (anchor !== undefined && resolved.endsWith(".md") && !anchors(read(resolved)).has(anchor))
          broken.push(`${doc}: ${target} (no heading #${anchor} in ${resolved})`);
      }
    }
    expect(broken).toEqual([]);
  });

  it("every path in backticks under one of the repository's folders names a tracked file or folder", () => {
    const topFolders = new Set(tracked.filter((file) => file.includes("/")).map((file) => file.split("/")[0]));
    const stale: string[] = [];
    for (const doc of docs) {
      const text = read(doc).replace(/^```[\s\S]*?^```/gm, "");
      for (const code of text.matchAll(/`([^`\s]+\/[^`\s]*)`/g)) {
        const named = code[1];
        // Placeholders (`Pulumi.<stack>.yaml`, `tests/**`) name no single path.
        if (!topFolders.has(named.split("/")[0]) || /[<>*{}]/.test(named)) continue;
        const bare = named.replace(/\/$/, "");
        if (!trackedFiles.has(bare) && !trackedFolders.has(bare)) stale.push(`${doc}: ${named}`);
      }
    }
    expect(stale).toEqual([]);
  });

  it("makes GitHub's anchors from headings with code and punctuation", () => {
    expect([...anchors("## 3. Smoke workload (`deploySample`)\n## Policy configuration, checked as the CLI does\n## Scale\n## Scale\n")]).toEqual([
      "3-smoke-workload-deploysample",
      "policy-configuration-checked-as-the-cli-does",
      "scale",
      "scale-1",
    ]);
  });
});

/** Header rows of the Markdown tables in a document: a row of cells directly above a |---| row. */
function tableHeaders(markdown: string): string[] {
  const lines = markdown.replace(/^```[\s\S]*?^```/gm, "").split("\n");
  const headers: string[] = [];
  for (let i = 1; i < lines.length; i++) {
    if (/^\|(\s*:?-+:?\s*\|)+\s*$/.test(lines[i]) && lines[i - 1].startsWith("|")) {
      headers.push(
        lines[i - 1]
          .split("|")
          .map((cell) => cell.trim())
          .filter(Boolean)
          .join(" | "),
      );
    }
  }
  return headers;
}

describe("tables", () => {
  it("each table exists in one document only (by its header row)", () => {
    const where = new Map<string, Set<string>>();
    for (const doc of docs) for (const header of tableHeaders(read(doc))) where.set(header, (where.get(header) ?? new Set()).add(doc));
    const twice = [...where].filter(([, found]) => found.size > 1).map(([header, found]) => `${header}: ${[...found].join(", ")}`);
    expect(twice).toEqual([]);
  });

  it("finds header rows, not rows that merely start with a bar", () => {
    expect(tableHeaders("| Flag | Meaning |\n|---|---|\n| `--stack` | x |\n\n| A | B |\n| :-- | --: |\n")).toEqual(["Flag | Meaning", "A | B"]);
  });
});
