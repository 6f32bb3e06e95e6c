import { existsSync, readFileSync, statSync } from 'fs';
import { dirname, join, normalize } from 'path';
import { headingAnchors, markdownFiles, relativeLinks } from './markdown-links';

const ROOT = join(__dirname, '..', '..');

/**
 * Link targets built outside the committed sources: the API reference is generated from the jsii
 * assembly, and the benchmark page holds figures measured on a quiet machine. A link to either is
 * checked once the file is there.
 */
const GENERATED_TARGETS = new Set(['API.md', 'bench/README.md']);

describe('relative links in the Markdown files', () => {
  const files = markdownFiles(ROOT);

  test('the documentation is found', () => {
    expect(files).toEqual(
      expect.arrayContaining([
        'README.md',
        'RULES.md',
        'CONTRIBUTING.md',
        'docs/constructs/pii-key.md',
      ]),
    );
    expect(files.filter((f) => f.startsWith('node_modules'))).toEqual([]);
  });

  test('every link points to a file or folder that exists, and every anchor to a heading', () => {
    const broken: string[] = [];
    for (const file of files) {
      const text = readFileSync(join(ROOT, file), 'utf8');
      for (const link of relativeLinks(text)) {
        const target = link.path === '' ? file : normalize(join(dirname(file), link.path));
        const absolute = join(ROOT, target);
        if (!existsSync(absolute)) {
          if (!GENERATED_TARGETS.has(target)) broken.push(`${file}: ${link.path} (no such file)`);
          continue;
        }
        if (
          link.anchor !== undefined &&
          statSync(absolute).isFile() &&
          target.endsWith('.md') &&
          !headingAnchors(readFileSync(absolute, 'utf8')).has(link.anchor)
        ) {
          broken.push(`${file}: ${link.path}#${link.anchor} (no such heading)`);
        }
      }
    }
    expect(broken).toEqual([]);
  });
});

describe('the link reader', () => {
  test('reads relative links and images, and leaves out web links and code', () => {
    const text = [
      '[a](docs/a.md) ![b](b.png) [c](https://example.com) [d](#own) [e](f.md#g "title")',
      '`[no](inline.md)`',
      '```sh',
      '[no](fenced.md)',
      '```',
    ].join('\n');
    expect(relativeLinks(text)).toEqual([
      { path: 'docs/a.md', anchor: undefined },
      { path: 'b.png', anchor: undefined },
      { path: '', anchor: 'own' },
      { path: 'f.md', anchor: 'g' },
    ]);
  });

  test('gives headings the anchors GitHub gives them', () => {
    const text = '# The `cdk-dpp` report: scope\n## Set-up\n## Set-up\n```\n# not a heading\n```\n';
    expect([...headingAnchors(text)]).toEqual(['the-cdk-dpp-report-scope', 'set-up', 'set-up-1']);
  });
});
