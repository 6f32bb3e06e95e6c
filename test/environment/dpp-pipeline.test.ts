import * as fs from 'fs';
import * as path from 'path';
import {
  App,
  Aws,
  CfnWaitConditionHandle,
  DefaultStackSynthesizer,
  Stack,
  Stage,
  Validations,
  aws_s3 as s3,
  pipelines,
} from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { ORGANIZATION, ORGANIZATION_APP_COMMAND, organizationApp } from '../../bin/organization';
import { AccountService, DppChecks, DppEnvironment, EnvironmentProfile } from '../../lib';
import { evaluateDenies } from '../../lib/checks/policy-evaluation';
import { ControlTowerChecks } from '../../lib/control-tower';
import { DppPipeline } from '../../lib/environment/dpp-pipeline';
import { buildEvidenceReport, readCloudAssembly } from '../../lib/report';
import { registerAllPacks, TEST_OWNER, openFindings } from '../helpers';
import { environmentApp, synthFailure } from './environment-app';

const SOURCE = pipelines.CodePipelineSource.connection('seller-example/orders', 'main', {
  connectionArn: 'arn:aws:codeconnections:eu-west-1:333333333333:connection/abc',
});
const PIPELINE_ENV = { account: '333333333333', region: 'eu-west-1' };

/** A pipeline in its own stack of a fresh app without built-in validation. */
function pipelineApp(): { app: App; pipeline: DppPipeline } {
  const app = environmentApp(false);
  const stack = new Stack(app, 'Deployment', { env: PIPELINE_ENV });
  return {
    app,
    pipeline: new DppPipeline(stack, 'Pipeline', { owner: TEST_OWNER, source: SOURCE }),
  };
}

