import { App, Duration, Stack, Stage, Token, aws_iam as iam } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { DppBaseline, DppBaselineProps, PiiBackupCopyStack } from '../../../constructs/baseline';
import { AccountService } from '../../../constructs/monitoring/account-service';
import { BucketMalwareProtection } from '../../../constructs/monitoring/bucket-malware-protection';
import { CanaryRecord } from '../../../constructs/monitoring/canary-record';
import { DataVpc } from '../../../constructs/network/data-vpc';
import { PiiDatabase } from '../../../constructs/storage/pii-database';
import { findings, TEST_OWNER, testApp, testStack } from '../../helpers';
import { piiStoresBehindImportedEndpoint } from '../fixtures';

/** The app-level DPP rules that judge a PII store by what watches and recovers it. */
const APP_RULES = [
  'DPP-PiiAppGuardDuty',
  'DPP-PiiAppTrail',
  'DPP-PiiStoreAccessLogged',
  'DPP-PiiStoreAlarmed',
  'DPP-PiiStoreBackedUp',
];

const REQUIRED: DppBaselineProps = {
  owner: TEST_OWNER,
  incidentContact: 'security@example.com',
  copyRegion: 'eu-central-1',
};

function appRuleFindings(stack: Stack): string[] {
  return findings(stack)
    .filter((f) => APP_RULES.some((rule) => f.rule.startsWith(rule)))
    .map((f) => `${f.rule} ${f.path}`);
}

