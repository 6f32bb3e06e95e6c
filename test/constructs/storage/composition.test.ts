import {
  Duration,
  aws_backup as backup,
  aws_cloudtrail as cloudtrail,
  aws_cloudwatch as cloudwatch,
  aws_cloudwatch_actions as cloudwatchActions,
  aws_guardduty as guardduty,
  aws_iam as iam,
  aws_sns as sns,
} from 'aws-cdk-lib';
import { DppChecks, PiiDatabase, PiiReaderRole } from '../../../lib';
import { allPacks, findings, owned, testStack } from '../../helpers';
import { piiStoresInDataVpc } from '../fixtures';
import { APP_LEVEL_RULES, constructFindings } from './composition';

const DATA = { purpose: 'Ship orders', piiFields: ['shippingAddress'] };

function appLevelFindings(stack: ReturnType<typeof testStack>): string[] {
  return findings(stack, [new DppChecks()])
    .filter((f) => APP_LEVEL_RULES.includes(f.rule.replace(/\[.*\]$/, '')))
    .map((f) => `${f.rule} ${f.path}`);
}

function stores() {
  const stack = owned(testStack());
  const { vpc, bucket, table } = piiStoresInDataVpc(stack, DATA);
  const database = new PiiDatabase(stack, 'Invoices', { vpc, data: DATA });
  return { stack, bucket, table, database };
}

describe('the data plane composed into an app', () => {
  test('together, with a reader, the stores have no other finding from any pack', () => {
    const { stack, bucket, table, database } = stores();
    new PiiReaderRole(stack, 'Reader', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      stores: [bucket, table, database],
    });
    expect(constructFindings(stack, allPacks())).toEqual([]);
  });

  test('alone, each PII store reports what the app still lacks', () => {
    const { stack } = stores();
    const rules = new Set(appLevelFindings(stack).map((f) => f.split(' ')[0]));
    expect([...rules].sort()).toEqual([
      'DPP-PiiAppGuardDuty[NoGuardDuty]',
      'DPP-PiiAppTrail[NoMultiRegionValidatedTrail]',
      'DPP-PiiStoreAccessLogged[NoDataEvents]',
      'DPP-PiiStoreAlarmed[NotWatched]',
      'DPP-PiiStoreBackedUp[NoBackupSelection]',
    ]);
  });

  test('with a trail, GuardDuty, backups and alarms, no app-level rule fires', () => {
    const { stack, bucket, table, database } = stores();
    const trail = new cloudtrail.Trail(stack, 'Trail', {
      isMultiRegionTrail: true,
      enableFileValidation: true,
    });
    trail.addS3EventSelector([{ bucket }]);
    // aws-cdk-lib's selector types stop at Lambda and S3; DynamoDB data events go on the L1.
    (trail.node.defaultChild as cloudtrail.CfnTrail).addPropertyOverride('EventSelectors.1', {
      IncludeManagementEvents: false,
      ReadWriteType: 'All',
      DataResources: [{ Type: 'AWS::DynamoDB::Table', Values: [table.tableArn] }],
    });
    new guardduty.CfnDetector(stack, 'Detector', { enable: true });
    const plan = new backup.BackupPlan(stack, 'Plan');
    plan.addRule(backup.BackupPlanRule.daily());
    plan.addSelection('Stores', {
      resources: [
        backup.BackupResource.fromArn(bucket.bucketArn),
        backup.BackupResource.fromConstruct(table),
        backup.BackupResource.fromRdsDatabaseInstance(database),
      ],
    });
    // An alarm counts when it notifies someone.
    const notify = new cloudwatchActions.SnsAction(new sns.Topic(stack, 'Incidents'));
    const watch = (id: string, namespace: string, dimensionsMap: Record<string, string>) =>
      new cloudwatch.Alarm(stack, id, {
        metric: new cloudwatch.Metric({
          namespace,
          metricName: 'Requests',
          dimensionsMap,
          period: Duration.minutes(5),
        }),
        threshold: 1,
        evaluationPeriods: 1,
      }).addAlarmAction(notify);
    watch('BucketAlarm', 'AWS/S3', { BucketName: bucket.bucketName });
    watch('TableAlarm', 'AWS/DynamoDB', { TableName: table.tableName });
    watch('DatabaseAlarm', 'AWS/RDS', { DBInstanceIdentifier: database.instanceIdentifier });
    expect(appLevelFindings(stack)).toEqual([]);
  });
});
