import {
  Names,
  Stack,
  aws_dynamodb as dynamodb,
  aws_events as events,
  aws_events_targets as targets,
  aws_iam as iam,
  aws_s3 as s3,
  aws_scheduler as scheduler,
  aws_sns as sns,
  custom_resources as cr,
} from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { DppMetadata } from '../common/dpp-metadata';
import { ManagedPolicyRole } from '../common/managed-policy-role';
import { Problems } from '../common/problems';
import { AuditTrail } from '../logging/audit-trail';
import { awsApiCall, awsApiCallRole } from './aws-api-call';

const CLAUSES = ['DPP-LM-6', 'DPP-LM-7'];

/**
 * The synthetic buyer of every canary record: fictitious name, a documentation address, a phone
 * number from the range reserved for fiction and an e-mail domain that cannot exist. No real
 * person's data is ever planted.
 */
export const CANARY_BUYER: Readonly<Record<string, string>> = {
  buyerName: 'Casey Canary',
  shippingAddress: '100 Example Street, Springfield, ZZ 00000',
  buyerEmail: 'casey.canary@example.invalid',
  buyerPhone: '+1-202-555-0199',
};

/** How often a canary object is planted again: well within the shortest PII expiry. */
export const CANARY_REPLANT_DAYS = 7;

/** The S3 API calls that read an object or its metadata. */
export const S3_OBJECT_READ_EVENTS: readonly string[] = [
  'GetObject',
  'HeadObject',
  'GetObjectAttributes',
  'GetObjectTagging',
  'GetObjectAcl',
  'SelectObjectContent',
  'RestoreObject',
];

/** The DynamoDB API calls that read the canary item by its key. */
export const DYNAMODB_ITEM_READ_EVENTS: readonly string[] = ['GetItem'];

/** The DynamoDB API calls that read every item of a table, the canary included. */
export const DYNAMODB_TABLE_READ_EVENTS: readonly string[] = ['Scan'];

/**
 * Props of a `CanaryRecord`. Give `bucket` or `table`, exactly one.
 */
export interface CanaryRecordProps {
  /** The topic that receives the alarm (`SecurityAlarms.incidentTopic`). */
  readonly incidentTopic: sns.ITopic;
  /**
   * The trail whose data events reveal reads of the record; the store is added to its data
   * events.
   */
  readonly trail: AuditTrail;
  /**
   * The PII bucket to plant an object in.
   * @default - none; then `table` is required
   */
  readonly bucket?: s3.IBucket;
  /**
   * The key of the canary object in `bucket`; it should look like the bucket's real keys.
   * @default - `orders/<unique id>.json`
   */
  readonly objectKey?: string;
  /**
   * The PII table to plant an item in.
   * @default - none; then `bucket` is required
   */
  readonly table?: dynamodb.ITable;
  /**
   * The name of the table's partition key (a string attribute).
   * @default - read from the table when it is a `dynamodb.Table`; required otherwise
   */
  readonly partitionKeyName?: string;
  /**
   * The name of the table's sort key (a string attribute), if it has one.
   * @default - read from the table when it is a `dynamodb.Table`; none otherwise
   */
  readonly sortKeyName?: string;
  /**
   * The partition key value of the canary item; it should look like the table's real keys.
   * @default - `ORDER#<unique id>`
   */
  readonly partitionKeyValue?: string;
  /**
   * Roles whose reads of the whole store are expected, such as the role AWS Backup uses to copy
   * it: reads made in sessions of these roles do not raise the alarm. Every other caller does,
   * IAM users and the root user included.
   * @default - every read raises the alarm
   */
  readonly expectedReaders?: iam.IRole[];
}

/**
 * A decoy record that nobody has a reason to read (DPP-LM-6): an object in a PII bucket or an
 * item in a PII table holding synthetic data only, planted at deployment by an AWS API call. Any
 * read of it, seen in the trail's data events, matches an EventBridge rule that notifies the
 * incident topic. Reads by roles that copy the whole store (the AWS Backup role) match too,
 * unless the roles are listed in `expectedReaders`.
 *
 * The record is planted when the construct is created and again when its props change. A PII
 * bucket's lifecycle expiry (DPP-DR-1) removes the canary object too, so a bucket canary is planted
 * again every 7 days by an EventBridge Scheduler schedule that makes the same `PutObject` call.
 */
export class CanaryRecord extends Construct {
  /** The rule that matches a read of the record. */
  public readonly rule: events.Rule;
  /** The object key (for a bucket) or partition key value (for a table) of the record. */
  public readonly recordKey: string;

