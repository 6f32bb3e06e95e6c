import { CfnResource } from 'aws-cdk-lib';
import { NagRuleCompliance, NagRuleResult } from 'cdk-nag';
import { mayCarryAmazonData } from '../../data-paths';
import { checkCustomerKey, Findings, objectOf } from '../../findings';
import { propertiesOf } from '../../resolve';

/**
 * Compliant when a provisioned MSK cluster that may hold Amazon data encrypts its broker volumes
 * with a customer-managed key (without `DataVolumeKMSKeyId`, MSK uses the AWS managed key). MSK
 * Serverless always uses a key AWS manages, so a serverless cluster is reported.
 */
export function mskClusterKmsEncrypted(node: CfnResource): NagRuleResult {
  if (!mayCarryAmazonData(node)) return NagRuleCompliance.NOT_APPLICABLE;
  if (node.cfnResourceType === 'AWS::MSK::ServerlessCluster') return ['ServiceManagedKey'];
  if (node.cfnResourceType !== 'AWS::MSK::Cluster') return NagRuleCompliance.NOT_APPLICABLE;
  const atRest = objectOf(objectOf(propertiesOf(node).EncryptionInfo).EncryptionAtRest);
  const findings = new Findings(node);
  checkCustomerKey(findings, atRest.DataVolumeKMSKeyId, 'DataVolumeKMSKeyId');
  return findings.result();
}
