import { CfnResource } from 'aws-cdk-lib';
import { NagRuleCompliance, NagRuleResult } from 'cdk-nag';
import { mayCarryAmazonData } from '../../data-paths';
import { checkCustomerKey, Findings, isFalse, objectOf } from '../../findings';
import { propertiesOf } from '../../resolve';

/** The SageMaker types whose storage volume is encrypted under `KmsKeyId`. */
const TYPES = [
  'AWS::SageMaker::NotebookInstance',
  'AWS::SageMaker::EndpointConfig',
  'AWS::SageMaker::Domain',
];

/**
 * Compliant when a notebook instance, endpoint configuration or domain that may hold Amazon
 * data encrypts its storage (notebook volume, endpoint volumes, the domain's EFS home) with a
 * customer-managed key (without `KmsKeyId`, SageMaker uses an AWS managed key), and an endpoint
 * that captures requests and responses encrypts the capture with one.
 */
export function sageMakerKmsEncrypted(node: CfnResource): NagRuleResult {
  if (!TYPES.includes(node.cfnResourceType) || !mayCarryAmazonData(node)) {
    return NagRuleCompliance.NOT_APPLICABLE;
  }
  const properties = propertiesOf(node);
  const findings = new Findings(node);
  checkCustomerKey(findings, properties.KmsKeyId, 'KmsKeyId');
  const capture = properties.DataCaptureConfig;
  if (capture !== undefined && !isFalse(objectOf(capture).EnableCapture)) {
    const key = objectOf(capture).KmsKeyId;
    findings.unless(key !== undefined, 'CaptureNotKms');
    if (key !== undefined) checkCustomerKey(findings, key, 'DataCaptureConfig');
  }
  return findings.result();
}
