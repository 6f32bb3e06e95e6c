import { CfnResource } from 'aws-cdk-lib';
import { NagRuleCompliance, NagRuleResult } from 'cdk-nag';
import { Findings, objectOf } from '../../findings';
import { propertiesOf } from '../../resolve';

/**
 * Compliant when threat protection of a user pool is `ENFORCED` for standard authentication
 * (`UserPoolAddOns.AdvancedSecurityMode`; absent means `OFF`) and, when the pool has a custom
 * authentication flow (a `DefineAuthChallenge` trigger), for custom authentication too
 * (`AdvancedSecurityAdditionalFlows.CustomAuthMode`); and the pool is on the Plus plan
 * (`UserPoolTier`; absent means `ESSENTIALS`), the only plan with threat protection.
 */
export function userPoolThreatProtection(node: CfnResource): NagRuleResult {
  if (node.cfnResourceType !== 'AWS::Cognito::UserPool') return NagRuleCompliance.NOT_APPLICABLE;
  const properties = propertiesOf(node);
  const findings = new Findings(node);
  const addOns = properties.UserPoolAddOns;
  if (findings.cannotJudge(addOns)) return findings.add('Unresolved::UserPoolAddOns').result();
  const { AdvancedSecurityMode, AdvancedSecurityAdditionalFlows } = objectOf(addOns);
  findings.check(
    AdvancedSecurityMode ?? 'OFF',
    'UserPoolAddOns.AdvancedSecurityMode',
    (mode) => mode === 'ENFORCED',
    'NotEnforced',
  );
  const lambdaConfig = properties.LambdaConfig;
  const customAuth =
    findings.cannotJudge(lambdaConfig) || objectOf(lambdaConfig).DefineAuthChallenge !== undefined;
  if (customAuth) {
    const flows = AdvancedSecurityAdditionalFlows;
    if (findings.cannotJudge(flows)) {
      findings.add('Unresolved::UserPoolAddOns.AdvancedSecurityAdditionalFlows');
    } else {
      findings.check(
        objectOf(flows).CustomAuthMode ?? 'AUDIT',
        'UserPoolAddOns.AdvancedSecurityAdditionalFlows.CustomAuthMode',
        (mode) => mode === 'ENFORCED',
        'CustomAuthNotEnforced',
      );
    }
  }
  findings.check(
    properties.UserPoolTier ?? 'ESSENTIALS',
    'UserPoolTier',
    (tier) => tier === 'PLUS',
    'NotPlusPlan',
  );
  return findings.result();
}
