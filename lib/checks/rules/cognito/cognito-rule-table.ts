import { NagMessageLevel } from 'cdk-nag';
import { DppRule } from '../../dpp-rule';
import { userPoolDeletionProtection } from './user-pool-deletion-protection';
import { userPoolMfaRequired } from './user-pool-mfa-required';
import { userPoolPasswordPolicy } from './user-pool-password-policy';
import { userPoolRiskActions } from './user-pool-risk-actions';
import { userPoolThreatProtection } from './user-pool-threat-protection';

const { ERROR } = NagMessageLevel;

/** The Amazon Cognito rules. */
export const COGNITO_RULES: readonly DppRule[] = [
  {
    id: 'UserPoolMfaRequired',
    level: ERROR,
    resourceTypes: ['AWS::Cognito::UserPool'],
    clauses: ['DPP-NP-6', 'SOC-R1'],
    summary: 'The user pool does not require MFA, or offers SMS as the only second factor',
    causes: {
      MfaNotRequired:
        'The user pool does not require MFA (`MfaConfiguration` is not `ON`; absent means `OFF`)',
      SmsOnlyMfa:
        'The only MFA factor of the user pool is an SMS text message (`EnabledMfas`; absent means SMS)',
    },
    explanation:
      'A stolen password alone must not open an account; an SMS code can be intercepted or moved to another SIM.',
    fix: 'use SecureUserPool, or set `mfa: Mfa.REQUIRED` and `mfaSecondFactor: { otp: true, sms: false }`.',
    check: userPoolMfaRequired,
  },
  {
    id: 'UserPoolThreatProtection',
    level: ERROR,
    resourceTypes: ['AWS::Cognito::UserPool'],
    clauses: ['DPP-NP-6', 'DPP-25-LOCK', 'SOC-R1'],
    summary:
      'The user pool does not enforce threat protection (compromised credentials, adaptive authentication)',
    causes: {
      NotEnforced:
        'Threat protection of standard authentication is not `ENFORCED` (`UserPoolAddOns.AdvancedSecurityMode`; absent means `OFF`)',
      CustomAuthNotEnforced:
        'The pool has a custom authentication flow, and threat protection of custom authentication is not `ENFORCED` (`AdvancedSecurityAdditionalFlows.CustomAuthMode`)',
      NotPlusPlan:
        'The user pool is not on the Plus feature plan (`UserPoolTier`; absent means `ESSENTIALS`), the only plan with threat protection',
    },
    explanation:
      'Anomalous sign-ins and reused leaked passwords are detected and blocked, not only counted.',
    fix: 'use SecureUserPool, or set `featurePlan: FeaturePlan.PLUS` and `standardThreatProtectionMode: StandardThreatProtectionMode.FULL_FUNCTION`.',
    check: userPoolThreatProtection,
  },
  {
    id: 'UserPoolRiskActions',
    level: ERROR,
    resourceTypes: ['AWS::Cognito::UserPoolRiskConfigurationAttachment'],
    clauses: ['DPP-NP-6', 'DPP-25-LOCK', 'SOC-R1'],
    summary:
      'The risk configuration of the user pool lets a sign-in with compromised credentials or of medium or high risk go on',
    causes: {
      CompromisedCredentialsAllowed:
        'A sign-in with credentials known to be leaked is not blocked (`CompromisedCredentialsRiskConfiguration`: no `BLOCK` action, or an event filter without `SIGN_IN`)',
      RiskySignInAllowed:
        'A sign-in of medium or high account-takeover risk goes on without a block or a second factor (`AccountTakeoverRiskConfiguration.Actions`: absent, `NO_ACTION` or `MFA_IF_CONFIGURED`)',
      RiskSkipped:
        'Risk detection is skipped for address ranges (`RiskExceptionConfiguration.SkippedIPRangeList`)',
    },
    explanation:
      'Threat protection detects the risky sign-in; the risk configuration decides whether it is stopped.',
    fix: 'use SecureUserPool, or block compromised credentials and set `BLOCK` or `MFA_REQUIRED` for medium and high risk, with no skipped ranges.',
    check: userPoolRiskActions,
  },
  {
    id: 'UserPoolPasswordPolicy',
    level: ERROR,
    resourceTypes: ['AWS::Cognito::UserPool'],
    clauses: ['SOC-R1', 'DPP-NP-6', 'DPP-25-CRED'],
    summary:
      'The user pool accepts passwords shorter than 12 characters or of fewer than three character classes, or the last 10 passwords again',
    causes: {
      ShortPassword:
        'The user pool accepts passwords shorter than 12 characters (`MinimumLength`; absent means 8)',
      FewCharacterClasses:
        'The user pool requires fewer than three of lower case, upper case, digits and symbols',
      NoPasswordHistory:
        'The user pool lets a user take one of their last 10 passwords again (`PasswordHistorySize`; absent means no history)',
    },
    explanation: 'Passwords are long, varied and not recycled.',
    fix: 'use SecureUserPool, or set `passwordPolicy: { minLength: 12, passwordHistorySize: 10 }` on the Essentials or Plus plan.',
    check: userPoolPasswordPolicy,
  },
  {
    id: 'UserPoolDeletionProtection',
    level: ERROR,
    resourceTypes: ['AWS::Cognito::UserPool'],
    clauses: ['SOC-C5'],
    summary: 'The user pool can be deleted: deletion protection is not `ACTIVE`',
    causes: {
      NoDeletionProtection:
        'The user pool has no deletion protection (`DeletionProtection`; absent means `INACTIVE`)',
    },
    explanation:
      'A deleted user pool takes every account and its MFA registration with it; it cannot be restored.',
    fix: 'use SecureUserPool, or set `deletionProtection: true`.',
    check: userPoolDeletionProtection,
  },
];
