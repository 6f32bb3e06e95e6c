import { CfnResource } from 'aws-cdk-lib';
import { NagRuleCompliance, NagRuleResult } from 'cdk-nag';
import { Findings } from '../../findings';
import { propertiesOf, referencedResources, appResourcesOfType } from '../../resolve';

const indexes = new WeakMap<CfnResource[], Set<CfnResource>>();

/** The secrets of the app that a rotation schedule rotates. */
function rotatedSecrets(node: CfnResource): Set<CfnResource> {
  const schedules = appResourcesOfType(node, 'AWS::SecretsManager::RotationSchedule');
  let rotated = indexes.get(schedules);
  if (!rotated) {
    rotated = new Set(schedules.flatMap((s) => referencedResources(s, propertiesOf(s).SecretId)));
    indexes.set(schedules, rotated);
  }
  return rotated;
}

/** Compliant when a rotation schedule of the app rotates the secret. */
export function secretRotated(node: CfnResource): NagRuleResult {
  if (node.cfnResourceType !== 'AWS::SecretsManager::Secret') {
    return NagRuleCompliance.NOT_APPLICABLE;
  }
  return new Findings(node).unless(rotatedSecrets(node).has(node), 'NoRotation').result();
}
