import * as fs from 'fs';
import * as path from 'path';
import { CfnResource, aws_s3 as s3 } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { DppEnvironment } from '../../lib';
import { checkedEnvironment, stacksOf, synthFailure } from './environment-app';

interface PluginReport {
  readonly pluginName: string;
  readonly conclusion: string;
  readonly metadata?: { readonly error?: string };
  readonly violations: unknown[];
}

describe('the reference environment with every checker', () => {
  const { app, environment } = checkedEnvironment();
  const failure = synthFailure(app);
  const report = JSON.parse(
    fs.readFileSync(path.join(app.outdir, 'validation-report.json'), 'utf8'),
  ) as { pluginReports: PluginReport[] };

  test('synthesizes with no unacknowledged finding from any checker', () => {
    expect(failure).toBe('');
  });

  test('every plugin ran to the end and reported no violation, not even a warning', () => {
    expect(
      report.pluginReports.map((plugin) => ({
        plugin: plugin.pluginName,
        conclusion: plugin.conclusion,
        error: plugin.metadata?.error,
        violations: plugin.violations,
      })),
    ).toEqual([
      {
        plugin: 'cdk-validator-cfnguard',
        conclusion: 'success',
        error: undefined,
        violations: [],
      },
    ]);
  });

  test('stacks split along lifecycles: the application and the backup copy depend on data only', () => {
    expect(stacksOf(environment).map((s) => s.stackName)).toEqual([
      'Dpp-Data',
      'Dpp-Application',
      'Dpp-BackupCopy',
    ]);
    expect(environment.data.dependencies).toEqual([]);
    expect(environment.application.dependencies.map((s) => s.stackName)).toEqual(['Dpp-Data']);
    expect(environment.backupCopy.dependencies.map((s) => s.stackName)).toEqual(['Dpp-Data']);
    expect(environment.data.terminationProtection).toBe(true);
    expect(environment.backupCopy.terminationProtection).toBe(true);
    expect(environment.backupCopy.region).toBe('us-west-2');
  });

  test('the order service runs in the isolated subnets behind its own security group', () => {
    const fn = Object.values(
      Template.fromStack(environment.application).findResources('AWS::Lambda::Function'),
    );
    expect(fn).toHaveLength(1);
    const vpcConfig = fn[0].Properties.VpcConfig as Record<string, unknown[]>;
    expect(vpcConfig.SubnetIds).toHaveLength(2);
    expect(vpcConfig.SecurityGroupIds).toHaveLength(1);
  });

  test('every restore of a tax archive record reaches the incident topic', () => {
    const { data } = environment;
    const archiveBucket = data.taxArchive.bucket;
    expect(archiveBucket).toBeInstanceOf(s3.Bucket);
    const ref = (construct: { node: { defaultChild?: unknown } }) => ({
      Ref: data.resolve((construct.node.defaultChild as CfnResource).logicalId),
    });
    Template.fromStack(data).hasResourceProperties('AWS::Events::Rule', {
      EventPattern: {
        source: ['aws.s3'],
        'detail-type': ['Object Restore Initiated'],
        detail: { bucket: { name: [ref(archiveBucket as s3.Bucket)] } },
      },
      Targets: [Match.objectLike({ Arn: ref(data.audit.incidentTopic) })],
    });
  });

  test("the plan copies to the copy stack's vault, named for the stage, and the data stack refuses the copy region", () => {
    const data = Template.fromStack(environment.data).toJSON();
    const copy = Template.fromStack(environment.backupCopy);
    copy.hasResource('AWS::Backup::BackupVault', {
      DeletionPolicy: 'RetainExceptOnCreate',
      UpdateReplacePolicy: 'Retain',
      Properties: Match.objectLike({
        BackupVaultName: 'Dpp-pii-backup-copies',
        LockConfiguration: Match.objectLike({ MinRetentionDays: 7 }),
      }),
    });
    const plans = Template.fromStack(environment.data).findResources('AWS::Backup::BackupPlan');
    const plan = Object.values(plans).map(
      (r) => r.Properties.BackupPlan.BackupPlanRule[0].CopyActions[0],
    );
    expect(plan).toEqual([
      {
        DestinationBackupVaultArn: {
          'Fn::Join': [
            '',
            [
              'arn:',
              { Ref: 'AWS::Partition' },
              ':backup:us-west-2:',
              { Ref: 'AWS::AccountId' },
              ':backup-vault:Dpp-pii-backup-copies',
            ],
          ],
        },
        Lifecycle: { DeleteAfterDays: 7 },
      },
    ]);
    // The copy vault's key names the data stack's backup role by the name both compute.
    Template.fromStack(environment.data).hasResourceProperties('AWS::IAM::Role', {
      RoleName: 'Dpp-pii-backup-to-us-west-2',
    });
    expect(JSON.stringify(copy.findResources('AWS::KMS::Key'))).toContain(
      ':role/Dpp-pii-backup-to-us-west-2',
    );
    const rules = Object.entries(data.Rules as Record<string, { Assertions: unknown[] }>).filter(
      ([id]) => id.includes('CopyRegionDiffersFromStackRegion'),
    );
    expect(rules.map(([, rule]) => rule.Assertions.length)).toEqual([1]);
    expect(JSON.stringify(rules[0][1])).toContain(
      '{"Fn::Not":[{"Fn::Equals":[{"Ref":"AWS::Region"},"us-west-2"]}]}',
    );
  });

  test('the incident contact is a required deploy-time parameter when the props give none', () => {
    Template.fromStack(environment.data).hasParameter('IncidentContactEmail', {
      Type: 'String',
      AllowedPattern: '^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$',
    });
  });
});

test('a given incident contact replaces the parameter', () => {
  const { app, environment } = checkedEnvironment({ incidentContact: 'security@example.com' });
  expect(environment).toBeInstanceOf(DppEnvironment);
  app.synth({ validateOnSynthesis: false });
  const template = Template.fromStack(environment.data);
  expect(template.findParameters('IncidentContactEmail')).toEqual({});
  template.hasResourceProperties('AWS::SNS::Subscription', {
    Protocol: 'email',
    Endpoint: 'security@example.com',
  });
});

test('the internet-facing variant passes every checker too, behind the WAF allow-list', () => {
  const { app, environment } = checkedEnvironment({
    allowedCidrs: ['203.0.113.0/24'],
    incidentContact: 'security@example.com',
    certificateArn: 'arn:aws:acm:eu-west-1:123456789012:certificate/0a1b-2c3d',
  });
  expect(synthFailure(app)).toBe('');
  const template = Template.fromStack(environment.application);
  template.hasResourceProperties('AWS::ElasticLoadBalancingV2::LoadBalancer', {
    Scheme: 'internet-facing',
  });
  template.hasResourceProperties('AWS::WAFv2::IPSet', { Addresses: ['203.0.113.0/24'] });
  template.resourceCountIs('AWS::CertificateManager::Certificate', 0);
});
