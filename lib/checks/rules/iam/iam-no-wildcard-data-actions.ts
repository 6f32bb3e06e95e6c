import { CfnResource } from 'aws-cdk-lib';
import { NagRuleCompliance, NagRuleResult } from 'cdk-nag';
import { Findings } from '../../findings';
import { hasIdentityPolicies, identityStatementsOf } from '../../identity-policies';
import { asList } from '../../policy-document';
import { literalText, propertiesOf } from '../../resolve';
import { DATA_SERVICES } from './data-actions';

/** AWS managed policies that hand out every action on data services. */
const BROAD_MANAGED_POLICY =
  /:policy\/(AdministratorAccess|PowerUserAccess|Amazon(S3|DynamoDB|RDS|SQS|SNS|Kinesis|ElastiCache|OpenSearchService|ElasticFileSystem|Glacier)FullAccess|SecretsManagerReadWrite|AWSKeyManagementServicePowerUser)$/;

/**
 * Compliant when no identity policy allows every action (`*`), every action of a data service
 * (`s3:*`, `dynamodb:*`, `kms:*`...) or everything but a list (`NotAction`), and no AWS managed
 * administrator or full-access policy is attached.
 */
export function iamNoWildcardDataActions(node: CfnResource): NagRuleResult {
  if (!hasIdentityPolicies(node)) return NagRuleCompliance.NOT_APPLICABLE;
  const findings = new Findings(node);
  for (const statement of identityStatementsOf(node)) {
    if (statement.Effect !== 'Allow') continue;
    if (statement.NotAction !== undefined) findings.add('NotAction');
    for (const action of asList(statement.Action).map(String)) {
      const [service, name] = action.split(':');
      if (action === '*') findings.add('AllActions');
      else if (name === '*' && DATA_SERVICES.includes(service.toLowerCase())) {
        findings.add(`ServiceWildcard::${service}`);
      }
    }
  }
  for (const arn of asList(propertiesOf(node).ManagedPolicyArns)) {
    const text = literalText(arn);
    if (text !== undefined && BROAD_MANAGED_POLICY.test(text)) {
      findings.add(`ManagedPolicy::${text.split('/').pop()}`);
    }
  }
  return findings.result();
}
