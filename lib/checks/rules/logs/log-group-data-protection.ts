import { CfnResource } from 'aws-cdk-lib';
import { NagRuleCompliance, NagRuleResult } from 'cdk-nag';
import { Findings, objectOf } from '../../findings';
import { statementsOf } from '../../policy-document';
import { isIntrinsic, propertiesOf } from '../../resolve';

/**
 * Compliant when a log group carries a data protection policy that masks (de-identifies) the
 * data identifiers it finds.
 */
export function logGroupDataProtection(node: CfnResource): NagRuleResult {
  if (node.cfnResourceType !== 'AWS::Logs::LogGroup') return NagRuleCompliance.NOT_APPLICABLE;
  const policy = propertiesOf(node).DataProtectionPolicy;
  const findings = new Findings(node);
  if (policy === undefined) return findings.add('NoDataProtectionPolicy').result();
  if (isIntrinsic(policy)) return findings.add('Unresolved::DataProtectionPolicy').result();
  const masks = statementsOf(policy).some(
    (s) => objectOf((s as { Operation?: unknown }).Operation).Deidentify !== undefined,
  );
  return findings.unless(masks, 'NoMasking').result();
}