// One synth of the organization app with DppChecks and the four cdk-nag packs, which judge the
// pipeline's own resources and every stage. The Control Tower rules and the built-in
// CloudFormation validation cost about 5 s a stage each and find nothing the reference
// environment's tests do not already cover; `npm run synth` runs them all.
describe('the organization app', () => {
  let org: ReturnType<typeof organizationApp>;
  let failure: string;
  let deployment: Template;
  beforeAll(() => {
    org = organizationApp(environmentApp(false));
    registerAllPacks(org.app);
    failure = synthFailure(org.app);
    deployment = Template.fromStack(Stack.of(org.pipeline));
  });

  test('synthesizes with zero open findings of DppChecks and the cdk-nag packs', () => {
    expect(openFindings(org.app.outdir)).toEqual([]);
    expect(failure).toBe('');
    // Registered once, on the app, they judge the stacks of both stages too.
    const record = JSON.parse(
      fs.readFileSync(path.join(org.app.outdir, 'cdk-dpp-synth.json'), 'utf8'),
    ) as { stages: { stage: string; plugins: string[] }[] };
    expect(record.stages).toEqual([
      {
        stage: '/',
        plugins: ['DPP', 'AwsSolutions', 'NIST.800.53.R5', 'HIPAA.Security', 'PCI.DSS.321'],
      },
      { stage: 'NonProduction', plugins: [] },
      { stage: 'Production', plugins: [] },
    ]);
  });

  test('every stack of every stage holds the record of the packs that checked it', () => {
    // CDK Pipelines synthesizes a stage when it is added: added before the packs were
    // registered, its stacks held no record, and the report called 31 clauses unverified.
    const { stacks } = readCloudAssembly(org.app.outdir);
    expect(
      stacks.map((s) => [s.name, s.checks.map((c) => c.pack)]).sort(([a], [b]) => (a < b ? -1 : 1)),
    ).toEqual(
      [
        'Deployment',
        'Deployment-artifacts-eu-central-1',
        'Deployment-artifacts-us-east-1',
        'Deployment-artifacts-us-west-2',
        'LogArchive',
        'Management',
        'NonProduction/Application',
        'NonProduction/BackupCopy',
        'NonProduction/Data',
        'Production/Application',
        'Production/BackupCopy',
        'Production/Data',
        'SecurityTooling',
      ].map((name) => [name, ['DPP']]),
    );
    const report = buildEvidenceReport(readCloudAssembly(org.app.outdir));
    expect(
      report.stages?.map((s) => [s.name, s.clauses.filter((c) => c.status === 'unverified')]),
    ).toEqual([
      ['NonProduction', []],
      ['Production', []],
      ['organization', []],
    ]);
  });

  test('reports each stage and the organization-level stacks, each in its own accounts', () => {
    const report = buildEvidenceReport(readCloudAssembly(org.app.outdir));
    expect(
      report.stages?.map((s) => [
        s.name,
        s.role,
        [...new Set(s.environments.map((e) => e.account))],
        s.stacks.map((t) => t.stack).sort(),
      ]),
    ).toEqual([
      [
        'NonProduction',
        'workload',
        ['222222222222'],
        ['NonProduction/Application', 'NonProduction/BackupCopy', 'NonProduction/Data'],
      ],
      [
        'Production',
        'workload',
        ['111111111111'],
        ['Production/Application', 'Production/BackupCopy', 'Production/Data'],
      ],
      [
        'organization',
        'organization',
        ['333333333333', '444444444444', '555555555555', '666666666666'],
        [
          'Deployment',
          'Deployment-artifacts-eu-central-1',
          'Deployment-artifacts-us-east-1',
          'Deployment-artifacts-us-west-2',
          'LogArchive',
          'Management',
          'SecurityTooling',
        ],
      ],
    ]);
    // A clause is met across stages only where every stage meets it.
    const met = (stage: string) =>
      report.stages
        ?.find((s) => s.name === stage)
        ?.clauses.filter((c) => c.status === 'met')
        .map((c) => c.id) ?? [];
    const metOverall = report.clauses.filter((c) => c.status === 'met').map((c) => c.id);
    expect(metOverall.length).toBeGreaterThan(0);
    for (const id of metOverall) {
      expect([id, met('Production').includes(id), met('NonProduction').includes(id)]).toEqual([
        id,
        true,
        true,
      ]);
    }
  });

  test('the organization stacks guard the workload unit, trail it into the log archive and delegate to security tooling', () => {
    const { guardrails, trail, logArchive } = org.organization;
    const management = Template.fromStack(Stack.of(guardrails));
    expect(
      Object.values(management.findResources('AWS::Organizations::Policy')).map((p) => [
        (p as { Properties: { Type: string } }).Properties.Type,
        (p as { Properties: { TargetIds: string[] } }).Properties.TargetIds,
      ]),
    ).toEqual([
      ['SERVICE_CONTROL_POLICY', [ORGANIZATION.workloadsUnit]],
      ['RESOURCE_CONTROL_POLICY', [ORGANIZATION.workloadsUnit]],
    ]);
    management.hasResourceProperties('AWS::CloudTrail::Trail', {
      IsOrganizationTrail: true,
      S3BucketName: 'seller-example-organization-audit-records',
    });
    // The archive accepts the writes of exactly the trail the management stack makes.
    expect(logArchive.trailArn).toBe(
      `arn:aws:cloudtrail:${ORGANIZATION.management.region}:${ORGANIZATION.management.account}:trail/organization-trail`,
    );
    expect(trail.trailArn).toBe(logArchive.trailArn);
    // Every stage and backup region is approved, and no other.
    const regionDeny = guardrails.serviceControlPolicyDocuments
      .flatMap(
        (d) => (JSON.parse(d) as { Statement: { Sid: string; Condition: unknown }[] }).Statement,
      )
      .find((statement) => statement.Sid === 'DppDg2DenyUnapprovedRegion');
    expect(regionDeny?.Condition).toEqual(
      expect.objectContaining({
        StringNotEquals: {
          'aws:RequestedRegion': ['eu-west-1', 'eu-central-1', 'us-east-1', 'us-west-2'],
        },
      }),
    );
  });

  test("the guardrails let each stage's CloudFormation execution role update its trail and detector", () => {
    const policies = [
      ...org.organization.guardrails.serviceControlPolicyDocuments,
      ...org.organization.guardrails.resourceControlPolicyDocuments,
    ].map((d) => JSON.parse(d) as unknown);
    for (const stage of [org.production, org.nonProduction]) {
      for (const stack of [stage.data, stage.application]) {
        // The role the pipeline's deploy actions pass to CloudFormation for this stack.
        const synthesizer = stack.synthesizer as DefaultStackSynthesizer;
        const roleArn = Stack.of(stack)
          .resolve(synthesizer.cloudFormationExecutionRoleArn)
          .toString()
          .replace('${AWS::Partition}', 'aws');
        const context = {
          'aws:PrincipalArn': roleArn,
          'aws:RequestedRegion': stack.region,
          'aws:SecureTransport': 'true',
        };
        for (const action of ['cloudtrail:PutEventSelectors', 'guardduty:UpdateDetector']) {
          expect([roleArn, action, evaluateDenies(policies, { action, context }).denied]).toEqual([
            roleArn,
            action,
            false,
          ]);
        }
        expect(
          evaluateDenies(policies, { action: 'organizations:LeaveOrganization', context }).denied,
        ).toBe(true);
      }
    }
  });

  test('deploys each stage to its own literal account and region, every stack of it too', () => {
    const envs = [org.production, org.nonProduction].map((stage) =>
      [stage.data, stage.application].map((stack) => `${stack.account}/${stack.region}`),
    );
    expect(envs).toEqual([
      ['111111111111/eu-west-1', '111111111111/eu-west-1'],
      ['222222222222/us-east-1', '222222222222/us-east-1'],
    ]);
    expect(org.production.profile).toBe(EnvironmentProfile.PRODUCTION);
    expect(org.nonProduction.profile).toBe(EnvironmentProfile.NON_PRODUCTION);
  });

  test('each stage copies its backups to a region other than its own, in its own account', () => {
    expect(
      [org.production, org.nonProduction].map((stage) => [
        stage.region,
        `${stage.backupCopy.account}/${stage.backupCopy.region}`,
      ]),
    ).toEqual([
      ['eu-west-1', '111111111111/eu-central-1'],
      ['us-east-1', '222222222222/us-west-2'],
    ]);
  });

  test("the synth step runs the organization app's cdk synth, with every checker it registers", () => {
    const synth = Object.values(
      deployment.findResources('AWS::CodeBuild::Project', {
        Properties: { Description: Match.stringLikeRegexp('Synth') },
      }),
    );
    expect(synth).toHaveLength(1);
    const spec = JSON.parse(synth[0].Properties.Source.BuildSpec as string) as {
      phases: Record<string, { commands?: string[]; 'runtime-versions'?: unknown }>;
    };
    expect(spec.phases.build.commands).toEqual([
      'npm ci',
      `npx cdk synth --quiet --app "${ORGANIZATION_APP_COMMAND}"`,
    ]);
    expect(spec.phases.install['runtime-versions']).toEqual({ nodejs: '22' });
    expect(ORGANIZATION_APP_COMMAND).toMatch(/bin\/organization\.ts$/);
  });

  test('every artifact store is SSE-KMS under its retained, rotated key, named by alias', () => {
    const [pipelineResource] = Object.values(
      deployment.findResources('AWS::CodePipeline::Pipeline'),
    );
    const stores = pipelineResource.Properties.ArtifactStores as {
      Region: string;
      ArtifactStore: { EncryptionKey: { Type: string; Id: unknown }; Location: unknown };
    }[];
    expect(stores.map((s) => s.Region).sort()).toEqual([
      'eu-central-1',
      'eu-west-1',
      'us-east-1',
      'us-west-2',
    ]);
    for (const { Region, ArtifactStore } of stores.filter((s) => s.Region !== 'eu-west-1')) {
      expect(ArtifactStore).toEqual({
        Type: 'S3',
        Location: `deployment-artifacts-333333333333-${Region}`,
        EncryptionKey: {
          Type: 'KMS',
          Id: `arn:aws:kms:${Region}:333333333333:alias/cdk-dpp/Deployment/artifacts`,
        },
      });
    }
    const storeStacks = org.app.node.children.filter(
      (c): c is Stack =>
        Stack.isStack(c) &&
        c.account === ORGANIZATION.deployment.account &&
        c !== Stack.of(org.pipeline),
    );
    expect(storeStacks.map((s) => `${s.stackName} ${s.account}/${s.region}`).sort()).toEqual([
      'Deployment-artifacts-eu-central-1 333333333333/eu-central-1',
      'Deployment-artifacts-us-east-1 333333333333/us-east-1',
      'Deployment-artifacts-us-west-2 333333333333/us-west-2',
    ]);
    // No support stack of CodePipeline's own, with its unlogged bucket and deletable key.
    expect(org.app.node.children.map((c) => c.node.id).filter((id) => /^cross-/.test(id))).toEqual(
      [],
    );
    for (const template of [deployment, ...storeStacks.map((s) => Template.fromStack(s))]) {
      template.hasResource('AWS::KMS::Key', {
        Properties: Match.objectLike({ EnableKeyRotation: true }),
        DeletionPolicy: 'Retain',
        UpdateReplacePolicy: 'Retain',
      });
      template.hasResource('AWS::S3::Bucket', {
        Properties: Match.objectLike({
          BucketEncryption: {
            ServerSideEncryptionConfiguration: [
              Match.objectLike({
                ServerSideEncryptionByDefault: Match.objectLike({ SSEAlgorithm: 'aws:kms' }),
              }),
            ],
          },
          LoggingConfiguration: Match.objectLike({ LogFilePrefix: 'artifacts/' }),
          VersioningConfiguration: { Status: 'Enabled' },
        }),
        DeletionPolicy: 'RetainExceptOnCreate',
      });
    }
    expect(storeStacks.every((s) => s.terminationProtection)).toBe(true);
  });

  test('is a V2 pipeline, stated rather than left to the V1 that CDK Pipelines picks by default', () => {
    deployment.hasResourceProperties('AWS::CodePipeline::Pipeline', { PipelineType: 'V2' });
  });

  test('a production stage waits for a manual approval; a non-production stage does not', () => {
    const [pipelineResource] = Object.values(
      deployment.findResources('AWS::CodePipeline::Pipeline'),
    );
    const stages = pipelineResource.Properties.Stages as {
      Name: string;
      Actions: { Name: string; ActionTypeId: { Category: string } }[];
    }[];
    const approvals = (name: string) =>
      stages
        .find((s) => s.Name === name)
        ?.Actions.filter((a) => a.ActionTypeId.Category === 'Approval')
        .map((a) => a.Name);
    expect(approvals('Production')).toEqual(['ApproveProduction']);
    expect(approvals('NonProduction')).toEqual([]);
  });

  test('the build logs of every CodeBuild project go to the one encrypted log group', () => {
    const projects = Object.values(deployment.findResources('AWS::CodeBuild::Project'));
    expect(projects.length).toBeGreaterThan(2);
    const groups = new Set(
      projects.map((p) => JSON.stringify(p.Properties.LogsConfig.CloudWatchLogs.GroupName)),
    );
    expect([...groups]).toEqual([
      JSON.stringify({
        Ref: Stack.of(org.pipeline).getLogicalId(org.pipeline.buildLogs.node.defaultChild as never),
      }),
    ]);
    deployment.hasResourceProperties('AWS::Logs::LogGroup', {
      KmsKeyId: Match.anyValue(),
      RetentionInDays: 400,
    });
  });
});

