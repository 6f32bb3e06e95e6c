import {
  CfnResource,
  Stack,
  Token,
  aws_ec2 as ec2,
  aws_iam as iam,
  aws_logs as logs,
} from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { acknowledgeBuiltIn } from '../common/built-in-acknowledgement';
import { DppMetadata } from '../common/dpp-metadata';
import { OptOut } from '../common/opt-out';
import { Problems } from '../common/problems';
import { PiiKey } from '../encryption/pii-key';
import { PiiFreeLogGroup } from '../logging/pii-free-log-group';
import { AwsManagedPrefixList } from './aws-managed-prefix-list';
import { isPrivateCidr } from './cidr';
import { DenyAllSecurityGroup, HTTPS_PORT } from './deny-all-security-group';

const CLAUSES = ['DPP-NP-1', 'DPP-NP-5', 'DPP-NP-8', 'DPP-LM-1', 'SOC-R2'];

/** The name of the isolated subnet group that holds the data tier. */
export const DATA_SUBNET_GROUP = 'Data';

/** The construct id aws-cdk-lib gives the stack's provider that strips default security groups. */
const RESTRICT_DEFAULT_SG_PROVIDER = 'Custom::VpcRestrictDefaultSGCustomResourceProvider';

/** The provider functions a `DataVpc` has already given a log group. */
const loggedProviders = new WeakSet<CfnResource>();

/** The default address range of a `DataVpc`. */
export const DATA_VPC_DEFAULT_CIDR = '10.16.0.0/16';

/**
 * Props of a `DataVpc`.
 */
export interface DataVpcProps {
  /**
   * The private IPv4 range of the VPC (RFC 1918 or RFC 6598).
   * @default '10.16.0.0/16'
   */
  readonly cidr?: string;
  /**
   * How many availability zones to span, between 2 and 6.
   * @default 2
   */
  readonly maxAzs?: number;
  /**
   * How many of the VPC's availability zones hold the network interfaces of each interface
   * endpoint, between 1 and `maxAzs`. Each zone of each endpoint is billed by the hour; with
   * fewer zones, clients in the other zones reach the endpoints across zones, and an outage of
   * their zone cuts the VPC off from the endpoints' services until it ends. The policies, the
   * security group and private DNS are the same.
   * @default - every zone of the VPC
   */
  readonly interfaceEndpointAzs?: number;
  /**
   * The key that encrypts the flow log group.
   * @default - a new `PiiKey`
   */
  readonly encryptionKey?: PiiKey;
  /**
   * How long flow logs are kept: at least one year (DPP-LM-5, DPP-25-LOG).
   * @default logs.RetentionDays.THIRTEEN_MONTHS
   */
  readonly flowLogRetention?: logs.RetentionDays;
  /**
   * Adds a public subnet with a NAT gateway per zone and private subnets with internet egress,
   * for workloads that must call services outside AWS (the SP-API). The data tier stays in the
   * isolated subnets. The reason is recorded as an opt-out of DPP-NP-1 and DPP-NP-5.
   * @default - isolated subnets only: no internet gateway, no NAT gateway
   */
  readonly internetEgress?: OptOut;
}

/**
 * A VPC for the data tier: isolated subnets only by default (no internet or NAT gateway), the
 * default security group stripped of every rule, flow logs of all traffic to a KMS-encrypted
 * log group kept at least a year, gateway endpoints for S3 and DynamoDB and interface endpoints
 * for KMS, Secrets Manager, CloudWatch Logs and STS, each with a policy that admits only this
 * account's principals, so PII never leaves the VPC (DPP-NP-1, DPP-NP-5, DPP-NP-8, DPP-LM-1).
 *
 * Pass `s3Endpoint` / `dynamoDbEndpoint` to `PiiBucket` / `PiiTable` to lock them to this VPC.
 */
export class DataVpc extends ec2.Vpc {
  /** The IPv4 range of the VPC. */
  public readonly cidr: string;
  /** The S3 gateway endpoint. */
  public readonly s3Endpoint: ec2.GatewayVpcEndpoint;
  /** The DynamoDB gateway endpoint. */
  public readonly dynamoDbEndpoint: ec2.GatewayVpcEndpoint;
  /** The security group of the interface endpoints: HTTPS from the VPC's range only. */
  public readonly endpointSecurityGroup: DenyAllSecurityGroup;
  /** The interface endpoints, by AWS service short name (`kms`, `secretsmanager`, `logs`, `sts`). */
  public readonly interfaceEndpoints: { [service: string]: ec2.InterfaceVpcEndpoint };
  /** The log group receiving the flow logs. */
  public readonly flowLogGroup: PiiFreeLogGroup;
  /**
   * The log group of the function aws-cdk-lib adds to strip the default security group, when
   * this VPC is the first of its stack to need it (the function is shared by the stack).
   */
  public readonly defaultSecurityGroupLogGroup?: PiiFreeLogGroup;
  /** The subnets of the data tier. */
  public readonly dataSubnets: ec2.SubnetSelection = { subnetGroupName: DATA_SUBNET_GROUP };
  /**
   * The data subnets that hold the interface endpoints: one in each of the first
   * `interfaceEndpointAzs` zones. Pass it to `addInterfaceEndpoint` for any further endpoint.
   */
  public readonly interfaceEndpointSubnets: ec2.SubnetSelection;

