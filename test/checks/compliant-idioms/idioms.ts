import {
  App,
  CfnResource,
  Duration,
  RemovalPolicy,
  Stack,
  Tags,
  Validations,
  aws_backup as backup,
  aws_cloudwatch as cloudwatch,
  aws_cloudwatch_actions as cloudwatchActions,
  aws_events as events,
  aws_iam as iam,
  aws_kms as kms,
  aws_logs as logs,
  aws_sns as sns,
} from 'aws-cdk-lib';
import { CURRENTLY_RECOMMENDED_FLAGS } from 'aws-cdk-lib/cx-api';
import { Construct, IConstruct } from 'constructs';
import { OWNER_TAG } from '../../../constructs/common/owner';
import { findings, Finding } from '../../helpers';

/**
 * Building blocks of the compliant-idioms corpus: plain aws-cdk-lib code, written the way a user
 * who follows the DPP writes it without the cdk-dpp constructs.
 */

/**
 * An app as `cdk init` creates it today: the currently recommended feature flags (S3 server
 * access logs through a bucket policy, for one), without the built-in CloudFormation validation
 * and asset bundling the unit tests skip. Its owner tags every resource (DPP-DG-2).
 */
export function idiomApp(): App {
  const app = new App({
    builtinCloudFormationValidation: false,
    context: { ...CURRENTLY_RECOMMENDED_FLAGS, 'aws:cdk:bundling-stacks': [] },
  });
  Tags.of(app).add(OWNER_TAG, 'orders-team@seller.example');
  return app;
}

/** The actions a key administrator needs, without any use of the key on data. */
const KEY_ADMIN_ACTIONS = [
  'kms:Create*',
  'kms:Describe*',
  'kms:Enable*',
  'kms:List*',
  'kms:Put*',
  'kms:Update*',
  'kms:Revoke*',
  'kms:Disable*',
  'kms:Get*',
  'kms:Delete*',
  'kms:TagResource',
  'kms:UntagResource',
  'kms:ScheduleKeyDeletion',
  'kms:CancelKeyDeletion',
];

/**
 * A customer-managed key with rotation, kept on delete, whose policy gives the account
 * administration only (no use on data), so that use is granted to named principals.
 */
export function customerKey(scope: Construct, id: string): kms.Key {
  return new kms.Key(scope, id, {
    enableKeyRotation: true,
    removalPolicy: RemovalPolicy.RETAIN,
    pendingWindow: Duration.days(30),
    policy: new iam.PolicyDocument({
      statements: [
        new iam.PolicyStatement({
          sid: 'KeyAdministration',
          principals: [new iam.AccountRootPrincipal()],
          actions: KEY_ADMIN_ACTIONS,
          resources: ['*'],
        }),
      ],
    }),
  });
}

/**
 * Lets a role decrypt with the key: the role's policy through `grantDecrypt`, and the key
 * policy naming the role, because the key policy does not delegate use to the account.
 */
export function grantKeyUse(key: kms.Key, role: iam.IRole): void {
  key.grantDecrypt(role);
  key.addToResourcePolicy(
    new iam.PolicyStatement({
      principals: [role],
      actions: ['kms:Decrypt'],
      resources: ['*'],
    }),
  );
}

/** Lets CloudWatch Logs of the stack's region encrypt log groups with the key. */
export function allowLogsService(key: kms.Key): void {
  key.grantEncryptDecrypt(new iam.ServicePrincipal(`logs.${Stack.of(key).region}.amazonaws.com`));
}

/**
 * A log group encrypted with the key, kept 400 days (more than the 12 months the DPP asks for)
 * and masking PII with a data protection policy.
 */
export function protectedLogGroup(
  scope: Construct,
  id: string,
  key: kms.IKey,
  logGroupName?: string,
): logs.LogGroup {
  return new logs.LogGroup(scope, id, {
    logGroupName,
    encryptionKey: key,
    retention: logs.RetentionDays.THIRTEEN_MONTHS,
    removalPolicy: RemovalPolicy.RETAIN,
    dataProtectionPolicy: new logs.DataProtectionPolicy({
      name: 'mask-pii',
      identifiers: [
        logs.DataIdentifier.EMAILADDRESS,
        logs.DataIdentifier.ADDRESS,
        logs.DataIdentifier.NAME,
        logs.DataIdentifier.PHONENUMBER_US,
      ],
    }),
  });
}

