import {
  Duration,
  RemovalPolicy,
  Stack,
  aws_backup as backup,
  aws_cloudtrail as cloudtrail,
  aws_cloudwatch as cloudwatch,
  aws_cloudwatch_actions as cloudwatchActions,
  aws_dynamodb as dynamodb,
  aws_events as events,
  aws_events_targets as targets,
  aws_kinesis as kinesis,
  aws_kms as kms,
  aws_lambda as lambda,
  aws_logs as logs,
  aws_s3 as s3,
  aws_s3_deployment as s3deploy,
  aws_s3_notifications as s3n,
  aws_sns as sns,
  aws_sqs as sqs,
  custom_resources as cr,
} from 'aws-cdk-lib';
import { DataClass } from '../../../constructs/common/data-class';
import { LOG_PII_IDENTIFIERS } from '../../../constructs/logging/log-data-protection';
import { DataVpc } from '../../../constructs/network/data-vpc';
import { PiiTable } from '../../../constructs/storage/pii-table';
import { findings, testApp, testStack } from '../../helpers';
import { classify, findingsOf, unresolvedNumber, unresolvedString } from '../rule-helpers';

/**
 * Retention, logging, backup and key-lifecycle weaknesses written the way a user would write
 * them, in shapes the rules must see through.
 */

/** A versioned pii bucket whose one lifecycle rule expires everything after 7 days. */
function piiBucket(stack: Stack, id = 'Bucket', props: s3.BucketProps = {}): s3.Bucket {
  return classify(
    new s3.Bucket(stack, id, {
      versioned: true,
      lifecycleRules: [
        { expiration: Duration.days(7), noncurrentVersionExpiration: Duration.days(7) },
      ],
      ...props,
    }),
    DataClass.PII,
  );
}

describe('S3BucketExpiryByClass sees through', () => {
  const ID = 'S3BucketExpiryByClass';
  const finding = (f: string) => `DPP-${ID}[${f}]`;

  test('the compliant baseline', () => {
    const stack = testStack();
    piiBucket(stack);
    expect(findingsOf(stack, ID)).toEqual([]);
  });

  test('a rule that keeps the newest noncurrent versions by count', () => {
    const stack = testStack();
    piiBucket(stack, 'Bucket', {
      lifecycleRules: [
        {
          expiration: Duration.days(7),
          noncurrentVersionExpiration: Duration.days(7),
          noncurrentVersionsToRetain: 3,
        },
      ],
    });
    expect(findingsOf(stack, ID)).toEqual([finding('NoncurrentExpiration')]);
  });

  test('a rule disabled by an override', () => {
    const stack = testStack();
    const bucket = piiBucket(stack);
    (bucket.node.defaultChild as s3.CfnBucket).addPropertyOverride(
      'LifecycleConfiguration.Rules.0.Status',
      'Disabled',
    );
    expect(findingsOf(stack, ID)).toEqual([finding('Expiration'), finding('NoncurrentExpiration')]);
  });

  test('a rule narrowed to a tag or to large objects', () => {
    const stack = testStack();
    piiBucket(stack, 'Tagged', {
      lifecycleRules: [
        {
          expiration: Duration.days(7),
          noncurrentVersionExpiration: Duration.days(7),
          tagFilters: { expire: 'yes' },
        },
      ],
    });
    piiBucket(stack, 'Large', {
      lifecycleRules: [
        {
          expiration: Duration.days(7),
          noncurrentVersionExpiration: Duration.days(7),
          objectSizeGreaterThan: 1024,
        },
      ],
    });
    expect(findingsOf(stack, ID)).toEqual([finding('Expiration'), finding('NoncurrentExpiration')]);
  });

  test('a Filter block set by an override narrows the rule, an empty prefix does not', () => {
    const narrowed = testStack();
    const bucket = piiBucket(narrowed);
    (bucket.node.defaultChild as s3.CfnBucket).addPropertyOverride(
      'LifecycleConfiguration.Rules.0.Filter',
      { Prefix: 'tmp/' },
    );
    expect(findingsOf(narrowed, ID)).toEqual([
      finding('Expiration'),
      finding('NoncurrentExpiration'),
    ]);
    const whole = testStack();
    const all = piiBucket(whole);
    (all.node.defaultChild as s3.CfnBucket).addPropertyOverride(
      'LifecycleConfiguration.Rules.0.Filter',
      { Prefix: '' },
    );
    expect(findingsOf(whole, ID)).toEqual([]);
  });

  test('removing expired delete markers or archiving with Intelligent-Tiering deletes nothing', () => {
    const stack = testStack();
    piiBucket(stack, 'Bucket', {
      lifecycleRules: [{ expiredObjectDeleteMarker: true }],
      intelligentTieringConfigurations: [
        { name: 'archive', archiveAccessTierTime: Duration.days(90) },
      ],
    });
    expect(findingsOf(stack, ID)).toEqual([finding('Expiration'), finding('NoncurrentExpiration')]);
  });

  test.each([
    [s3.ObjectLockRetention.compliance(Duration.days(90))],
    [s3.ObjectLockRetention.governance(Duration.days(365))],
  ])('an Object Lock default retention past the limit (%o)', (retention) => {
    const stack = testStack();
    piiBucket(stack, 'Bucket', { objectLockEnabled: true, objectLockDefaultRetention: retention });
    expect(findingsOf(stack, ID)).toEqual([finding('ObjectLockOutlivesLimit')]);
  });

  test('an Object Lock retention the synth cannot resolve is reported', () => {
    const stack = testStack();
    piiBucket(stack, 'Bucket', {
      objectLockEnabled: true,
      objectLockDefaultRetention: s3.ObjectLockRetention.compliance(Duration.days(7)),
    });
    const bucket = stack.node.findChild('Bucket') as s3.Bucket;
    (bucket.node.defaultChild as s3.CfnBucket).addPropertyOverride(
      'ObjectLockConfiguration.Rule.DefaultRetention.Days',
      unresolvedNumber(stack),
    );
    expect(findingsOf(stack, ID)).toEqual([finding('Unresolved::ObjectLock')]);
  });

  test('an Object Lock retention within the limit complies', () => {
    const stack = testStack();
    piiBucket(stack, 'Bucket', {
      objectLockEnabled: true,
      objectLockDefaultRetention: s3.ObjectLockRetention.compliance(Duration.days(7)),
    });
    expect(findingsOf(stack, ID)).toEqual([]);
  });

  test('a replica in a bucket of a longer-lived class, or outside the app', () => {
    const stack = testStack();
    const archive = classify(
      new s3.Bucket(stack, 'Archive', { versioned: true }),
      DataClass.NO_AMAZON_DATA,
    );
    piiBucket(stack, 'Bucket', {
      replicationRules: [{ destination: archive, priority: 1 }],
    });
    expect(findingsOf(stack, ID)).toEqual([finding('ReplicaOutlivesLimit')]);

    const outside = testStack();
    piiBucket(outside, 'Bucket', {
      replicationRules: [
        {
          destination: s3.Bucket.fromBucketArn(outside, 'Elsewhere', 'arn:aws:s3:::elsewhere'),
          priority: 1,
        },
      ],
    });
    expect(findingsOf(outside, ID)).toEqual([finding('Unresolved::ReplicationDestination')]);
  });

  test('a replica in another pii bucket of the app complies', () => {
    const stack = testStack();
    const copy = piiBucket(stack, 'Copy');
    piiBucket(stack, 'Bucket', { replicationRules: [{ destination: copy, priority: 1 }] });
    expect(findingsOf(stack, ID)).toEqual([]);
  });
});

