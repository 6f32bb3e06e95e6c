import { CfnResource } from 'aws-cdk-lib';
import { NagRuleCompliance, NagRuleResult } from 'cdk-nag';
import { Findings } from '../../findings';
import { coversEveryResource, readsData, serviceOf, statementActions } from '../../iam-actions';
import {
  hasIdentityPolicies,
  hasUnreadableIdentityDocument,
  identityStatementsOf,
} from '../../identity-policies';
import { asList, StatementJson } from '../../policy-document';
import { literalText } from '../../resolve';

/**
 * Whether a statement covers every resource `action` applies to: `NotResource` (everything but
 * a list), `*`, or an ARN that names no store (`arn:aws:s3:::*`, `arn:aws:dynamodb:*:*:table/*`).
 */
function coversEveryStore(statement: StatementJson, action: string): boolean {
  if (statement.NotResource !== undefined) return true;
  return asList(statement.Resource).some((r) => {
    const text = literalText(r);
    return text !== undefined && coversEveryResource(text, action);
  });
}

/**
 * Compliant when no identity policy lets its holder read or decrypt data on every resource:
 * `Resource: '*'`, an ARN that names no store (`arn:aws:s3:::*`), or `NotResource`, whichever
 * pattern or `NotAction` grants the read. Reading PII is granted per store and per key, to the
 * role that needs it. One finding per service.
 */
export function iamNoWildcardDataResources(node: CfnResource): NagRuleResult {
  if (!hasIdentityPolicies(node)) return NagRuleCompliance.NOT_APPLICABLE;
  const findings = new Findings(node);
  if (hasUnreadableIdentityDocument(node)) findings.add('Unresolved::PolicyDocument');
  for (const statement of identityStatementsOf(node)) {
    if (statement.Effect !== 'Allow') continue;
    const reads = statementActions(statement).filter(readsData);
    if (reads.length === 0) continue;
    if (
      asList(statement.Resource).some(
        (r) => literalText(r) === undefined && findings.cannotJudge(r),
      )
    ) {
      findings.add('Unresolved::Resource');
    }
    for (const action of reads) {
      if (coversEveryStore(statement, action)) findings.add(`AnyResource::${serviceOf(action)}`);
    }
  }
  return findings.result();
}
