import { aws_logs as logs } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { PiiKey } from '../../../constructs/encryption/pii-key';
import {
  LOG_PII_IDENTIFIERS,
  piiLogDataProtectionPolicy,
} from '../../../constructs/logging/log-data-protection';
import { PiiFreeLogGroup } from '../../../constructs/logging/pii-free-log-group';
import { allPacks, findings, testStack } from '../../helpers';

function logGroupOf(retention?: logs.RetentionDays) {
  const stack = testStack();
  const key = new PiiKey(stack, 'Key');
  const group = new PiiFreeLogGroup(stack, 'Logs', { encryptionKey: key, retention });
  return { stack, key, group, template: Template.fromStack(stack) };
}

describe('PiiFreeLogGroup', () => {
  test('defaults: 13 months, KMS key, retained, the PII data protection policy', () => {
    const { stack, key, template } = logGroupOf();
    template.hasResource('AWS::Logs::LogGroup', {
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
      Properties: {
        RetentionInDays: 400,
        KmsKeyId: { 'Fn::GetAtt': [stack.getLogicalId(key.node.defaultChild as never), 'Arn'] },
      },
    });
    const [group] = Object.values(template.findResources('AWS::Logs::LogGroup'));
    const policy = group.Properties.DataProtectionPolicy;
    expect(policy.Name).toBe('cdk-dpp-mask-pii');
    const [audit, deidentify] = policy.Statement;
    const names = LOG_PII_IDENTIFIERS.map((i) => `:dataprotection::aws:data-identifier/${i.name}`);
    const identifierOf = (arn: { 'Fn::Join': [string, unknown[]] }) => arn['Fn::Join'][1][2];
    expect(audit.DataIdentifier.map(identifierOf)).toEqual(names);
    expect(audit.Operation).toEqual({ Audit: { FindingsDestination: {} } });
    expect(deidentify.DataIdentifier.map(identifierOf)).toEqual(names);
    expect(deidentify.Operation).toEqual({ Deidentify: { MaskConfig: {} } });
  });

  test('a named log group is deleted by the rollback of its own creation, retained otherwise', () => {
    const stack = testStack();
    const encryptionKey = new PiiKey(stack, 'Key');
    new PiiFreeLogGroup(stack, 'Logs', { encryptionKey, logGroupName: '/dpp/orders' });
    Template.fromStack(stack).hasResource('AWS::Logs::LogGroup', {
      DeletionPolicy: 'RetainExceptOnCreate',
      UpdateReplacePolicy: 'Retain',
      Properties: Match.objectLike({ LogGroupName: '/dpp/orders' }),
    });
    expect(findings(stack, allPacks())).toEqual([]);
  });

  test('the identifiers cover the personal data of an order and credentials', () => {
    expect(LOG_PII_IDENTIFIERS.map((i) => i.name)).toEqual(
      expect.arrayContaining([
        'Name',
        'Address',
        'EmailAddress',
        'PhoneNumber-US',
        'PhoneNumber-GB',
        'ZipCode-US',
        'CreditCardNumber',
        'AwsSecretKey',
        'OpenSshPrivateKey',
      ]),
    );
    expect(piiLogDataProtectionPolicy()).toBeInstanceOf(logs.DataProtectionPolicy);
  });

  test('the key lets CloudWatch Logs of the region use it for log groups of the account only', () => {
    const { template } = logGroupOf();
    const [key] = Object.values(template.findResources('AWS::KMS::Key'));
    const statement = key.Properties.KeyPolicy.Statement.find(
      (s: { Sid?: string }) => s.Sid === 'CloudWatchLogsUse',
    );
    expect(statement.Principal).toEqual({
      Service: { 'Fn::Join': ['', ['logs.', { Ref: 'AWS::Region' }, '.amazonaws.com']] },
    });
    expect(Object.keys(statement.Condition.ArnLike)).toEqual([
      'kms:EncryptionContext:aws:logs:arn',
    ]);
  });

  test.each([
    logs.RetentionDays.ONE_YEAR,
    logs.RetentionDays.EIGHTEEN_MONTHS,
    logs.RetentionDays.INFINITE,
  ])('accepts retention %d days', (retention) => {
    const { template } = logGroupOf(retention);
    template.resourceCountIs('AWS::Logs::LogGroup', 1);
  });

  test.each([
    logs.RetentionDays.ONE_DAY,
    logs.RetentionDays.THREE_MONTHS,
    logs.RetentionDays.SIX_MONTHS,
  ])('rejects retention %d days, under a year (DPP-25-LOG)', (retention) => {
    expect(() => logGroupOf(retention)).toThrow(
      `\`retention\` must be at least 365 days (DPP-LM-5, DPP-25-LOG), got: ${retention} days`,
    );
  });

  test('has no findings from any pack', () => {
    const { stack } = logGroupOf();
    expect(findings(stack, allPacks())).toEqual([]);
  });
});
