import { Construct } from 'constructs';
import { acknowledgeBuiltIn } from '../common/built-in-acknowledgement';
import { awsApiCallProvider } from '../monitoring/aws-api-call';

/**
 * Acknowledges, on the provider of the stack's AWS API calls, the AWS Control Tower control
 * that Lambda functions run in a VPC (CT.LAMBDA.PR.3), as built into `construct`.
 * Library-internal.
 */
export function acknowledgeApiCallProviderOutsideVpc(scope: Construct, construct: string): void {
  const provider = awsApiCallProvider(scope);
  if (!provider) return;
  acknowledgeBuiltIn(provider, construct, {
    id: 'cdk-validator-cfnguard::lambda_inside_vpc_check',
    reason:
      'The aws-cdk-lib provider of AwsCustomResource makes only the deploy-time calls that ' +
      'delegate and configure the organization security services (GuardDuty, Amazon Inspector, ' +
      'Organizations), invoked by CloudFormation; it handles no Amazon data and reaches only AWS ' +
      'service endpoints.',
  });
}