// The pipeline's own resources under every checker, the Control Tower rules included, in an app
// whose one stage deploys to another region: the pipeline stack and that region's artifact stack.
test("the pipeline's own stacks pass every checker, the Control Tower rules included", () => {
  const { app, pipeline } = pipelineApp();
  registerAllPacks(app);
  Validations.of(app).addPlugins(new ControlTowerChecks());
  const stage = new Stage(app, 'Elsewhere', {
    env: { account: '444444444444', region: 'us-east-1' },
  });
  new CfnWaitConditionHandle(new Stack(stage, 'Empty'), 'Nothing');
  pipeline.codePipeline.addStage(stage);
  expect(synthFailure(app)).toBe('');
  expect(openFindings(app.outdir)).toEqual([]);
  expect(app.node.tryFindChild('Deployment-artifacts-us-east-1')).toBeInstanceOf(Stack);
});

// aws-cdk-lib's validateTemplates walks every assembly, nested stages included, and runs the
// plugins registered on a stage over the stacks of its assembly and of every assembly nested in
// it: plugins registered on the app judge every stack of every stage.
test('a violation planted in a stack of a pipeline stage, nested or not, fails the synth', () => {
  const { app, pipeline } = pipelineApp();
  Validations.of(app).addPlugins(new DppChecks(app));
  const stage = new Stage(app, 'Planted', {
    env: { account: '444444444444', region: 'eu-west-1' },
  });
  new s3.CfnBucket(new Stack(stage, 'Data'), 'Unencrypted');
  new s3.CfnBucket(new Stack(new Stage(stage, 'Inner'), 'Data'), 'Unencrypted');
  pipeline.codePipeline.addStage(stage);
  expect(synthFailure(app)).toMatch(/ValidationFailed/);
  expect(openFindings(app.outdir).filter((f) => f.includes('S3BucketKmsEncrypted'))).toEqual([
    'DPP DPP-S3BucketKmsEncrypted[NotKms] Planted/Data/Unencrypted',
    'DPP DPP-S3BucketKmsEncrypted[NotKms] Planted/Inner/Data/Unencrypted',
  ]);
});

