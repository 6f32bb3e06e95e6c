import { CfnResource } from 'aws-cdk-lib';
import { NagRuleCompliance, NagRuleResult } from 'cdk-nag';
import { Findings } from '../../findings';
import { propertiesOf } from '../../resolve';

/** Compliant when a user pool has deletion protection `ACTIVE` (absent means `INACTIVE`). */
export function userPoolDeletionProtection(node: CfnResource): NagRuleResult {
  if (node.cfnResourceType !== 'AWS::Cognito::UserPool') return NagRuleCompliance.NOT_APPLICABLE;
  return new Findings(node)
    .check(
      propertiesOf(node).DeletionProtection ?? 'INACTIVE',
      'DeletionProtection',
      (value) => value === 'ACTIVE',
      'NoDeletionProtection',
    )
    .result();
}
