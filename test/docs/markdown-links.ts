import { readdirSync } from 'fs';
import { join, relative } from 'path';

/** The folders that hold no documentation of the project: dependencies and build output. */
const SKIPPED_FOLDERS = new Set(['.git', 'node_modules', 'cdk.out', 'dist', 'coverage']);

/** A relative link of a Markdown file: the path it points to and the heading anchor, if any. */
export interface MarkdownLink {
  /** The target path, relative to the linking file (empty for a link to its own heading). */
  readonly path: string;
  /** The anchor after `#`, if any. */
  readonly anchor?: string;
}

/** Every `*.md` file under `root`, as paths relative to it, outside dependencies and build output. */
export function markdownFiles(root: string, folder = root): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) {
      return SKIPPED_FOLDERS.has(entry.name) ? [] : markdownFiles(root, path);
    }
    return entry.name.endsWith('.md') ? [relative(root, path)] : [];
  });
}

/** A fenced code block, from its opening fence to the matching closing one. */
const FENCED_BLOCK = /^(```+|~~~+)[^\n]*\n[\s\S]*?^\1[ \t]*$/gm;

/** `markdown` without fenced code blocks and inline code, where brackets are not links. */
function withoutCode(markdown: string): string {
  return markdown.replace(FENCED_BLOCK, '').replace(/`+[^`\n]*`+/g, '');
}

/** The relative links and images of `markdown`; web, mail and other scheme links are left out. */
export function relativeLinks(markdown: string): MarkdownLink[] {
  const links: MarkdownLink[] = [];
  for (const match of withoutCode(markdown).matchAll(/!?\[[^\]]*\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g)) {
    const target = match[1];
    if (/^[a-z][a-z0-9+.-]*:/i.test(target)) continue;
    const [path, anchor] = target.split('#', 2);
    links.push({ path: decodeURI(path), anchor });
  }
  return links;
}

/**
 * The anchors GitHub gives the headings of `markdown`: lower case, punctuation dropped, spaces as
 * hyphens, and `-1`, `-2`, ... after repeated headings.
 */
export function headingAnchors(markdown: string): Set<string> {
  const anchors = new Set<string>();
  const seen = new Map<string, number>();
  const source = markdown.replace(FENCED_BLOCK, '');
  for (const match of source.matchAll(/^#{1,6}[ \t]+(.+?)[ \t#]*$/gm)) {
    const slug = match[1]
      .toLowerCase()
      .replace(/[^\p{L}\p{N}\s_-]/gu, '')
      .replace(/\s/g, '-');
    const count = seen.get(slug) ?? 0;
    anchors.add(count === 0 ? slug : `${slug}-${count}`);
    seen.set(slug, count + 1);
  }
  return anchors;
}
