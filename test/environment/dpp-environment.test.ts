import * as fs from 'fs';
import * as path from 'path';
import { CfnResource, Validations, aws_events as events, aws_s3 as s3 } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { AccountService } from '../../constructs/monitoring/account-service';
import { DOMAIN_NAME_PATTERN, DppEnvironment } from '../../lib';
import { DppChecks } from '../../lib/checks/dpp-checks';
import { TEST_OWNER } from '../helpers';
import { checkedEnvironment, environmentApp, stacksOf, synthFailure } from './environment-app';

/** The parts of a template the log group test reads. */
interface StackTemplate {
  readonly Resources: Record<
    string,
    {
      readonly Type: string;
      readonly Properties: {
        readonly LoggingConfig?: { readonly LogGroup?: unknown };
        readonly DataProtectionPolicy?: { readonly Name?: string };
        readonly RetentionInDays?: number;
        readonly KmsKeyId?: unknown;
      };
    }
  >;
  readonly Outputs?: Record<
    string,
    { readonly Value?: { readonly Ref?: string }; readonly Export?: { readonly Name?: unknown } }
  >;
}

/**
 * The functions of every stack that do not write to a log group of the environment with the PII
 * data protection policy, a retention of at least a year and a key, as `stack/logicalId`. A log
 * group of another stack is followed through the export that names it.
 */
