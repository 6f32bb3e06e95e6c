import { CfnResource } from 'aws-cdk-lib';
import { NagRuleCompliance, NagRuleResult } from 'cdk-nag';
import { mayCarryAmazonData } from '../../data-paths';
import { Findings } from '../../findings';
import { propertiesOf } from '../../resolve';

/**
 * Compliant when a notebook instance that may hold Amazon data has no direct internet access
 * (`DirectInternetAccess` defaults to `Enabled`) and a domain runs its apps in the VPC only
 * (`AppNetworkAccessType` defaults to `PublicInternetOnly`).
 */
export function sageMakerNotPublic(node: CfnResource): NagRuleResult {
  if (!mayCarryAmazonData(node)) return NagRuleCompliance.NOT_APPLICABLE;
  const properties = propertiesOf(node);
  const findings = new Findings(node);
  if (node.cfnResourceType === 'AWS::SageMaker::NotebookInstance') {
    findings.check(
      properties.DirectInternetAccess ?? 'Enabled',
      'DirectInternetAccess',
      (access) => access === 'Disabled',
      'DirectInternetAccess',
    );
  } else if (node.cfnResourceType === 'AWS::SageMaker::Domain') {
    findings.check(
      properties.AppNetworkAccessType ?? 'PublicInternetOnly',
      'AppNetworkAccessType',
      (access) => access === 'VpcOnly',
      'PublicInternet',
    );
  } else {
    return NagRuleCompliance.NOT_APPLICABLE;
  }
  return findings.result();
}
