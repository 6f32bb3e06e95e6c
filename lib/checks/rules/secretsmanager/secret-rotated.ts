import { CfnResource } from 'aws-cdk-lib';
import { NagRuleCompliance, NagRuleResult } from 'cdk-nag';
import { Findings, objectOf } from '../../findings';
import { propertiesOf, referencedResources, appResourcesOfType } from '../../resolve';

/** The secrets of the app that rotation schedules rotate: on a schedule, or only once. */
interface Rotated {
  readonly recurring: Set<CfnResource>;
  readonly once: Set<CfnResource>;
}

const indexes = new WeakMap<CfnResource[], Rotated>();

/**
 * Whether a rotation schedule rotates again and again: it has `RotationRules` with a period or
 * a schedule expression. Without them (aws-cdk-lib's `automaticallyAfter: Duration.days(0)`),
 * Secrets Manager rotates the secret once and never again.
 */
function recurs(schedule: CfnResource): boolean {
  const rules = objectOf(propertiesOf(schedule).RotationRules);
  return rules.AutomaticallyAfterDays !== undefined || rules.ScheduleExpression !== undefined;
}

/**
 * The secret a rotation schedule's `SecretId` names: the secret itself, or the secret of the
 * `SecretTargetAttachment` it points to (aws-cdk-lib's `addRotationSingleUser` rotates the
 * attachment that ties a database's secret to its database).
 */
function scheduledSecrets(schedule: CfnResource): CfnResource[] {
  return referencedResources(schedule, propertiesOf(schedule).SecretId).flatMap((target) =>
    target.cfnResourceType === 'AWS::SecretsManager::SecretTargetAttachment'
      ? referencedResources(target, propertiesOf(target).SecretId)
      : [target],
  );
}

/** The secrets of the app that rotation schedules rotate. */
function rotatedSecrets(node: CfnResource): Rotated {
  const schedules = appResourcesOfType(node, 'AWS::SecretsManager::RotationSchedule');
  let rotated = indexes.get(schedules);
  if (!rotated) {
    rotated = {
      recurring: new Set(schedules.filter(recurs).flatMap(scheduledSecrets)),
      once: new Set(schedules.filter((s) => !recurs(s)).flatMap(scheduledSecrets)),
    };
    indexes.set(schedules, rotated);
  }
  return rotated;
}

/**
 * Compliant when a rotation schedule of the app rotates the secret on a schedule, directly or
 * through the secret's target attachment.
 */
export function secretRotated(node: CfnResource): NagRuleResult {
  if (node.cfnResourceType !== 'AWS::SecretsManager::Secret') {
    return NagRuleCompliance.NOT_APPLICABLE;
  }
  const rotated = rotatedSecrets(node);
  if (rotated.recurring.has(node)) return NagRuleCompliance.COMPLIANT;
  return new Findings(node).add(rotated.once.has(node) ? 'RotatedOnce' : 'NoRotation').result();
}
