import { CfnResource } from 'aws-cdk-lib';
import { NagRuleCompliance, NagRuleResult } from 'cdk-nag';
import { Findings } from '../../findings';
import { statementActions } from '../../iam-actions';
import {
  appliesToEveryone,
  hasNarrowingCondition,
  parsedDocument,
  statementsOf,
} from '../../policy-document';
import { isIntrinsic, propertiesOf } from '../../resolve';

/**
 * Compliant when a role's trust policy lets no one outside named principals assume it: no
 * statement allows `sts:AssumeRole*` (or `sts:*`, `*`) to everyone, any account's root, or
 * through `NotPrincipal`, unless a condition names the account, organization or principal ARN.
 * `sts:ExternalId` alone does not narrow: anyone who learns or guesses it may assume the role.
 */
export function iamRoleTrustNamedPrincipals(node: CfnResource): NagRuleResult {
  if (node.cfnResourceType !== 'AWS::IAM::Role') return NagRuleCompliance.NOT_APPLICABLE;
  const document = parsedDocument(propertiesOf(node).AssumeRolePolicyDocument);
  const findings = new Findings(node);
  if (document === undefined || isIntrinsic(document)) {
    return findings.add('Unresolved::AssumeRolePolicyDocument').result();
  }
  const open = statementsOf(document).some(
    (s) =>
      s.Effect === 'Allow' &&
      appliesToEveryone(s) &&
      statementActions(s).some((a) => /^sts:assumerole/i.test(a)) &&
      !hasNarrowingCondition(s),
  );
  return findings.unless(!open, 'EveryoneMayAssume').result();
}
