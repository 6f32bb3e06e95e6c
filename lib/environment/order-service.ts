import { Duration, aws_iam as iam, aws_lambda as lambda } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { functionAssetDir } from '../../constructs/common/function-asset';
import { PiiKey } from '../../constructs/encryption/pii-key';
import { PiiFreeLogGroup } from '../../constructs/logging/pii-free-log-group';
import { DataVpc } from '../../constructs/network/data-vpc';
import { DenyAllSecurityGroup, HTTPS_PORT } from '../../constructs/network/deny-all-security-group';
import { PiiBucket } from '../../constructs/storage/pii-bucket';
import { PiiTable } from '../../constructs/storage/pii-table';
import { KillSwitch } from './kill-switch';

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
   * to `logGroup`, reading the kill switch, writing and reading `orders`, writing
   * `orderDocuments` and field encryption with `fieldEncryptionKey`: the function never changes
   * it.
   */
  readonly role: iam.IRole;
  /** Where the function logs. */
  readonly logGroup: PiiFreeLogGroup;
  /** The operator's kill switch. */
  readonly killSwitch: KillSwitch;
  /**
   * The table of orders (partition key `orderId`, TTL attribute `expiresAt`). Each order expires
   * after the table's retention (DPP-DR-1).
   */
  readonly orders: PiiTable;
  /** The bucket the packing slips are written to. */
  readonly orderDocuments: PiiBucket;
  /** The key that encrypts each PII field of an order with the AWS Encryption SDK (DPP-NP-10). */
  readonly fieldEncryptionKey: PiiKey;
  /**
   * How many requests run at once, at most.
   * @default 10
   */
  readonly reservedConcurrentExecutions?: number;
}

/**
 * The sample SP-API order service behind the load balancer: `POST /orders` stores an order in
 * `orders` with every PII field encrypted with `fieldEncryptionKey` and an `expiresAt` within
 * the table's retention (DPP-DR-1, DPP-NP-10), and writes its packing slip to `orderDocuments`;
 * `GET /orders/{orderId}` answers it back, decrypted. While the operator's kill switch says
 * `stopped` every request gets 503 before any store is touched (DPP-LP-1). It logs order ids and
 * outcomes only. Its code is `lib/functions/order-service`.
 *
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
      code: lambda.Code.fromAsset(functionAssetDir('order-service')),
      role: props.role,
      vpc: props.vpc,
      vpcSubnets: props.vpc.dataSubnets,
      securityGroups: [this.securityGroup],
      logGroup: props.logGroup,
      reservedConcurrentExecutions: props.reservedConcurrentExecutions ?? 10,
      timeout: Duration.seconds(10),
      environment: {
        KILL_SWITCH_PARAMETER: props.killSwitch.parameter.parameterName,
        ORDERS_TABLE: props.orders.tableName,
        ORDER_DOCUMENTS_BUCKET: props.orderDocuments.bucketName,
        FIELD_ENCRYPTION_KEY_ARN: props.fieldEncryptionKey.keyArn,
        PII_RETENTION_DAYS: String(props.orders.retentionDays),
      },
    });
  }
}