/**
 * Sends the alarm to the stack's alarm topic (under a customer key, TLS only), so that it
 * notifies someone when it fires.
 */
export function notifying(alarm: cloudwatch.Alarm): cloudwatch.Alarm {
  const stack = Stack.of(alarm);
  const topic =
    (stack.node.tryFindChild('AlarmTopic') as sns.Topic | undefined) ??
    new sns.Topic(stack, 'AlarmTopic', {
      masterKey: customerKey(stack, 'AlarmTopicKey'),
      enforceSSL: true,
    });
  alarm.addAlarmAction(new cloudwatchActions.SnsAction(topic));
  return alarm;
}

/**
 * Gives the function aws-cdk-lib adds to empty a VPC's default security group an explicit log
 * group (encrypted, kept, masking PII) instead of the one Lambda would create on its own.
 */
export function logDefaultSecurityGroupProvider(stack: Stack, key: kms.IKey): void {
  const provider = stack.node.findChild('Custom::VpcRestrictDefaultSGCustomResourceProvider');
  const handler = provider.node.findChild('Handler') as CfnResource;
  const group = protectedLogGroup(stack, 'DefaultSecurityGroupLogs', key);
  handler.addPropertyOverride('LoggingConfig.LogGroup', group.logGroupName);
  handler.addDependency(group.node.defaultChild as CfnResource);
}

/**
 * A locked vault under a customer key and a daily plan that copies every recovery point to a
 * vault in another region.
 */
export function crossRegionBackupPlan(stack: Stack): backup.BackupPlan {
  const key = customerKey(stack, 'BackupKey');
  const vault = new backup.BackupVault(stack, 'Vault', {
    encryptionKey: key,
    lockConfiguration: { minRetention: Duration.days(7), changeableFor: Duration.days(3) },
    removalPolicy: RemovalPolicy.RETAIN,
  });
  const plan = new backup.BackupPlan(stack, 'Plan', { backupVault: vault });
  plan.addRule(
    new backup.BackupPlanRule({
      ruleName: 'Daily',
      scheduleExpression: events.Schedule.cron({ hour: '3', minute: '0' }),
      deleteAfter: Duration.days(30),
      copyActions: [
        {
          destinationBackupVault: backup.BackupVault.fromBackupVaultArn(
            stack,
            'CopyVault',
            'arn:aws:backup:eu-central-1:111111111111:backup-vault:dpp-copy',
          ),
          deleteAfter: Duration.days(30),
        },
      ],
    }),
  );
  return plan;
}

/** Why a stack alone is acknowledged for the app-wide trail and GuardDuty. */
export const ORGANIZATION_BASELINE_REASON =
  'The organization trail and GuardDuty of the management account cover this account in every ' +
  'region; a single workload stack does not deploy its own.';

/**
 * Acknowledges, on a stack, the two findings about what only the whole account can have (a
 * multi-region trail, GuardDuty), the way a workload stack in an organization does.
 */
export function acknowledgeOrganizationBaseline(stack: Stack): void {
  Validations.of(stack).acknowledge(
    { id: 'DPP-PiiAppTrail[NoMultiRegionValidatedTrail]', reason: ORGANIZATION_BASELINE_REASON },
    { id: 'DPP-PiiAppGuardDuty[NoGuardDuty]', reason: ORGANIZATION_BASELINE_REASON },
  );
}

/** Why a stack alone is acknowledged for the data events of its pii tables. */
export const ORGANIZATION_DATA_EVENTS_REASON =
  'The organization trail logs DynamoDB data events of every table of the account (an advanced ' +
  'event selector on resources.type AWS::DynamoDB::Table), outside this stack.';

/** Acknowledges, on a stack, the data events of pii tables that the organization trail logs. */
export function acknowledgeOrganizationDataEvents(stack: Stack): void {
  Validations.of(stack).acknowledge({
    id: 'DPP-PiiStoreAccessLogged[NoDataEvents]',
    reason: ORGANIZATION_DATA_EVENTS_REASON,
  });
}

/** The DppChecks findings of a scope, as `rule path` lines, for readable failures. */
export function dppFindings(scope: IConstruct): string[] {
  return findings(scope).map((f: Finding) => `${f.rule} ${f.path}`);
}