  public constructor(scope: Construct, id: string, props: CanaryRecordProps) {
    super(scope, id);
    const unique = Names.uniqueId(this).slice(-8).toLowerCase();
    const schema = props.table instanceof dynamodb.Table ? props.table.schemaV2() : undefined;
    const partitionKeyName = props.partitionKeyName ?? schema?.partitionKeys[0]?.name;
    const sortKeyName = props.sortKeyName ?? schema?.sortKeys[0]?.name;
    validate(this, props, partitionKeyName);

    const description = `Canary record ${this.node.path} was read: investigate (DPP-LM-6, DPP-LM-7).`;
    let pattern: events.EventPattern;
    if (props.bucket) {
      this.recordKey = props.objectKey ?? `orders/${unique}.json`;
      pattern = this.plantObject(props.bucket, props.trail);
    } else {
      this.recordKey = props.partitionKeyValue ?? `ORDER#${unique}`;
      pattern = this.plantItem(
        props.table as dynamodb.ITable,
        props.trail,
        partitionKeyName as string,
        sortKeyName,
      );
    }
    this.rule = new events.Rule(this, 'ReadRule', {
      description: description.slice(0, 512),
      eventPattern: withoutExpectedReaders(pattern, props.expectedReaders ?? []),
    });
    this.rule.addTarget(
      new targets.SnsTopic(props.incidentTopic, {
        message: events.RuleTargetInput.fromText(
          `${description} Caller: ${events.EventField.fromPath('$.detail.userIdentity.arn')}, ` +
            `call: ${events.EventField.fromPath('$.detail.eventName')}, ` +
            `from: ${events.EventField.fromPath('$.detail.sourceIPAddress')}`,
        ),
      }),
    );
    DppMetadata.of(this.rule.node.defaultChild as events.CfnRule).implementsControls(
      'CanaryRecord',
      CLAUSES,
    );
  }

  private plantObject(bucket: s3.IBucket, trail: AuditTrail): events.EventPattern {
    trail.addPiiBucket(bucket);
    const put: cr.AwsSdkCall = {
      service: 'S3',
      action: 'putObject',
      parameters: {
        Bucket: bucket.bucketName,
        Key: this.recordKey,
        Body: JSON.stringify({ orderId: this.recordKey, ...CANARY_BUYER }),
        ContentType: 'application/json',
      },
      physicalResourceId: cr.PhysicalResourceId.of(`${bucket.bucketName}/${this.recordKey}`),
    };
    const planter = awsApiCall(this, 'Plant', {
      onCreate: put,
      onUpdate: put,
      statements: [
        new iam.PolicyStatement({
          actions: ['s3:PutObject'],
          resources: [bucket.arnForObjects(this.recordKey)],
        }),
      ],
    });
    bucket.encryptionKey?.grant(planter, 'kms:GenerateDataKey');
    allowOutsideVpcEndpoint(bucket, awsApiCallRole(this));
    this.replantWeekly(bucket, put.parameters as Record<string, unknown>);
    return {
      source: ['aws.s3'],
      detailType: ['AWS API Call via CloudTrail'],
      detail: {
        eventSource: ['s3.amazonaws.com'],
        eventName: [...S3_OBJECT_READ_EVENTS],
        requestParameters: { bucketName: [bucket.bucketName], key: [this.recordKey] },
      },
    };
  }

