import fs from "node:fs";
import path from "node:path";

/**
 * The documentation's relative links resolve: every link and image of the README, of docs/ and of
 * the other Markdown files of the repository names a file or folder that exists, and every anchor
 * (`#...`, `file.md#...`) names a heading of its file, as GitHub spells headings' anchors. No server.
 */
const ROOT = path.resolve(__dirname, "..");
const SKIPPED_FOLDERS = new Set(["node_modules", "dist", ".git", ".data", ".tmp", ".scratch", "coverage"]);

function markdownFiles(folder: string): string[] {
  return fs.readdirSync(path.join(ROOT, folder), { withFileTypes: true }).flatMap((entry) => {
    const relative = path.join(folder, entry.name);
    if (entry.isDirectory()) return SKIPPED_FOLDERS.has(entry.name) ? [] : markdownFiles(relative);
    return entry.name.endsWith(".md") ? [relative] : [];
  });
}

/** Lines outside fenced code blocks. */
function prose(text: string): string[] {
  let fenced = false;
  return text.split("\n").filter((line) => {
    if (/^\s*```/.test(line)) {
      fenced = !fenced;
      return false;
    }
    return !fenced;
  });
}

/** GitHub's anchor of a heading: lower case, punctuation dropped (`-` and `_` kept), spaces as hyphens. */
function headingAnchor(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{M}\p{N}\p{Pc}\- ]/gu, "")
    .replace(/ /g, "-");
}

const anchorsByFile = new Map<string, Set<string>>();
function anchorsOf(file: string): Set<string> {
  let anchors = anchorsByFile.get(file);
  if (!anchors) {
    anchors = new Set();
    const seen = new Map<string, number>();
    for (const line of prose(fs.readFileSync(path.join(ROOT, file), "utf8"))) {
      const heading = /^#{1,6}\s+(.+?)\s*#*\s*$/.exec(line);
      if (!heading) continue;
      const base = headingAnchor(heading[1]);
      const count = seen.get(base) ?? 0;
      seen.set(base, count + 1);
      anchors.add(count ? `${base}-${count}` : base);
    }
    anchorsByFile.set(file, anchors);
  }
  return anchors;
}

/** Relative link targets of a Markdown file (inline code left out), with their line numbers. */
function links(file: string): { line: number; target: string }[] {
  const found: { line: number; target: string }[] = [];
  let fenced = false;
  fs.readFileSync(path.join(ROOT, file), "utf8").split("\n").forEach((line, index) => {
    if (/^\s*```/.test(line)) fenced = !fenced;
    if (fenced) return;
    const text = line.replace(/`[^`]*`/g, "code");
    for (const match of text.matchAll(/\]\(([^)\s]+)\)/g)) {
      const target = match[1];
      if (!/^[a-z][a-z0-9+.-]*:/i.test(target)) found.push({ line: index + 1, target });
    }
  });
  return found;
}

const FILES = ["README.md", ...markdownFiles("docs"), ...markdownFiles("server"), ...markdownFiles("bench"), ...markdownFiles("tests"),
  ...markdownFiles("chaos"), ...markdownFiles("deploy"), ...markdownFiles("explorer")];

describe("documentation links", () => {
  it("finds the README and the docs", () => {
    expect(FILES).toContain("README.md");
    expect(FILES).toContain(path.join("docs", "operations.md"));
  });

  it.each(FILES)("%s: every relative link and anchor resolves", (file) => {
    const broken: string[] = [];
    for (const { line, target } of links(file)) {
      const [pathPart, anchor] = target.split("#", 2);
      const resolved = pathPart ? path.normalize(path.join(path.dirname(file), decodeURIComponent(pathPart))) : file;
      if (!fs.existsSync(path.join(ROOT, resolved))) {
        broken.push(`${file}:${line}: ${target} (no ${resolved})`);
        continue;
      }
      if (anchor !== undefined && resolved.endsWith(".md") && !anchorsOf(resolved).has(anchor)) {
        broken.push(`${file}:${line}: ${target} (no heading #${anchor} in ${resolved})`);
      }
    }
    expect(broken).toEqual([]);
  });

  it("spells anchors as GitHub does", () => {
    expect(headingAnchor("Production mode (`NODE_ENV=production`)")).toBe("production-mode-node_envproduction");
    expect(headingAnchor("The advocacy paper's proposals")).toBe("the-advocacy-papers-proposals");
    expect(headingAnchor("Writing: roles, mutations, audit trail")).toBe("writing-roles-mutations-audit-trail");
  });
});
