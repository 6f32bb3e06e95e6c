import { CfnResource } from 'aws-cdk-lib';
import { NagRuleCompliance, NagRuleResult } from 'cdk-nag';
import { mayHoldAmazonData } from '../../data-stores';
import { Findings, objectOf } from '../../findings';
import { propertiesOf } from '../../resolve';

/** Compliant when a bucket that may hold Amazon data keeps object versions. */
export function s3BucketVersioned(node: CfnResource): NagRuleResult {
  if (node.cfnResourceType !== 'AWS::S3::Bucket' || !mayHoldAmazonData(node)) {
    return NagRuleCompliance.NOT_APPLICABLE;
  }
  return new Findings(node)
    .check(
      objectOf(propertiesOf(node).VersioningConfiguration).Status,
      'VersioningConfiguration',
      (status) => status === 'Enabled',
      'NotVersioned',
    )
    .result();
}
