import {
  CfnResource,
  Duration,
  Stack,
  Stage,
  aws_dynamodb as dynamodb,
  aws_ec2 as ec2,
  aws_iam as iam,
  aws_s3 as s3,
  aws_sns as sns,
} from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { DATA_CLASS_TAG } from '../../../constructs/common/data-class';
import { PII_MAX_RETENTION } from '../../../constructs/common/retention-limits';
import { PiiKey } from '../../../constructs/encryption/pii-key';
import { IncidentTopic } from '../../../constructs/monitoring/incident-topic';
import {
  PII_BACKUP_ALERT_STATES,
  PiiBackupPlan,
} from '../../../constructs/retention/pii-backup-plan';
import {
  PII_BACKUP_COPY_VAULT_NAME,
  PiiBackupVault,
} from '../../../constructs/retention/pii-backup-vault';
import { DppChecks } from '../../../lib/checks';
import { allPacks, findings, ruleNames, testApp, testStack } from '../../helpers';
import { orderTable } from '../fixtures';

function incidentTopic(stack: Stack): IncidentTopic {
  return new IncidentTopic(stack, 'Incidents', { incidentEmail: 'security@example.com' });
}

function backupPlan(stack: Stack = testStack()) {
  const plan = new PiiBackupPlan(stack, 'Backups', {
    copyRegion: 'eu-central-1',
    incidentTopic: incidentTopic(stack),
  });
  return { stack, plan };
}

function piiTable(stack: Stack, key: PiiKey): dynamodb.Table {
  const table = new dynamodb.Table(stack, 'Orders', {
    partitionKey: { name: 'orderId', type: dynamodb.AttributeType.STRING },
    encryption: dynamodb.TableEncryption.CUSTOMER_MANAGED,
    encryptionKey: key,
  });
  (table.node.defaultChild as dynamodb.CfnTable).tags.setTag(DATA_CLASS_TAG, 'pii');
  return table;
}

