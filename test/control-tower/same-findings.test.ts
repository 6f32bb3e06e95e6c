import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { CfnGuardValidator } from '@cdklabs/cdk-validator-cfnguard';
import {
  App,
  IPolicyValidationContextBeta1,
  Stack,
  aws_ec2 as ec2,
  aws_kms as kms,
  aws_lambda as lambda,
  aws_logs as logs,
  aws_s3 as s3,
  aws_sqs as sqs,
} from 'aws-cdk-lib';
import { DppEnvironment } from '../../lib';
import { CONTROL_TOWER_CHECKS_FAILED, ControlTowerChecks } from '../../lib/control-tower';
import { environmentApp } from '../environment/environment-app';

/**
 * A stack that breaks Control Tower rules of several services, some through a reference to
 * another resource of the template (the function's subnet and security group).
 */
function addViolations(app: App): Stack {
  const stack = new Stack(app, 'Violations');
  new s3.CfnBucket(stack, 'Bucket');
  const vpc = new ec2.CfnVPC(stack, 'Vpc', { cidrBlock: '10.0.0.0/16' });
  const subnet = new ec2.CfnSubnet(stack, 'Subnet', { vpcId: vpc.ref, cidrBlock: '10.0.0.0/24' });
  const group = new ec2.CfnSecurityGroup(stack, 'OpenGroup', {
    groupDescription: 'SSH from anywhere',
    vpcId: vpc.ref,
    securityGroupIngress: [{ ipProtocol: 'tcp', fromPort: 22, toPort: 22, cidrIp: '0.0.0.0/0' }],
  });
  new kms.CfnKey(stack, 'Key', { keyPolicy: { Version: '2012-10-17', Statement: [] } });
  new sqs.CfnQueue(stack, 'Queue', { sqsManagedSseEnabled: false });
  new logs.CfnLogGroup(stack, 'Logs');
  const code = { zipFile: 'exports.handler = async () => {};' };
  const role = 'arn:aws:iam::123456789012:role/function';
  const runtime = 'nodejs20.x';
  const handler = 'index.handler';
  new lambda.CfnFunction(stack, 'OutsideVpc', { code, role, runtime, handler });
  new lambda.CfnFunction(stack, 'InsideVpc', {
    code,
    role,
    runtime,
    handler,
    vpcConfig: { subnetIds: [subnet.ref], securityGroupIds: [group.attrGroupId] },
  });
  new lambda.CfnPermission(stack, 'AnyoneInvokes', {
    action: 'lambda:InvokeFunction',
    functionName: 'outside-vpc',
    principal: '*',
  });
  return stack;
}

/** The validation context for some templates. */
function contextOf(app: App, templatePaths: string[]): IPolicyValidationContextBeta1 {
  return { templatePaths, appConstruct: app };
}

// Synthesized once, without checks: the reference environment and the stack of violations.
const app = environmentApp(false);
new DppEnvironment(app, 'Dpp');
const violations = addViolations(app);
const assembly = app.synth();
const templatePaths = assembly.stacksRecursively.map((stack) => stack.templateFullPath);
const violationsTemplate = assembly.getStackByName(violations.stackName).templateFullPath;

test('the fast path reports exactly what CfnGuardValidator reports on the reference environment and the violations', () => {
  const context = contextOf(app, templatePaths);
  const plain = new CfnGuardValidator().validate(context);
  expect(new ControlTowerChecks().validate(context)).toStrictEqual(plain);

  // Not two empty lists: the violations break rules of several services, several in one file
  // order that differs from the order of the rule names, and the environment's acknowledged
  // findings are there too.
  const rulesOn = (template: string) =>
    plain.violations
      .filter((v) => v.violatingResources.some((r) => r.templatePath === template))
      .map((v) => v.ruleName);
  expect(plain.success).toBe(false);
  expect(rulesOn(violationsTemplate)).toEqual(
    expect.arrayContaining([
      'kms_key_rotation_enabled_check',
      'lambda_function_public_access_prohibited_check',
      'lambda_inside_vpc_check',
      's3_bucket_level_public_access_prohibited_check',
      's3_bucket_default_encryption_kms_check',
      's3_bucket_versioning_enabled_check',
      's3_bucket_logging_enabled_check',
      'cloudwatch_log_group_encrypted_check',
      'vpc_sg_open_only_to_authorized_ports_check',
    ]),
  );
  expect(
    new Set(plain.violations.flatMap((v) => v.violatingResources.map((r) => r.templatePath))).size,
  ).toBe(3);
});

test('disabled rules and rules of the user stay as CfnGuardValidator runs them', () => {
  const rulesDir = fs.mkdtempSync(path.join(os.tmpdir(), 'control-tower-rules-'));
  const ownRule = path.join(rulesDir, 'queue-names.guard');
  fs.writeFileSync(
    ownRule,
    [
      "let queues = Resources.*[ Type == 'AWS::SQS::Queue' ]",
      'rule queue_named when %queues not empty {',
      '  %queues.Properties.QueueName exists',
      '  <<',
      '  [FIX]: Name the queue.',
      '  >>',
      '}',
    ].join('\n'),
  );
  const props = { disabledRules: ['ct-s3-pr-1', 'ct-kms-pr-1'], rules: [ownRule] };
  const context = contextOf(app, [violationsTemplate]);
  const plain = new CfnGuardValidator(props).validate(context);
  expect(new ControlTowerChecks(props).validate(context)).toStrictEqual(plain);
  const rules = plain.violations.map((v) => v.ruleName);
  expect(rules).toContain('queue_named');
  expect(rules).not.toContain('s3_bucket_level_public_access_prohibited_check');
  expect(rules).not.toContain('kms_key_rotation_enabled_check');
  fs.rmSync(rulesDir, { recursive: true, force: true });
});

test('when cfn-guard output cannot be read, the synth fails on one finding for every template', () => {
  const context = contextOf(app, [violationsTemplate]);
  const report = new ControlTowerChecks({ maxBuffer: 16 }).validate(context);
  expect(report).toEqual({
    success: false,
    violations: [
      {
        ruleName: CONTROL_TOWER_CHECKS_FAILED,
        description: expect.stringMatching(
          /^cfn-guard ran, but its result could not be read, so the Control Tower controls were not verified: Error: Error: spawnSync \S+cfn-guard ENOBUFS$/,
        ),
        fix: 'Find the rule with cfn-guard directly on the templates, and change the template so the rule can judge it.',
        violatingResources: [
          { templatePath: violationsTemplate, resourceLogicalId: '', locations: [] },
        ],
      },
    ],
  });
});
