import {
  App,
  Stack,
  Validations,
  aws_backup as backup,
  aws_cloudtrail as cloudtrail,
  aws_cloudwatch as cloudwatch,
  aws_cloudwatch_actions as cloudwatchActions,
  aws_docdb as docdb,
  aws_dynamodb as dynamodb,
  aws_events as events,
  aws_guardduty as guardduty,
  aws_redshift as redshift,
  aws_s3 as s3,
  aws_sns as sns,
  aws_sqs as sqs,
} from 'aws-cdk-lib';
import { DATA_CLASS_TAG, DataClass } from '../../../constructs/common/data-class';
import { DppMetadata } from '../../../constructs/common/dpp-metadata';
import { AuditLogBucket } from '../../../constructs/logging/audit-log-bucket';
import { AccountBaseline } from '../../../constructs/monitoring/account-baseline';
import { AccountService } from '../../../constructs/monitoring/account-service';
import { IncidentTopic } from '../../../constructs/monitoring/incident-topic';
import { findings, testApp, testStack } from '../../helpers';
import { classify, findingsOf, unresolvedString } from '../rule-helpers';

function piiTable(stack: Stack, id = 'Orders'): dynamodb.Table {
  return classify(
    new dynamodb.Table(stack, id, {
      partitionKey: { name: 'id', type: dynamodb.AttributeType.STRING },
    }),
    DataClass.PII,
  );
}

describe('PiiAppTrail', () => {
  const ID = 'PiiAppTrail';

  test('a PII store in an app without a trail is flagged', () => {
    const stack = testStack();
    piiTable(stack);
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[NoMultiRegionValidatedTrail]`]);
  });

  test('an L1 single-region trail does not count', () => {
    const stack = testStack();
    piiTable(stack);
    new cloudtrail.CfnTrail(stack, 'Trail', {
      isLogging: true,
      s3BucketName: 'audit',
      isMultiRegionTrail: false,
      enableLogFileValidation: true,
    });
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[NoMultiRegionValidatedTrail]`]);
  });

  test('a validated multi-region trail in another stack of the app complies', () => {
    const app = testApp();
    const data = new Stack(app, 'Data');
    piiTable(data);
    new cloudtrail.Trail(new Stack(app, 'Audit'), 'Trail');
    expect(findingsOf(data, ID)).toEqual([]);
  });

  test('is reported once per stack, on its first PII store, and acknowledged on the stack', () => {
    const stack = testStack();
    piiTable(stack, 'First');
    piiTable(stack, 'Second');
    expect(findings(stack).filter((f) => f.rule.startsWith(`DPP-${ID}`))).toEqual([
      { rule: `DPP-${ID}[NoMultiRegionValidatedTrail]`, path: 'Test/First/Resource' },
    ]);
    Validations.of(stack).acknowledge({
      id: `DPP-${ID}[NoMultiRegionValidatedTrail]`,
      reason: 'The organization trail of the management account logs every region of this account.',
    });
    expect(findingsOf(stack, ID)).toEqual([]);
  });

  test('stores of other classes are not judged', () => {
    const stack = testStack();
    classify(new sqs.Queue(stack, 'Queue'), DataClass.AMAZON_DATA);
    expect(findingsOf(stack, ID)).toEqual([]);
  });

  test('a trail whose multi-region flag cannot be resolved does not count', () => {
    const stack = testStack();
    piiTable(stack);
    new cloudtrail.CfnTrail(stack, 'Trail', {
      isLogging: true,
      s3BucketName: 'audit',
      isMultiRegionTrail: unresolvedString(stack) as unknown as boolean,
      enableLogFileValidation: true,
    });
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[NoMultiRegionValidatedTrail]`]);
  });
});

describe('PiiAppGuardDuty', () => {
  const ID = 'PiiAppGuardDuty';

  test('a PII store in an app without GuardDuty is flagged', () => {
    const stack = testStack();
    piiTable(stack);
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[NoGuardDuty]`]);
  });

  test('a disabled detector does not count', () => {
    const stack = testStack();
    piiTable(stack);
    new guardduty.CfnDetector(stack, 'Detector', { enable: false });
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[NoGuardDuty]`]);
  });

  test('an enabled detector complies', () => {
    const stack = testStack();
    piiTable(stack);
    new guardduty.CfnDetector(stack, 'Detector', { enable: true });
    expect(findingsOf(stack, ID)).toEqual([]);
  });

  test("an AccountBaseline that adopts the organization's detector complies through its recorded reason", () => {
    const app = testApp();
    piiTable(new Stack(app, 'Data'));
    const audit = new Stack(app, 'Audit');
    const reason = 'The GuardDuty delegated administrator enables it for every member account.';
    new AccountBaseline(audit, 'Baseline', {
      auditBucket: new AuditLogBucket(audit, 'AuditLogs'),
      incidentTopic: new IncidentTopic(audit, 'Incidents', { incidentEmail: 'a@example.com' }),
      accountServices: { guardDuty: AccountService.adopt({ reason }) },
    });
    expect(findingsOf(app.node.findChild('Data') as Stack, ID)).toEqual([]);
  });

  test('an event rule recording the adoption of another service does not count', () => {
    const stack = testStack();
    piiTable(stack);
    const rule = new events.CfnRule(stack, 'Route', {
      eventPattern: { source: ['aws.inspector2'] },
    });
    DppMetadata.of(rule).addOptOut({
      setting: 'accountServices.inspector',
      clauses: ['DPP-25-VULN'],
      reason: 'Inspector is enabled by the delegated administrator.',
    });
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[NoGuardDuty]`]);
  });
});

