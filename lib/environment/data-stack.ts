import {
  CfnResource,
  CfnParameter,
  Stack,
  StackProps,
  aws_dynamodb as dynamodb,
  aws_ec2 as ec2,
  aws_iam as iam,
} from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { PiiReaderRole } from '../../constructs/access/pii-reader-role';
import { DppMetadata } from '../../constructs/common/dpp-metadata';
import { ManagedPolicyRole } from '../../constructs/common/managed-policy-role';
import { libraryOptOut } from '../../constructs/common/opt-out';
import { PiiKey } from '../../constructs/encryption/pii-key';
import { SecureUserPool } from '../../constructs/identity/secure-user-pool';
import { PiiFreeLogGroup } from '../../constructs/logging/pii-free-log-group';
import { DataVpc } from '../../constructs/network/data-vpc';
import { TaxArchive } from '../../constructs/retention/tax-archive';
import { SpApiCredentials } from '../../constructs/secrets/sp-api-credentials';
import { AmazonDataBucket } from '../../constructs/storage/amazon-data-bucket';
import { PiiBucket } from '../../constructs/storage/pii-bucket';
import { PiiDatabase } from '../../constructs/storage/pii-database';
import { PiiTable } from '../../constructs/storage/pii-table';
import { ServerAccessLogsBucket } from '../../constructs/storage/server-access-logs-bucket';
import {
  ACCESS_LOG_TARGET_RESTRICTIONS,
  APPLICATION_GRANT_WILDCARDS,
  DATABASE_ENHANCED_MONITORING,
  CONTROL_PLANE_FUNCTIONS_OUTSIDE_VPC,
  FUNCTION_NETWORK_INTERFACES,
  OBJECT_LOCK_VERSUS_ERASURE,
  acknowledge,
} from './acknowledgements';
import { AuditLayer } from './audit-layer';
import { EnvironmentSettings } from './dpp-environment-props';
import {
  EnvironmentProfile,
  NON_PRODUCTION_DATABASE_INSTANCE_TYPE,
  NON_PRODUCTION_INTERFACE_ENDPOINT_AZS,
  NON_PRODUCTION_PROFILE_REASON,
} from './environment-profile';
import { KillSwitch } from './kill-switch';
import { VPC_NETWORK_INTERFACE_ACTIONS } from './order-service';
import { accountPrincipalWithMfa } from './principals';

/**
 * Props of the `DataStack`.
 */
export interface DataStackProps extends StackProps {
  /** The validated settings of the environment. */
  readonly settings: EnvironmentSettings;
}

/** Why the VPC gets public subnets when the endpoint faces the internet. */
export const PUBLIC_SUBNETS_REASON =
  'The internet-facing load balancer of the allow-listed public CIDRs needs public subnets; ' +
  'the data tier stays in the isolated subnets with no route out.';

/** The PII fields of an SP-API order the sample workload keeps. */
const ORDER_PII_FIELDS = ['buyerName', 'buyerEmail', 'shippingAddress', 'phone'];

/**
 * The long-lived stack: the network, the PII key, the PII and Amazon-data stores, the tax
 * archive, the roles that reach the data (application, PII reader, operator with the kill
 * switch), and the `AuditLayer` that watches over and recovers them (audit trail, baseline,
 * alarms, canaries, backups, auditor). Audit and data share the stack because every grant on a
 * `PiiKey` names its grantee in the key policy: the trail, canaries and backups are granted on
 * the stores' keys, and the stores are named in the trail's selectors, so two stacks would
 * reference each other. It is termination-protected; every store and log is retained.
 */
export class DataStack extends Stack {
  /** The key of every PII store and of the logs of this stack. */
  public readonly piiKey: PiiKey;
  /** The isolated network of the data plane and the application. */
  public readonly vpc: DataVpc;
  /** Where the buckets of this stack write their S3 server access logs. */
  public readonly accessLogs: ServerAccessLogsBucket;
  /** Order documents (packing slips, labels) holding PII, kept at most 30 days. */
  public readonly orderDocuments: PiiBucket;
  /** Orders with the buyer's PII, kept at most 30 days. */
  public readonly orders: PiiTable;
  /** Shipments with the buyer's address, in PostgreSQL. */
  public readonly shipments: PiiDatabase;
  /** Sales reports without PII, kept at most 18 months. */
  public readonly salesReports: AmazonDataBucket;
  /** Invoices kept for the tax authority, cold and write-once. */
  public readonly taxArchive: TaxArchive;
  /** The operator's kill switch. */
  public readonly killSwitch: KillSwitch;
  /** The one role that reads PII, need-to-know (DPP-LP-2). */
  public readonly piiReader: PiiReaderRole;
  /** The incident contact's e-mail address (a parameter when the props gave none). */
  public readonly incidentContact: string;
  /** Audit trail, detection, alarms, canaries, backups and the auditor. */
  public readonly audit: AuditLayer;
  /**
   * The SP-API application's LWA client credentials and the sellers' refresh tokens, read by
   * the application role (DPP-25-CRED). They live here because every grant on the PII key
   * names its grantee in the key policy, and the application role and the key are here.
   */
  public readonly spApiCredentials: SpApiCredentials;
  /** The role the application's service runs as. */
  public readonly applicationRole: ManagedPolicyRole;
  /**
   * The log group of the application's service. It lives here, not in the application stack:
   * logs are kept 13 months, longer than any deployment of the application.
   */
  public readonly serviceLogs: PiiFreeLogGroup;
  /**
   * The user pool of the people who sign in to the application (sellers' staff), with a client
   * for the sellers' web application. It lives here, not in the replaceable application stack:
   * it holds the accounts and is retained, so a new application stack would start with no users.
   * @default - none, when `withoutUserPool` says why
   */
  public readonly userPool?: SecureUserPool;

