import { CfnResource } from 'aws-cdk-lib';
import { NagRuleCompliance, NagRuleResult } from 'cdk-nag';
import { Findings } from '../../findings';
import { actionExists, expandActionPattern } from '../../iam-actions';
import { IDENTITY_POLICY_TYPES, identityDocumentsOf } from '../../identity-policies';
import { asList, parsedDocument, statementsOf } from '../../policy-document';
import { propertiesOf } from '../../resolve';
import { POLICY_LOCATIONS, resourcePolicyDocuments } from './resource-policy-named-principals';

/** Policy documents that no identity or resource policy table lists: trust and key policies. */
const OTHER_DOCUMENTS: Record<string, (properties: Record<string, unknown>) => unknown> = {
  'AWS::IAM::Role': (p) => p.AssumeRolePolicyDocument,
  'AWS::KMS::Key': (p) => p.KeyPolicy,
};

/** Every policy document of a resource the pack can read. */
function documentsOf(node: CfnResource): unknown[] {
  const other = OTHER_DOCUMENTS[node.cfnResourceType];
  return [
    ...identityDocumentsOf(node),
    ...(POLICY_LOCATIONS[node.cfnResourceType] ? resourcePolicyDocuments(node) : []),
    ...(other ? [parsedDocument(other(propertiesOf(node)))] : []),
  ];
}

/**
 * Compliant when every action a policy names exists in the Service Authorization Reference, and
 * every wildcard pattern matches at least one action. A misspelled action
 * (`s3:GetObjects`, `access-analyzer:ListFindingsV2`) grants nothing, so the code that needs it
 * fails, and the policy no longer says what the role may really do.
 */
export function iamActionsExist(node: CfnResource): NagRuleResult {
  const findings = new Findings(node);
  const statements = documentsOf(node).flatMap(statementsOf);
  if (statements.length === 0) return NagRuleCompliance.NOT_APPLICABLE;
  for (const statement of statements) {
    for (const action of [...asList(statement.Action), ...asList(statement.NotAction)]) {
      if (typeof action !== 'string') findings.add('Unresolved::Action');
      else if (/[*?]/.test(action)) {
        if (expandActionPattern(action).length === 0) findings.add(`NoMatch::${action}`);
      } else if (!actionExists(action)) findings.add(`UnknownAction::${action}`);
    }
  }
  return findings.result();
}

/** The types whose policies `IamActionsExist` reads. */
export const ACTION_POLICY_TYPES: readonly string[] = [
  ...new Set([
    ...IDENTITY_POLICY_TYPES,
    ...Object.keys(POLICY_LOCATIONS),
    ...Object.keys(OTHER_DOCUMENTS),
  ]),
];