  /**
   * Plants the object again every week through an EventBridge Scheduler universal target, so the
   * bucket's lifecycle expiry never leaves it without a canary.
   */
  private replantWeekly(bucket: s3.IBucket, putObject: Record<string, unknown>): void {
    const { account, partition } = Stack.of(this);
    const role = new ManagedPolicyRole(this, 'ReplantRole', {
      description: 'Plants the synthetic canary object again every week (cdk-dpp, DPP-LM-6)',
      assumedBy: new iam.ServicePrincipal('scheduler.amazonaws.com').withConditions({
        StringEquals: { 'aws:SourceAccount': account },
      }),
    });
    role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        actions: ['s3:PutObject'],
        resources: [bucket.arnForObjects(this.recordKey)],
      }),
    );
    bucket.encryptionKey?.grant(role, 'kms:GenerateDataKey');
    allowOutsideVpcEndpoint(bucket, role);
    new scheduler.CfnSchedule(this, 'Replant', {
      description: 'Plants the canary object again before the lifecycle expires it',
      scheduleExpression: `rate(${CANARY_REPLANT_DAYS} days)`,
      flexibleTimeWindow: { mode: 'OFF' },
      target: {
        arn: `arn:${partition}:scheduler:::aws-sdk:s3:putObject`,
        roleArn: role.roleArn,
        input: Stack.of(this).toJsonString(putObject),
        retryPolicy: { maximumRetryAttempts: 10 },
      },
    });
  }

  private plantItem(
    table: dynamodb.ITable,
    trail: AuditTrail,
    partitionKeyName: string,
    sortKeyName: string | undefined,
  ): events.EventPattern {
    trail.addPiiTable(table);
    const key: Record<string, { S: string }> = { [partitionKeyName]: { S: this.recordKey } };
    if (sortKeyName) key[sortKeyName] = { S: 'CANARY' };
    const attributes = Object.fromEntries(
      Object.entries(CANARY_BUYER).map(([name, value]) => [name, { S: value }]),
    );
    const put: cr.AwsSdkCall = {
      service: 'DynamoDB',
      action: 'putItem',
      parameters: { TableName: table.tableName, Item: { ...attributes, ...key } },
      physicalResourceId: cr.PhysicalResourceId.of(`${table.tableName}/${this.recordKey}`),
    };
    const planter = awsApiCall(this, 'Plant', {
      onCreate: put,
      onUpdate: put,
      statements: [
        new iam.PolicyStatement({
          actions: ['dynamodb:PutItem'],
          resources: [table.tableArn],
          conditions: {
            'ForAllValues:StringEquals': { 'dynamodb:LeadingKeys': [this.recordKey] },
          },
        }),
      ],
    });
    table.encryptionKey?.grant(planter, 'kms:Decrypt', 'kms:GenerateDataKey');
    allowOutsideVpcEndpoint(table, awsApiCallRole(this));
    return {
      source: ['aws.dynamodb'],
      detailType: ['AWS API Call via CloudTrail'],
      detail: {
        eventSource: ['dynamodb.amazonaws.com'],
        requestParameters: { tableName: [table.tableName] },
        $or: [
          {
            eventName: [...DYNAMODB_ITEM_READ_EVENTS],
            requestParameters: { key: { [partitionKeyName]: [this.recordKey] } },
          },
          { eventName: [...DYNAMODB_TABLE_READ_EVENTS] },
        ],
      },
    };
  }
}

/**
 * The pattern, narrowed to callers outside the sessions of `roles`: any caller that is not an
 * assumed role, or an assumed role whose issuer is none of them.
 */
function withoutExpectedReaders(
  pattern: events.EventPattern,
  roles: iam.IRole[],
): events.EventPattern {
  if (roles.length === 0) return pattern;
  return {
    ...pattern,
    detail: {
      ...pattern.detail,
      userIdentity: {
        $or: [
          { type: [{ 'anything-but': ['AssumedRole'] }] },
          {
            sessionContext: {
              sessionIssuer: { arn: [{ 'anything-but': roles.map((role) => role.roleArn) }] },
            },
          },
        ],
      },
    },
  };
}

/** A store that limits data access to a VPC endpoint, with named exceptions (`PiiBucket`, `PiiTable`). */
interface VpcEndpointOnlyStore {
  allowAdministrativeAccess(role: iam.IRole): void;
}

/**
 * Lets the role that plants the canary reach a store that accepts data requests only through
 * its VPC endpoint: the planter runs outside the VPC and may only put the canary record.
 */
function allowOutsideVpcEndpoint(store: object, role: iam.IRole): void {
  const candidate = store as Partial<VpcEndpointOnlyStore>;
  if (typeof candidate.allowAdministrativeAccess === 'function') {
    candidate.allowAdministrativeAccess(role);
  }
}

function validate(
  scope: Construct,
  props: CanaryRecordProps,
  partitionKeyName: string | undefined,
): void {
  const problems = new Problems(scope);
  problems.check(
    (props.bucket === undefined) !== (props.table === undefined),
    'bucket',
    'or `table` must be given, exactly one of them: a canary record lives in one PII store',
    ['DPP-LM-6'],
    props.bucket === undefined ? 'neither' : 'both',
  );
  problems.check(
    props.table === undefined || partitionKeyName !== undefined,
    'partitionKeyName',
    'must name the partition key of an imported table',
    ['DPP-LM-6'],
    'undefined',
  );
  problems.throwIfAny();
}
