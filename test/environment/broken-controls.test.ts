import { Stack, Validations, aws_ec2 as ec2, aws_logs as logs, aws_s3 as s3 } from 'aws-cdk-lib';
import { DppChecks, DppEnvironment } from '../../lib';
import { TEST_OWNER } from '../helpers';
import { environmentApp, synthFailure } from './environment-app';

/**
 * Breaking one control of the environment makes the synth fail, naming the DPP rule and its
 * clauses. Each case registers DppChecks only; that the unbroken environment passes every checker,
 * the built-in CloudFormation validation included, is `dpp-environment.test.ts`'s.
 */
function failureAfter(breakControl: (environment: DppEnvironment) => void): string {
  const app = environmentApp(false);
  Validations.of(app).addPlugins(new DppChecks(app));
  const environment = new DppEnvironment(app, 'Dpp', { owner: TEST_OWNER });
  breakControl(environment);
  return synthFailure(app);
}

interface Statement {
  readonly Condition?: Record<string, Record<string, unknown>>;
}

test.each([
  [
    'a bucket no longer enforces TLS',
    (environment: DppEnvironment) => {
      const policy = environment.data.orderDocuments.policy?.node
        .defaultChild as s3.CfnBucketPolicy;
      const document = Stack.of(policy).resolve(policy.policyDocument) as {
        Statement: Statement[];
      };
      const keep = document.Statement.filter(
        (statement) =>
          !JSON.stringify(statement.Condition ?? {}).match(/aws:SecureTransport|s3:TlsVersion/),
      );
      policy.addPropertyOverride('PolicyDocument.Statement', keep);
    },
    ['DPP-S3BucketTlsOnly[SecureTransport]', '(DPP-NP-7, DPP-25-TLS, SOC-R6)'],
  ],
  [
    'a security group is opened to the world',
    (environment: DppEnvironment) => {
      const group = environment.application.orderService.securityGroup.node
        .defaultChild as ec2.CfnSecurityGroup;
      group.addPropertyOverride('SecurityGroupIngress', [
        { IpProtocol: 'tcp', FromPort: 443, ToPort: 443, CidrIp: '0.0.0.0/0' },
      ]);
    },
    ['DPP-SecurityGroupNoWorldIngress[WorldOpenIpv4]', '(DPP-NP-1)'],
  ],
  [
    "a log group's retention is dropped",
    (environment: DppEnvironment) => {
      const logGroup = environment.data.serviceLogs.node.defaultChild as logs.CfnLogGroup;
      logGroup.addDeletionOverride('Properties.RetentionInDays');
    },
    ['DPP-LogGroupRetention[RetentionInfinite]', '(DPP-LM-5, DPP-25-LOG)'],
  ],
] as [string, (environment: DppEnvironment) => void, string[]][])(
  'the synth fails when %s, naming the rule and its clauses',
  (_, breakControl, [rule, clauses]) => {
    const failure = failureAfter(breakControl);
    expect(failure).toContain(`Acknowledge with 'DPP::${rule}'`);
    expect(failure).toContain(clauses);
  },
);