describe('PiiStoreBackedUp', () => {
  const ID = 'PiiStoreBackedUp';

  test('a PII table in no backup selection is flagged', () => {
    const stack = testStack();
    piiTable(stack);
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[NoBackupSelection]`]);
  });

  test('a selection of another table does not cover this one', () => {
    const stack = testStack();
    piiTable(stack);
    const other = piiTable(stack, 'Other');
    backup.BackupPlan.daily35DayRetention(stack, 'Plan').addSelection('Selection', {
      resources: [backup.BackupResource.fromDynamoDbTable(other)],
    });
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[NoBackupSelection]`]);
  });

  test('selection by reference, by pii tag, or in another stack of the app complies', () => {
    const app: App = testApp();
    const data = new Stack(app, 'Data');
    const table = piiTable(data);
    classify(new s3.Bucket(data, 'Bucket'), DataClass.PII);
    const plans = new Stack(app, 'Backups');
    backup.BackupPlan.daily35DayRetention(plans, 'Plan').addSelection('Selection', {
      resources: [backup.BackupResource.fromDynamoDbTable(table)],
    });
    backup.BackupPlan.daily35DayRetention(plans, 'Tagged').addSelection('ByTag', {
      resources: [backup.BackupResource.fromTag(DATA_CLASS_TAG, DataClass.PII)],
    });
    expect(findingsOf(data, ID)).toEqual([]);
  });

  test('a literal ARN pattern that matches the table name complies', () => {
    const stack = new Stack(testApp(), 'Data', {
      env: { account: '111111111111', region: 'eu-west-1' },
    });
    piiTable(stack, 'Refunds');
    (stack.node.findChild('Refunds').node.defaultChild as dynamodb.CfnTable).tableName =
      'refunds-eu';
    backup.BackupPlan.daily35DayRetention(stack, 'Plan').addSelection('Selection', {
      resources: [
        backup.BackupResource.fromArn(
          `arn:aws:dynamodb:${stack.region}:${stack.account}:table/refunds-*`,
        ),
      ],
    });
    expect(findingsOf(stack, ID)).toEqual([]);
  });

  test('an environment-agnostic stack: a pattern with its region token complies', () => {
    const stack = testStack();
    classify(new s3.Bucket(stack, 'Bucket', { bucketName: 'orders-eu' }), DataClass.PII);
    piiTable(stack, 'Ledger');
    (stack.node.findChild('Ledger').node.defaultChild as dynamodb.CfnTable).tableName = 'ledger';
    const plan = backup.BackupPlan.daily35DayRetention(stack, 'Plan');
    plan.addSelection('Buckets', {
      resources: [backup.BackupResource.fromArn('arn:aws:s3:::orders-*')],
    });
    plan.addSelection('Tables', {
      resources: [
        backup.BackupResource.fromArn(
          `arn:${stack.partition}:dynamodb:${stack.region}:${stack.account}:table/ledger`,
        ),
      ],
    });
    expect(findingsOf(stack, ID)).toEqual([]);
  });

  test('a pattern that names another table, region or an unnamed table does not cover it', () => {
    const app = testApp();
    const named = new Stack(app, 'Named', {
      env: { account: '111111111111', region: 'eu-west-1' },
    });
    piiTable(named, 'Refunds');
    (named.node.findChild('Refunds').node.defaultChild as dynamodb.CfnTable).tableName =
      'refunds-eu';
    const agnostic = new Stack(app, 'Agnostic');
    piiTable(agnostic, 'Ledger');
    (agnostic.node.findChild('Ledger').node.defaultChild as dynamodb.CfnTable).tableName = 'ledger';
    piiTable(agnostic, 'Unnamed');
    const plan = backup.BackupPlan.daily35DayRetention(new Stack(app, 'Backups'), 'Plan');
    plan.addSelection('Selection', {
      resources: [
        backup.BackupResource.fromArn('arn:aws:dynamodb:eu-west-1:111111111111:table/orders-*'),
        backup.BackupResource.fromArn('arn:aws:dynamodb:us-east-1:111111111111:table/refunds-*'),
        backup.BackupResource.fromArn('arn:aws:dynamodb:eu-west-1:111111111111:table/ledger'),
      ],
    });
    expect(findingsOf(named, ID)).toEqual([`DPP-${ID}[NoBackupSelection]`]);
    expect(
      findings(agnostic)
        .filter((f) => f.rule.startsWith(`DPP-${ID}`))
        .map((f) => f.path),
    ).toEqual(['Agnostic/Ledger/Resource', 'Agnostic/Unnamed/Resource']);
  });

  test('a selection of resources the rule cannot follow is reported, not passed', () => {
    const stack = testStack();
    piiTable(stack);
    new backup.CfnBackupSelection(stack, 'Selection', {
      backupPlanId: 'plan',
      backupSelection: {
        selectionName: 's',
        iamRoleArn: 'arn:aws:iam::111122223333:role/backup',
        resources: [unresolvedString(stack)],
      },
    });
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[Unresolved::BackupSelection]`]);
  });

  test('a PII warehouse or document database, which AWS Backup protects, needs a selection', () => {
    const stack = testStack();
    classify(
      new redshift.CfnCluster(stack, 'Warehouse', {
        clusterType: 'single-node',
        dbName: 'orders',
        masterUsername: 'admin',
        nodeType: 'ra3.large',
      }),
      DataClass.PII,
    );
    const docs = classify(new docdb.CfnDBCluster(stack, 'Docs'), DataClass.PII);
    backup.BackupPlan.daily35DayRetention(stack, 'Plan').addSelection('Selection', {
      resources: [
        backup.BackupResource.fromArn(`arn:aws:rds:eu-west-1:111122223333:cluster:${docs.ref}`),
      ],
    });
    expect(findings(stack).filter((f) => f.rule.startsWith(`DPP-${ID}[`))).toEqual([
      { rule: `DPP-${ID}[NoBackupSelection]`, path: 'Test/Warehouse' },
    ]);
  });

  test('a queue, which AWS Backup cannot protect, is not judged', () => {
    const stack = testStack();
    classify(new sqs.Queue(stack, 'Queue'), DataClass.PII);
    expect(findingsOf(stack, ID)).toEqual([]);
  });
});

describe('PiiStoreAlarmed', () => {
  const ID = 'PiiStoreAlarmed';

  test('a PII table no alarm watches is flagged', () => {
    const stack = testStack();
    piiTable(stack);
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[NotWatched]`]);
  });

  test('an L1 alarm on another table does not count', () => {
    const stack = testStack();
    piiTable(stack);
    new cloudwatch.CfnAlarm(stack, 'Alarm', {
      comparisonOperator: 'GreaterThanThreshold',
      evaluationPeriods: 1,
      threshold: 1,
      metricName: 'ConsumedReadCapacityUnits',
      namespace: 'AWS/DynamoDB',
      statistic: 'Sum',
      period: 300,
      dimensions: [{ name: 'TableName', value: 'some-other-table' }],
    });
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[NotWatched]`]);
  });

  test('an alarm on the table that notifies a topic complies', () => {
    const stack = testStack();
    piiTable(stack)
      .metricConsumedReadCapacityUnits()
      .createAlarm(stack, 'Reads', { threshold: 1000, evaluationPeriods: 1 })
      .addAlarmAction(new cloudwatchActions.SnsAction(new sns.Topic(stack, 'Topic')));
    expect(findingsOf(stack, ID)).toEqual([]);
  });

  test('an alarm on the table that notifies no one is ineffective', () => {
    const stack = testStack();
    piiTable(stack)
      .metricConsumedReadCapacityUnits()
      .createAlarm(stack, 'Reads', { threshold: 1000, evaluationPeriods: 1 });
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[NoEffectiveAlarm]`]);
  });
});