describe('DppPipeline refuses', () => {
  test('a pipeline stack without a literal account and region', () => {
    const stack = new Stack(environmentApp(false), 'Deployment', {
      env: { account: Aws.ACCOUNT_ID, region: 'eu-west-1' },
    });
    expect(() => new DppPipeline(stack, 'Pipeline', { owner: TEST_OWNER, source: SOURCE })).toThrow(
      /`env` of the stack Deployment must give a literal account and region/,
    );
  });

  test('an environment without an account, two in one account and region, and any parameter left', () => {
    const { app, pipeline } = pipelineApp();
    const props = {
      owner: TEST_OWNER,
      incidentContact: 'security@example.com',
      domainName: 'orders.seller.example',
      profile: EnvironmentProfile.NON_PRODUCTION,
    };
    expect(() =>
      pipeline.addEnvironment(
        new DppEnvironment(app, 'NoAccount', { ...props, env: { region: 'eu-west-1' } }),
      ),
    ).toThrow(/`env` must give a literal account and region/);
    const env = { account: '444444444444', region: 'eu-west-1' };
    pipeline.addEnvironment(new DppEnvironment(app, 'First', { ...props, env }));
    // A second environment of the account and region adopts the first one's account services,
    // which DppEnvironment accepts; the pipeline still keeps each stage apart.
    const reason = 'The first environment of this account and region creates it.';
    const second = new DppEnvironment(app, 'Second', {
      ...props,
      env,
      accountServices: Object.fromEntries(
        ['guardDuty', 'config', 'externalAccessAnalyzer', 'unusedAccessAnalyzer', 'inspector'].map(
          (service) => [service, AccountService.adopt({ reason })],
        ),
      ),
    });
    expect(() => pipeline.addEnvironment(second)).toThrow(/`env` must differ from that of First/);
    const asking = new DppEnvironment(app, 'Asking', {
      ...props,
      incidentContact: undefined,
      env: { account: '555555555555', region: 'eu-west-1' },
    });
    expect(() => pipeline.addEnvironment(asking)).toThrow(
      /`props` must give every value .* got: parameters Asking-Data:IncidentContactEmail/,
    );
  });

  test('a stage whose backup copies stay in its own region, through DppEnvironment (DPP-25-BACKUP)', () => {
    const { app } = pipelineApp();
    expect(
      () =>
        new DppEnvironment(app, 'Same', {
          owner: TEST_OWNER,
          env: { account: ORGANIZATION.production.account, region: 'eu-west-1' },
          backupCopyRegion: 'eu-west-1',
        }),
    ).toThrow(/`backupCopyRegion` must be a region name other than the region of the environment/);
  });
});