describe('S3AuditLogBucketLocked sees through', () => {
  const ID = 'S3AuditLogBucketLocked';

  function auditBucket(stack: Stack, rules: s3.LifecycleRule[]): s3.Bucket {
    return classify(
      new s3.Bucket(stack, 'Logs', {
        versioned: true,
        objectLockEnabled: true,
        objectLockDefaultRetention: s3.ObjectLockRetention.compliance(Duration.days(90)),
        lifecycleRules: rules,
      }),
      DataClass.AUDIT_LOG,
    );
  }

  test('a filtered rule that deletes some logs early', () => {
    const stack = testStack();
    auditBucket(stack, [
      { expiration: Duration.days(400) },
      { prefix: 'AWSLogs/', expiration: Duration.days(30) },
    ]);
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[EarlyExpiration]`]);
  });

  test('a rule that keeps a few noncurrent versions but deletes the rest early', () => {
    const stack = testStack();
    auditBucket(stack, [
      {
        expiration: Duration.days(400),
        noncurrentVersionExpiration: Duration.days(1),
        noncurrentVersionsToRetain: 5,
      },
    ]);
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[EarlyExpiration]`]);
  });

  test('a rule on a fixed date', () => {
    const stack = testStack();
    auditBucket(stack, [{ expirationDate: new Date('2030-01-01T00:00:00Z') }]);
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[EarlyExpiration]`]);
  });

  test('a rule whose status is a parameter', () => {
    const stack = testStack();
    const bucket = auditBucket(stack, [{ expiration: Duration.days(1) }]);
    (bucket.node.defaultChild as s3.CfnBucket).addPropertyOverride(
      'LifecycleConfiguration.Rules.0.Status',
      unresolvedString(stack),
    );
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[Unresolved::Status]`]);
  });

  test('expiring after 400 days complies', () => {
    const stack = testStack();
    auditBucket(stack, [
      { expiration: Duration.days(400), noncurrentVersionExpiration: Duration.days(400) },
    ]);
    expect(findingsOf(stack, ID)).toEqual([]);
  });
});