  public constructor(scope: Construct, id: string, props: DataVpcProps = {}) {
    const cidr = props.cidr ?? DATA_VPC_DEFAULT_CIDR;
    const maxAzs = props.maxAzs ?? 2;
    const problems = new Problems(scope, id);
    problems.check(
      Token.isUnresolved(cidr) || isPrivateCidr(cidr),
      'cidr',
      'must be a private range (10/8, 172.16/12, 192.168/16, 100.64/10)',
      ['DPP-NP-1'],
      cidr,
    );
    problems.numberInRange('maxAzs', maxAzs, 2, 6, ['DPP-DR-4']);
    problems.numberInRange('interfaceEndpointAzs', props.interfaceEndpointAzs, 1, maxAzs, [
      'DPP-NP-8',
    ]);
    problems.optOutReason('internetEgress', props.internetEgress, ['DPP-NP-1', 'DPP-NP-5']);
    problems.throwIfAny();

    const isolated: ec2.SubnetConfiguration = {
      name: DATA_SUBNET_GROUP,
      subnetType: ec2.SubnetType.PRIVATE_ISOLATED,
      cidrMask: 24,
    };
    super(scope, id, {
      ipAddresses: ec2.IpAddresses.cidr(cidr),
      maxAzs,
      restrictDefaultSecurityGroup: true,
      natGateways: props.internetEgress ? maxAzs : 0,
      subnetConfiguration: props.internetEgress
        ? [
            {
              name: 'Ingress',
              subnetType: ec2.SubnetType.PUBLIC,
              cidrMask: 24,
              mapPublicIpOnLaunch: false,
            },
            { name: 'Application', subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS, cidrMask: 24 },
            isolated,
          ]
        : [isolated],
    });
    this.cidr = cidr;

    const metadata = DppMetadata.of(this.node.defaultChild as ec2.CfnVPC).implementsControls(
      'DataVpc',
      CLAUSES,
    );
    if (props.internetEgress) {
      metadata.addOptOut({
        setting: 'internetEgress',
        clauses: ['DPP-NP-1', 'DPP-NP-5'],
        reason: props.internetEgress.reason,
      });
      for (const subnet of this.publicSubnets) {
        const route = subnet.node.findChild('DefaultRoute');
        for (const pack of ['NIST.800.53.R5', 'HIPAA.Security', 'PCI.DSS.321']) {
          acknowledgeBuiltIn(route, 'DataVpc', {
            id: `${pack}-VPCNoUnrestrictedRouteToIGW`,
            reason:
              'The operator opted in to internet egress (the recorded `internetEgress` opt-out): ' +
              'the NAT gateways of this public subnet need a route to the internet gateway. No ' +
              'instance gets a public IP and the data subnets have no route out.',
          });
        }
      }
    }

    const key = props.encryptionKey ?? new PiiKey(this, 'FlowLogKey');
    this.flowLogGroup = new PiiFreeLogGroup(this, 'FlowLogGroup', {
      encryptionKey: key,
      retention: props.flowLogRetention,
    });
    this.defaultSecurityGroupLogGroup = this.logDefaultSecurityGroupProvider(key);
    this.addFlowLog('FlowLog', {
      destination: ec2.FlowLogDestination.toCloudWatchLogs(
        this.flowLogGroup,
        this.flowLogRole(this.flowLogGroup),
      ),
      trafficType: ec2.FlowLogTrafficType.ALL,
    });

    const allSubnets = [{ subnets: this.selectSubnets(this.dataSubnets).subnets }];
    this.s3Endpoint = this.addGatewayEndpoint('S3Endpoint', {
      service: ec2.GatewayVpcEndpointAwsService.S3,
      subnets: allSubnets,
    });
    this.dynamoDbEndpoint = this.addGatewayEndpoint('DynamoDbEndpoint', {
      service: ec2.GatewayVpcEndpointAwsService.DYNAMODB,
      subnets: allSubnets,
    });
    this.restrictToAccount(this.s3Endpoint, 's3');
    this.restrictToAccount(this.dynamoDbEndpoint, 'dynamodb');

    this.endpointSecurityGroup = new DenyAllSecurityGroup(this, 'EndpointSecurityGroup', {
      vpc: this,
      description: 'Interface endpoints (cdk-dpp): HTTPS from the VPC only',
    });
    this.endpointSecurityGroup.allowTlsFromCidr(cidr, HTTPS_PORT, 'HTTPS from the VPC');

    this.interfaceEndpointSubnets = {
      subnets: this.selectSubnets(this.dataSubnets).subnets.slice(
        0,
        props.interfaceEndpointAzs ?? maxAzs,
      ),
    };
    this.interfaceEndpoints = {};
    const services: [string, string, ec2.InterfaceVpcEndpointAwsService][] = [
      ['kms', 'KmsEndpoint', ec2.InterfaceVpcEndpointAwsService.KMS],
      [
        'secretsmanager',
        'SecretsManagerEndpoint',
        ec2.InterfaceVpcEndpointAwsService.SECRETS_MANAGER,
      ],
      ['logs', 'LogsEndpoint', ec2.InterfaceVpcEndpointAwsService.CLOUDWATCH_LOGS],
      ['sts', 'StsEndpoint', ec2.InterfaceVpcEndpointAwsService.STS],
    ];
    for (const [name, endpointId, service] of services) {
      const endpoint = this.addInterfaceEndpoint(endpointId, {
        service,
        subnets: this.interfaceEndpointSubnets,
        securityGroups: [this.endpointSecurityGroup],
        privateDnsEnabled: true,
        open: false,
      });
      this.restrictToAccount(endpoint, name);
      this.interfaceEndpoints[name] = endpoint;
    }
  }

