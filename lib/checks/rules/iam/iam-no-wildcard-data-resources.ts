import { CfnResource } from 'aws-cdk-lib';
import { NagRuleCompliance, NagRuleResult } from 'cdk-nag';
import { Findings } from '../../findings';
import { hasIdentityPolicies, identityStatementsOf } from '../../identity-policies';
import { allowsAction, asList } from '../../policy-document';
import { DATA_READ_ACTIONS } from './data-actions';

/**
 * Compliant when no identity policy lets its holder read or decrypt data on every resource
 * (`Resource: '*'`): reading PII is granted per store and per key, to the role that needs it.
 */
export function iamNoWildcardDataResources(node: CfnResource): NagRuleResult {
  if (!hasIdentityPolicies(node)) return NagRuleCompliance.NOT_APPLICABLE;
  const findings = new Findings(node);
  for (const statement of identityStatementsOf(node)) {
    if (!asList(statement.Resource).includes('*')) continue;
    for (const action of DATA_READ_ACTIONS) {
      if (allowsAction(statement, action)) findings.add(`AnyResource::${action}`);
    }
  }
  return findings.result();
}