describe('PiiBackupPlan', () => {
  test('has zero findings from every pack', () => {
    const { stack } = backupPlan();
    expect(findings(stack, allPacks())).toEqual([]);
  });

  test('backs up daily, keeps 7 days and copies to the vault of the second region', () => {
    const { stack } = backupPlan();
    Template.fromStack(stack).hasResourceProperties('AWS::Backup::BackupPlan', {
      BackupPlan: {
        BackupPlanRule: [
          Match.objectLike({
            RuleName: 'DailyWithCrossRegionCopy',
            ScheduleExpression: 'cron(0 3 * * ? *)',
            Lifecycle: { DeleteAfterDays: 7 },
            CopyActions: [
              {
                DestinationBackupVaultArn: {
                  'Fn::Join': [
                    '',
                    [
                      'arn:',
                      { Ref: 'AWS::Partition' },
                      ':backup:eu-central-1:',
                      { Ref: 'AWS::AccountId' },
                      `:backup-vault:${PII_BACKUP_COPY_VAULT_NAME}`,
                    ],
                  ],
                },
                Lifecycle: { DeleteAfterDays: 7 },
              },
            ],
          }),
        ],
      },
    });
  });

  test('the vault is encrypted with a customer-managed key, locked, denies deletes, is retained', () => {
    const { stack, plan } = backupPlan();
    Template.fromStack(stack).hasResource('AWS::Backup::BackupVault', {
      // Deleted only when the deployment that creates it rolls back: empty, lock in its grace period.
      DeletionPolicy: 'RetainExceptOnCreate',
      UpdateReplacePolicy: 'Retain',
      Properties: Match.objectLike({
        EncryptionKeyArn: stack.resolve(plan.vault.key.keyArn),
        LockConfiguration: {
          MinRetentionDays: 7,
          MaxRetentionDays: PII_MAX_RETENTION.toDays(),
          ChangeableForDays: 3,
        },
        AccessPolicy: {
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Deny',
              Principal: { AWS: '*' },
              Action: ['backup:DeleteRecoveryPoint', 'backup:UpdateRecoveryPointLifecycle'],
              Resource: '*',
            },
          ],
        },
      }),
    });
  });

  test('failed, aborted and expired jobs reach the incident topic', () => {
    const { stack } = backupPlan();
    Template.fromStack(stack).hasResourceProperties('AWS::Events::Rule', {
      EventPattern: {
        source: ['aws.backup'],
        'detail-type': [
          'Backup Job State Change',
          'Copy Job State Change',
          'Restore Job State Change',
        ],
        detail: { state: [...PII_BACKUP_ALERT_STATES] },
      },
      Targets: [Match.objectLike({ Arn: { Ref: Match.stringLikeRegexp('^Incidents') } })],
    });
  });

  test('a restore-testing plan restores the latest recovery point of the vault every week', () => {
    const { stack, plan } = backupPlan();
    Template.fromStack(stack).hasResourceProperties('AWS::Backup::RestoreTestingPlan', {
      ScheduleExpression: 'cron(0 6 ? * SUN *)',
      RecoveryPointSelection: {
        Algorithm: 'LATEST_WITHIN_WINDOW',
        IncludeVaults: [stack.resolve(plan.vault.backupVaultArn)],
        RecoveryPointTypes: ['SNAPSHOT'],
        SelectionWindowDays: 7,
      },
    });
  });

  test('addStore selects the store for backup and restore tests, and lets AWS Backup use its key', () => {
    const stack = testStack();
    const { plan } = backupPlan(stack);
    const key = new PiiKey(stack, 'TableKey');
    const table = piiTable(stack, key);
    plan.addStore(table, key);
    const template = Template.fromStack(stack);
    const tableArn = stack.resolve(table.tableArn);
    template.hasResourceProperties('AWS::Backup::BackupSelection', {
      BackupSelection: {
        IamRoleArn: stack.resolve(plan.backupRole.roleArn),
        Resources: [tableArn],
      },
    });
    template.hasResourceProperties('AWS::Backup::RestoreTestingSelection', {
      ProtectedResourceType: 'DynamoDB',
      ProtectedResourceArns: [tableArn],
      RestoreTestingPlanName: { Ref: Match.stringLikeRegexp('^BackupsRestoreTestingPlan') },
      IamRoleArn: stack.resolve(plan.backupRole.roleArn),
    });
    template.hasResourceProperties('AWS::IAM::ManagedPolicy', {
      Roles: [stack.resolve(plan.backupRole.roleName)],
      PolicyDocument: {
        Statement: [
          {
            Effect: 'Allow',
            Action: ['kms:Decrypt', 'kms:Encrypt', 'kms:GenerateDataKey', 'kms:DescribeKey'],
            Resource: stack.resolve(key.keyArn),
          },
        ],
      },
    });
    expect(ruleNames(stack, allPacks())).not.toContain('DPP-PiiStoreBackedUp[NoBackupSelection]');
  });

  test('addStore makes AWS Backup an exception of a PiiTable endpoint-only policy and uses its key', () => {
    const stack = testStack();
    const { plan } = backupPlan(stack);
    const orders = orderTable(
      stack,
      'Orders',
      ec2.GatewayVpcEndpoint.fromGatewayVpcEndpointId(stack, 'Endpoint', 'vpce-1'),
      { purpose: 'Track orders until shipment', piiFields: ['buyerEmail'] },
    );
    plan.addStore(orders);
    const template = Template.fromStack(stack);
    const roleArn = stack.resolve(plan.backupRole.roleArn);
    const table = Object.values(template.findResources('AWS::DynamoDB::Table'))[0];
    const deny = table.Properties.ResourcePolicy.PolicyDocument.Statement.find(
      (st: { Sid?: string }) => st.Sid === 'DenyDataAccessOutsideVpcEndpoint',
    );
    expect(JSON.stringify(deny.Condition)).toContain(JSON.stringify(roleArn));
    template.hasResourceProperties('AWS::IAM::ManagedPolicy', {
      Roles: [stack.resolve(plan.backupRole.roleName)],
      PolicyDocument: {
        Statement: [Match.objectLike({ Resource: stack.resolve(orders.encryptionKey?.keyArn) })],
      },
    });
    const backedUp = findings(stack, [new DppChecks()]).filter((f) =>
      f.rule.startsWith('DPP-PiiStoreBackedUp'),
    );
    expect(backedUp).toEqual([]);
  });

  test('the backup role has AWS Backup service policies and is assumed by AWS Backup only', () => {
    const { stack, plan } = backupPlan();
    const managed = (path: string) => ({
      'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, `:iam::aws:policy/${path}`]],
    });
    const role = Template.fromStack(stack).findResources('AWS::IAM::Role', {
      Properties: {
        AssumeRolePolicyDocument: {
          Statement: [Match.objectLike({ Principal: { Service: 'backup.amazonaws.com' } })],
        },
      },
    });
    expect(Object.keys(role)).toEqual([
      stack.getLogicalId(plan.backupRole.node.defaultChild as CfnResource),
    ]);
    // The S3 policies live at the root path, the others under service-role/.
    expect(Object.values(role)[0].Properties.ManagedPolicyArns).toEqual(
      expect.arrayContaining([
        managed('service-role/AWSBackupServiceRolePolicyForBackup'),
        managed('service-role/AWSBackupServiceRolePolicyForRestores'),
        managed('AWSBackupServiceRolePolicyForS3Backup'),
        managed('AWSBackupServiceRolePolicyForS3Restore'),
      ]),
    );
  });

  test('keeps every recovery point and copy in warm storage: no cold-storage transition', () => {
    const { stack } = backupPlan();
    const plans = Template.fromStack(stack).findResources('AWS::Backup::BackupPlan');
    const [rule] = Object.values(plans)[0].Properties.BackupPlan.BackupPlanRule;
    expect([rule.Lifecycle, rule.CopyActions[0].Lifecycle]).toEqual([
      { DeleteAfterDays: 7 },
      { DeleteAfterDays: 7 },
    ]);
  });
});

