import { CfnResource } from 'aws-cdk-lib';
import { NagRuleCompliance, NagRuleResult } from 'cdk-nag';
import { Findings, objectOf } from '../../findings';
import { allowsEveryone, statementsOf } from '../../policy-document';
import { isIntrinsic, propertiesOf } from '../../resolve';

/** Where each resource type keeps the resource policy of a data resource. */
export const POLICY_LOCATIONS: Record<string, (properties: Record<string, unknown>) => unknown> = {
  'AWS::S3::BucketPolicy': (p) => p.PolicyDocument,
  'AWS::SQS::QueuePolicy': (p) => p.PolicyDocument,
  'AWS::SNS::TopicPolicy': (p) => p.PolicyDocument,
  'AWS::SecretsManager::ResourcePolicy': (p) => p.ResourcePolicy,
  'AWS::OpenSearchService::Domain': (p) => p.AccessPolicies,
  'AWS::Elasticsearch::Domain': (p) => p.AccessPolicies,
  'AWS::Backup::BackupVault': (p) => p.AccessPolicy,
  'AWS::DynamoDB::Table': (p) => objectOf(p.ResourcePolicy).PolicyDocument,
  'AWS::EFS::FileSystem': (p) => p.FileSystemPolicy,
};

/**
 * Compliant when the resource policy of a data resource (bucket, queue, topic, secret, search
 * domain, vault, table, file system) allows nothing to everyone (`*`) unless a condition ties
 * the access to an account, an organization, a VPC or a VPC endpoint.
 */
export function resourcePolicyNamedPrincipals(node: CfnResource): NagRuleResult {
  const locate = POLICY_LOCATIONS[node.cfnResourceType];
  if (!locate) return NagRuleCompliance.NOT_APPLICABLE;
  const document = locate(propertiesOf(node));
  if (document === undefined) return NagRuleCompliance.NOT_APPLICABLE;
  const findings = new Findings(node);
  if (isIntrinsic(document)) return findings.add('Unresolved::PolicyDocument').result();
  return findings
    .unless(!statementsOf(document).some(allowsEveryone), 'EveryonePrincipal')
    .result();
}