describe('DynamoDbTableTtlByClass sees through', () => {
  const ID = 'DynamoDbTableTtlByClass';

  test('a TTL disabled by an override, or enabled without an attribute', () => {
    const stack = testStack();
    const table = classify(
      new dynamodb.Table(stack, 'Orders', {
        partitionKey: { name: 'id', type: dynamodb.AttributeType.STRING },
        timeToLiveAttribute: 'expiresAt',
      }),
      DataClass.PII,
    );
    (table.node.defaultChild as dynamodb.CfnTable).addPropertyOverride(
      'TimeToLiveSpecification.Enabled',
      false,
    );
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[NoTimeToLive]`]);

    const noName = testStack();
    classify(
      new dynamodb.CfnTable(noName, 'Orders', {
        keySchema: [{ attributeName: 'id', keyType: 'HASH' }],
        attributeDefinitions: [{ attributeName: 'id', attributeType: 'S' }],
        billingMode: 'PAY_PER_REQUEST',
        timeToLiveSpecification: { enabled: true, attributeName: '' },
      }),
      DataClass.PII,
    );
    expect(findingsOf(noName, ID)).toEqual([`DPP-${ID}[NoTimeToLive]`]);
  });

  test('a PiiTable whose recovery period is stretched by an override', () => {
    const stack = testStack();
    const table = new PiiTable(stack, 'Orders', {
      vpcEndpoint: new DataVpc(stack, 'Vpc').dynamoDbEndpoint,
      data: { purpose: 'Track orders until shipment', piiFields: ['buyerEmail'] },
      partitionKey: { name: 'id', type: dynamodb.AttributeType.STRING },
      timeToLiveAttribute: 'expiresAt',
    });
    (table.node.defaultChild as dynamodb.CfnTable).addPropertyOverride(
      'PointInTimeRecoverySpecification.RecoveryPeriodInDays',
      35,
    );
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[PitrOutlivesLimit]`]);
  });

  test('an enabled TTL with an attribute complies', () => {
    const stack = testStack();
    classify(
      new dynamodb.Table(stack, 'Orders', {
        partitionKey: { name: 'id', type: dynamodb.AttributeType.STRING },
        timeToLiveAttribute: 'expiresAt',
      }),
      DataClass.PII,
    );
    expect(findingsOf(stack, ID)).toEqual([]);
  });
});

describe('TrailMultiRegionValidated and PiiAppTrail see through', () => {
  const ID = 'TrailMultiRegionValidated';
  const finding = (f: string) => `DPP-${ID}[${f}]`;

  /** An L2 trail that would comply, with a pii table that needs it. */
  function trailStack(props: cloudtrail.TrailProps = {}): {
    stack: Stack;
    trail: cloudtrail.Trail;
  } {
    const stack = testStack();
    classify(
      new dynamodb.Table(stack, 'Orders', {
        partitionKey: { name: 'id', type: dynamodb.AttributeType.STRING },
      }),
      DataClass.PII,
    );
    const trail = new cloudtrail.Trail(stack, 'Trail', {
      encryptionKey: new kms.Key(stack, 'Key'),
      ...props,
    });
    return { stack, trail };
  }
  const appFinding = ['DPP-PiiAppTrail[NoMultiRegionValidatedTrail]'];

  test('the compliant baseline', () => {
    const { stack } = trailStack();
    expect(findingsOf(stack, ID)).toEqual([]);
    expect(findingsOf(stack, 'PiiAppTrail')).toEqual([]);
  });

  test('a trail stopped by an override', () => {
    const { stack, trail } = trailStack();
    (trail.node.defaultChild as cloudtrail.CfnTrail).addPropertyOverride('IsLogging', false);
    expect(findingsOf(stack, ID)).toEqual([finding('NotLogging')]);
    expect(findingsOf(stack, 'PiiAppTrail')).toEqual(appFinding);
  });

  test.each([[cloudtrail.ReadWriteType.WRITE_ONLY], [cloudtrail.ReadWriteType.READ_ONLY]])(
    'a trail recording management events %s',
    (managementEvents) => {
      const { stack } = trailStack({ managementEvents });
      expect(findingsOf(stack, ID)).toEqual([finding('NoManagementEvents')]);
      expect(findingsOf(stack, 'PiiAppTrail')).toEqual(appFinding);
    },
  );

  test('a read-only selector and a write-only selector together record everything', () => {
    const { stack, trail } = trailStack();
    (trail.node.defaultChild as cloudtrail.CfnTrail).addPropertyOverride('EventSelectors', [
      { IncludeManagementEvents: true, ReadWriteType: 'ReadOnly' },
      { IncludeManagementEvents: true, ReadWriteType: 'WriteOnly' },
    ]);
    expect(findingsOf(stack, ID)).toEqual([]);
  });

  test('a selector that leaves out KMS events', () => {
    const { stack, trail } = trailStack();
    trail.addS3EventSelector([{ bucket: new s3.Bucket(stack, 'Data') }], {
      includeManagementEvents: true,
      excludeManagementEventSources: [cloudtrail.ManagementEventSources.KMS],
    });
    expect(findingsOf(stack, ID)).toEqual([finding('ExcludedEventSources')]);
    expect(findingsOf(stack, 'PiiAppTrail')).toEqual(appFinding);
  });

  test('advanced selectors that record only reads, or leave out an event source', () => {
    const { stack, trail } = trailStack();
    (trail.node.defaultChild as cloudtrail.CfnTrail).addPropertyOverride('AdvancedEventSelectors', [
      {
        FieldSelectors: [
          { Field: 'eventCategory', Equals: ['Management'] },
          { Field: 'readOnly', Equals: ['true'] },
        ],
      },
    ]);
    expect(findingsOf(stack, ID)).toEqual([finding('NoManagementEvents')]);

    const excluded = trailStack();
    (excluded.trail.node.defaultChild as cloudtrail.CfnTrail).addPropertyOverride(
      'AdvancedEventSelectors',
      [
        {
          FieldSelectors: [
            { Field: 'eventCategory', Equals: ['Management'] },
            { Field: 'eventSource', NotEquals: ['kms.amazonaws.com'] },
          ],
        },
      ],
    );
    expect(findingsOf(excluded.stack, ID)).toEqual([finding('ExcludedEventSources')]);
    expect(findingsOf(excluded.stack, 'PiiAppTrail')).toEqual(appFinding);
  });

  test('advanced selectors of data events only record no management events', () => {
    const { stack, trail } = trailStack();
    (trail.node.defaultChild as cloudtrail.CfnTrail).addPropertyOverride('AdvancedEventSelectors', [
      {
        FieldSelectors: [
          { Field: 'eventCategory', Equals: ['Data'] },
          { Field: 'resources.type', Equals: ['AWS::S3::Object'] },
        ],
      },
    ]);
    expect(findingsOf(stack, ID)).toEqual([finding('NoManagementEvents')]);
    expect(findingsOf(stack, 'PiiAppTrail')).toEqual(appFinding);
  });

  test('a selector whose management flag is a parameter is reported', () => {
    const { stack, trail } = trailStack();
    (trail.node.defaultChild as cloudtrail.CfnTrail).addPropertyOverride('EventSelectors', [
      { IncludeManagementEvents: unresolvedString(stack) },
    ]);
    expect(findingsOf(stack, ID)).toEqual([finding('Unresolved::IncludeManagementEvents')]);
  });
});