describe('PiiBackupPlan copy region at deployment', () => {
  const rule = (copyRegion: string) => ({
    Assertions: [
      {
        Assert: { 'Fn::Not': [{ 'Fn::Equals': [{ Ref: 'AWS::Region' }, copyRegion] }] },
        AssertDescription:
          'DPP-25-BACKUP: the backups are copied to the region this stack is deployed in, so a ' +
          'regional failure would take both; set the copy region (`copyRegion` of ' +
          'PiiBackupPlan, `backupCopyRegion` of DppEnvironment) to another region.',
      },
    ],
  });

  test('an environment-agnostic stack refuses, in a template rule, a deployment into the copy region', () => {
    const { stack } = backupPlan();
    const rules = Template.fromStack(stack).toJSON().Rules as Record<string, unknown>;
    const ids = Object.keys(rules).filter((id) => id.includes('CopyRegionDiffersFromStackRegion'));
    expect(ids).toHaveLength(1);
    expect(rules[ids[0]]).toEqual(rule('eu-central-1'));
  });

  test('a stack of a known region is judged at synth time and carries no rule', () => {
    const stack = new Stack(testApp(), 'S', {
      env: { region: 'eu-west-1', account: '111122223333' },
    });
    backupPlan(stack);
    const rules = (Template.fromStack(stack).toJSON().Rules ?? {}) as Record<string, unknown>;
    expect(Object.keys(rules)).toEqual(['CheckBootstrapVersion']);
  });
});

