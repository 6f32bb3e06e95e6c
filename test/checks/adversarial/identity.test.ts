import { aws_cognito as cognito } from 'aws-cdk-lib';
import { SecureUserPool } from '../../../constructs/identity/secure-user-pool';
import { IncidentTopic } from '../../../constructs/monitoring/incident-topic';
import { testStack } from '../../helpers';
import { findingsOf } from '../rule-helpers';

/**
 * The weaknesses of the Cognito user pool rules written in other shapes than the obvious one:
 * overrides on a pool whose L2 props look safe, deletion overrides that fall back to Cognito's
 * defaults, and L1 values that only look right. Each must still give exactly its finding.
 */

/** A plain aws-cdk-lib pool with every safe setting, to be undone by an override. */
function safePool(): { stack: ReturnType<typeof testStack>; pool: cognito.CfnUserPool } {
  const stack = testStack();
  const pool = new cognito.UserPool(stack, 'Pool', {
    featurePlan: cognito.FeaturePlan.PLUS,
    standardThreatProtectionMode: cognito.StandardThreatProtectionMode.FULL_FUNCTION,
    mfa: cognito.Mfa.REQUIRED,
    mfaSecondFactor: { otp: true, sms: false },
    passwordPolicy: { minLength: 14, passwordHistorySize: 10 },
    deletionProtection: true,
  });
  return { stack, pool: pool.node.defaultChild as cognito.CfnUserPool };
}

describe('UserPoolMfaRequired sees through', () => {
  const ID = 'UserPoolMfaRequired';

  test('an override that turns MFA optional', () => {
    const { stack, pool } = safePool();
    pool.addPropertyOverride('MfaConfiguration', 'OPTIONAL');
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[MfaNotRequired]`]);
  });

  test('an override that leaves SMS as the only factor', () => {
    const { stack, pool } = safePool();
    pool.addPropertyOverride('EnabledMfas', ['SMS_MFA']);
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[SmsOnlyMfa]`]);
  });

  test('a deletion override of the factors, which leaves SMS', () => {
    const { stack, pool } = safePool();
    pool.addPropertyDeletionOverride('EnabledMfas');
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[SmsOnlyMfa]`]);
  });

  test('a lower-case mode, which is not the value ON', () => {
    const stack = testStack();
    new cognito.CfnUserPool(stack, 'Pool', {
      mfaConfiguration: 'on',
      enabledMfas: ['SOFTWARE_TOKEN_MFA'],
    });
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[MfaNotRequired]`]);
  });
});

describe('UserPoolThreatProtection sees through', () => {
  const ID = 'UserPoolThreatProtection';

  test('a deletion override of the add-ons, which leaves threat protection off', () => {
    const { stack, pool } = safePool();
    pool.addPropertyDeletionOverride('UserPoolAddOns');
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[NotEnforced]`]);
  });

  test('enforced mode on a plan without threat protection', () => {
    const { stack, pool } = safePool();
    pool.addPropertyOverride('UserPoolTier', 'ESSENTIALS');
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[NotPlusPlan]`]);
  });

  test('the deprecated advancedSecurityMode prop set to audit', () => {
    const stack = testStack();
    new cognito.UserPool(stack, 'Pool', {
      featurePlan: cognito.FeaturePlan.PLUS,
      advancedSecurityMode: cognito.AdvancedSecurityMode.AUDIT,
    });
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[NotEnforced]`]);
  });
});

describe('UserPoolPasswordPolicy sees through', () => {
  const ID = 'UserPoolPasswordPolicy';

  test('a deletion override of the password policy, which leaves 8 characters and no history', () => {
    const { stack, pool } = safePool();
    pool.addPropertyDeletionOverride('Policies.PasswordPolicy');
    expect(findingsOf(stack, ID)).toEqual([
      `DPP-${ID}[NoPasswordHistory]`,
      `DPP-${ID}[ShortPassword]`,
    ]);
  });

  test('character classes turned off as text by an override', () => {
    const { stack, pool } = safePool();
    pool.addPropertyOverride('Policies.PasswordPolicy.RequireSymbols', 'false');
    pool.addPropertyOverride('Policies.PasswordPolicy.RequireNumbers', false);
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[FewCharacterClasses]`]);
  });
});

describe('UserPoolDeletionProtection sees through', () => {
  const ID = 'UserPoolDeletionProtection';

  test('a deletion override of the protection', () => {
    const { stack, pool } = safePool();
    pool.addPropertyDeletionOverride('DeletionProtection');
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[NoDeletionProtection]`]);
  });
});

describe('UserPoolRiskActions sees through', () => {
  const ID = 'UserPoolRiskActions';

  /** The risk configuration of a `SecureUserPool`, to be undone by an override. */
  function secureRisk(): {
    stack: ReturnType<typeof testStack>;
    risk: cognito.CfnUserPoolRiskConfigurationAttachment;
  } {
    const stack = testStack();
    const incidentTopic = new IncidentTopic(stack, 'Incidents', {
      incidentEmail: 'oncall@example.com',
    });
    const pool = new SecureUserPool(stack, 'Users', { incidentTopic });
    const risk = pool.node.findChild(
      'RiskConfiguration',
    ) as cognito.CfnUserPoolRiskConfigurationAttachment;
    expect(findingsOf(stack, ID)).toEqual([]);
    return { stack, risk };
  }

  test('MFA only if the user configured it, for a high-risk sign-in', () => {
    const { stack, risk } = secureRisk();
    risk.addPropertyOverride(
      'AccountTakeoverRiskConfiguration.Actions.HighAction.EventAction',
      'MFA_IF_CONFIGURED',
    );
    expect(findingsOf(stack, ID)).toEqual(['DPP-UserPoolRiskActions[RiskySignInAllowed]']);
  });

  test('a compromised-credentials block limited to password changes', () => {
    const { stack, risk } = secureRisk();
    risk.addPropertyOverride('CompromisedCredentialsRiskConfiguration.EventFilter', [
      'PASSWORD_CHANGE',
    ]);
    expect(findingsOf(stack, ID)).toEqual([
      'DPP-UserPoolRiskActions[CompromisedCredentialsAllowed]',
    ]);
  });

  test('the compromised-credentials configuration deleted by an override', () => {
    const { stack, risk } = secureRisk();
    risk.addPropertyDeletionOverride('CompromisedCredentialsRiskConfiguration');
    expect(findingsOf(stack, ID)).toEqual([
      'DPP-UserPoolRiskActions[CompromisedCredentialsAllowed]',
    ]);
  });

  test('every address skipped from risk detection', () => {
    const { stack, risk } = secureRisk();
    risk.addPropertyOverride('RiskExceptionConfiguration.SkippedIPRangeList', ['0.0.0.0/0']);
    expect(findingsOf(stack, ID)).toEqual(['DPP-UserPoolRiskActions[RiskSkipped]']);
  });
});
