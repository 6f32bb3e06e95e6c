import { CfnResource } from 'aws-cdk-lib';
import { NagRuleCompliance, NagRuleResult } from 'cdk-nag';
import { Findings } from '../../findings';
import {
  expandActionPattern,
  readsData,
  serviceOf,
  serviceShare,
  writesDataService,
} from '../../iam-actions';
import {
  hasIdentityPolicies,
  hasUnreadableIdentityDocument,
  identityStatementsOf,
  managedPolicyArnsOf,
} from '../../identity-policies';
import { asList } from '../../policy-document';
import { literalText } from '../../resolve';
import { DATA_SERVICES } from './data-actions';

/**
 * AWS managed policies that hand out every action, or broad read or write access, on data
 * services, by their name under `arn:aws:iam::aws:policy/`.
 */
const BROAD_MANAGED_POLICIES: ReadonlySet<string> = new Set([
  'AdministratorAccess',
  'PowerUserAccess',
  'ReadOnlyAccess',
  'job-function/DataScientist',
  'job-function/DatabaseAdministrator',
  'AmazonS3FullAccess',
  'AmazonS3ReadOnlyAccess',
  'AmazonS3TablesFullAccess',
  'AmazonS3TablesReadOnlyAccess',
  'AmazonDynamoDBFullAccess',
  'AmazonDynamoDBFullAccess_v2',
  'AmazonDynamoDBReadOnlyAccess',
  'AmazonDynamoDBFullAccesswithDataPipeline',
  'AmazonRDSFullAccess',
  'AmazonRDSDataFullAccess',
  'AmazonSQSFullAccess',
  'AmazonSNSFullAccess',
  'AmazonKinesisFullAccess',
  'AmazonKinesisReadOnlyAccess',
  'AmazonKinesisFirehoseFullAccess',
  'AmazonElastiCacheFullAccess',
  'AmazonOpenSearchServiceFullAccess',
  'AmazonESFullAccess',
  'AmazonElasticFileSystemFullAccess',
  'AmazonElasticFileSystemClientFullAccess',
  'AmazonElasticFileSystemClientReadWriteAccess',
  'AmazonGlacierFullAccess',
  'AmazonGlacierReadOnlyAccess',
  'AmazonKeyspacesFullAccess',
  'AmazonRedshiftFullAccess',
  'AmazonRedshiftDataFullAccess',
  'SecretsManagerReadWrite',
  'AWSKeyManagementServicePowerUser',
  'CloudWatchLogsFullAccess',
  'CloudWatchLogsReadOnlyAccess',
  'AWSBackupFullAccess',
]);

/** The name (with its path) of an AWS managed policy ARN; undefined for any other ARN. */
function awsManagedPolicyName(arn: string): string | undefined {
  return /^arn:[^:]*:iam::aws:policy\/(.+)$/.exec(arn)?.[1];
}

/**
 * What a wildcard action pattern really grants on data services: `AllActions` for every action
 * of every service, `ServiceWildcard::<service>` for a data service of which it covers at least
 * half the actions, or both content reads and writes (`s3:*Object*`, `dynamodb:*Item*`,
 * `kms:*crypt*`).
 */
function wildcardFindings(pattern: string): string[] {
  if (pattern === '*') return ['AllActions'];
  const actions = expandActionPattern(pattern);
  if (/[*?]/.test(pattern.split(':')[0]) && actions.length === expandActionPattern('*').length) {
    return ['AllActions'];
  }
  const services = [...new Set(actions.map(serviceOf))].filter((s) => DATA_SERVICES.includes(s));
  return services
    .filter((service) => {
      const own = actions.filter((a) => serviceOf(a) === service);
      const readsAndWrites =
        own.some(readsData) && own.some((a) => writesDataService(a) && !readsData(a));
      return serviceShare(own, service) >= 0.5 || readsAndWrites;
    })
    .map((service) => `ServiceWildcard::${service}`);
}

/**
 * Compliant when no identity policy allows every action (`*`), a wildcard as broad as every
 * action of a data service (`s3:*`, `s3:*Object*`, `dynamodb:*Item*`, `kms:*crypt*`), or
 * everything but a list (`NotAction`), and no AWS managed administrator, full-access or
 * read-only data policy is attached. Roles, users, groups, policies of every kind and IAM
 * Identity Center permission sets are judged alike.
 */
export function iamNoWildcardDataActions(node: CfnResource): NagRuleResult {
  if (!hasIdentityPolicies(node)) return NagRuleCompliance.NOT_APPLICABLE;
  const findings = new Findings(node);
  if (hasUnreadableIdentityDocument(node)) findings.add('Unresolved::PolicyDocument');
  for (const statement of identityStatementsOf(node)) {
    if (statement.Effect !== 'Allow') continue;
    if (statement.NotAction !== undefined) {
      findings.add('NotAction');
      continue;
    }
    for (const pattern of asList(statement.Action)) {
      if (typeof pattern !== 'string') findings.add('Unresolved::Action');
      else if (/[*?]/.test(pattern)) wildcardFindings(pattern).forEach((f) => findings.add(f));
    }
  }
  for (const arn of managedPolicyArnsOf(node)) {
    const name = awsManagedPolicyName(literalText(arn) ?? '');
    if (name !== undefined && BROAD_MANAGED_POLICIES.has(name)) {
      findings.add(`ManagedPolicy::${name.split('/').pop()}`);
    }
  }
  return findings.result();
}
