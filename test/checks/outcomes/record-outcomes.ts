/**
 * A jest setup file for the rule-outcome census (see `rule-outcomes.ts`): wraps the check of
 * every DPP rule so each test file records which rules passed a resource and which reported a
 * finding, and writes the record to the folder named by `DPP_RULE_OUTCOMES`.
 */
import { writeFileSync } from 'fs';
import { join } from 'path';
import { NagRuleCompliance, NagRuleResult } from 'cdk-nag';
import { DppRule } from '../../../lib/checks/dpp-rule';
import { DPP_RULES } from '../../../lib/checks/rule-table';

const folder = process.env.DPP_RULE_OUTCOMES;
if (folder) {
  const passed = new Set<string>();
  const failed = new Set<string>();
  for (const rule of DPP_RULES) {
    const check = rule.check;
    const recorded: DppRule['check'] = (node) => {
      const result: NagRuleResult = check(node);
      if (result === NagRuleCompliance.COMPLIANT) passed.add(rule.id);
      else if (result === NagRuleCompliance.NON_COMPLIANT || Array.isArray(result)) {
        failed.add(rule.id);
      }
      return result;
    };
    // Tests find a rule's source by the name of its check: keep it.
    Object.defineProperty(recorded, 'name', { value: check.name });
    (rule as { check: DppRule['check'] }).check = recorded;
  }
  afterAll(() => {
    const name = `${process.pid}-${Math.random().toString(36).slice(2)}.json`;
    writeFileSync(join(folder, name), JSON.stringify({ passed: [...passed], failed: [...failed] }));
  });
}