  public constructor(scope: Construct, id: string, props: DataStackProps) {
    const nonProduction = props.settings.profile === EnvironmentProfile.NON_PRODUCTION;
    super(scope, id, {
      description:
        `cdk-dpp reference environment${nonProduction ? ', non-production profile' : ''}: ` +
        'network, keys, data stores, audit trail, alarms, backups',
      terminationProtection: true,
      ...props,
    });
    const { settings } = props;

    this.piiKey = new PiiKey(this, 'PiiKey', {
      description:
        'Encrypts the PII stores, their logs and backups (cdk-dpp reference environment)',
    });
    this.vpc = new DataVpc(this, 'Network', {
      encryptionKey: this.piiKey,
      flowLogRetention: settings.logRetention,
      internetEgress:
        settings.allowedCidrs.length > 0 ? libraryOptOut(PUBLIC_SUBNETS_REASON) : undefined,
      interfaceEndpointAzs: nonProduction ? NON_PRODUCTION_INTERFACE_ENDPOINT_AZS : undefined,
    });
    this.accessLogs = new ServerAccessLogsBucket(this, 'AccessLogs');

    this.orderDocuments = new PiiBucket(this, 'OrderDocuments', {
      data: { purpose: 'Print packing slips and shipping labels', piiFields: ORDER_PII_FIELDS },
      encryptionKey: this.piiKey,
      expiration: settings.piiRetention,
      vpcEndpoint: this.vpc.s3Endpoint,
      serverAccessLogsBucket: this.accessLogs,
    });
    this.orders = new PiiTable(this, 'Orders', {
      data: { purpose: 'Fulfil orders until shipment', piiFields: ORDER_PII_FIELDS },
      partitionKey: { name: 'orderId', type: dynamodb.AttributeType.STRING },
      timeToLiveAttribute: 'expiresAt',
      retention: settings.piiRetention,
      encryptionKey: this.piiKey,
      vpcEndpoint: this.vpc.dynamoDbEndpoint,
    });
    this.shipments = new PiiDatabase(this, 'Shipments', {
      vpc: this.vpc,
      data: {
        purpose: 'Track shipments and answer carrier claims',
        piiFields: ['buyerName', 'shippingAddress'],
      },
      retention: settings.piiRetention,
      encryptionKey: this.piiKey,
      instanceType: nonProduction ? NON_PRODUCTION_DATABASE_INSTANCE_TYPE : undefined,
    });
    if (nonProduction) this.recordProfile();
    this.salesReports = new AmazonDataBucket(this, 'SalesReports', {
      data: { purpose: 'Forecast stock from SP-API sales reports' },
      encryptionKey: this.piiKey,
      expiration: settings.amazonDataRetention,
      vpcEndpoint: this.vpc.s3Endpoint,
      serverAccessLogsBucket: this.accessLogs,
    });
    this.taxArchive = new TaxArchive(this, 'TaxArchive', {
      retention: settings.taxArchiveRetention,
      serverAccessLogsBucket: this.accessLogs,
    });

    this.killSwitch = new KillSwitch(this, 'KillSwitch');
    this.applicationRole = new ManagedPolicyRole(this, 'ApplicationRole', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description:
        'Application: stores and reads orders, writes packing slips, reads the kill switch and the SP-API credentials',
    });
    // Exactly what the order service calls: it reads the switch, stores and reads orders with
    // their PII fields encrypted under the PII key, and writes packing slips. Sales reports and
    // invoices are not written on the order path, so the role cannot write them (DPP-LP-2).
    const killSwitchRead = this.killSwitch.grantRead(this.applicationRole);
    this.orders.grantWrite(this.applicationRole, ['dynamodb:PutItem']);
    this.orders.grantRead(this.applicationRole, ['dynamodb:GetItem']);
    this.orderDocuments.grantWrite(this.applicationRole, '*', ['s3:PutObject']);
    this.piiKey.grantFieldEncryption(this.applicationRole);

