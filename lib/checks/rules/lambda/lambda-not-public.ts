import { CfnResource } from 'aws-cdk-lib';
import { NagRuleCompliance, NagRuleResult } from 'cdk-nag';
import { Findings } from '../../findings';
import { isEveryonePrincipal } from '../../policy-document';
import { literalText, propertiesOf } from '../../resolve';

/** Conditions of a permission that tie it to one account or one organization. */
const NARROWING_PROPERTIES = ['SourceAccount', 'PrincipalOrgID'];

/**
 * Whether a `SourceArn` (matched with `ArnLike`) ties a permission to sources of one owner: not
 * a wildcard account, and without an account field (an S3 bucket) not a wildcard name either,
 * since anyone may create a bucket whose name matches.
 */
function narrowingSourceArn(value: unknown): boolean {
  if (value === undefined) return false;
  const text = literalText(value);
  if (text === undefined) return true;
  const [, , , , account, ...resource] = text.replaceAll('${?}', '<value>').split(':');
  if (account === undefined || /[*?]/.test(account)) return false;
  return account !== '' || !/[*?]/.test(resource.join(':'));
}

/**
 * Compliant when no function URL accepts unauthenticated calls and no permission lets everyone
 * invoke a function without naming the source account, organization or an ARN of one owner.
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
  const narrowed =
    NARROWING_PROPERTIES.some((p) => properties[p] !== undefined) ||
    narrowingSourceArn(properties.SourceArn);
  return findings
    .check(
      properties.Principal,
      'Principal',
      (p) => !isEveryonePrincipal(p) || narrowed,
      'PublicInvoke',
    )
    .result();
}