function functionsWithoutPiiFreeLogGroup(environment: DppEnvironment): string[] {
  const templates = stacksOf(environment).map((stack) => ({
    stackName: stack.stackName,
    template: Template.fromStack(stack).toJSON() as StackTemplate,
  }));
  /** The log group a `LoggingConfig.LogGroup` of a function in `own` names, across stacks. */
  const logGroupOf = (own: StackTemplate, reference: unknown) => {
    const { Ref: ref, ...crossStack } = (reference ?? {}) as Record<string, unknown>;
    const output = crossStack['Fn::GetStackOutput'] as
      { StackName: string; OutputName: string } | undefined;
    const imported = JSON.stringify(crossStack['Fn::ImportValue']);
    const [owner, logicalId] = ((): [StackTemplate | undefined, unknown] => {
      if (typeof ref === 'string') return [own, ref];
      if (output) {
        const target = templates.find((t) => t.stackName === output.StackName)?.template;
        return [target, target?.Outputs?.[output.OutputName]?.Value?.Ref];
      }
      for (const { template } of templates) {
        const exported = Object.values(template.Outputs ?? {}).find(
          (o) => JSON.stringify(o.Export?.Name) === imported,
        );
        if (exported) return [template, exported.Value?.Ref];
      }
      return [undefined, undefined];
    })();
    const group = owner?.Resources[String(logicalId)];
    return group?.Type === 'AWS::Logs::LogGroup' ? group.Properties : undefined;
  };
  const functions = templates.flatMap(({ stackName, template }) =>
    Object.entries(template.Resources)
      .filter(([, resource]) => resource.Type === 'AWS::Lambda::Function')
      .map(([logicalId, fn]) => ({ name: `${stackName}/${logicalId}`, template, fn })),
  );
  // The order service, the access review, and the two custom-resource providers at least.
  expect(functions.length).toBeGreaterThanOrEqual(4);
  return functions
    .filter(({ template, fn }) => {
      const group = logGroupOf(template, fn.Properties.LoggingConfig?.LogGroup);
      return !(
        group?.DataProtectionPolicy?.Name === 'cdk-dpp-mask-pii' &&
        Number(group.RetentionInDays) >= 365 &&
        group.KmsKeyId !== undefined
      );
    })
    .map(({ name }) => name);
}

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

  test('the people who sign in have a SecureUserPool in the data stack, checked before every sign-in', () => {
    const template = Template.fromStack(environment.data);
    template.resourceCountIs('AWS::Cognito::UserPool', 1);
    template.hasResource('AWS::Cognito::UserPool', {
      Properties: Match.objectLike({
        MfaConfiguration: 'ON',
        UserPoolTier: 'PLUS',
        UserPoolAddOns: Match.objectLike({ AdvancedSecurityMode: 'ENFORCED' }),
        DeletionProtection: 'ACTIVE',
        LambdaConfig: { PreAuthentication: { 'Fn::GetAtt': [Match.anyValue(), 'Arn'] } },
      }),
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
    });
    const topic = environment.data.audit.incidentTopic.node.defaultChild as CfnResource;
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      AlarmActions: [{ Ref: environment.data.resolve(topic.logicalId) }],
      Metrics: Match.arrayWith([Match.objectLike({ Expression: 'attempts - successes' })]),
    });
    Template.fromStack(environment.application).resourceCountIs('AWS::Cognito::UserPool', 0);
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

  test('GuardDuty scans the buckets that receive uploads, tags each object, and reports threats', () => {
    const { data } = environment;
    const ref = (construct: { node: { defaultChild?: unknown } }) => ({
      Ref: data.resolve((construct.node.defaultChild as CfnResource).logicalId),
    });
    const template = Template.fromStack(data);
    const plans = Object.values(template.findResources('AWS::GuardDuty::MalwareProtectionPlan'));
    expect(plans.map((p) => p.Properties.ProtectedResource)).toEqual([
      { S3Bucket: { BucketName: ref(data.orderDocuments) } },
      { S3Bucket: { BucketName: ref(data.salesReports) } },
    ]);
    expect(plans.map((p) => p.Properties.Actions)).toEqual([
      { Tagging: { Status: 'ENABLED' } },
      { Tagging: { Status: 'ENABLED' } },
    ]);
    for (const bucket of [data.orderDocuments, data.salesReports]) {
      template.hasResourceProperties('AWS::Events::Rule', {
        EventPattern: Match.objectLike({
          'detail-type': ['GuardDuty Malware Protection Object Scan Result'],
          detail: Match.objectLike({
            s3ObjectDetails: { bucketName: [ref(bucket)] },
            scanResultDetails: { scanResultStatus: ['THREATS_FOUND'] },
          }),
        }),
        Targets: [Match.objectLike({ Arn: ref(data.audit.incidentTopic) })],
      });
    }
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

  test('without a certificate or a domain, the domain and its hosted zone are required deploy-time parameters', () => {
    const template = Template.fromStack(environment.application);
    template.hasParameter('DomainName', {
      Type: 'String',
      AllowedPattern: DOMAIN_NAME_PATTERN,
      Default: Match.absent(),
    });
    template.hasParameter('HostedZoneId', {
      Type: 'AWS::Route53::HostedZone::Id',
      Default: Match.absent(),
    });
    template.resourceCountIs('AWS::CertificateManager::Certificate', 1);
    template.hasResourceProperties('AWS::CertificateManager::Certificate', {
      DomainName: { Ref: 'DomainName' },
      ValidationMethod: 'DNS',
      DomainValidationOptions: [
        { DomainName: { Ref: 'DomainName' }, HostedZoneId: { Ref: 'HostedZoneId' } },
      ],
    });
    expect(JSON.stringify(template.toJSON())).not.toContain('example.com');
  });

  test('every function, custom-resource providers included, logs to a PII-free log group', () => {
    expect(functionsWithoutPiiFreeLogGroup(environment)).toEqual([]);
  });

  test('production tells customers of the deployments of all three stacks, from the data stack', () => {
    const data = Template.fromStack(environment.data);
    const rules = Object.values(data.findResources('AWS::Events::Rule'))
      .map((r) => r.Properties)
      .filter((p) =>
        JSON.stringify(p.EventPattern ?? {}).includes('CloudFormation Stack Status Change'),
      );
    const told = rules.map((p) => {
      const [target] = p.Targets;
      const template = target.InputTransformer.InputTemplate;
      return {
        stack: p.EventPattern.detail['stack-id'][0].prefix['Fn::Join'][1].at(-1),
        region: JSON.stringify(p.EventPattern.detail['stack-id'][0].prefix),
        target: target.Arn,
        version: template['Fn::Join'][1][1],
      };
    });
    const topic = environment.changeNotices?.topic.node.defaultChild as CfnResource;
    expect(told.map(({ stack, target, version }) => ({ stack, target, version }))).toEqual(
      ['Dpp-Data', 'Dpp-Application', 'Dpp-BackupCopy'].map((stack) => ({
        stack: `:stack/${stack}/`,
        target: { Ref: environment.data.getLogicalId(topic) },
        version: { Ref: 'ReleaseVersion' },
      })),
    );
    expect(told.map((t) => t.region.includes(':cloudformation:us-west-2:'))).toEqual([
      false,
      false,
      true,
    ]);
    data.hasParameter('CustomerNoticeEmail', {
      Type: 'String',
      AllowedPattern: '^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$',
    });
    data.hasParameter('ReleaseVersion', {
      Type: 'String',
      AllowedPattern: '^[0-9A-Za-z][0-9A-Za-z.+_-]{0,63}$',
    });
    data.hasResourceProperties('AWS::SNS::Subscription', {
      Protocol: 'email',
      Endpoint: { Ref: 'CustomerNoticeEmail' },
    });
  });

  test('the backup copy stack forwards its status events to the data region it is told at deploy time', () => {
    const copy = Template.fromStack(environment.backupCopy);
    copy.hasParameter('ChangeNoticeRegion', {
      Type: 'String',
      AllowedPattern: '^[a-z]{2}(-[a-z]+)+-\\d$',
    });
    const bus = {
      'Fn::Join': [
        '',
        [
          'arn:aws:events:',
          { Ref: 'ChangeNoticeRegion' },
          ':',
          { Ref: 'AWS::AccountId' },
          ':event-bus/default',
        ],
      ],
    };
    copy.hasResourceProperties('AWS::Events::Rule', {
      EventPattern: Match.objectLike({ 'detail-type': ['CloudFormation Stack Status Change'] }),
      Targets: [Match.objectLike({ Arn: bus })],
    });
    expect(Template.fromStack(environment.application).findResources('AWS::Events::Rule')).toEqual(
      {},
    );
  });

  test('the incident contact is a required deploy-time parameter when the props give none', () => {
    Template.fromStack(environment.data).hasParameter('IncidentContactEmail', {
      Type: 'String',
      AllowedPattern: '^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$',
    });
  });
});

