import { CfnResource } from 'aws-cdk-lib';
import { NagRuleCompliance, NagRuleResult } from 'cdk-nag';
import { Findings } from '../../findings';
import { propertiesOf } from '../../resolve';

/** The MFA factors of a user pool that are not SMS text messages. */
const NON_SMS_FACTORS = ['SOFTWARE_TOKEN_MFA', 'EMAIL_OTP'];

/**
 * Compliant when a user pool requires MFA (`MfaConfiguration: ON`; absent means `OFF`) with at
 * least one factor other than SMS (`EnabledMfas`; absent means SMS only, the one factor a pool
 * had before TOTP and e-mail).
 */
export function userPoolMfaRequired(node: CfnResource): NagRuleResult {
  if (node.cfnResourceType !== 'AWS::Cognito::UserPool') return NagRuleCompliance.NOT_APPLICABLE;
  const properties = propertiesOf(node);
  const findings = new Findings(node);
  findings.check(
    properties.MfaConfiguration ?? 'OFF',
    'MfaConfiguration',
    (value) => value === 'ON',
    'MfaNotRequired',
  );
  const mode = properties.MfaConfiguration ?? 'OFF';
  if (mode === 'OFF') return findings.result();
  const factors = properties.EnabledMfas ?? [];
  const listed = Array.isArray(factors) ? factors : [factors];
  if (listed.some((factor) => findings.cannotJudge(factor))) {
    findings.add('Unresolved::EnabledMfas');
  } else {
    findings.unless(
      listed.some((factor) => NON_SMS_FACTORS.includes(factor as string)),
      'SmsOnlyMfa',
    );
  }
  return findings.result();
}
