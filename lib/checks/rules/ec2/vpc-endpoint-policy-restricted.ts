import { CfnResource } from 'aws-cdk-lib';
import { NagRuleCompliance, NagRuleResult } from 'cdk-nag';
import { Findings } from '../../findings';
import { allowsEveryone, asList, statementsOf } from '../../policy-document';
import { literalText, propertiesOf } from '../../resolve';

/** The data services whose endpoints the rule judges, by the last part of their service name. */
const DATA_SERVICES = ['s3', 'dynamodb', 's3express'];

/**
 * Compliant when the endpoint of a data service (S3, DynamoDB) has a policy, and no statement of
 * it allows everyone on every resource without a condition naming the account, organisation or
 * VPC endpoint. Without a policy the endpoint allows every principal every action on every
 * bucket or table, in any account: the way out of the data perimeter.
 */
export function vpcEndpointPolicyRestricted(node: CfnResource): NagRuleResult {
  if (node.cfnResourceType !== 'AWS::EC2::VPCEndpoint') return NagRuleCompliance.NOT_APPLICABLE;
  const properties = propertiesOf(node);
  const type = properties.VpcEndpointType ?? 'Gateway';
  if (type !== 'Gateway' && type !== 'Interface') return NagRuleCompliance.NOT_APPLICABLE;
  const findings = new Findings(node);
  const name = literalText(properties.ServiceName);
  if (name === undefined) return findings.add('Unresolved::ServiceName').result();
  if (!DATA_SERVICES.includes(name.split('.').pop() ?? '')) return NagRuleCompliance.NOT_APPLICABLE;
  const document = properties.PolicyDocument;
  if (document === undefined) return findings.add('FullAccessPolicy').result();
  if (findings.cannotJudge(document)) return findings.add('Unresolved::PolicyDocument').result();
  const open = statementsOf(document).some(
    (s) => allowsEveryone(s) && asList(s.Resource ?? '*').includes('*'),
  );
  return findings.unless(!open, 'FullAccessPolicy').result();
}