describe('PiiBackupPlan Region settings', () => {
  /** The Region settings custom resource of the stack, by logical id (none when absent). */
  function regionSettings(stack: Stack): Record<string, { Properties: Record<string, string> }> {
    const resources = Template.fromStack(stack).findResources('Custom::AWS');
    const entries = Object.entries(resources) as [string, { Properties: Record<string, string> }][];
    return Object.fromEntries(entries.filter(([id]) => id.startsWith('BackupsRegionSettings')));
  }

  test('turns on advanced DynamoDB backup and the opt-in of every protected type, and leaves them on', () => {
    const { stack } = backupPlan();
    const settings = Object.values(regionSettings(stack));
    expect(settings).toHaveLength(1);
    const { Properties: properties } = settings[0];
    const create = JSON.parse(properties.Create);
    expect(create).toEqual({
      service: 'Backup',
      action: 'updateRegionSettings',
      parameters: {
        ResourceTypeManagementPreference: { DynamoDB: true },
        ResourceTypeOptInPreference: {
          Aurora: true,
          DynamoDB: true,
          EFS: true,
          RDS: true,
          S3: true,
        },
      },
      physicalResourceId: { id: 'backup-region-settings' },
    });
    expect(JSON.parse(properties.Update)).toEqual(create);
    expect(properties.Delete).toBeUndefined();
  });

  test('the call may update the Region settings and nothing else of AWS Backup', () => {
    const { stack } = backupPlan();
    const policies = Template.fromStack(stack).findResources('AWS::IAM::ManagedPolicy');
    const backupStatements = Object.values(policies)
      .flatMap((p) => p.Properties.PolicyDocument.Statement as { Action: unknown }[])
      .filter((st) => JSON.stringify(st.Action).includes('backup:'));
    expect(backupStatements).toEqual([
      { Effect: 'Allow', Action: 'backup:UpdateRegionSettings', Resource: '*' },
    ]);
  });

  test('the plan is created once the settings are on', () => {
    const { stack } = backupPlan();
    const plans = Template.fromStack(stack).findResources('AWS::Backup::BackupPlan');
    expect(Object.values(plans)[0].DependsOn).toEqual(
      expect.arrayContaining(Object.keys(regionSettings(stack))),
    );
    expect(Object.keys(regionSettings(stack))).toHaveLength(1);
  });

  test('regionSettingsManagedElsewhere leaves the settings alone and records the reason', () => {
    const stack = testStack();
    const reason = 'The organization backup policy turns on advanced DynamoDB backup everywhere.';
    new PiiBackupPlan(stack, 'Backups', {
      copyRegion: 'eu-central-1',
      incidentTopic: incidentTopic(stack),
      regionSettingsManagedElsewhere: { reason },
    });
    expect(regionSettings(stack)).toEqual({});
    const plans = Template.fromStack(stack).findResources('AWS::Backup::BackupPlan');
    expect(Object.values(plans)[0].Metadata['cdk-dpp'].optOuts).toEqual([
      { setting: 'regionSettingsManagedElsewhere', clauses: ['DPP-25-BACKUP', 'DPP-DR-4'], reason },
    ]);
    expect(findings(stack, allPacks())).toEqual([]);
  });
});

describe('the backup role named for the copy vault key', () => {
  test('backupRoleNameOf names the stage and the copy region, within 64 characters', () => {
    const app = testApp();
    const long = new Stack(new Stage(app, 'B'.repeat(70)), 'S');
    expect([
      PiiBackupVault.backupRoleNameOf(new Stack(app, 'S'), 'eu-central-1'),
      PiiBackupVault.backupRoleNameOf(new Stack(new Stage(app, 'Prod'), 'S'), 'eu-central-1'),
      PiiBackupVault.backupRoleNameOf(long, 'eu-central-1').length,
    ]).toEqual(['cdk-dpp-pii-backup-to-eu-central-1', 'Prod-pii-backup-to-eu-central-1', 64]);
  });

  test('backupRoleName names the backup role', () => {
    const stack = testStack();
    const plan = new PiiBackupPlan(stack, 'Backups', {
      copyRegion: 'eu-central-1',
      incidentTopic: incidentTopic(stack),
      backupRoleName: 'Prod-pii-backup-to-eu-central-1',
    });
    const role = plan.backupRole.node.defaultChild as CfnResource;
    expect(Template.fromStack(stack).toJSON().Resources[stack.getLogicalId(role)]).toMatchObject({
      Properties: { RoleName: 'Prod-pii-backup-to-eu-central-1' },
    });
  });

  test('grantCopiesFrom lets the role of another region use the vault key, RDS grants included', () => {
    const stack = new Stack(testApp(), 'Copy', { env: { region: 'eu-central-1' } });
    const vault = new PiiBackupVault(stack, 'Copies', {
      backupVaultName: PII_BACKUP_COPY_VAULT_NAME,
    });
    const role = iam.Role.fromRoleName(stack, 'Source', 'cdk-dpp-pii-backup-to-eu-central-1', {
      mutable: false,
    });
    vault.grantCopiesFrom(role);
    const keys = Template.fromStack(stack).findResources('AWS::KMS::Key');
    const statements = Object.values(keys)[0].Properties.KeyPolicy.Statement as {
      Principal?: unknown;
      Action: unknown;
    }[];
    expect(
      statements.filter((st) => JSON.stringify(st.Principal).includes('pii-backup-to')),
    ).toEqual([
      {
        Effect: 'Allow',
        Principal: {
          AWS: {
            'Fn::Join': [
              '',
              [
                'arn:',
                { Ref: 'AWS::Partition' },
                ':iam::',
                { Ref: 'AWS::AccountId' },
                ':role/cdk-dpp-pii-backup-to-eu-central-1',
              ],
            ],
          },
        },
        Action: [
          'kms:DescribeKey',
          'kms:CreateGrant',
          'kms:Encrypt',
          'kms:Decrypt',
          'kms:GenerateDataKey',
        ],
        Resource: '*',
      },
    ]);
    expect(findings(stack, allPacks())).toEqual([]);
  });
});

