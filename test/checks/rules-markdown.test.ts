import { readFileSync } from 'fs';
import { join } from 'path';
import { NagMessageLevel } from 'cdk-nag';
import { DPP_RULES } from '../../lib/checks/rule-table';
import {
  RULES_TABLE_END,
  RULES_TABLE_START,
  rulesTableMarkdown,
  withRulesTable,
} from '../../lib/checks/rules-markdown';

/** The cells of each table row, trimmed, so Prettier's column padding does not matter. */
function tableCells(markdown: string): string[][] {
  return markdown
    .split('\n')
    .filter((line) => line.trim().startsWith('|'))
    .map((line) =>
      line
        .trim()
        .slice(1, -1)
        .split(/(?<!\\)\|/)
        .map((c) => (/^\s*-+\s*$/.test(c) ? '---' : c.trim())),
    );
}

describe('the rules table of RULES.md', () => {
  test('matches the table generated from the pack, row for row', () => {
    const rules = readFileSync(join(__dirname, '..', '..', 'RULES.md'), 'utf8');
    const section = rules.slice(rules.indexOf(RULES_TABLE_START), rules.indexOf(RULES_TABLE_END));
    expect(tableCells(section)).toEqual(tableCells(rulesTableMarkdown()));
  });

  test('has one row per rule with its id, level and clauses', () => {
    const rows = tableCells(rulesTableMarkdown()).slice(2);
    expect(rows.map((r) => r.slice(0, 3))).toEqual(
      DPP_RULES.map((r) => [
        `\`DPP-${r.id}\``,
        r.level === NagMessageLevel.ERROR ? 'error' : 'warning',
        r.clauses.join(', '),
      ]),
    );
  });

  test('escapes pipes inside cells', () => {
    const table = rulesTableMarkdown([{ ...DPP_RULES[0], summary: 'a | b' }]);
    expect(tableCells(table)[2][3]).toBe('a \\| b');
  });

  test('replaces only the text between the markers', () => {
    const rules = `# x\n${RULES_TABLE_START}\nold\n${RULES_TABLE_END}\nafter\n`;
    expect(withRulesTable(rules, 'TABLE')).toBe(
      `# x\n${RULES_TABLE_START}\n\nTABLE\n\n${RULES_TABLE_END}\nafter\n`,
    );
    expect(() => withRulesTable('# no markers')).toThrow(/RULES.md has no .*rules-table:start/);
  });
});