describe('DppBaseline', () => {
  test('makes the PII stores it is given pass every app-level rule of the DPP pack', () => {
    const alone = testStack();
    piiStoresBehindImportedEndpoint(alone);
    const found = (stack: Stack) =>
      APP_RULES.filter((rule) => appRuleFindings(stack).some((f) => f.startsWith(rule)));
    expect(found(alone)).toEqual(APP_RULES);

    const notAdded = testStack();
    piiStoresBehindImportedEndpoint(notAdded);
    new DppBaseline(notAdded, 'Baseline', REQUIRED);
    expect(found(notAdded)).toEqual([
      'DPP-PiiStoreAccessLogged',
      'DPP-PiiStoreAlarmed',
      'DPP-PiiStoreBackedUp',
    ]);

    const stack = testStack();
    const { bucket, table } = piiStoresBehindImportedEndpoint(stack);
    const baseline = new DppBaseline(stack, 'Baseline', REQUIRED);
    baseline.addPiiBucket(bucket);
    baseline.addPiiTable(table);
    expect(appRuleFindings(stack)).toEqual([]);
  });

  test('watches a PII database with anomaly alarms on data out and connections, and backs it up', () => {
    const stack = testStack();
    const database = new PiiDatabase(stack, 'Shipments', {
      vpc: new DataVpc(stack, 'Vpc'),
      data: { purpose: 'Track shipments', piiFields: ['shippingAddress'] },
    });
    const baseline = new DppBaseline(stack, 'Baseline', REQUIRED);
    baseline.addPiiDatabase(database);
    baseline.addPiiDatabase(database);

    const template = Template.fromStack(stack);
    for (const metricName of ['NetworkTransmitThroughput', 'DatabaseConnections']) {
      template.hasResourceProperties('AWS::CloudWatch::Alarm', {
        ComparisonOperator: 'GreaterThanUpperThreshold',
        AlarmActions: [{ Ref: Match.stringLikeRegexp('^BaselineIncidentTopic') }],
        Metrics: Match.arrayWith([
          Match.objectLike({
            MetricStat: Match.objectLike({
              Metric: Match.objectLike({ MetricName: metricName, Namespace: 'AWS/RDS' }),
            }),
          }),
        ]),
      });
    }
    template.resourceCountIs('AWS::Backup::BackupSelection', 1);
    expect(appRuleFindings(stack)).toEqual([]);
  });

  test('adding a store twice adds one canary and one backup selection', () => {
    const stack = testStack();
    const { bucket, table } = piiStoresBehindImportedEndpoint(stack);
    const baseline = new DppBaseline(stack, 'Baseline', REQUIRED);
    for (let i = 0; i < 2; i++) {
      baseline.addPiiBucket(bucket);
      baseline.addPiiTable(table);
    }
    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::Backup::BackupSelection', 2);
    expect(baseline.node.findAll().filter((c) => c.node.id.startsWith('Canary'))).toHaveLength(2);
  });

  test('adding a bucket twice adds one malware protection plan', () => {
    const stack = testStack();
    const { bucket } = piiStoresBehindImportedEndpoint(stack);
    const baseline = new DppBaseline(stack, 'Baseline', REQUIRED);
    baseline.addPiiBucket(bucket);
    expect(baseline.addUploadBucket(bucket)).toBe(baseline.addUploadBucket(bucket));
    Template.fromStack(stack).resourceCountIs('AWS::GuardDuty::MalwareProtectionPlan', 1);
  });

  test('scans a PII bucket for malware; the canary alarm leaves out only the scan role', () => {
    const stack = testStack();
    const { bucket } = piiStoresBehindImportedEndpoint(stack);
    const baseline = new DppBaseline(stack, 'Baseline', REQUIRED);
    baseline.addPiiBucket(bucket);
    const template = Template.fromStack(stack);
    const id = (c: { node: { defaultChild?: unknown } }) =>
      stack.getLogicalId(c.node.defaultChild as never);
    const scan = baseline.node.findChild('MalwareProtectionOrders') as BucketMalwareProtection;
    template.hasResourceProperties('AWS::GuardDuty::MalwareProtectionPlan', {
      ProtectedResource: { S3Bucket: { BucketName: { Ref: id(bucket) } } },
      Role: { 'Fn::GetAtt': [id(scan.role), 'Arn'] },
    });
    // GuardDuty reads the canary object when it is planted, in a session of the scan role, which
    // only GuardDuty can assume: that read is expected; every other caller's raises the alarm.
    const canary = baseline.node.findChild('CanaryOrders') as CanaryRecord;
    const [rule] = Object.values(
      template.findResources('AWS::Events::Rule', {
        Properties: {
          EventPattern: { detail: { requestParameters: { key: [canary.recordKey] } } },
        },
      }),
    );
    expect(rule.Properties.EventPattern.detail.userIdentity).toEqual({
      $or: [
        { type: [{ 'anything-but': ['AssumedRole'] }] },
        {
          sessionContext: {
            sessionIssuer: {
              arn: [{ 'anything-but': [{ 'Fn::GetAtt': [id(scan.role), 'Arn'] }] }],
            },
          },
        },
      ],
    });
    // The trail's data events record GuardDuty's reads of the bucket like any other reader's.
    const [trail] = Object.values(template.findResources('AWS::CloudTrail::Trail'));
    expect(JSON.stringify(trail.Properties.AdvancedEventSelectors)).toContain(
      JSON.stringify({ 'Fn::GetAtt': [id(bucket), 'Arn'] }),
    );
  });

  test('leaves malware protection off a PII bucket only with a reason, recorded on the bucket', () => {
    const stack = testStack();
    const { bucket } = piiStoresBehindImportedEndpoint(stack);
    const baseline = new DppBaseline(stack, 'Baseline', REQUIRED);
    expect(() =>
      baseline.addPiiBucket(bucket, { malwareProtectionOptOut: { reason: 'no' } }),
    ).toThrow(/malwareProtectionOptOut.*DPP-25-MAL/);
    const reason = 'Only the order service writes this bucket, from data it generated itself.';
    baseline.addPiiBucket(bucket, { malwareProtectionOptOut: { reason } });
    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::GuardDuty::MalwareProtectionPlan', 0);
    const [cfn] = Object.values(
      template.findResources('AWS::S3::Bucket', {
        Properties: { BucketName: Match.absent(), VersioningConfiguration: Match.anyValue() },
        Metadata: { 'cdk-dpp': { construct: 'PiiBucket' } },
      }),
    );
    expect(cfn.Metadata['cdk-dpp'].optOuts).toEqual(
      expect.arrayContaining([
        { setting: 'malwareProtection', clauses: ['DPP-25-MAL', 'SOC-R3'], reason },
      ]),
    );
  });

  test('creates the termination-protected stack of the copy vault beside its own, in the copy region', () => {
    const app = testApp();
    const stage = new Stage(app, 'Prod');
    const stack = new Stack(stage, 'Orders', {
      env: { account: '111111111111', region: 'eu-west-1' },
    });
    const baseline = new DppBaseline(stack, 'Baseline', REQUIRED);

    const copyStack = baseline.copyStack as PiiBackupCopyStack;
    expect(copyStack).toBeInstanceOf(PiiBackupCopyStack);
    expect(copyStack.node.scope).toBe(stage);
    expect([copyStack.node.id, copyStack.account, copyStack.region]).toEqual([
      'OrdersBackupCopy',
      '111111111111',
      'eu-central-1',
    ]);
    expect(copyStack.terminationProtection).toBe(true);
    // Named for the stage, as the plan computes it, and deleted only by its own failed creation.
    Template.fromStack(copyStack).hasResource('AWS::Backup::BackupVault', {
      Properties: Match.objectLike({ BackupVaultName: 'Prod-pii-backup-copies' }),
      DeletionPolicy: 'RetainExceptOnCreate',
    });
    // The vault's key lets the plan's backup role, named alike, copy database snapshots in.
    expect(Template.fromStack(stack).toJSON().Resources).toEqual(
      expect.objectContaining({
        [stack.resolve(
          (baseline.backupPlan.backupRole.node.defaultChild as iam.CfnRole).logicalId,
        )]: expect.objectContaining({
          Properties: expect.objectContaining({ RoleName: 'Prod-pii-backup-to-eu-central-1' }),
        }),
      }),
    );
    expect(JSON.stringify(Template.fromStack(copyStack).findResources('AWS::KMS::Key'))).toContain(
      ':role/Prod-pii-backup-to-eu-central-1',
    );
    expect(stack.resolve(baseline.backupPlan.copyVaultArn)).toEqual({
      'Fn::Join': [
        '',
        [
          'arn:',
          { Ref: 'AWS::Partition' },
          ':backup:eu-central-1:111111111111:backup-vault:Prod-pii-backup-copies',
        ],
      ],
    });
  });

  test('an environment-agnostic stack gets a copy stack bound to the copy region only', () => {
    const app = testApp();
    const stack = new Stack(app, 'Orders');
    const baseline = new DppBaseline(stack, 'Baseline', { ...REQUIRED, copyVaultName: 'copies' });
    const copyStack = baseline.copyStack as PiiBackupCopyStack;
    expect(copyStack.node.scope).toBe(app);
    expect(Token.isUnresolved(copyStack.account)).toBe(true);
    expect(copyStack.region).toBe('eu-central-1');
    Template.fromStack(copyStack).hasResourceProperties('AWS::Backup::BackupVault', {
      BackupVaultName: 'copies',
    });
  });

  test('leaves the copy stack to the app when told, and keeps the vault name the plan copies to', () => {
    const app = new App();
    const stack = new Stack(app, 'Orders');
    const baseline = new DppBaseline(stack, 'Baseline', { ...REQUIRED, createCopyStack: false });
    expect(baseline.copyStack).toBeUndefined();
    expect(app.node.children.filter(Stack.isStack)).toEqual([stack]);
  });

  test('passes the account baseline options through, where AccountBaseline judges them', () => {
    const stack = testStack();
    new DppBaseline(stack, 'Baseline', {
      ...REQUIRED,
      accountBaseline: { unusedAccessAge: Duration.days(30) },
    });
    Template.fromStack(stack).hasResourceProperties('AWS::AccessAnalyzer::Analyzer', {
      Type: 'ACCOUNT_UNUSED_ACCESS',
      AnalyzerConfiguration: { UnusedAccessConfiguration: { UnusedAccessAge: 30 } },
    });
    expect(
      () =>
        new DppBaseline(testStack(), 'Baseline', {
          ...REQUIRED,
          accountBaseline: { unusedAccessAge: Duration.days(400) },
        }),
    ).toThrow(/`unusedAccessAge` must be between 1 and 365 \(DPP-NP-4\), got: 400/);
  });

  test.each([
    [
      { incidentContact: 'security@example.com', copyRegion: 'eu-central-1' },
      /`owner` is required: the team or role address that answers for the data.*\(DPP-DG-2\)/,
    ],
    [{ ...REQUIRED, owner: ' ' }, /`owner` must name the owner.*\(DPP-DG-2\), got: " "/],
    [{ copyRegion: 'eu-central-1' }, /`incidentContact` is required.*\(DPP-25-IMPOC, DPP-LM-7\)/],
    [{ incidentContact: 'security@example.com' }, /`copyRegion` is required.*\(DPP-25-BACKUP\)/],
    [{ ...REQUIRED, incidentContact: 'security' }, /`incidentEmail` must be .*\(DPP-25-IMPOC\)/],
    [{ ...REQUIRED, copyRegion: 'mars' }, /`copyRegion` must be a region name.*\(DPP-25-BACKUP\)/],
    [
      { ...REQUIRED, backupRetention: Duration.days(60) },
      /`retention` must be at most 30 days \(DPP-DR-1\)/,
    ],
  ])('fails loud on bad props, naming the clause: %j', (props, message) => {
    expect(() => new DppBaseline(testStack(), 'Baseline', props as DppBaselineProps)).toThrow(
      message,
    );
  });

  test('tags every resource of its stack and of the copy stack with the owner; a store keeps its own (DPP-DG-2)', () => {
    const stack = testStack();
    const { bucket, table } = piiStoresBehindImportedEndpoint(stack);
    const returns = new PiiDatabase(stack, 'Returns', {
      vpc: new DataVpc(stack, 'Vpc'),
      data: { purpose: 'Take returns', piiFields: ['buyerName'], owner: 'returns-team' },
    });
    const baseline = new DppBaseline(stack, 'Baseline', REQUIRED);
    baseline.addPiiBucket(bucket);
    baseline.addPiiTable(table);
    baseline.addPiiDatabase(returns);
    const owners = (template: Template, type: string) =>
      Object.values(template.findResources(type)).map(
        (r) =>
          (r.Properties.Tags as { Key: string; Value: string }[]).find((t) => t.Key === 'dpp:owner')
            ?.Value,
      );
    const template = Template.fromStack(stack);
    expect(owners(template, 'AWS::S3::Bucket').length).toBeGreaterThan(1);
    expect(new Set(owners(template, 'AWS::S3::Bucket'))).toEqual(new Set([TEST_OWNER]));
    expect(owners(template, 'AWS::DynamoDB::Table')).toEqual([TEST_OWNER]);
    expect(owners(template, 'AWS::RDS::DBInstance')).toEqual(['returns-team']);
    expect(new Set(owners(template, 'AWS::KMS::Key'))).toEqual(new Set([TEST_OWNER]));
    const copies = Template.fromStack(baseline.copyStack as Stack);
    copies.hasResourceProperties('AWS::Backup::BackupVault', {
      BackupVaultTags: { 'dpp:owner': TEST_OWNER },
    });
    expect(owners(copies, 'AWS::KMS::Key')).toEqual([TEST_OWNER]);
  });

  test('refuses a copy region the stack is in, or one it cannot deploy a stack to', () => {
    const app = testApp();
    const stack = new Stack(app, 'Orders', { env: { region: 'eu-central-1' } });
    expect(() => new DppBaseline(stack, 'Baseline', REQUIRED)).toThrow(
      /`copyRegion` must differ from the stack's region.*\(DPP-25-BACKUP\)/,
    );
    const region = Token.asString({ Ref: 'CopyRegion' });
    expect(
      () => new DppBaseline(testStack(), 'Baseline', { ...REQUIRED, copyRegion: region }),
    ).toThrow(
      /`copyRegion` must be a literal region name when the baseline creates the copy stack.*\(DPP-25-BACKUP\)/,
    );
  });

  test('a second baseline in the same account and region must adopt what the first creates', () => {
    const app = testApp();
    const env = { account: '111111111111', region: 'eu-west-1' };
    new DppBaseline(new Stack(app, 'Orders', { env }), 'Baseline', REQUIRED);
    new DppBaseline(
      new Stack(app, 'Elsewhere', { env: { ...env, region: 'us-east-1' } }),
      'Baseline',
      REQUIRED,
    );
    expect(() => new DppBaseline(new Stack(app, 'Returns', { env }), 'Baseline', REQUIRED)).toThrow(
      /`accountServices.guardDuty` must adopt what `Orders\/Baseline\/Baseline` creates in 111111111111 eu-west-1 already/,
    );
    const reason = 'The baseline of the Orders stack creates them in this account and Region.';
    const adopted = new DppBaseline(new Stack(app, 'Invoices', { env }), 'Baseline', {
      ...REQUIRED,
      accountBaseline: {
        accountServices: {
          guardDuty: AccountService.adopt({ reason }),
          config: AccountService.adopt({ reason }),
          externalAccessAnalyzer: AccountService.adopt({ reason }),
          unusedAccessAnalyzer: AccountService.adopt({ reason }),
        },
      },
    });
    expect(adopted.accountBaseline.detector).toBeUndefined();
  });

  test('refuses a store of another stack, whose key and trail would reference each other', () => {
    const app = testApp();
    const data = new Stack(app, 'Data');
    const { bucket } = piiStoresBehindImportedEndpoint(data);
    const baseline = new DppBaseline(new Stack(app, 'Audit'), 'Baseline', REQUIRED);
    expect(() => baseline.addPiiBucket(bucket)).toThrow(
      /`addPiiBucket.store` must be in the stack of the baseline \(Audit\).*\(DPP-LM-2.*got: Data\/Orders/,
    );
  });
});

describe('PiiBackupCopyStack', () => {
  test('cannot lose its termination protection', () => {
    expect(
      () =>
        new PiiBackupCopyStack(testApp(), 'Copies', {
          env: { region: 'eu-central-1' },
          terminationProtection: false,
        }),
    ).toThrow(/`terminationProtection` must stay true.*\(DPP-DR-4, DPP-25-BACKUP\)/);
  });
});
