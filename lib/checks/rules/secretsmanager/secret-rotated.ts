import { CfnResource } from 'aws-cdk-lib';
import { NagRuleCompliance, NagRuleResult } from 'cdk-nag';
import { Findings } from '../../findings';
import { propertiesOf, referencedResources, appResourcesOfType } from '../../resolve';

const indexes = new WeakMap<CfnResource[], Set<CfnResource>>();

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

/** The secrets of the app that a rotation schedule rotates. */
function rotatedSecrets(node: CfnResource): Set<CfnResource> {
  const schedules = appResourcesOfType(node, 'AWS::SecretsManager::RotationSchedule');
  let rotated = indexes.get(schedules);
  if (!rotated) {
    rotated = new Set(schedules.flatMap(scheduledSecrets));
    indexes.set(schedules, rotated);
  }
  return rotated;
}

/**
 * Compliant when a rotation schedule of the app rotates the secret, directly or through the
 * secret's target attachment.
 */
export function secretRotated(node: CfnResource): NagRuleResult {
  if (node.cfnResourceType !== 'AWS::SecretsManager::Secret') {
    return NagRuleCompliance.NOT_APPLICABLE;
  }
  return new Findings(node).unless(rotatedSecrets(node).has(node), 'NoRotation').result();
}
