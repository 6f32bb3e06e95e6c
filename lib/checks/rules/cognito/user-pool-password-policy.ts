import { CfnResource } from 'aws-cdk-lib';
import { NagRuleCompliance, NagRuleResult } from 'cdk-nag';
import { Findings, isFalse, objectOf } from '../../findings';
import { propertiesOf } from '../../resolve';

/** The shortest password a compliant user pool accepts. */
export const USER_POOL_MIN_PASSWORD_LENGTH = 12;
/** The number of previous passwords a compliant user pool refuses to take again. */
export const USER_POOL_MIN_PASSWORD_HISTORY = 10;
/** The character classes a compliant user pool requires, at least. */
const MIN_CHARACTER_CLASSES = 3;
/** Cognito's defaults, which an absent setting means. */
const DEFAULT_MIN_LENGTH = 8;
const CLASSES = ['RequireLowercase', 'RequireUppercase', 'RequireNumbers', 'RequireSymbols'];

/**
 * Compliant when a user pool's passwords are at least 12 characters (absent: 8) of at least three
 * character classes (each absent requirement is on), and the last 10 passwords cannot be reused
 * (`PasswordHistorySize`; absent: no history).
 */
export function userPoolPasswordPolicy(node: CfnResource): NagRuleResult {
  if (node.cfnResourceType !== 'AWS::Cognito::UserPool') return NagRuleCompliance.NOT_APPLICABLE;
  const findings = new Findings(node);
  const policies = propertiesOf(node).Policies;
  if (findings.cannotJudge(policies)) return findings.add('Unresolved::Policies').result();
  const passwordPolicy = objectOf(policies).PasswordPolicy;
  if (findings.cannotJudge(passwordPolicy)) {
    return findings.add('Unresolved::Policies.PasswordPolicy').result();
  }
  const policy = objectOf(passwordPolicy);
  findings.check(
    policy.MinimumLength ?? DEFAULT_MIN_LENGTH,
    'PasswordPolicy.MinimumLength',
    (length) => Number(length) >= USER_POOL_MIN_PASSWORD_LENGTH,
    'ShortPassword',
  );
  const unresolved = CLASSES.filter((c) => findings.cannotJudge(policy[c]));
  unresolved.forEach((c) => findings.add(`Unresolved::PasswordPolicy.${c}`));
  if (unresolved.length === 0) {
    const required = CLASSES.filter((c) => !isFalse(policy[c])).length;
    findings.unless(required >= MIN_CHARACTER_CLASSES, 'FewCharacterClasses');
  }
  findings.check(
    policy.PasswordHistorySize ?? 0,
    'PasswordPolicy.PasswordHistorySize',
    (size) => Number(size) >= USER_POOL_MIN_PASSWORD_HISTORY,
    'NoPasswordHistory',
  );
  return findings.result();
}
