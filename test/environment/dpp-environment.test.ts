import * as fs from 'fs';
import * as path from 'path';
import { CfnResource, Validations, aws_s3 as s3 } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { AccountService } from '../../constructs/monitoring/account-service';
import { DppEnvironment } from '../../lib';
import { DppChecks } from '../../lib/checks/dpp-checks';
import { checkedEnvironment, environmentApp, stacksOf, synthFailure } from './environment-app';

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
    expect(environment.backupCopy.dependencies).toEqual([]);
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

test('in a Control Tower account, with every account service adopted, the DPP pack finds nothing', () => {
  const app = environmentApp(false);
  Validations.of(app).addPlugins(new DppChecks(app));
  const adopted = AccountService.adopt({
    reason: 'The landing zone enables it for every account from its audit account.',
  });
  const environment = new DppEnvironment(app, 'Dpp', {
    accountServices: {
      guardDuty: adopted,
      config: adopted,
      externalAccessAnalyzer: adopted,
      unusedAccessAnalyzer: adopted,
      inspector: adopted,
    },
  });
  expect(synthFailure(app)).toBe('');
  const data = Template.fromStack(environment.data);
  for (const type of [
    'AWS::GuardDuty::Detector',
    'AWS::Config::ConfigurationRecorder',
    'AWS::Config::DeliveryChannel',
    'AWS::AccessAnalyzer::Analyzer',
  ]) {
    data.resourceCountIs(type, 0);
  }
  expect(environment.data.audit.baseline.detector).toBeUndefined();
});
