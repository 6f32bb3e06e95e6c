import { NagPack } from 'cdk-nag';
import { IConstruct } from 'constructs';
import { APP_RULES } from '../../../lib/checks/rules/app/app-rule-table';
import { Finding, findings } from '../../helpers';

/**
 * The DPP rules that judge how an app composes its PII stores (a trail, GuardDuty, a backup
 * selection, alarms, data events), reported on each store. A store alone cannot meet them;
 * `composition.test.ts` proves a composed app does.
 */
export const APP_LEVEL_RULES: readonly string[] = APP_RULES.map((rule) => `DPP-${rule.id}`);

/** The findings of `packs` on `scope`, apart from the app-level composition rules. */
export function constructFindings(scope: IConstruct, packs: NagPack[]): Finding[] {
  return findings(scope, packs).filter(
    (finding) => !APP_LEVEL_RULES.includes(finding.rule.replace(/\[.*\]$/, '')),
  );
}