describe('LogGroupDataProtection sees through', () => {
  const ID = 'LogGroupDataProtection';
  const arn = (i: logs.DataIdentifier) => `arn:aws:dataprotection::aws:data-identifier/${i.name}`;

  /** A policy document that audits `audited` and masks `masked`. */
  function policy(audited: logs.DataIdentifier[], masked: logs.DataIdentifier[]) {
    return {
      Name: 'p',
      Version: '2021-06-01',
      Statement: [
        {
          Sid: 'audit',
          DataIdentifier: audited.map(arn),
          Operation: { Audit: { FindingsDestination: {} } },
        },
        {
          Sid: 'mask',
          DataIdentifier: masked.map(arn),
          Operation: { Deidentify: { MaskConfig: {} } },
        },
      ],
    };
  }
  const all = [...LOG_PII_IDENTIFIERS];

  test('an L2 policy that masks e-mail addresses only', () => {
    const stack = testStack();
    new logs.LogGroup(stack, 'Logs', {
      dataProtectionPolicy: new logs.DataProtectionPolicy({
        identifiers: [logs.DataIdentifier.EMAILADDRESS],
      }),
    });
    expect(findingsOf(stack, ID)).toEqual([
      `DPP-${ID}[UncoveredIdentifiers::Name,Address,PhoneNumber]`,
    ]);
  });

  test('an L1 policy given as JSON text (an override) that masks fewer identifiers than it audits', () => {
    const stack = testStack();
    new logs.CfnLogGroup(stack, 'Logs').addPropertyOverride(
      'DataProtectionPolicy',
      JSON.stringify(policy(all, [logs.DataIdentifier.NAME])),
    );
    expect(findingsOf(stack, ID)).toEqual([
      `DPP-${ID}[UncoveredIdentifiers::Address,EmailAddress,PhoneNumber]`,
    ]);
  });

  test('an L1 policy as JSON text covering every identifier complies', () => {
    const stack = testStack();
    new logs.CfnLogGroup(stack, 'Logs').addPropertyOverride(
      'DataProtectionPolicy',
      JSON.stringify(policy(all, all)),
    );
    expect(findingsOf(stack, ID)).toEqual([]);
  });

  test('names, addresses, e-mail and the phone numbers of one country are enough', () => {
    const stack = testStack();
    const personal = [
      logs.DataIdentifier.NAME,
      logs.DataIdentifier.ADDRESS,
      logs.DataIdentifier.EMAILADDRESS,
      logs.DataIdentifier.PHONENUMBER_US,
    ];
    new logs.CfnLogGroup(stack, 'Logs', { dataProtectionPolicy: policy(personal, personal) });
    expect(findingsOf(stack, ID)).toEqual([]);
  });

  test('a policy that masks without auditing', () => {
    const stack = testStack();
    const document = policy(all, all);
    new logs.CfnLogGroup(stack, 'Logs', {
      dataProtectionPolicy: { ...document, Statement: [document.Statement[1]] },
    });
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[NoAudit]`]);
  });

  test('a data protection account policy covering every identifier protects every log group', () => {
    const stack = testStack();
    new logs.LogGroup(stack, 'Logs');
    new logs.CfnAccountPolicy(stack, 'Masking', {
      policyName: 'mask',
      policyType: 'DATA_PROTECTION_POLICY',
      policyDocument: JSON.stringify(policy(all, all)),
    });
    expect(findingsOf(stack, ID)).toEqual([]);
  });

  test('an account policy that masks one identifier, or is not a data protection policy, does not', () => {
    const stack = testStack();
    new logs.LogGroup(stack, 'Logs');
    new logs.CfnAccountPolicy(stack, 'Masking', {
      policyName: 'mask',
      policyType: 'DATA_PROTECTION_POLICY',
      policyDocument: JSON.stringify(
        policy([logs.DataIdentifier.NAME], [logs.DataIdentifier.NAME]),
      ),
    });
    new logs.CfnAccountPolicy(stack, 'Subscription', {
      policyName: 'sub',
      policyType: 'SUBSCRIPTION_FILTER_POLICY',
      policyDocument: JSON.stringify(policy(all, all)),
    });
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[NoDataProtectionPolicy]`]);
  });
});