describe('PiiBackupVault.copyVaultNameOf', () => {
  test('outside a stage it is PII_BACKUP_COPY_VAULT_NAME, inside one the stage names it', () => {
    const app = testApp();
    const prod = new Stage(app, 'Prod');
    const staging = new Stage(app, 'Staging');
    expect([
      PiiBackupVault.copyVaultNameOf(new Stack(app, 'S')),
      PiiBackupVault.copyVaultNameOf(new Stack(prod, 'S')),
      PiiBackupVault.copyVaultNameOf(new Stack(staging, 'S')),
    ]).toEqual([PII_BACKUP_COPY_VAULT_NAME, 'Prod-pii-backup-copies', 'Staging-pii-backup-copies']);
  });

  test('a long stage name is cut to 50 characters and keeps its own hash', () => {
    const app = testApp();
    const long = 'A'.repeat(60);
    const names = [`${long}1`, `${long}2`].map((id) =>
      PiiBackupVault.copyVaultNameOf(new Stack(new Stage(app, id), 'S')),
    );
    expect(names.map((name) => name.length)).toEqual([50, 50]);
    expect(names.every((name) => /^[A-Za-z0-9_-]{2,50}$/.test(name))).toBe(true);
    expect(names[0]).not.toEqual(names[1]);
  });

  test("the plan of a stage copies to its stage's vault", () => {
    const stack = new Stack(new Stage(testApp(), 'Prod'), 'Data');
    const { plan } = backupPlan(stack);
    expect(stack.resolve(plan.copyVaultArn)).toEqual({
      'Fn::Join': [
        '',
        [
          'arn:',
          { Ref: 'AWS::Partition' },
          ':backup:eu-central-1:',
          { Ref: 'AWS::AccountId' },
          ':backup-vault:Prod-pii-backup-copies',
        ],
      ],
    });
  });
});

