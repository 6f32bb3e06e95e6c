import { CfnResource } from 'aws-cdk-lib';
import { NagRuleCompliance, NagRuleResult } from 'cdk-nag';
import { mayCarryAmazonData } from '../../data-paths';
import { Findings } from '../../findings';
import { propertiesOf } from '../../resolve';
import { deniesInsecureTransport } from '../../resource-policies';

/**
 * Compliant when the file system policy of a file system that may hold Amazon data denies, to
 * everyone, mounting without TLS (`elasticfilesystem:ClientMount` when `aws:SecureTransport` is
 * false). Without a policy, EFS lets any client mount without TLS.
 */
export function efsTlsOnly(node: CfnResource): NagRuleResult {
  if (node.cfnResourceType !== 'AWS::EFS::FileSystem' || !mayCarryAmazonData(node)) {
    return NagRuleCompliance.NOT_APPLICABLE;
  }
  const policy = propertiesOf(node).FileSystemPolicy;
  const findings = new Findings(node);
  if (findings.cannotJudge(policy)) return ['Unresolved::FileSystemPolicy'];
  return findings
    .unless(deniesInsecureTransport([policy], 'elasticfilesystem:ClientMount'), 'SecureTransport')
    .result();
}
