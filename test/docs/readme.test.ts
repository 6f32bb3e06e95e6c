import { existsSync, readFileSync, statSync } from 'fs';
import { join } from 'path';
import { Construct } from 'constructs';
import * as dpp from '../../lib';

const ROOT = join(__dirname, '..', '..');
const README = join(ROOT, 'README.md');

/** The README stays a page a newcomer reads in minutes; the rest lives under docs/. */
const README_MAX_BYTES = 25_000;

/** `PiiBucket` -> `pii-bucket`. */
function kebab(name: string): string {
  return name.replace(/([a-z0-9])([A-Z])/g, '$1-$2').toLowerCase();
}

/** Every class of the public entry point that is a construct. */
const CONSTRUCTS = Object.entries(dpp)
  .filter(
    ([, value]) =>
      typeof value === 'function' &&
      (value as { prototype: unknown }).prototype instanceof Construct,
  )
  .map(([name]) => name)
  .sort();

describe('README.md', () => {
  const readme = readFileSync(README, 'utf8');

  test(`is under ${README_MAX_BYTES} bytes`, () => {
    expect(statSync(README).size).toBeLessThan(README_MAX_BYTES);
  });

  test('names the test command that .ci/run runs', () => {
    const testCommand = 'npm ci && npm test';
    expect(readme).toContain(`\`\`\`sh\n${testCommand}\n\`\`\``);
    const ciCommands = readFileSync(join(ROOT, '.ci', 'run'), 'utf8')
      .split('\n')
      .filter(
        (line) =>
          line.trim() !== '' &&
          !line.startsWith('#') &&
          !line.startsWith('set ') &&
          !line.startsWith('cd '),
      );
    expect(ciCommands).toEqual([testCommand]);
  });

  test('links every public construct to its page in its index', () => {
    expect(CONSTRUCTS).toEqual(
      expect.arrayContaining(['PiiBucket', 'DppEnvironment', 'DataStack']),
    );
    const unlinked = CONSTRUCTS.filter(
      (name) => !readme.includes(`| [\`${name}\`](docs/constructs/${kebab(name)}.md)`),
    );
    expect(unlinked).toEqual([]);
  });
});

describe('the construct pages', () => {
  test.each(CONSTRUCTS)('%s has a page with its default settings', (name) => {
    const page = join(ROOT, 'docs', 'constructs', `${kebab(name)}.md`);
    expect(existsSync(page)).toBe(true);
    const text = readFileSync(page, 'utf8');
    expect(text.startsWith(`# \`${name}\`\n`)).toBe(true);
    expect(text).toMatch(/^## Default settings/m);
    expect(text).toMatch(/^\| setting +\| clause +\| how to (opt out|change it) +\|$/m);
  });

  test('every page holds fragments, never a complete program block', () => {
    const pages = CONSTRUCTS.map((name) =>
      readFileSync(join(ROOT, 'docs', 'constructs', `${kebab(name)}.md`), 'utf8'),
    );
    expect(pages.filter((text) => /^```ts$/m.test(text))).toEqual([]);
  });
});
