import { CfnResource } from 'aws-cdk-lib';
import { NagRuleCompliance, NagRuleResult } from 'cdk-nag';
import { Findings } from '../../findings';
import { appliesToEveryone, statementsOf } from '../../policy-document';
import { isIntrinsic, propertiesOf } from '../../resolve';

/**
 * Compliant when no statement of a key policy allows anything to everyone: the `*` principal,
 * or a `NotPrincipal`, which allows everyone but the principals it names.
 */
export function kmsKeyPolicyNoPublic(node: CfnResource): NagRuleResult {
  if (node.cfnResourceType !== 'AWS::KMS::Key') return NagRuleCompliance.NOT_APPLICABLE;
  const document = propertiesOf(node).KeyPolicy;
  const findings = new Findings(node);
  if (isIntrinsic(document)) return findings.add('Unresolved::KeyPolicy').result();
  return findings
    .unless(
      !statementsOf(document).some((s) => s.Effect === 'Allow' && appliesToEveryone(s)),
      'EveryonePrincipal',
    )
    .result();
}