describe('PiiStoreAccessLogged', () => {
  const ID = 'PiiStoreAccessLogged';

  test('a PII bucket without data events or access logs is flagged', () => {
    const stack = testStack();
    classify(new s3.Bucket(stack, 'Bucket'), DataClass.PII);
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[NoDataEvents]`]);
  });

  test('a trail logging another bucket does not cover this one', () => {
    const stack = testStack();
    classify(new s3.Bucket(stack, 'Bucket'), DataClass.PII);
    new cloudtrail.Trail(stack, 'Trail').addS3EventSelector([
      { bucket: new s3.Bucket(stack, 'Other') },
    ]);
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[NoDataEvents]`]);
  });

  test('data events for the bucket and the table, or server access logs, comply', () => {
    const stack = testStack();
    const bucket = classify(new s3.Bucket(stack, 'Bucket'), DataClass.PII);
    const table = piiTable(stack);
    classify(
      new s3.Bucket(stack, 'Logged', {
        serverAccessLogsBucket: classify(
          new s3.Bucket(stack, 'AccessLogs'),
          DataClass.NO_AMAZON_DATA,
        ),
      }),
      DataClass.PII,
    );
    const trail = new cloudtrail.Trail(stack, 'Trail');
    trail.addS3EventSelector([{ bucket }]);
    new cloudtrail.CfnTrail(stack, 'TableTrail', {
      isLogging: true,
      s3BucketName: 'audit',
      advancedEventSelectors: [
        {
          fieldSelectors: [
            { field: 'eventCategory', equalTo: ['Data'] },
            { field: 'resources.type', equalTo: ['AWS::DynamoDB::Table'] },
            { field: 'resources.ARN', equalTo: [table.tableArn] },
          ],
        },
      ],
    });
    expect(findingsOf(stack, ID)).toEqual([]);
  });
});
