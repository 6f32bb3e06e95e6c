import { CfnResource } from 'aws-cdk-lib';
import { NagRuleCompliance, NagRuleResult } from 'cdk-nag';
import { mayHoldAmazonData } from '../../data-stores';
import { checkCustomerKey, Findings, isTrue, objectOf, recordsOf } from '../../findings';
import { propertiesOf } from '../../resolve';

/**
 * Compliant when a file system that may hold Amazon data is encrypted with a customer key, and
 * so is every replica its replication configuration creates.
 */
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
  if (findings.has('NotEncrypted')) return findings.result();
  checkCustomerKey(findings, properties.KmsKeyId, 'KmsKeyId');
  // A replica EFS creates (no `FileSystemId`) is encrypted with the key its destination names,
  // the AWS managed key when none: the same data under a key the developer does not control.
  const destinations = recordsOf(objectOf(properties.ReplicationConfiguration).Destinations);
  for (const destination of destinations.filter((d) => d.FileSystemId === undefined)) {
    checkCustomerKey(findings, destination.KmsKeyId, 'ReplicationConfiguration');
  }
  return findings.result();
}
