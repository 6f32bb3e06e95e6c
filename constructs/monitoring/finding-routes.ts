import {
  CfnResource,
  aws_events as events,
  aws_events_targets as targets,
  aws_sns as sns,
} from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { DppMetadata } from '../common/dpp-metadata';

/** The Amazon Inspector finding severities routed to the incident topic (DPP-25-VULN). */
export const INSPECTOR_ALERT_SEVERITIES: readonly string[] = ['CRITICAL', 'HIGH'];

/** The lowest GuardDuty severity routed to the incident topic: high (7.0) and above. */
export const GUARDDUTY_ALERT_SEVERITY = 7;

/**
 * The EventBridge rules `InspectorFindings` and `GuardDutyFindings` under `scope`, which send
 * critical and high Amazon Inspector findings and high GuardDuty findings of this account's bus
 * to `topic`; each rule records `construct` and `clauses` in its `cdk-dpp` metadata. An
 * `AccountBaseline` routes the account's own findings; a `SecurityToolingAccount` those the
 * delegated administrator receives for every member account. Library-internal.
 */
export function routeFindings(
  scope: Construct,
  topic: sns.ITopic,
  construct: string,
  clauses: readonly string[],
): { guardDuty: CfnResource; inspector: CfnResource } {
  const routes: [string, string, events.EventPattern][] = [
    [
      'InspectorFindings',
      'Amazon Inspector critical or high finding: fix critical within 7 days, high within 30 (DPP-25-VULN).',
      {
        source: ['aws.inspector2'],
        detailType: ['Inspector2 Finding'],
        detail: { severity: [...INSPECTOR_ALERT_SEVERITIES], status: ['ACTIVE'] },
      },
    ],
    [
      'GuardDutyFindings',
      'GuardDuty finding of high severity: investigate (DPP-NP-6, DPP-25-MAL, SOC-R2).',
      {
        source: ['aws.guardduty'],
        detailType: ['GuardDuty Finding'],
        detail: { severity: [{ numeric: ['>=', GUARDDUTY_ALERT_SEVERITY] }] },
      },
    ],
  ];
  const [inspector, guardDuty] = routes.map(([ruleId, description, eventPattern]) => {
    const rule = new events.Rule(scope, ruleId, { description, eventPattern });
    rule.addTarget(new targets.SnsTopic(topic));
    const resource = rule.node.defaultChild as events.CfnRule;
    DppMetadata.of(resource).implementsControls(construct, [...clauses]);
    return resource;
  });
  return { guardDuty, inspector };
}
