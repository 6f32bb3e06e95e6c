import { Duration, aws_iam as iam } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { PiiReaderRole } from '../../../lib';
import { allPacks, testStack, owned } from '../../helpers';
import { piiStoresInDataVpc } from '../fixtures';
import { constructFindings } from '../storage/composition';

const DATA = { purpose: 'Print shipping labels', piiFields: ['shippingAddress'] };

function setup() {
  const stack = testStack();
  const { bucket, table } = piiStoresInDataVpc(stack, DATA);
  return { stack, bucket, table };
}

const LAMBDA = new iam.ServicePrincipal('lambda.amazonaws.com');

describe('PiiReaderRole', () => {
  test('reads every store it is given, with their keys, in one managed policy, 1-hour sessions', () => {
    const { stack, bucket, table } = setup();
    new PiiReaderRole(stack, 'LabelPrinter', { assumedBy: LAMBDA, stores: [bucket, table] });
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::IAM::Role', {
      MaxSessionDuration: 3600,
      Description: 'Reads PII for one feature, need-to-know only (cdk-dpp, DPP-LP-2)',
    });
    template.resourceCountIs('AWS::IAM::Policy', 0);
    const policies = Object.values(
      template.findResources('AWS::IAM::ManagedPolicy', {
        Properties: { Roles: [{ Ref: Match.stringLikeRegexp('^LabelPrinter') }] },
      }),
    );
    expect(policies).toHaveLength(1);
    const actions = policies[0].Properties.PolicyDocument.Statement.flatMap(
      (s: { Action: string | string[] }) => ([] as string[]).concat(s.Action),
    );
    expect(actions).toEqual([
      's3:GetObject',
      's3:GetObjectVersion',
      's3:ListBucket',
      'kms:Decrypt',
      'dynamodb:BatchGetItem',
      'dynamodb:GetItem',
      'dynamodb:Query',
      'dynamodb:Scan',
      'dynamodb:ConditionCheckItem',
      'dynamodb:DescribeTable',
      'kms:Decrypt',
      'kms:DescribeKey',
    ]);
  });

  test('each store records the role as its reader, and each key names it', () => {
    const { stack, bucket, table } = setup();
    const role = new PiiReaderRole(stack, 'LabelPrinter', { assumedBy: LAMBDA });
    role.allowRead(bucket);
    role.allowRead(table);
    const template = Template.fromStack(stack);
    for (const type of ['AWS::S3::Bucket', 'AWS::DynamoDB::Table']) {
      template.hasResource(type, {
        Metadata: {
          'cdk-dpp': Match.objectLike({
            data: Match.objectLike({ readers: ['Test/LabelPrinter'] }),
          }),
        },
      });
    }
    for (const keyId of ['LabelsKey', 'OrdersKey']) {
      const key = Object.entries(template.findResources('AWS::KMS::Key')).find(([id]) =>
        id.startsWith(keyId),
      )?.[1];
      const statement = key?.Properties.KeyPolicy.Statement.find(
        (st: { Principal: { AWS?: { 'Fn::GetAtt'?: string[] } } }) =>
          st.Principal.AWS?.['Fn::GetAtt']?.[0].startsWith('LabelPrinter'),
      );
      expect(statement.Effect).toBe('Allow');
      expect([].concat(statement.Action)).toContain('kms:Decrypt');
      expect([].concat(statement.Action)).not.toContain('kms:Encrypt');
    }
  });

  test('implements DPP-LP-2', () => {
    const { stack } = setup();
    new PiiReaderRole(stack, 'LabelPrinter', { assumedBy: LAMBDA });
    Template.fromStack(stack).hasResource('AWS::IAM::Role', {
      Metadata: {
        'cdk-dpp': { construct: 'PiiReaderRole', implements: ['DPP-LP-1', 'DPP-LP-2', 'SOC-C3'] },
      },
    });
  });

  test.each([
    [Duration.hours(2), '2 hours'],
    [Duration.minutes(61), '1.0166666666666666 hours'],
  ])('a session of %s throws', (session, got) => {
    const { stack } = setup();
    expect(
      () =>
        new PiiReaderRole(stack, 'LabelPrinter', {
          assumedBy: LAMBDA,
          maxSessionDuration: session,
        }),
    ).toThrow(`\`maxSessionDuration\` must be at most 1 hour (DPP-LP-2), got: ${got}`);
  });

  test('a session of an hour is accepted', () => {
    const { stack } = setup();
    new PiiReaderRole(stack, 'LabelPrinter', {
      assumedBy: LAMBDA,
      maxSessionDuration: Duration.minutes(60),
    });
    Template.fromStack(stack).hasResourceProperties('AWS::IAM::Role', { MaxSessionDuration: 3600 });
  });

  test('a reader of a bucket and a table has zero findings from every pack', () => {
    const { stack, bucket, table } = setup();
    new PiiReaderRole(stack, 'LabelPrinter', { assumedBy: LAMBDA, stores: [bucket, table] });
    expect(constructFindings(owned(stack), allPacks())).toEqual([]);
  });
});
