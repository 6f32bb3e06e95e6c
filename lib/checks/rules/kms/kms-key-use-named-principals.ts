import { CfnResource } from 'aws-cdk-lib';
import { NagRuleCompliance, NagRuleResult } from 'cdk-nag';
import { Findings, objectOf } from '../../findings';
import { allowsAction, asList, StatementJson, statementsOf } from '../../policy-document';
import { isIntrinsic, literalText, propertiesOf } from '../../resolve';

/** The actions that use a key on data. */
export const KEY_USE_ACTIONS: readonly string[] = [
  'kms:Decrypt',
  'kms:Encrypt',
  'kms:ReEncryptFrom',
  'kms:ReEncryptTo',
  'kms:GenerateDataKey',
  'kms:GenerateDataKeyWithoutPlaintext',
];

/** Whether a principal is a whole account (its root, or a bare account id). */
function isAccountPrincipal(principal: unknown): boolean {
  if (principal === null || typeof principal !== 'object') return false;
  return asList((principal as Record<string, unknown>).AWS).some((p) => {
    if ((p as { Ref?: unknown } | null)?.Ref === 'AWS::AccountId') return true;
    const text = literalText(p);
    return text !== undefined && (/:root$/.test(text) || /^\d{12}$/.test(text));
  });
}

/**
 * Whether a statement lets its principals use the key only through one AWS service
 * (`kms:ViaService`): the service's own permissions (reading a secret, a table) then decide
 * who reaches the data, as in the policies AWS writes for its service keys.
 */
function onlyViaService(statement: StatementJson): boolean {
  return ['StringEquals', 'StringLike', 'ForAnyValue:StringEquals', 'ForAnyValue:StringLike'].some(
    (operator) => {
      const block = objectOf(statement.Condition?.[operator]);
      const key = Object.keys(block).find((k) => k.toLowerCase() === 'kms:viaservice');
      const services = key === undefined ? [] : asList(block[key]).map(literalText);
      // Each value must name its service (`secretsmanager.<region>.amazonaws.com`, the region
      // possibly a token): `*` or `*.amazonaws.com` lets every service through.
      return (
        services.length > 0 && services.every((v) => v !== undefined && /^[a-z0-9-]+\./.test(v))
      );
    },
  );
}

/**
 * Compliant when a key policy grants use of the key (encrypt, decrypt, data keys) only to
 * named principals: never to a whole account, which would let every IAM identity of the
 * account that has a policy for it use the key. Administration may go to the account, and so
 * may use limited to one service by `kms:ViaService` (aws-cdk-lib's grant for a secret's key).
 */
export function kmsKeyUseNamedPrincipals(node: CfnResource): NagRuleResult {
  if (node.cfnResourceType !== 'AWS::KMS::Key') return NagRuleCompliance.NOT_APPLICABLE;
  const document = propertiesOf(node).KeyPolicy;
  const findings = new Findings(node);
  if (isIntrinsic(document)) return findings.add('Unresolved::KeyPolicy').result();
  const accountWide = statementsOf(document).some(
    (s) =>
      isAccountPrincipal(s.Principal) &&
      !onlyViaService(s) &&
      KEY_USE_ACTIONS.some((a) => allowsAction(s, a)),
  );
  return findings.unless(!accountWide, 'AccountWideUse').result();
}
