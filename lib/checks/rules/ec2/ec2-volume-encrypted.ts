import { CfnResource } from 'aws-cdk-lib';
import { NagRuleCompliance, NagRuleResult } from 'cdk-nag';
import { checkCustomerKey, Findings, isTrue, objectOf, recordsOf } from '../../findings';
import { propertiesOf } from '../../resolve';

/** The EBS settings of a volume, an instance's or a launch template's block devices. */
function ebsSettings(node: CfnResource): Record<string, unknown>[] {
  const properties = propertiesOf(node);
  switch (node.cfnResourceType) {
    case 'AWS::EC2::Volume':
      return [properties];
    case 'AWS::EC2::Instance':
      return recordsOf(properties.BlockDeviceMappings).map((m) => objectOf(m.Ebs));
    case 'AWS::EC2::LaunchTemplate':
      return recordsOf(objectOf(properties.LaunchTemplateData).BlockDeviceMappings).map((m) =>
        objectOf(m.Ebs),
      );
    default:
      return [];
  }
}

/**
 * Compliant when every EBS volume (standalone, or a block device of an instance or launch
 * template) is encrypted with a customer-managed key. An instance without block device
 * mappings gets an unencrypted root volume unless the account encrypts by default, which the
 * template cannot show.
 */
export function ec2VolumeEncrypted(node: CfnResource): NagRuleResult {
  const type = node.cfnResourceType;
  if (!['AWS::EC2::Volume', 'AWS::EC2::Instance', 'AWS::EC2::LaunchTemplate'].includes(type)) {
    return NagRuleCompliance.NOT_APPLICABLE;
  }
  const volumes = ebsSettings(node);
  const findings = new Findings(node);
  if (type === 'AWS::EC2::Instance' && volumes.length === 0) {
    return findings.add('RootVolumeNotEncrypted').result();
  }
  for (const volume of volumes) {
    if (findings.cannotJudge(volume.Encrypted)) findings.add('Unresolved::Encrypted');
    else if (!isTrue(volume.Encrypted)) findings.add('NotEncrypted');
    // An unencrypted volume is one weakness: its key is not judged as well.
    else checkCustomerKey(findings, volume.KmsKeyId, 'KmsKeyId');
  }
  return findings.result();
}
