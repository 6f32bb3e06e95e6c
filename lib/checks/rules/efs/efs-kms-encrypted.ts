import { CfnResource } from 'aws-cdk-lib';
import { NagRuleCompliance, NagRuleResult } from 'cdk-nag';
import { mayHoldAmazonData } from '../../data-stores';
import { checkCustomerKey, Findings, isTrue } from '../../findings';
import { propertiesOf } from '../../resolve';

/** Compliant when a file system that may hold Amazon data is encrypted with a customer key. */
export function efsKmsEncrypted(node: CfnResource): NagRuleResult {
  if (node.cfnResourceType !== 'AWS::EFS::FileSystem' || !mayHoldAmazonData(node)) {
    return NagRuleCompliance.NOT_APPLICABLE;
  }
  const properties = propertiesOf(node);
  const findings = new Findings(node).check(
    properties.Encrypted,
    'Encrypted',
    isTrue,
    'NotEncrypted',
  );
  // An unencrypted file system is one weakness: its key is not judged as well.
  if (!findings.has('NotEncrypted')) checkCustomerKey(findings, properties.KmsKeyId, 'KmsKeyId');
  return findings.result();
}