/** A pii table named `name`, or with a generated name. */
function piiTable(stack: Stack, id = 'Orders', tableName?: string): dynamodb.Table {
  return classify(
    new dynamodb.Table(stack, id, {
      tableName,
      partitionKey: { name: 'id', type: dynamodb.AttributeType.STRING },
    }),
    DataClass.PII,
  );
}

/** A plan with one daily rule that keeps recovery points `days` days. */
function dailyPlan(stack: Stack, rule: backup.BackupPlanRuleProps = {}): backup.BackupPlan {
  const plan = new backup.BackupPlan(stack, 'Plan');
  plan.addRule(
    new backup.BackupPlanRule({ ruleName: 'Daily', deleteAfter: Duration.days(7), ...rule }),
  );
  return plan;
}

describe('PiiStoreBackedUp sees through', () => {
  const ID = 'PiiStoreBackedUp';

  test('an ARN pattern of every table selects the table', () => {
    const stack = testStack();
    piiTable(stack);
    dailyPlan(stack).addSelection('All', {
      resources: [backup.BackupResource.fromArn('arn:aws:dynamodb:*:*:table/*')],
    });
    expect(findingsOf(stack, ID)).toEqual([]);
  });

  test('an ARN pattern of named tables selects a table by its name, or cannot tell', () => {
    const named = testStack();
    piiTable(named, 'Orders', 'orders-eu');
    dailyPlan(named).addSelection('Orders', {
      resources: [backup.BackupResource.fromArn('arn:aws:dynamodb:*:*:table/orders-*')],
    });
    expect(findingsOf(named, ID)).toEqual([]);

    const other = testStack();
    piiTable(other, 'Orders', 'shipments-eu');
    dailyPlan(other).addSelection('Orders', {
      resources: [backup.BackupResource.fromArn('arn:aws:dynamodb:*:*:table/orders-*')],
    });
    expect(findingsOf(other, ID)).toEqual([`DPP-${ID}[NoBackupSelection]`]);

    const generated = testStack();
    piiTable(generated);
    dailyPlan(generated).addSelection('Orders', {
      resources: [backup.BackupResource.fromArn('arn:aws:dynamodb:*:*:table/orders-*')],
    });
    expect(findingsOf(generated, ID)).toEqual([`DPP-${ID}[Unresolved::BackupSelection]`]);
  });

  test('a pattern of another service or resource type does not select the table', () => {
    const stack = testStack();
    piiTable(stack);
    dailyPlan(stack).addSelection('Buckets', {
      resources: [
        backup.BackupResource.fromArn('arn:aws:s3:::*'),
        backup.BackupResource.fromArn('arn:aws:dynamodb:*:*:global-table/*'),
      ],
    });
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[NoBackupSelection]`]);
  });

  test('NotResources takes the table out of a selection of everything', () => {
    const stack = testStack();
    const table = piiTable(stack);
    const selection = dailyPlan(stack).addSelection('Everything', {
      resources: [backup.BackupResource.fromArn('*')],
    });
    (selection.node.defaultChild as backup.CfnBackupSelection).addPropertyOverride(
      'BackupSelection.NotResources',
      [table.tableArn],
    );
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[NoBackupSelection]`]);
  });

  test('a condition that excludes pii-tagged resources', () => {
    const stack = testStack();
    piiTable(stack);
    new backup.CfnBackupSelection(stack, 'Selection', {
      backupPlanId: dailyPlan(stack).backupPlanId,
      backupSelection: {
        selectionName: 'not-pii',
        iamRoleArn: 'arn:aws:iam::111122223333:role/backup',
        resources: ['arn:aws:dynamodb:*:*:table/*'],
        conditions: {
          StringNotEquals: [
            { ConditionKey: 'aws:ResourceTag/dpp:data-class', ConditionValue: DataClass.PII },
          ],
        },
      },
    });
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[NoBackupSelection]`]);
  });

  test('a tag selection of another class, and the pii tag selection', () => {
    const stack = testStack();
    piiTable(stack);
    dailyPlan(stack).addSelection('AmazonData', {
      resources: [backup.BackupResource.fromTag('dpp:data-class', DataClass.AMAZON_DATA)],
    });
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[NoBackupSelection]`]);

    const tagged = testStack();
    piiTable(tagged);
    dailyPlan(tagged).addSelection('Pii', {
      resources: [backup.BackupResource.fromTag('dpp:data-class', DataClass.PII)],
    });
    expect(findingsOf(tagged, ID)).toEqual([]);
  });
});

