import { aws_cognito as cognito } from 'aws-cdk-lib';
import { SecureUserPool } from '../../../constructs/identity/secure-user-pool';
import { IncidentTopic } from '../../../constructs/monitoring/incident-topic';
import { testStack } from '../../helpers';
import { findingsOf, unresolvedNumber, unresolvedString } from '../rule-helpers';

/** The risk configuration of `SecureUserPool`, in plain aws-cdk-lib L1, `over` the rest. */
function riskConfiguration(
  stack: ReturnType<typeof testStack>,
  over: Partial<cognito.CfnUserPoolRiskConfigurationAttachmentProps> = {},
): cognito.CfnUserPoolRiskConfigurationAttachment {
  const pool = compliantPool(stack);
  const action = (eventAction: string) => ({ eventAction, notify: false });
  return new cognito.CfnUserPoolRiskConfigurationAttachment(stack, 'Risk', {
    userPoolId: pool.userPoolId,
    clientId: 'ALL',
    accountTakeoverRiskConfiguration: {
      actions: { highAction: action('BLOCK'), mediumAction: action('MFA_REQUIRED') },
    },
    compromisedCredentialsRiskConfiguration: { actions: { eventAction: 'BLOCK' } },
    ...over,
  });
}

/** A user pool that every Cognito rule accepts, in plain aws-cdk-lib. */
function compliantPool(stack: ReturnType<typeof testStack>, id = 'Pool'): cognito.UserPool {
  return new cognito.UserPool(stack, id, {
    featurePlan: cognito.FeaturePlan.PLUS,
    standardThreatProtectionMode: cognito.StandardThreatProtectionMode.FULL_FUNCTION,
    mfa: cognito.Mfa.REQUIRED,
    mfaSecondFactor: { otp: true, sms: false },
    passwordPolicy: { minLength: 12, passwordHistorySize: 10 },
    deletionProtection: true,
  });
}

const RULES = [
  'UserPoolMfaRequired',
  'UserPoolThreatProtection',
  'UserPoolPasswordPolicy',
  'UserPoolDeletionProtection',
  'UserPoolRiskActions',
];

describe('Cognito user pool rules', () => {
  test('a SecureUserPool and a well-configured plain pool comply with every rule', () => {
    const stack = testStack();
    const incidentTopic = new IncidentTopic(stack, 'Incidents', {
      incidentEmail: 'oncall@example.com',
    });
    new SecureUserPool(stack, 'Secure', { incidentTopic });
    compliantPool(stack);
    expect(RULES.flatMap((id) => findingsOf(stack, id))).toEqual([]);
  });

  test('a default L2 user pool breaks every rule', () => {
    const stack = testStack();
    new cognito.UserPool(stack, 'Pool');
    expect(RULES.flatMap((id) => findingsOf(stack, id))).toEqual([
      'DPP-UserPoolMfaRequired[MfaNotRequired]',
      'DPP-UserPoolThreatProtection[NotEnforced]',
      'DPP-UserPoolThreatProtection[NotPlusPlan]',
      'DPP-UserPoolPasswordPolicy[NoPasswordHistory]',
      'DPP-UserPoolPasswordPolicy[ShortPassword]',
      'DPP-UserPoolDeletionProtection[NoDeletionProtection]',
    ]);
  });

  test('a bare L1 user pool takes the Cognito defaults: every rule fails', () => {
    const stack = testStack();
    new cognito.CfnUserPool(stack, 'Pool');
    expect(findingsOf(stack, 'UserPoolMfaRequired')).toEqual([
      'DPP-UserPoolMfaRequired[MfaNotRequired]',
    ]);
    expect(findingsOf(stack, 'UserPoolPasswordPolicy')).toEqual([
      'DPP-UserPoolPasswordPolicy[NoPasswordHistory]',
      'DPP-UserPoolPasswordPolicy[ShortPassword]',
    ]);
    expect(findingsOf(stack, 'UserPoolDeletionProtection')).toEqual([
      'DPP-UserPoolDeletionProtection[NoDeletionProtection]',
    ]);
  });
});

describe('UserPoolMfaRequired', () => {
  const ID = 'UserPoolMfaRequired';

  test('required MFA by SMS only is flagged', () => {
    const stack = testStack();
    new cognito.UserPool(stack, 'Pool', { mfa: cognito.Mfa.REQUIRED });
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[SmsOnlyMfa]`]);
  });

  test('optional MFA is flagged, whatever the factors', () => {
    const stack = testStack();
    new cognito.UserPool(stack, 'Pool', {
      mfa: cognito.Mfa.OPTIONAL,
      mfaSecondFactor: { otp: true, sms: false },
    });
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[MfaNotRequired]`]);
  });

  test('required MFA with no factor listed means SMS and is flagged', () => {
    const stack = testStack();
    new cognito.CfnUserPool(stack, 'Pool', { mfaConfiguration: 'ON' });
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[SmsOnlyMfa]`]);
  });

  test('required TOTP complies', () => {
    const stack = testStack();
    compliantPool(stack);
    expect(findingsOf(stack, ID)).toEqual([]);
  });

  test('an MFA mode from a parameter cannot be judged', () => {
    const stack = testStack();
    new cognito.CfnUserPool(stack, 'Pool', {
      mfaConfiguration: unresolvedString(stack),
      enabledMfas: ['SOFTWARE_TOKEN_MFA'],
    });
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[Unresolved::MfaConfiguration]`]);
  });
});

