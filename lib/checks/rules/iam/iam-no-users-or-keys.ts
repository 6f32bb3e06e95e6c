import { CfnResource } from 'aws-cdk-lib';
import { NagRuleCompliance, NagRuleResult } from 'cdk-nag';
import { propertiesOf } from '../../resolve';

/**
 * Compliant when the stack creates no long-lived IAM access key and no IAM user with a console
 * password: people sign in through the identity provider, processes use roles.
 */
export function iamNoUsersOrKeys(node: CfnResource): NagRuleResult {
  if (node.cfnResourceType === 'AWS::IAM::AccessKey') return ['LongLivedAccessKey'];
  if (node.cfnResourceType !== 'AWS::IAM::User') return NagRuleCompliance.NOT_APPLICABLE;
  return propertiesOf(node).LoginProfile === undefined
    ? NagRuleCompliance.COMPLIANT
    : ['ConsolePassword'];
}