  /**
   * The id of the AWS-managed prefix list of S3, the destination of traffic through
   * `s3Endpoint`: a security group that reaches S3 opens HTTPS to it
   * (`DenyAllSecurityGroup.allowTlsToPrefixList`). Looked up at deployment, once, on first use.
   */
  public get s3PrefixListId(): string {
    return this.prefixListOf('S3PrefixList', ec2.GatewayVpcEndpointAwsService.S3);
  }

  /**
   * The id of the AWS-managed prefix list of DynamoDB, the destination of traffic through
   * `dynamoDbEndpoint`. Looked up at deployment, once, on first use.
   */
  public get dynamoDbPrefixListId(): string {
    return this.prefixListOf('DynamoDbPrefixList', ec2.GatewayVpcEndpointAwsService.DYNAMODB);
  }

  /** The lookup of `service`'s prefix list, made on first use and found by `id` after. */
  private prefixListOf(id: string, service: ec2.GatewayVpcEndpointAwsService): string {
    const list =
      (this.node.tryFindChild(id) as AwsManagedPrefixList | undefined) ??
      new AwsManagedPrefixList(this, id, { service });
    return list.prefixListId;
  }

  /**
   * Points the function aws-cdk-lib adds to strip the default security group at a
   * `PiiFreeLogGroup`, instead of the log group Lambda would create on its own: kept forever,
   * without a customer-managed key, masking nothing (DPP-LM-4, DPP-LM-5, DPP-ES-1). The
   * function's role already may write to any log group (AWSLambdaBasicExecutionRole). Done once
   * per stack, by the first VPC that finds the function without a log group.
   */
  private logDefaultSecurityGroupProvider(key: PiiKey): PiiFreeLogGroup | undefined {
    const provider = Stack.of(this).node.tryFindChild(RESTRICT_DEFAULT_SG_PROVIDER);
    const handler = provider?.node.tryFindChild('Handler');
    if (!CfnResource.isCfnResource(handler) || loggedProviders.has(handler)) {
      return undefined;
    }
    const group = new PiiFreeLogGroup(this, 'DefaultSecurityGroupLogs', { encryptionKey: key });
    handler.addPropertyOverride('LoggingConfig.LogGroup', group.logGroupName);
    loggedProviders.add(handler);
    return group;
  }

  /**
   * The role VPC Flow Logs assumes to write into `logGroup`: trusted by the flow logs service for
   * this account only, with a customer-managed policy limited to that group's streams.
   */
  private flowLogRole(logGroup: logs.ILogGroup): iam.IRole {
    const role = new iam.Role(this, 'FlowLogRole', {
      description: 'Writes the VPC flow logs (cdk-dpp)',
      assumedBy: new iam.ServicePrincipal('vpc-flow-logs.amazonaws.com', {
        conditions: {
          StringEquals: { 'aws:SourceAccount': this.stack.account },
        },
      }),
    });
    new iam.ManagedPolicy(this, 'FlowLogPolicy', {
      description: 'Lets VPC Flow Logs write to the flow log group (cdk-dpp)',
      roles: [role],
      statements: [
        new iam.PolicyStatement({
          actions: ['logs:CreateLogStream', 'logs:PutLogEvents', 'logs:DescribeLogStreams'],
          // The group's ARN attribute ends in `:*`, which covers its streams and nothing else.
          resources: [logGroup.logGroupArn],
        }),
      ],
    });
    return role.withoutPolicyUpdates();
  }

  /**
   * Lets only principals of this account call `service` through the endpoint: stolen
   * credentials of another account cannot carry data out through it (DPP-NP-5).
   */
  private restrictToAccount(
    endpoint: ec2.GatewayVpcEndpoint | ec2.InterfaceVpcEndpoint,
    service: string,
  ): void {
    endpoint.addToPolicy(
      new iam.PolicyStatement({
        sid: 'OnlyThisAccountsPrincipals',
        principals: [new iam.AnyPrincipal()],
        actions: [`${service}:*`],
        resources: ['*'],
        conditions: { StringEquals: { 'aws:PrincipalAccount': this.stack.account } },
      }),
    );
  }
}
