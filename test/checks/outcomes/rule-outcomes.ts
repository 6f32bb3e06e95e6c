/**
 * The rule-outcome census: runs the checks' test suites with every DPP rule instrumented and
 * lists the rules that no test ever sees both pass a resource and report a finding. A rule that
 * only ever passes, or only ever fails, is a rule whose tests cannot catch it breaking.
 *
 *   npx tsx test/checks/outcomes/rule-outcomes.ts [jest paths...]
 *
 * Exits non-zero when a rule lacks either outcome.
 */
import { spawnSync } from 'child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { DPP_RULES } from '../../../lib/checks/rule-table';

function main(): void {
  const folder = mkdtempSync(join(tmpdir(), 'dpp-rule-outcomes-'));
  const paths = process.argv.slice(2);
  const jest = spawnSync(
    'npx',
    [
      'jest',
      '-w',
      '1',
      ...(paths.length > 0 ? paths : ['test/checks']),
      // Array options take every word after them: they come last.
      '--setupFilesAfterEnv=aws-cdk-lib/testhelpers/jest-autoclean',
      `--setupFilesAfterEnv=${join(__dirname, 'record-outcomes.ts')}`,
    ],
    { stdio: ['ignore', 'ignore', 'inherit'], env: { ...process.env, DPP_RULE_OUTCOMES: folder } },
  );
  const passed = new Set<string>();
  const failed = new Set<string>();
  for (const file of readdirSync(folder)) {
    const record = JSON.parse(readFileSync(join(folder, file), 'utf8')) as {
      passed: string[];
      failed: string[];
    };
    record.passed.forEach((id) => passed.add(id));
    record.failed.forEach((id) => failed.add(id));
  }
  rmSync(folder, { recursive: true, force: true });
  const neverFailed = DPP_RULES.filter((r) => !failed.has(r.id)).map((r) => r.id);
  const neverPassed = DPP_RULES.filter((r) => !passed.has(r.id)).map((r) => r.id);
  console.log(`${DPP_RULES.length} rules; jest exited ${jest.status}`);
  console.log(
    `both outcomes seen: ${DPP_RULES.length - new Set([...neverFailed, ...neverPassed]).size}`,
  );
  console.log(`never reported a finding: ${neverFailed.join(', ') || 'none'}`);
  console.log(`never passed a resource: ${neverPassed.join(', ') || 'none'}`);
  process.exitCode = neverFailed.length + neverPassed.length > 0 || jest.status !== 0 ? 1 : 0;
}

main();
