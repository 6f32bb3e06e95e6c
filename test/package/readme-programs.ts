/** A ```ts block of a Markdown file that is a whole program. */
export interface ReadmeProgram {
  /** The line of the block's opening fence, from 1. */
  readonly line: number;
  /** The program. */
  readonly source: string;
}

/**
 * Every ```ts block of `markdown` that is a whole program: one that imports what it uses. Blocks
 * without an `import` are excerpts of a program and are not returned.
 */
export function readmePrograms(markdown: string): ReadmeProgram[] {
  const programs: ReadmeProgram[] = [];
  const lines = markdown.split('\n');
  for (let i = 0; i < lines.length; i++) {
    if (lines[i].trim() !== '```ts') continue;
    const end = lines.findIndex((line, j) => j > i && line.trim() === '```');
    if (end < 0) throw new Error(`The \`\`\`ts block of line ${i + 1} is never closed`);
    const source = lines.slice(i + 1, end).join('\n') + '\n';
    if (/^import\s/m.test(source)) programs.push({ line: i + 1, source });
    i = end;
  }
  return programs;
}