describe('UserPoolThreatProtection', () => {
  const ID = 'UserPoolThreatProtection';

  test('audit mode on the Plus plan is flagged', () => {
    const stack = testStack();
    new cognito.UserPool(stack, 'Pool', {
      featurePlan: cognito.FeaturePlan.PLUS,
      standardThreatProtectionMode: cognito.StandardThreatProtectionMode.AUDIT_ONLY,
    });
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[NotEnforced]`]);
  });

  test('a custom authentication flow without enforced threat protection is flagged', () => {
    const stack = testStack();
    const pool = compliantPool(stack);
    (pool.node.defaultChild as cognito.CfnUserPool).addPropertyOverride(
      'LambdaConfig.DefineAuthChallenge',
      'arn:aws:lambda:eu-west-1:111122223333:function:define',
    );
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[CustomAuthNotEnforced]`]);
  });

  test('enforced standard and custom authentication on the Plus plan complies', () => {
    const stack = testStack();
    new cognito.CfnUserPool(stack, 'Pool', {
      userPoolTier: 'PLUS',
      userPoolAddOns: {
        advancedSecurityMode: 'ENFORCED',
        advancedSecurityAdditionalFlows: { customAuthMode: 'ENFORCED' },
      },
      lambdaConfig: { defineAuthChallenge: 'arn:aws:lambda:eu-west-1:111122223333:function:d' },
    });
    expect(findingsOf(stack, ID)).toEqual([]);
  });

  test('a mode from a parameter cannot be judged', () => {
    const stack = testStack();
    new cognito.CfnUserPool(stack, 'Pool', {
      userPoolTier: 'PLUS',
      userPoolAddOns: { advancedSecurityMode: unresolvedString(stack) },
    });
    expect(findingsOf(stack, ID)).toEqual([
      `DPP-${ID}[Unresolved::UserPoolAddOns.AdvancedSecurityMode]`,
    ]);
  });
});

describe('UserPoolPasswordPolicy', () => {
  const ID = 'UserPoolPasswordPolicy';

  test('only two character classes required is flagged', () => {
    const stack = testStack();
    new cognito.UserPool(stack, 'Pool', {
      featurePlan: cognito.FeaturePlan.PLUS,
      passwordPolicy: {
        minLength: 16,
        passwordHistorySize: 10,
        requireSymbols: false,
        requireUppercase: false,
      },
    });
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[FewCharacterClasses]`]);
  });

  test('a history shorter than 10 is flagged', () => {
    const stack = testStack();
    new cognito.UserPool(stack, 'Pool', {
      passwordPolicy: { minLength: 12, passwordHistorySize: 5 },
    });
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[NoPasswordHistory]`]);
  });

  test('12 characters of four classes with a history of 10 complies', () => {
    const stack = testStack();
    compliantPool(stack);
    expect(findingsOf(stack, ID)).toEqual([]);
  });

  test('a length from a parameter cannot be judged', () => {
    const stack = testStack();
    new cognito.CfnUserPool(stack, 'Pool', {
      policies: {
        passwordPolicy: { minimumLength: unresolvedNumber(stack), passwordHistorySize: 10 },
      },
    });
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[Unresolved::PasswordPolicy.MinimumLength]`]);
  });
});

describe('UserPoolDeletionProtection', () => {
  const ID = 'UserPoolDeletionProtection';

  test('a pool without deletion protection is flagged', () => {
    const stack = testStack();
    new cognito.UserPool(stack, 'Pool', { deletionProtection: false });
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[NoDeletionProtection]`]);
  });

  test('an active deletion protection complies', () => {
    const stack = testStack();
    compliantPool(stack);
    expect(findingsOf(stack, ID)).toEqual([]);
  });

  test('a protection from a parameter cannot be judged', () => {
    const stack = testStack();
    new cognito.CfnUserPool(stack, 'Pool', { deletionProtection: unresolvedString(stack) });
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[Unresolved::DeletionProtection]`]);
  });
});

describe('UserPoolRiskActions', () => {
  const ID = 'UserPoolRiskActions';

  test('blocking compromised credentials and stopping medium and high risk complies', () => {
    const stack = testStack();
    riskConfiguration(stack);
    expect(findingsOf(stack, ID)).toEqual([]);
  });

  test('a configuration that only counts leaked credentials and risky sign-ins fails twice', () => {
    const stack = testStack();
    const action = { eventAction: 'NO_ACTION', notify: false };
    riskConfiguration(stack, {
      accountTakeoverRiskConfiguration: { actions: { highAction: action, mediumAction: action } },
      compromisedCredentialsRiskConfiguration: { actions: { eventAction: 'NO_ACTION' } },
    });
    expect(findingsOf(stack, ID)).toEqual([
      'DPP-UserPoolRiskActions[CompromisedCredentialsAllowed]',
      'DPP-UserPoolRiskActions[RiskySignInAllowed]',
    ]);
  });

  test('an attachment without a compromised-credentials or account-takeover configuration fails', () => {
    const stack = testStack();
    new cognito.CfnUserPoolRiskConfigurationAttachment(stack, 'Risk', {
      userPoolId: compliantPool(stack).userPoolId,
      clientId: 'ALL',
    });
    expect(findingsOf(stack, ID)).toEqual([
      'DPP-UserPoolRiskActions[CompromisedCredentialsAllowed]',
      'DPP-UserPoolRiskActions[RiskySignInAllowed]',
    ]);
  });

  test('an action from a parameter is unresolved, not a pass', () => {
    const stack = testStack();
    riskConfiguration(stack, {
      compromisedCredentialsRiskConfiguration: {
        actions: { eventAction: unresolvedString(stack) },
      },
    });
    expect(findingsOf(stack, ID)).toEqual([
      'DPP-UserPoolRiskActions[Unresolved::CompromisedCredentialsRiskConfiguration.Actions.EventAction]',
    ]);
  });
});