describe('PiiBackupPlan validation', () => {
  function planWith(props: { copyRegion?: string; retention?: Duration; region?: string }) {
    const stack = new Stack(testApp(), 'S', {
      env: props.region ? { region: props.region, account: '111122223333' } : undefined,
    });
    return () =>
      new PiiBackupPlan(stack, 'Backups', {
        copyRegion: props.copyRegion ?? 'eu-central-1',
        retention: props.retention,
        incidentTopic: incidentTopic(stack),
      });
  }

  test.each([31, 60])('a retention of %d days throws with DPP-DR-1', (days) => {
    expect(planWith({ retention: Duration.days(days) })).toThrow(
      `\`retention\` must be at most 30 days (DPP-DR-1), got: ${days} days`,
    );
  });

  test('a retention under a day throws with DPP-DR-4', () => {
    expect(planWith({ retention: Duration.hours(12) })).toThrow(
      '`retention` must be at least 1 days (DPP-DR-4), got: 0.5 days',
    );
  });

  test.each([1, 30])('a retention of %d days is accepted', (days) => {
    expect(planWith({ retention: Duration.days(days) })).not.toThrow();
  });

  test('the lock keeps recovery points for the whole retention, up to 29 days', () => {
    const lockOf = (days: number) => {
      const stack = testStack();
      new PiiBackupPlan(stack, 'Backups', {
        copyRegion: 'eu-central-1',
        retention: Duration.days(days),
        incidentTopic: incidentTopic(stack),
      });
      return Template.fromStack(stack).findResources('AWS::Backup::BackupVault');
    };
    const minOf = (days: number) =>
      Object.values(lockOf(days))[0].Properties.LockConfiguration.MinRetentionDays;
    expect([minOf(1), minOf(14), minOf(29), minOf(30)]).toEqual([1, 14, 29, 29]);
  });

  test.each(['', 'Frankfurt', 'eu-central', 'EU-CENTRAL-1'])(
    'a copy region %j that is not a region name throws with DPP-25-BACKUP',
    (copyRegion) => {
      expect(planWith({ copyRegion })).toThrow(
        `\`copyRegion\` must be a region name such as eu-central-1 (DPP-25-BACKUP), got: ${JSON.stringify(copyRegion)}`,
      );
    },
  );

  test("a copy region equal to the stack's region throws with DPP-25-BACKUP", () => {
    expect(planWith({ copyRegion: 'eu-west-1', region: 'eu-west-1' })).toThrow(
      "`copyRegion` must differ from the stack's region, so backups are geographically dispersed (DPP-25-BACKUP), got: eu-west-1",
    );
  });

  test('a bucket without versioning throws: AWS Backup backs up only versioned buckets', () => {
    const { stack, plan } = backupPlan();
    const bucket = new s3.Bucket(stack, 'Unversioned');
    expect(() => plan.addStore(bucket)).toThrow(
      '`addStore.store` must be a bucket with versioning enabled: AWS Backup backs up only versioned buckets (DPP-DR-4), got: Test/Unversioned',
    );
    const versioned = new s3.Bucket(stack, 'Versioned', { versioned: true });
    expect(() => plan.addStore(versioned)).not.toThrow();
  });

  test('a regionSettingsManagedElsewhere reason too short to judge throws', () => {
    const stack = testStack();
    expect(
      () =>
        new PiiBackupPlan(stack, 'Backups', {
          copyRegion: 'eu-central-1',
          incidentTopic: incidentTopic(stack),
          regionSettingsManagedElsewhere: { reason: 'done' },
        }),
    ).toThrow(
      '`regionSettingsManagedElsewhere.reason` must explain the opt-out in at least 20 characters; it is recorded for the auditor (DPP-25-BACKUP, DPP-DR-4), got: "done"',
    );
  });

  test('a store AWS Backup cannot protect throws', () => {
    const { stack, plan } = backupPlan();
    const topic = new sns.Topic(stack, 'NotAStore');
    expect(() => plan.addStore(topic)).toThrow(
      /`addStore.store` must be a store AWS Backup protects .* \(DPP-DR-4\), got: AWS::SNS::Topic/,
    );
  });
});

describe('PiiBackupVault', () => {
  test('a named vault for the second region has zero findings', () => {
    const stack = testStack();
    new PiiBackupVault(stack, 'Copies', { backupVaultName: PII_BACKUP_COPY_VAULT_NAME });
    expect(findings(stack, allPacks())).toEqual([]);
    Template.fromStack(stack).hasResourceProperties('AWS::Backup::BackupVault', {
      BackupVaultName: PII_BACKUP_COPY_VAULT_NAME,
    });
  });

  test.each([
    [Duration.days(30), '`minRetention` must be at most 29 days (DPP-DR-1), got: 30 days'],
    [Duration.hours(23), '`minRetention` must be at least 1 days (DPP-DR-4)'],
  ])('a lock minimum retention of %s throws', (minRetention, message) => {
    expect(() => new PiiBackupVault(testStack(), 'V', { minRetention })).toThrow(message);
  });

  test('a lock grace period under 3 days throws', () => {
    expect(
      () => new PiiBackupVault(testStack(), 'V', { lockChangeableFor: Duration.days(2) }),
    ).toThrow('`lockChangeableFor` must be at least 3 days (DPP-DR-3), got: 2 days');
  });

  test('minRetentionFor keeps the whole retention, up to 29 days', () => {
    expect(
      [1, 7, 29, 30].map((d) => PiiBackupVault.minRetentionFor(Duration.days(d)).toDays()),
    ).toEqual([1, 7, 29, 29]);
  });

  test.each([1, 29])('a lock minimum retention of %d days is accepted', (days) => {
    expect(
      () => new PiiBackupVault(testStack(), 'V', { minRetention: Duration.days(days) }),
    ).not.toThrow();
  });
});
