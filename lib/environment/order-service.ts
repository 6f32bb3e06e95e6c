import { Duration, aws_iam as iam, aws_lambda as lambda } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { PiiFreeLogGroup } from '../../constructs/logging/pii-free-log-group';
import { DataVpc } from '../../constructs/network/data-vpc';
import { DenyAllSecurityGroup, HTTPS_PORT } from '../../constructs/network/deny-all-security-group';
import { KillSwitch } from './kill-switch';

/**
 * The sample order service: it answers the load balancer, and stops accepting orders while the
 * operator's kill switch says `stopped` (DPP-LP-1). Its runtime reads nothing else.
 */
const HANDLER = `
const { SSMClient, GetParameterCommand } = require('@aws-sdk/client-ssm');
const ssm = new SSMClient({});
exports.handler = async () => {
  const { Parameter } = await ssm.send(
    new GetParameterCommand({ Name: process.env.KILL_SWITCH_PARAMETER }),
  );
  const accepting = Parameter && Parameter.Value === 'running';
  return {
    statusCode: accepting ? 200 : 503,
    statusDescription: accepting ? '200 OK' : '503 Service Unavailable',
    isBase64Encoded: false,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ acceptingOrders: accepting }),
  };
};
`;

/** What the Lambda service needs to attach a function to the VPC's subnets. */
export const VPC_NETWORK_INTERFACE_ACTIONS: readonly string[] = [
  'ec2:CreateNetworkInterface',
  'ec2:DescribeNetworkInterfaces',
  'ec2:DescribeSubnets',
  'ec2:DeleteNetworkInterface',
  'ec2:AssignPrivateIpAddresses',
  'ec2:UnassignPrivateIpAddresses',
];

/**
 * Props of an `OrderService`.
 */
export interface OrderServiceProps {
  /** The VPC whose isolated subnets run the function. */
  readonly vpc: DataVpc;
  /**
   * The role the function runs as. It must already allow `VPC_NETWORK_INTERFACE_ACTIONS`, writing
   * to `logGroup` and reading the kill switch: the function never changes it.
   */
  readonly role: iam.IRole;
  /** Where the function logs. */
  readonly logGroup: PiiFreeLogGroup;
  /** The operator's kill switch. */
  readonly killSwitch: KillSwitch;
  /**
   * How many requests run at once, at most.
   * @default 10
   */
  readonly reservedConcurrentExecutions?: number;
}

/**
 * A Lambda function on the newest Node.js runtime, in the isolated subnets, behind a deny-all
 * security group that opens only HTTPS to the VPC's interface endpoints (their security group)
 * and to the S3 and DynamoDB prefix lists of its gateway endpoints, logging to a PII-free
 * log group, running as a role it cannot change.
 */
export class OrderService extends Construct {
  /** The function. */
  public readonly function: lambda.Function;
  /** Its security group. */
  public readonly securityGroup: DenyAllSecurityGroup;

  public constructor(scope: Construct, id: string, props: OrderServiceProps) {
    super(scope, id);
    this.securityGroup = new DenyAllSecurityGroup(this, 'SecurityGroup', {
      vpc: props.vpc,
      description: 'Order service (cdk-dpp): HTTPS to the VPC endpoints only',
    });
    this.securityGroup.allowTlsTo(
      props.vpc.endpointSecurityGroup,
      HTTPS_PORT,
      'HTTPS to the interface endpoints',
    );
    this.securityGroup.allowTlsToPrefixList(
      props.vpc.s3PrefixListId,
      'HTTPS to S3 through the gateway endpoint',
    );
    this.securityGroup.allowTlsToPrefixList(
      props.vpc.dynamoDbPrefixListId,
      'HTTPS to DynamoDB through the gateway endpoint',
    );
    this.function = new lambda.Function(this, 'Function', {
      description: 'Sample SP-API order service; honours the operator kill switch',
      runtime: lambda.Runtime.NODEJS_24_X,
      handler: 'index.handler',
      code: lambda.Code.fromInline(HANDLER),
      role: props.role,
      vpc: props.vpc,
      vpcSubnets: props.vpc.dataSubnets,
      securityGroups: [this.securityGroup],
      logGroup: props.logGroup,
      reservedConcurrentExecutions: props.reservedConcurrentExecutions ?? 10,
      timeout: Duration.seconds(10),
      environment: { KILL_SWITCH_PARAMETER: props.killSwitch.parameter.parameterName },
    });
  }
}
