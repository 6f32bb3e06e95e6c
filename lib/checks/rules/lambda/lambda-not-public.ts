import { CfnResource } from 'aws-cdk-lib';
import { NagRuleCompliance, NagRuleResult } from 'cdk-nag';
import { Findings } from '../../findings';
import { isEveryonePrincipal } from '../../policy-document';
import { propertiesOf } from '../../resolve';

/** Conditions of a permission that tie it to one account or one source. */
const NARROWING_PROPERTIES = ['SourceAccount', 'SourceArn', 'PrincipalOrgID'];

/**
 * Compliant when no function URL accepts unauthenticated calls and no permission lets everyone
 * invoke a function without naming the source account, ARN or organization.
 */
export function lambdaNotPublic(node: CfnResource): NagRuleResult {
  const type = node.cfnResourceType;
  if (type !== 'AWS::Lambda::Url' && type !== 'AWS::Lambda::Permission') {
    return NagRuleCompliance.NOT_APPLICABLE;
  }
  const properties = propertiesOf(node);
  const findings = new Findings(node);
  if (type === 'AWS::Lambda::Url') {
    return findings
      .check(properties.AuthType, 'AuthType', (a) => a !== 'NONE', 'PublicUrl')
      .result();
  }
  const narrowed = NARROWING_PROPERTIES.some((p) => properties[p] !== undefined);
  return findings
    .check(
      properties.Principal,
      'Principal',
      (p) => !isEveryonePrincipal(p) || narrowed,
      'PublicInvoke',
    )
    .result();
}
