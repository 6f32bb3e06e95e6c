/**
 * Benchmark of the DPP pack: synthesizes apps of about 50, 200 and 450 resources, half of them
 * compliant and half not, and prints the median synth time without checks, with `DppChecks`
 * and with cdk-nag's `AwsSolutionsChecks`, with the ratios.
 *
 *   npx tsx bench/checks.ts [rounds]
 *
 * Each round synthesizes every app under every configuration in turn, so load on the machine
 * falls on all of them alike. Built-in CloudFormation validation is off, as in unit tests, so
 * the figures compare the packs and not the validator.
 */
import { mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import {
  App,
  CfnResource,
  Duration,
  Stack,
  Tags,
  Validations,
  aws_backup as backup,
  aws_cloudtrail as cloudtrail,
  aws_cloudwatch as cloudwatch,
  aws_dynamodb as dynamodb,
  aws_ec2 as ec2,
  aws_guardduty as guardduty,
  aws_kms as kms,
  aws_lambda as lambda,
  aws_logs as logs,
  aws_s3 as s3,
  aws_sqs as sqs,
} from 'aws-cdk-lib';
import { AwsSolutionsChecks, NagPack } from 'cdk-nag';
import { DATA_CLASS_TAG, DataClass } from '../constructs/common/data-class';
import { piiLogDataProtectionPolicy } from '../constructs/logging/log-data-protection';
import { DppChecks } from '../lib/checks/dpp-checks';

/** The resource counts to aim for. */
const TARGETS = [50, 200, 450];

/** How a configuration registers its pack, if any. */
const CONFIGURATIONS: [string, ((app: App) => NagPack) | undefined][] = [
  ['no checks', undefined],
  ['DppChecks', (app) => new DppChecks(app)],
  ['AwsSolutionsChecks', (app) => new AwsSolutionsChecks(app)],
];

/**
 * One slice of a workload: a key, a bucket, a table, a queue, a log group, a function with its
 * role and a security group. Compliant slices follow the DPP, with an alarm on each PII store;
 * the others use aws-cdk-lib defaults and a literal credential.
 */
function addSlice(stack: Stack, vpc: ec2.IVpc, index: number, compliant: boolean): void {
  const id = (name: string) => `${name}${index}`;
  const key = new kms.Key(stack, id('Key'), { enableKeyRotation: compliant });
  const bucket = new s3.Bucket(
    stack,
    id('Bucket'),
    compliant
      ? {
          encryptionKey: key,
          blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
          enforceSSL: true,
          minimumTLSVersion: 1.2,
          versioned: true,
          lifecycleRules: [
            { expiration: Duration.days(30), noncurrentVersionExpiration: Duration.days(30) },
          ],
        }
      : {},
  );
  const table = new dynamodb.Table(stack, id('Table'), {
    partitionKey: { name: 'id', type: dynamodb.AttributeType.STRING },
    ...(compliant && {
      encryption: dynamodb.TableEncryption.CUSTOMER_MANAGED,
      encryptionKey: key,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      deletionProtection: true,
      timeToLiveAttribute: 'expiresAt',
    }),
  });
  const queue = new sqs.Queue(stack, id('Queue'), {
    ...(compliant && { encryptionMasterKey: key, enforceSSL: true }),
  });
  const logGroup = new logs.LogGroup(stack, id('Logs'), {
    ...(compliant && {
      encryptionKey: key,
      retention: logs.RetentionDays.THIRTEEN_MONTHS,
      dataProtectionPolicy: piiLogDataProtectionPolicy(),
    }),
  });
  const group = new ec2.SecurityGroup(stack, id('Group'), { vpc, allowAllOutbound: false });
  group.addIngressRule(
    compliant ? ec2.Peer.ipv4('10.0.0.0/16') : ec2.Peer.anyIpv4(),
    ec2.Port.tcp(compliant ? 443 : 80),
  );
  const fn = new lambda.Function(stack, id('Function'), {
    runtime: lambda.Runtime.NODEJS_24_X,
    handler: 'index.handler',
    code: lambda.Code.fromInline('exports.handler = async () => {};'),
    logGroup,
    environment: compliant ? { TABLE: table.tableName } : { API_KEY: 'literal-key' },
  });
  bucket.grantRead(fn);
  table.grantReadData(fn);
  queue.grantSendMessages(fn);
  for (const store of [bucket, table, queue]) {
    Tags.of(store).add(DATA_CLASS_TAG, compliant ? DataClass.PII : 'unknown');
  }
  if (compliant) {
    const alarm = (name: string, metric: cloudwatch.IMetric) =>
      new cloudwatch.Alarm(stack, id(name), { metric, threshold: 1000, evaluationPeriods: 1 });
    alarm(
      'BucketReads',
      new cloudwatch.Metric({
        namespace: 'AWS/S3',
        metricName: 'GetRequests',
        dimensionsMap: { BucketName: bucket.bucketName, FilterId: 'all' },
      }),
    );
    alarm('TableReads', table.metricConsumedReadCapacityUnits());
    alarm('QueueReads', queue.metricNumberOfMessagesReceived());
  }
}

/**
 * What the app provides once for its PII stores: a multi-region, validated trail with data events
 * for every bucket and table, GuardDuty, and a backup plan that selects every `pii` store.
 */
function addAppBaseline(stack: Stack): void {
  const key = new kms.Key(stack, 'TrailKey', { enableKeyRotation: true });
  const trail = new cloudtrail.Trail(stack, 'Trail', { encryptionKey: key });
  (trail.node.defaultChild as cloudtrail.CfnTrail).addPropertyOverride('EventSelectors', [
    {
      ReadWriteType: 'All',
      DataResources: [
        { Type: 'AWS::S3::Object', Values: ['arn:aws:s3'] },
        { Type: 'AWS::DynamoDB::Table', Values: ['arn:aws:dynamodb'] },
      ],
    },
  ]);
  new guardduty.CfnDetector(stack, 'Detector', { enable: true });
  backup.BackupPlan.daily35DayRetention(stack, 'Backups').addSelection('Pii', {
    resources: [backup.BackupResource.fromTag(DATA_CLASS_TAG, DataClass.PII)],
  });
}

/** An app with at least `target` resources, in one stack. */
function buildApp(target: number, outdir: string): { app: App; resources: number } {
  const app = new App({ outdir, builtinCloudFormationValidation: false });
  const stack = new Stack(app, 'Workload');
  const vpc = ec2.Vpc.fromVpcAttributes(stack, 'Vpc', {
    vpcId: 'vpc-12345',
    availabilityZones: ['eu-west-1a'],
    isolatedSubnetIds: ['subnet-1'],
  });
  addAppBaseline(stack);
  let resources = 0;
  for (let index = 0; resources < target; index++) {
    addSlice(stack, vpc, index, index % 2 === 0);
    resources = stack.node.findAll().filter(CfnResource.isCfnResource).length;
  }
  return { app, resources };
}

/** The resource count of each app, as built. */
const counts = new Map<number, number>();

/** Milliseconds to build and synthesize one app under one configuration. */
function timeSynth(target: number, register: ((app: App) => NagPack) | undefined): number {
  const outdir = mkdtempSync(join(tmpdir(), 'dpp-bench-'));
  const started = process.hrtime.bigint();
  const { app, resources } = buildApp(target, outdir);
  counts.set(target, resources);
  if (register) Validations.of(app).addPlugins(register(app));
  try {
    app.synth();
  } catch {
    // A pack with findings fails the synth, as `cdk synth` would: the time still counts.
  }
  const elapsed = Number(process.hrtime.bigint() - started) / 1e6;
  rmSync(outdir, { recursive: true, force: true });
  return elapsed;
}

/**
 * Milliseconds each pack takes to validate an app already synthesized without checks: the cost
 * of the rules alone, without building, writing templates or printing the report.
 */
function timeValidation(target: number): Map<string, number> {
  const outdir = mkdtempSync(join(tmpdir(), 'dpp-bench-'));
  const { app } = buildApp(target, outdir);
  app.synth();
  const times = new Map<string, number>();
  for (const [name, register] of CONFIGURATIONS) {
    if (!register) continue;
    const pack = register(app);
    const started = process.hrtime.bigint();
    pack.validateScope(app);
    times.set(name, Number(process.hrtime.bigint() - started) / 1e6);
  }
  rmSync(outdir, { recursive: true, force: true });
  return times;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

function main(): void {
  const rounds = Number(process.argv[2] ?? 5);
  const silence = console.error;
  const times = new Map<string, number[]>();
  const record = (key: string, ms: number) => times.set(key, [...(times.get(key) ?? []), ms]);
  console.error = () => undefined;
  timeSynth(TARGETS[0], CONFIGURATIONS[1][1]);
  for (let round = 0; round < rounds; round++) {
    for (const target of TARGETS) {
      for (const [name, register] of CONFIGURATIONS) {
        record(`${target}/${name}`, timeSynth(target, register));
      }
      for (const [name, ms] of timeValidation(target)) record(`${target}/validate ${name}`, ms);
    }
  }
  console.error = silence;
  const ms = (target: number, name: string) => median(times.get(`${target}/${name}`) ?? []);
  console.log(
    '| resources | no checks (ms) | DppChecks (ms) | AwsSolutionsChecks (ms) | ' +
      'Dpp / none | AwsSolutions / none | Dpp / AwsSolutions | Dpp cost per resource (ms) |',
  );
  console.log('| --- | --- | --- | --- | --- | --- | --- | --- |');
  for (const target of TARGETS) {
    const [none, dpp, aws] = CONFIGURATIONS.map(([name]) => ms(target, name));
    const resources = counts.get(target) ?? 0;
    console.log(
      `| ${resources} | ${none.toFixed(0)} | ${dpp.toFixed(0)} | ${aws.toFixed(0)} | ` +
        `${(dpp / none).toFixed(2)} | ${(aws / none).toFixed(2)} | ${(dpp / aws).toFixed(2)} | ` +
        `${((dpp - none) / resources).toFixed(2)} |`,
    );
  }
  console.log(
    '\n| resources | DppChecks.validateScope (ms) | AwsSolutionsChecks.validateScope (ms) | ' +
      'Dpp / AwsSolutions | Dpp per resource (ms) |',
  );
  console.log('| --- | --- | --- | --- | --- |');
  for (const target of TARGETS) {
    const dpp = ms(target, 'validate DppChecks');
    const aws = ms(target, 'validate AwsSolutionsChecks');
    const resources = counts.get(target) ?? 0;
    console.log(
      `| ${resources} | ${dpp.toFixed(0)} | ${aws.toFixed(0)} | ${(dpp / aws).toFixed(2)} | ` +
        `${(dpp / resources).toFixed(2)} |`,
    );
  }
  console.log(`\nmedian of ${rounds} rounds; node ${process.version}`);
}

main();