    this.serviceLogs = new PiiFreeLogGroup(this, 'ServiceLogs', {
      encryptionKey: this.piiKey,
      retention: settings.logRetention,
    });
    this.serviceLogs.grantWrite(this.applicationRole);
    this.applicationRole.addToPrincipalPolicy(
      new iam.PolicyStatement({
        sid: 'AttachToIsolatedSubnets',
        actions: [...VPC_NETWORK_INTERFACE_ACTIONS],
        resources: ['*'],
      }),
    );
    this.addKillSwitchEndpoint(killSwitchRead);
    this.piiReader = new PiiReaderRole(this, 'PiiReader', {
      assumedBy: accountPrincipalWithMfa(),
      stores: [this.orderDocuments, this.orders, this.shipments],
    });

    this.incidentContact =
      settings.incidentContact ??
      new CfnParameter(this, 'IncidentContactEmail', {
        type: 'String',
        description: 'E-mail of the Incident Management Point of Contact (DPP-25-IMPOC)',
        allowedPattern: '^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$',
        constraintDescription: 'must be an e-mail address',
      }).valueAsString;
    this.audit = new AuditLayer(this, 'Audit', {
      settings,
      incidentContact: this.incidentContact,
      piiBuckets: [this.orderDocuments],
      // Sales reports are files downloaded from the SP-API: uploads from outside the app.
      uploadBuckets: [this.salesReports],
      piiTables: [this.orders],
      piiDatabases: [this.shipments],
      logGroups: [this.serviceLogs, this.vpc.flowLogGroup],
      taxArchive: this.taxArchive,
      serverAccessLogsBucket: this.accessLogs,
    });
    this.spApiCredentials = new SpApiCredentials(this, 'SpApiCredentials', {
      encryptionKey: this.piiKey,
      vpc: this.vpc,
      applicationRole: this.applicationRole,
      killSwitch: this.killSwitch.parameter,
      incidentTopic: this.audit.incidentTopic,
    });
    if (!settings.withoutUserPool) {
      this.userPool = new SecureUserPool(this, 'Users', {
        incidentTopic: this.audit.incidentTopic,
        encryptionKey: this.piiKey,
      });
      this.userPool.addClient('SellerApp');
    }
    this.acknowledgeFindings();
  }

  /**
   * An SSM interface endpoint through which the application reads the kill switch, and nothing
   * else: its policy admits only the read actions `read` grants on that one parameter, so every
   * read the role is granted has a path and no other SSM request has one.
   */
  private addKillSwitchEndpoint(read: iam.Grant): void {
    const endpoint = this.vpc.addInterfaceEndpoint('SsmEndpoint', {
      service: ec2.InterfaceVpcEndpointAwsService.SSM,
      subnets: this.vpc.interfaceEndpointSubnets,
      securityGroups: [this.vpc.endpointSecurityGroup],
      privateDnsEnabled: true,
      open: false,
    });
    endpoint.addToPolicy(
      new iam.PolicyStatement({
        sid: 'OnlyReadTheKillSwitch',
        principals: [new iam.AnyPrincipal()],
        actions: [...new Set(read.principalStatements.flatMap((s) => s.actions))],
        resources: [this.killSwitch.parameter.parameterArn],
        conditions: { StringEquals: { 'aws:PrincipalAccount': this.account } },
      }),
    );
  }

  /**
   * Records the non-production profile on the resources it changes, as a setting that gives up
   * no clause, so the evidence report shows the environment for what it is.
   */
  private recordProfile(): void {
    for (const resource of [this.vpc.node.defaultChild, this.shipments.node.defaultChild]) {
      DppMetadata.of(resource as CfnResource).addOptOut({
        setting: 'profile',
        clauses: [],
        reason: libraryOptOut(NON_PRODUCTION_PROFILE_REASON).reason,
      });
    }
  }

  /** The findings this stack accepts, each on the narrowest construct, with its reason. */
  private acknowledgeFindings(): void {
    acknowledge(this.orderDocuments, OBJECT_LOCK_VERSUS_ERASURE);
    acknowledge(this.salesReports, OBJECT_LOCK_VERSUS_ERASURE);
    acknowledge(this.accessLogs, ...ACCESS_LOG_TARGET_RESTRICTIONS);
    acknowledge(this.shipments, DATABASE_ENHANCED_MONITORING);
    acknowledge(
      this.node.findChild('Custom::VpcRestrictDefaultSGCustomResourceProvider'),
      CONTROL_PLANE_FUNCTIONS_OUTSIDE_VPC,
      FUNCTION_NETWORK_INTERFACES,
    );
    acknowledge(
      this.node.findChild('AWS679f53fac002430cb0da5b7982bd2287'),
      CONTROL_PLANE_FUNCTIONS_OUTSIDE_VPC,
    );
    acknowledge(
      this.applicationRole.node.findChild('Grants'),
      ...APPLICATION_GRANT_WILDCARDS,
      FUNCTION_NETWORK_INTERFACES,
    );
  }
}