describe('BackupPlanRetention sees through', () => {
  const ID = 'BackupPlanRetention';
  const copyVault = 'arn:aws:backup:eu-central-1:111122223333:backup-vault:copies';

  test('a rule without deleteAfter keeps pii recovery points forever', () => {
    const stack = testStack();
    piiTable(stack);
    const plan = new backup.BackupPlan(stack, 'Plan');
    plan.addRule(new backup.BackupPlanRule({ ruleName: 'Daily' }));
    plan.addSelection('Pii', {
      resources: [backup.BackupResource.fromTag('dpp:data-class', DataClass.PII)],
    });
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[KeptForever::Daily]`]);
  });

  test('a copy action without deleteAfter keeps the copies forever', () => {
    const stack = testStack();
    const table = piiTable(stack);
    dailyPlan(stack, {
      copyActions: [
        { destinationBackupVault: backup.BackupVault.fromBackupVaultArn(stack, 'C', copyVault) },
      ],
    }).addSelection('Orders', { resources: [backup.BackupResource.fromDynamoDbTable(table)] });
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[CopyKeptForever::Daily]`]);
  });

  test('a wildcard selection of every table makes the plan a pii plan', () => {
    const stack = testStack();
    piiTable(stack);
    dailyPlan(stack, { deleteAfter: Duration.days(90) }).addSelection('All', {
      resources: [backup.BackupResource.fromArn('arn:aws:dynamodb:*:*:table/*')],
    });
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[RetainedTooLong::Daily]`]);
  });

  test('an L1 rule stretched by an override', () => {
    const stack = testStack();
    const table = piiTable(stack);
    const plan = dailyPlan(stack);
    plan.addSelection('Orders', { resources: [backup.BackupResource.fromDynamoDbTable(table)] });
    (plan.node.defaultChild as backup.CfnBackupPlan).addPropertyOverride(
      'BackupPlan.BackupPlanRule.0.Lifecycle.DeleteAfterDays',
      365,
    );
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[RetainedTooLong::Daily]`]);
  });

  test('cold storage for less than 90 days is rejected by AWS Backup', () => {
    const stack = testStack();
    const table = classify(
      new dynamodb.Table(stack, 'Reports', {
        partitionKey: { name: 'id', type: dynamodb.AttributeType.STRING },
      }),
      DataClass.AMAZON_DATA,
    );
    dailyPlan(stack, {
      moveToColdStorageAfter: Duration.days(30),
      deleteAfter: Duration.days(100),
    }).addSelection('Reports', { resources: [backup.BackupResource.fromDynamoDbTable(table)] });
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[ColdStorageTooShort::Daily]`]);
  });
});

describe('BackupVaultEncryptedLocked sees through', () => {
  const ID = 'BackupVaultEncryptedLocked';

  test('an L1 lock without ChangeableForDays, and the AWS managed key by alias', () => {
    const stack = testStack();
    new backup.CfnBackupVault(stack, 'Vault', {
      backupVaultName: 'v',
      encryptionKeyArn: 'arn:aws:kms:eu-west-1:111122223333:alias/aws/backup',
      lockConfiguration: { minRetentionDays: 7, maxRetentionDays: 30 },
    });
    expect(findingsOf(stack, ID)).toEqual([
      `DPP-${ID}[AwsManagedKey]`,
      `DPP-${ID}[GovernanceLock]`,
    ]);
  });
});

describe('LambdaLogGroupExplicit sees through', () => {
  const ID = 'LambdaLogGroupExplicit';
  const code = lambda.Code.fromInline('exports.handler = async () => {};');
  const fn = { runtime: lambda.Runtime.NODEJS_24_X, handler: 'index.handler', code };
  const finding = `DPP-${ID}[ImplicitLogGroup]`;

  test('the retention a logRetention custom resource sets does not declare the group', () => {
    const stack = testStack();
    // logRetention is deprecated, which is why users still meet it in older code.
    jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    new lambda.Function(stack, 'Fn', { ...fn, logRetention: logs.RetentionDays.ONE_YEAR });
    jest.restoreAllMocks();
    // The function and the function of the LogRetention custom resource both log implicitly.
    expect(
      findings(stack)
        .filter((f) => f.rule === finding)
        .map((f) => f.path),
    ).toEqual(['Test/Fn/Resource', 'Test/LogRetentionaae0aa3c5b4d4f87b02d85b201efdd8a/Resource']);
  });

  test('the function behind an AwsCustomResource without a log group', () => {
    const stack = testStack();
    new cr.AwsCustomResource(stack, 'Call', {
      onCreate: {
        service: 'STS',
        action: 'GetCallerIdentity',
        physicalResourceId: cr.PhysicalResourceId.of('x'),
      },
      policy: cr.AwsCustomResourcePolicy.fromSdkCalls({
        resources: cr.AwsCustomResourcePolicy.ANY_RESOURCE,
      }),
      installLatestAwsSdk: false,
    });
    expect(findingsOf(stack, ID)).toEqual([finding]);
  });

  test('the provider function of autoDeleteObjects', () => {
    const stack = testStack();
    new s3.Bucket(stack, 'Scratch', {
      autoDeleteObjects: true,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    expect(
      findings(stack)
        .filter((f) => f.rule === finding)
        .map((f) => f.path),
    ).toEqual(['Test/Custom::S3AutoDeleteObjectsCustomResourceProvider/Handler']);
  });

  /** The paths of the functions the rule finds logging implicitly. */
  const implicit = (stack: Stack) =>
    findings(stack)
      .filter((f) => f.rule === finding)
      .map((f) => f.path);

  test('the singleton handler behind bucket.addEventNotification', () => {
    const stack = testStack();
    const bucket = new s3.Bucket(stack, 'Bucket');
    bucket.addEventNotification(
      s3.EventType.OBJECT_CREATED,
      new s3n.SqsDestination(new sqs.Queue(stack, 'Queue')),
    );
    // A CfnResource of type AWS::Lambda::Function, not a lambda.Function.
    expect(implicit(stack)).toEqual([
      'Test/BucketNotificationsHandler050a0587b7544547bf325f094a3db834/Resource',
    ]);
  });

  test('the export writer of a cross-region reference', () => {
    const app = testApp();
    const env = { account: '111122223333' };
    const keys = new Stack(app, 'Keys', {
      env: { ...env, region: 'us-east-1' },
      crossRegionReferences: true,
    });
    const key = new kms.Key(keys, 'Key');
    const consumer = new Stack(app, 'Consumer', {
      env: { ...env, region: 'eu-west-1' },
      crossRegionReferences: true,
    });
    new sqs.Queue(consumer, 'Queue', { encryptionMasterKey: key });
    expect(implicit(keys)).toEqual([
      'Keys/Custom::CrossRegionExportWriterCustomResourceProvider/Handler',
    ]);
    expect(implicit(consumer)).toEqual([
      'Consumer/Custom::CrossRegionExportReaderCustomResourceProvider/Handler',
    ]);
  });

  test('the singleton handler of a BucketDeployment', () => {
    const stack = testStack();
    new s3deploy.BucketDeployment(stack, 'Deploy', {
      sources: [s3deploy.Source.data('orders/README.txt', 'no data here')],
      destinationBucket: new s3.Bucket(stack, 'Site'),
    });
    expect(implicit(stack)).toEqual([
      'Test/Custom::CDKBucketDeployment8693BB64968944B69AAFB0CC9EB8756C/Resource',
    ]);
  });

  test('the user function and the framework function of a custom resource Provider', () => {
    const stack = testStack();
    const onEvent = new lambda.Function(stack, 'OnEvent', fn);
    new cr.Provider(stack, 'Provider', { onEventHandler: onEvent });
    expect(implicit(stack)).toEqual([
      'Test/OnEvent/Resource',
      'Test/Provider/framework-onEvent/Resource',
    ]);
  });

  test('a log group name that no log group of the app declares', () => {
    const stack = testStack();
    new lambda.CfnFunction(stack, 'Fn', {
      role: 'arn:aws:iam::111122223333:role/r',
      code: { zipFile: 'x' },
      loggingConfig: { logGroup: '/shared/functions' },
    });
    new logs.CfnLogGroup(stack, 'Other', { logGroupName: '/aws/lambda/other' });
    expect(findingsOf(stack, ID)).toEqual([finding]);
  });

  test('a declared /aws/lambda/ group built from the generated function name complies', () => {
    const stack = testStack();
    const f = new lambda.Function(stack, 'Fn', fn);
    new logs.LogGroup(stack, 'Logs', { logGroupName: `/aws/lambda/${f.functionName}` });
    expect(findingsOf(stack, ID)).toEqual([]);
  });
});

describe('PiiStoreAlarmed sees through', () => {
  const ID = 'PiiStoreAlarmed';
  const ineffective = [`DPP-${ID}[NoEffectiveAlarm]`];

  /** An alarm on the pii table's reads that notifies a topic, with `props` on top. */
  function alarmed(props: Partial<cloudwatch.CreateAlarmOptions> = {}) {
    const stack = testStack();
    const alarm = piiTable(stack)
      .metricConsumedReadCapacityUnits({ period: Duration.minutes(5) })
      .createAlarm(stack, 'Reads', { threshold: 1000, evaluationPeriods: 1, ...props });
    const topic = new sns.Topic(stack, 'Topic');
    alarm.addAlarmAction(new cloudwatchActions.SnsAction(topic));
    return { stack, alarm, topic };
  }

  test('the compliant baseline', () => {
    expect(findingsOf(alarmed().stack, ID)).toEqual([]);
  });

  test('an alarm whose actions are disabled', () => {
    expect(findingsOf(alarmed({ actionsEnabled: false }).stack, ID)).toEqual(ineffective);
  });

  test('a threshold no traffic reaches, or a comparison that fires when traffic falls', () => {
    expect(findingsOf(alarmed({ threshold: 1e12 }).stack, ID)).toEqual(ineffective);
    expect(
      findingsOf(
        alarmed({ comparisonOperator: cloudwatch.ComparisonOperator.LESS_THAN_THRESHOLD }).stack,
        ID,
      ),
    ).toEqual(ineffective);
  });

  test('more than a day of breaching periods before it fires', () => {
    expect(findingsOf(alarmed({ evaluationPeriods: 300 }).stack, ID)).toEqual(ineffective);
  });

  test('an alarm without its own action counts through a composite alarm that notifies', () => {
    const stack = testStack();
    const alarm = piiTable(stack)
      .metricConsumedReadCapacityUnits()
      .createAlarm(stack, 'Reads', { threshold: 1000, evaluationPeriods: 1 });
    const composite = new cloudwatch.CompositeAlarm(stack, 'Composite', {
      alarmRule: cloudwatch.AlarmRule.fromAlarm(alarm, cloudwatch.AlarmState.ALARM),
    });
    composite.addAlarmAction(new cloudwatchActions.SnsAction(new sns.Topic(stack, 'Topic')));
    expect(findingsOf(stack, ID)).toEqual([]);

    const silenced = testStack();
    const child = piiTable(silenced)
      .metricConsumedReadCapacityUnits()
      .createAlarm(silenced, 'Reads', { threshold: 1000, evaluationPeriods: 1 });
    const off = new cloudwatch.CompositeAlarm(silenced, 'Composite', {
      alarmRule: cloudwatch.AlarmRule.fromAlarm(child, cloudwatch.AlarmState.ALARM),
      actionsEnabled: false,
    });
    off.addAlarmAction(new cloudwatchActions.SnsAction(new sns.Topic(silenced, 'Topic')));
    expect(findingsOf(silenced, ID)).toEqual(ineffective);
  });

  /** An event rule on reads of the pii table, with `props` on top. */
  function ruleOn(stack: Stack, table: dynamodb.Table, props: Partial<events.RuleProps> = {}) {
    return new events.Rule(stack, 'Canary', {
      eventPattern: {
        source: ['aws.dynamodb'],
        detail: { requestParameters: { tableName: [table.tableName] } },
      },
      targets: [new targets.SnsTopic(new sns.Topic(stack, 'Topic'))],
      ...props,
    });
  }

  test('an enabled event rule with a target complies; a disabled one does not', () => {
    const stack = testStack();
    ruleOn(stack, piiTable(stack));
    expect(findingsOf(stack, ID)).toEqual([]);
    const disabled = testStack();
    ruleOn(disabled, piiTable(disabled), { enabled: false });
    expect(findingsOf(disabled, ID)).toEqual(ineffective);
  });

  test('an event rule without a target', () => {
    const stack = testStack();
    ruleOn(stack, piiTable(stack), { targets: [] });
    expect(findingsOf(stack, ID)).toEqual(ineffective);
  });

  test('a rule that only delivers to the store does not watch it', () => {
    const stack = testStack();
    const queue = classify(new sqs.Queue(stack, 'Inbox'), DataClass.PII);
    new events.Rule(stack, 'Forward', {
      eventPattern: { source: ['aws.s3'] },
      targets: [new targets.SqsQueue(queue)],
    });
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[NotWatched]`]);
  });
});