const SIGN_IN_ELSEWHERE =
  'Sellers staff sign in through the organization identity provider, which locks accounts.';

test('with a known region, the backup copy stack forwards to it and asks for no region', () => {
  // Built, not synthesized: the forwarding rule's target resolves in the construct tree.
  const environment = new DppEnvironment(environmentApp(false), 'Dpp', {
    owner: TEST_OWNER,
    env: { region: 'eu-west-1' },
  });
  const copy = environment.backupCopy;
  expect(copy.node.tryFindChild('ChangeNoticeRegion')).toBeUndefined();
  const rules = copy.node.findAll().filter((c): c is events.CfnRule => c instanceof events.CfnRule);
  expect(rules.map((rule) => copy.resolve(rule.targets))).toEqual([
    [
      expect.objectContaining({
        arn: {
          'Fn::Join': [
            '',
            ['arn:aws:events:eu-west-1:', { Ref: 'AWS::AccountId' }, ':event-bus/default'],
          ],
        },
      }),
    ],
  ]);
});

// The internet-facing variant also carries the props that replace deployment parameters, so one
// synth with every checker covers both.
test('the internet-facing variant with given contacts and version passes every checker too, behind the WAF allow-list, with no parameter for what is given', () => {
  const { app, environment } = checkedEnvironment({
    allowedCidrs: ['203.0.113.0/24'],
    incidentContact: 'security@example.com',
    certificateArn: 'arn:aws:acm:eu-west-1:123456789012:certificate/0a1b-2c3d',
    customerContacts: ['changes@customer.example', 'https://hooks.customer.example/changes'],
    releaseVersion: '3.1.0',
  });
  expect(synthFailure(app)).toBe('');
  const template = Template.fromStack(environment.application);
  template.hasResourceProperties('AWS::ElasticLoadBalancingV2::LoadBalancer', {
    Scheme: 'internet-facing',
  });
  template.hasResourceProperties('AWS::WAFv2::IPSet', { Addresses: ['203.0.113.0/24'] });
  template.resourceCountIs('AWS::CertificateManager::Certificate', 0);
  expect(template.findParameters('DomainName')).toEqual({});
  expect(functionsWithoutPiiFreeLogGroup(environment)).toEqual([]);
  const data = Template.fromStack(environment.data);
  expect(data.findParameters('IncidentContactEmail')).toEqual({});
  data.hasResourceProperties('AWS::SNS::Subscription', {
    Protocol: 'email',
    Endpoint: 'security@example.com',
  });
  expect(data.findParameters('CustomerNoticeEmail')).toEqual({});
  expect(data.findParameters('ReleaseVersion')).toEqual({});
  for (const [Protocol, Endpoint] of [
    ['email', 'changes@customer.example'],
    ['https', 'https://hooks.customer.example/changes'],
  ]) {
    data.hasResourceProperties('AWS::SNS::Subscription', { Protocol, Endpoint });
  }
  data.hasResourceProperties('AWS::Events::Rule', {
    Targets: [
      Match.objectLike({
        InputTransformer: Match.objectLike({
          InputTemplate: Match.stringLikeRegexp('"stack":"Dpp-Data",.*"version":"3.1.0"'),
        }),
      }),
    ],
  });
});

test('in a Control Tower account, with every account service adopted and sign-in through the organization, the DPP pack finds nothing', () => {
  const app = environmentApp(false);
  Validations.of(app).addPlugins(new DppChecks(app));
  const adopted = AccountService.adopt({
    reason: 'The landing zone enables it for every account from its audit account.',
  });
  const environment = new DppEnvironment(app, 'Dpp', {
    owner: TEST_OWNER,
    accountServices: {
      guardDuty: adopted,
      config: adopted,
      externalAccessAnalyzer: adopted,
      unusedAccessAnalyzer: adopted,
      inspector: adopted,
    },
    withoutUserPool: { reason: SIGN_IN_ELSEWHERE },
  });
  expect(synthFailure(app)).toBe('');
  expect(environment.data.userPool).toBeUndefined();
  Template.fromStack(environment.data).resourceCountIs('AWS::Cognito::UserPool', 0);
  Template.fromStack(environment.application).hasResource(
    'AWS::ElasticLoadBalancingV2::LoadBalancer',
    {
      Metadata: {
        'cdk-dpp': Match.objectLike({
          optOuts: [
            {
              setting: 'withoutUserPool',
              clauses: ['DPP-NP-6', 'DPP-25-LOCK'],
              reason: SIGN_IN_ELSEWHERE,
            },
          ],
        }),
      },
    },
  );
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
