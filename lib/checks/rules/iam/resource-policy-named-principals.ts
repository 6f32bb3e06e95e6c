import { CfnResource } from 'aws-cdk-lib';
import { NagRuleCompliance, NagRuleResult } from 'cdk-nag';
import { Findings, objectOf, recordsOf } from '../../findings';
import { allowsEveryone, parsedDocument, statementsOf } from '../../policy-document';
import { isIntrinsic, propertiesOf } from '../../resolve';

/** The legacy form of an event bus policy (`Principal`, `Action`, `Condition`) as a document. */
function eventBusPolicyDocument(p: Record<string, unknown>): unknown {
  if (p.Statement !== undefined) {
    return isIntrinsic(p.Statement) ? p.Statement : { Statement: [p.Statement] };
  }
  if (p.Principal === undefined) return undefined;
  const condition = objectOf(p.Condition);
  return {
    Statement: [
      {
        Effect: 'Allow',
        Principal: p.Principal === '*' ? '*' : { AWS: p.Principal },
        Action: p.Action,
        Condition:
          typeof condition.Type === 'string' && typeof condition.Key === 'string'
            ? { [condition.Type]: { [condition.Key]: condition.Value } }
            : undefined,
      },
    ],
  };
}

/**
 * Where each resource type keeps the resource policies of a data resource, as a list of
 * documents (JSON strings are parsed where they are read). KMS key policies have rules of their
 * own (`KmsKeyPolicyNoPublic`); Lambda permissions are judged by `LambdaNotPublic`.
 */
export const POLICY_LOCATIONS: Record<string, (properties: Record<string, unknown>) => unknown[]> =
  {
    'AWS::S3::BucketPolicy': (p) => [p.PolicyDocument],
    'AWS::S3::AccessPoint': (p) => [p.Policy],
    'AWS::S3::MultiRegionAccessPointPolicy': (p) => [p.Policy],
    'AWS::S3ObjectLambda::AccessPointPolicy': (p) => [p.PolicyDocument],
    'AWS::S3Express::BucketPolicy': (p) => [p.PolicyDocument],
    'AWS::S3Express::AccessPoint': (p) => [p.Policy],
    'AWS::S3Tables::TableBucketPolicy': (p) => [p.ResourcePolicy],
    'AWS::S3Tables::TablePolicy': (p) => [p.ResourcePolicy],
    'AWS::SQS::QueuePolicy': (p) => [p.PolicyDocument],
    'AWS::SNS::TopicPolicy': (p) => [p.PolicyDocument],
    'AWS::SecretsManager::ResourcePolicy': (p) => [p.ResourcePolicy],
    'AWS::OpenSearchService::Domain': (p) => [p.AccessPolicies],
    'AWS::Elasticsearch::Domain': (p) => [p.AccessPolicies],
    'AWS::Backup::BackupVault': (p) => [p.AccessPolicy],
    'AWS::DynamoDB::Table': (p) => [objectOf(p.ResourcePolicy).PolicyDocument],
    'AWS::DynamoDB::GlobalTable': (p) =>
      recordsOf(p.Replicas).map((r) => objectOf(r.ResourcePolicy).PolicyDocument),
    'AWS::EFS::FileSystem': (p) => [p.FileSystemPolicy],
    'AWS::Kinesis::ResourcePolicy': (p) => [p.ResourcePolicy],
    'AWS::Events::EventBus': (p) => [p.Policy],
    'AWS::Events::EventBusPolicy': (p) => [eventBusPolicyDocument(p)],
    'AWS::Logs::ResourcePolicy': (p) => [p.PolicyDocument],
    'AWS::ECR::Repository': (p) => [p.RepositoryPolicyText],
    'AWS::ECR::RegistryPolicy': (p) => [p.PolicyText],
    'AWS::SNS::TopicInlinePolicy': (p) => [p.PolicyDocument],
    'AWS::SQS::QueueInlinePolicy': (p) => [p.PolicyDocument],
    'AWS::MSK::ClusterPolicy': (p) => [p.Policy],
    'AWS::CloudTrail::ResourcePolicy': (p) => [p.ResourcePolicy],
    'AWS::EventsV2::ResourcePolicy': (p) => [p.PolicyDocument],
    'AWS::S3Files::FileSystemPolicy': (p) => [p.Policy],
    'AWS::S3Vectors::VectorBucketPolicy': (p) => [p.Policy],
    'AWS::Bedrock::ResourcePolicy': (p) => [p.PolicyDocument],
    'AWS::Bedrock::KnowledgeBasePolicy': (p) => [p.PolicyDocument],
    'AWS::BedrockAgentCore::ResourcePolicy': (p) => [p.Policy],
  };

/**
 * The resource policy documents of a resource, JSON strings parsed; `undefined` entries for
 * strings that are not a JSON policy. Absent policies are left out.
 */
export function resourcePolicyDocuments(node: CfnResource): unknown[] {
  const locate = POLICY_LOCATIONS[node.cfnResourceType];
  if (!locate) return [];
  return locate(propertiesOf(node))
    .filter((d) => d !== undefined)
    .map((d) => parsedDocument(d) ?? null);
}

/**
 * Compliant when the resource policy of a data resource (bucket, access point, queue, topic,
 * secret, search domain, vault, table, file system, stream, event bus, log destination,
 * repository) allows nothing to everyone (`*`, `{ AWS: '*' }`, any account's root, or
 * `NotPrincipal`) unless a condition really ties the access to an account, an organization, a
 * VPC or a VPC endpoint: a wildcard value, a negated or `...IfExists` operator, or
 * `ForAllValues:` does not.
 */
export function resourcePolicyNamedPrincipals(node: CfnResource): NagRuleResult {
  if (!POLICY_LOCATIONS[node.cfnResourceType]) return NagRuleCompliance.NOT_APPLICABLE;
  const documents = resourcePolicyDocuments(node);
  if (documents.length === 0) return NagRuleCompliance.NOT_APPLICABLE;
  const findings = new Findings(node);
  if (documents.some((d) => d === null || isIntrinsic(d) || typeof d !== 'object')) {
    findings.add('Unresolved::PolicyDocument');
  }
  return findings
    .unless(!documents.flatMap(statementsOf).some(allowsEveryone), 'EveryonePrincipal')
    .result();
}