describe('KmsKeyRetainedWithData and KmsKeyRotation see through', () => {
  const ID = 'KmsKeyRetainedWithData';
  const both = [`DPP-${ID}[DeletionPolicy]`, `DPP-${ID}[UpdateReplacePolicy]`];

  test('an L1 key without a deletion policy under a retained log group', () => {
    const stack = testStack();
    const key = new kms.CfnKey(stack, 'Key', { keyPolicy: {}, enableKeyRotation: true });
    new logs.LogGroup(stack, 'Logs', {
      encryptionKey: kms.Key.fromKeyArn(stack, 'Imported', key.attrArn),
      removalPolicy: RemovalPolicy.RETAIN,
    });
    expect(findingsOf(stack, ID)).toEqual(both);
  });

  test('a key whose removal policy is changed after the fact, in another stack than the table', () => {
    const app = testApp();
    const keys = new Stack(app, 'Keys');
    const key = new kms.Key(keys, 'Key', { enableKeyRotation: true });
    key.applyRemovalPolicy(RemovalPolicy.DESTROY);
    const data = new Stack(app, 'Data');
    new dynamodb.Table(data, 'Orders', {
      partitionKey: { name: 'id', type: dynamodb.AttributeType.STRING },
      encryption: dynamodb.TableEncryption.CUSTOMER_MANAGED,
      encryptionKey: key,
    });
    expect(findingsOf(keys, ID)).toEqual(both);
  });

  test('the key of a trail, whose log files outlive it in their bucket', () => {
    const stack = testStack();
    new cloudtrail.Trail(stack, 'Trail', {
      encryptionKey: new kms.Key(stack, 'Key', {
        enableKeyRotation: true,
        removalPolicy: RemovalPolicy.DESTROY,
      }),
    });
    expect(findingsOf(stack, ID)).toEqual(both);
  });

  test('an asymmetric key under a bucket is not AES-256; rotation as text is read as a flag', () => {
    const stack = testStack();
    const key = new kms.CfnKey(stack, 'Key', {
      keyPolicy: {},
      keySpec: 'RSA_2048',
      keyUsage: 'ENCRYPT_DECRYPT',
    });
    key.applyRemovalPolicy(RemovalPolicy.RETAIN);
    new s3.CfnBucket(stack, 'Bucket', {
      bucketEncryption: {
        serverSideEncryptionConfiguration: [
          {
            serverSideEncryptionByDefault: {
              sseAlgorithm: 'aws:kms',
              kmsMasterKeyId: key.attrArn,
            },
          },
        ],
      },
    });
    const text = new kms.CfnKey(stack, 'Text', { keyPolicy: {} });
    text.addPropertyOverride('EnableKeyRotation', 'true');
    expect(findingsOf(stack, 'KmsKeyRotation')).toEqual(['DPP-KmsKeyRotation[NotAes256]']);
  });
});

describe('KinesisStreamRetentionByClass sees through', () => {
  const ID = 'KinesisStreamRetentionByClass';

  test('a retention of 31 days, or of a year as text through an override', () => {
    const stack = testStack();
    classify(
      new kinesis.Stream(stack, 'Orders', { retentionPeriod: Duration.days(31) }),
      DataClass.PII,
    );
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[RetentionTooLong]`]);

    const text = testStack();
    const stream = classify(new kinesis.Stream(text, 'Orders'), DataClass.PII);
    (stream.node.defaultChild as kinesis.CfnStream).addPropertyOverride(
      'RetentionPeriodHours',
      '8760',
    );
    expect(findingsOf(text, ID)).toEqual([`DPP-${ID}[RetentionTooLong]`]);
  });

  test('the default of 24 hours complies', () => {
    const stack = testStack();
    classify(new kinesis.Stream(stack, 'Orders'), DataClass.PII);
    expect(findingsOf(stack, ID)).toEqual([]);
  });
});
