import { execFileSync } from 'child_process';
import { mkdtempSync, readFileSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { buildOutput, ROOT } from './build-output';

// API.md is jsii-docgen's reference of the assembly, committed at the root of the repository.
// Regenerating it from the built assembly takes a few seconds; jsii itself never runs here.
describe('API.md', () => {
  test('is what jsii-docgen makes of the assembly (refresh: npm run build && npm run docgen)', () => {
    buildOutput('.jsii');
    const dir = mkdtempSync(join(tmpdir(), 'cdk-dpp-docgen-'));
    try {
      const output = join(dir, 'API.md');
      execFileSync(join(ROOT, 'node_modules', '.bin', 'jsii-docgen'), ['--output', output], {
        cwd: ROOT,
        stdio: 'pipe',
      });
      const committed = readFileSync(join(ROOT, 'API.md'), 'utf8');
      const generated = readFileSync(output, 'utf8');
      if (generated !== committed) {
        throw new Error(
          'API.md differs from the reference jsii-docgen makes of the assembly: run ' +
            '`npm run build && npm run docgen` and commit API.md',
        );
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
