import { CfnResource } from 'aws-cdk-lib';
import { NagRuleCompliance, NagRuleResult } from 'cdk-nag';
import { Findings } from '../../findings';
import { propertiesOf, referencedResources, resourcesOfType } from '../../resolve';

const indexes = new WeakMap<CfnResource[], Set<CfnResource>>();

/** The secrets of the stack that a rotation schedule rotates. */
function rotatedSecrets(node: CfnResource): Set<CfnResource> {
  const schedules = resourcesOfType(node, 'AWS::SecretsManager::RotationSchedule');
  let rotated = indexes.get(schedules);
  if (!rotated) {
    rotated = new Set(schedules.flatMap((s) => referencedResources(s, propertiesOf(s).SecretId)));
    indexes.set(schedules, rotated);
  }
  return rotated;
}

/** Compliant when a rotation schedule of the same stack rotates the secret. */
export function secretRotated(node: CfnResource): NagRuleResult {
  if (node.cfnResourceType !== 'AWS::SecretsManager::Secret') {
    return NagRuleCompliance.NOT_APPLICABLE;
  }
  return new Findings(node).unless(rotatedSecrets(node).has(node), 'NoRotation').result();
}
