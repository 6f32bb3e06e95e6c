import { PolicyViolation } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { acknowledgedIds, withoutNamespace } from './acknowledged-ids';
import { acknowledgementRecords } from './acknowledgement-record';
import {
  ACKNOWLEDGEMENT_EXPIRED,
  ACKNOWLEDGEMENT_FORBIDDEN,
  ACKNOWLEDGEMENT_RULES,
} from './acknowledgement-rules';
import { baseRule } from './base-rule';
import { DppRule, findingText, isWaivable, PACK_NAME, ruleName } from './dpp-rule';
import { DPP_RULES } from './rule-table';

/** The clause the findings of the other check packs bear on (the industry checks pass). */
export const INDUSTRY_CHECKS_CLAUSE = 'SOC-C2';

/** Every rule the pack reports, resource rules and pack-level rules, by reported id. */
const RULES_BY_NAME: ReadonlyMap<string, DppRule> = new Map(
  [...DPP_RULES, ...ACKNOWLEDGEMENT_RULES].map((rule) => [ruleName(rule), rule]),
);

/**
 * The findings of the pack-level rules on every construct under `scope` (itself included):
 * `DPP-AcknowledgementForbidden` for each acknowledgement of a rule that cannot be waived, by
 * its id or a granular id, in any namespace (`DPP-X`, `DPP::DPP-X`); `DPP-AcknowledgementExpired`
 * for each governed acknowledgement whose `expires` is before `today` (`YYYY-MM-DD`).
 *
 * A forbidden acknowledgement is reported as `fatal`, the one severity CDK never lets an
 * acknowledgement suppress, so that acknowledging the finding itself cannot hide it.
 */
export function acknowledgementViolations(scope: IConstruct, today: string): PolicyViolation[] {
  const violations: PolicyViolation[] = [];
  for (const construct of scope.node.findAll()) {
    const at = construct.node.path;
    for (const id of acknowledgedIds(construct)) {
      const rule = RULES_BY_NAME.get(baseRule(id));
      if (rule && !isWaivable(rule)) {
        const cause =
          `The construct acknowledges \`${id}\`, which cannot be waived: PII must never be ` +
          'public, plaintext in transit or unencrypted at rest, whatever the reason';
        // The fix of a resource rule says how to make the resource compliant once the
        // acknowledgement is gone; a pack-level rule has nothing more to do.
        const fix = DPP_RULES.includes(rule)
          ? `remove the acknowledgement, then ${rule.fix}`
          : ACKNOWLEDGEMENT_FORBIDDEN.fix;
        violations.push(
          violation(ACKNOWLEDGEMENT_FORBIDDEN, 'fatal', at, findingText(cause, rule.clauses, fix)),
        );
      }
    }
    for (const record of acknowledgementRecords(construct)) {
      if (record.expires === undefined || record.expires >= today) continue;
      const governance = [
        ...(record.owner ? [`owner ${record.owner}`] : []),
        ...(record.ticket ? [`ticket ${record.ticket}`] : []),
      ];
      const cause =
        `The acknowledgement of \`${record.id}\`` +
        (governance.length > 0 ? ` (${governance.join(', ')})` : '') +
        ` held until ${record.expires} and today is ${today}, so the finding counts as open again`;
      violations.push(
        violation(
          ACKNOWLEDGEMENT_EXPIRED,
          'error',
          at,
          findingText(cause, clausesOf(record.id), ACKNOWLEDGEMENT_EXPIRED.fix),
        ),
      );
    }
  }
  return violations;
}

/** The clauses an acknowledged rule bears on: its own for a DPP rule, SOC-C2 for another pack's. */
function clausesOf(id: string): readonly string[] {
  const bare = withoutNamespace(id);
  const rule = RULES_BY_NAME.get(baseRule(bare));
  if (rule) return rule.clauses;
  return bare.startsWith(`${PACK_NAME}-`) ? [] : [INDUSTRY_CHECKS_CLAUSE];
}

function violation(
  rule: DppRule,
  severity: string,
  constructPath: string,
  description: string,
): PolicyViolation {
  return {
    ruleName: ruleName(rule),
    description,
    severity,
    violatingResources: [{ constructPath, locations: [] }],
  };
}
