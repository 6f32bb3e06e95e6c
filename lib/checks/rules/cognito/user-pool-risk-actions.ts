import { CfnResource } from 'aws-cdk-lib';
import { NagRuleCompliance, NagRuleResult } from 'cdk-nag';
import { Findings, objectOf } from '../../findings';
import { propertiesOf } from '../../resolve';

/** The adaptive-authentication actions that stop a risky sign-in: refused, or a second factor. */
const STOPPING_ACTIONS: readonly unknown[] = ['BLOCK', 'MFA_REQUIRED'];

/**
 * Compliant when a user pool's risk configuration blocks sign-ins with compromised credentials
 * (`CompromisedCredentialsRiskConfiguration`: `BLOCK`, for every event or at least sign-in), stops
 * sign-ins of medium and high account-takeover risk (`BLOCK` or `MFA_REQUIRED`; without an
 * action, or with `MFA_IF_CONFIGURED` or `NO_ACTION`, the risky sign-in goes on), and skips risk
 * detection for no address range (`RiskExceptionConfiguration.SkippedIPRangeList`).
 */
export function userPoolRiskActions(node: CfnResource): NagRuleResult {
  if (node.cfnResourceType !== 'AWS::Cognito::UserPoolRiskConfigurationAttachment') {
    return NagRuleCompliance.NOT_APPLICABLE;
  }
  const properties = propertiesOf(node);
  const findings = new Findings(node);

  const compromised = properties.CompromisedCredentialsRiskConfiguration;
  if (findings.cannotJudge(compromised)) {
    findings.add('Unresolved::CompromisedCredentialsRiskConfiguration');
  } else {
    const { Actions, EventFilter } = objectOf(compromised);
    findings.check(
      objectOf(Actions).EventAction,
      'CompromisedCredentialsRiskConfiguration.Actions.EventAction',
      (action) => action === 'BLOCK',
      'CompromisedCredentialsAllowed',
    );
    findings.check(
      EventFilter,
      'CompromisedCredentialsRiskConfiguration.EventFilter',
      (filter) => filter === undefined || (Array.isArray(filter) && filter.includes('SIGN_IN')),
      'CompromisedCredentialsAllowed',
    );
  }

  const takeover = properties.AccountTakeoverRiskConfiguration;
  if (findings.cannotJudge(takeover)) {
    findings.add('Unresolved::AccountTakeoverRiskConfiguration');
  } else {
    const actions = objectOf(objectOf(takeover).Actions);
    for (const level of ['HighAction', 'MediumAction']) {
      findings.check(
        objectOf(actions[level]).EventAction,
        `AccountTakeoverRiskConfiguration.Actions.${level}.EventAction`,
        (action) => STOPPING_ACTIONS.includes(action),
        'RiskySignInAllowed',
      );
    }
  }

  const exceptions = properties.RiskExceptionConfiguration;
  if (findings.cannotJudge(exceptions)) {
    findings.add('Unresolved::RiskExceptionConfiguration');
  } else {
    findings.check(
      objectOf(exceptions).SkippedIPRangeList,
      'RiskExceptionConfiguration.SkippedIPRangeList',
      (ranges) => ranges === undefined || (Array.isArray(ranges) && ranges.length === 0),
      'RiskSkipped',
    );
  }
  return findings.result();
}
