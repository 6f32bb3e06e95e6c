import { RemovalPolicy, aws_kms as kms, aws_logs as logs } from 'aws-cdk-lib';
import { PiiKey } from '../../../constructs/encryption/pii-key';
import { piiLogDataProtectionPolicy } from '../../../constructs/logging/log-data-protection';
import { PiiFreeLogGroup } from '../../../constructs/logging/pii-free-log-group';
import { testStack } from '../../helpers';
import { findingsOf, unresolvedNumber, unresolvedString } from '../rule-helpers';

describe('LogGroupRetention', () => {
  const ID = 'LogGroupRetention';

  test.each([
    [logs.RetentionDays.ONE_MONTH, ['RetentionTooShort']],
    [logs.RetentionDays.INFINITE, ['RetentionInfinite']],
    [logs.RetentionDays.ONE_YEAR, []],
    [logs.RetentionDays.THIRTEEN_MONTHS, []],
  ])('an L2 log group kept %s days', (retention, expected) => {
    const stack = testStack();
    new logs.LogGroup(stack, 'Logs', { retention, removalPolicy: RemovalPolicy.RETAIN });
    expect(findingsOf(stack, ID)).toEqual(expected.map((f) => `DPP-${ID}[${f}]`));
  });

  test('an L1 log group without a retention keeps events forever', () => {
    const stack = testStack();
    new logs.CfnLogGroup(stack, 'Logs');
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[RetentionInfinite]`]);
  });

  test('an unresolved retention is reported', () => {
    const stack = testStack();
    new logs.CfnLogGroup(stack, 'Logs', { retentionInDays: unresolvedNumber(stack) });
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[Unresolved::RetentionInDays]`]);
  });
});

describe('LogGroupKmsEncrypted', () => {
  const ID = 'LogGroupKmsEncrypted';

  test('an L2 log group without a key is flagged', () => {
    const stack = testStack();
    new logs.LogGroup(stack, 'Logs');
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[NoCustomerManagedKey]`]);
  });

  test('an L1 log group without a key is flagged', () => {
    const stack = testStack();
    new logs.CfnLogGroup(stack, 'Logs');
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[NoCustomerManagedKey]`]);
  });

  test('a customer-managed key complies', () => {
    const stack = testStack();
    new logs.LogGroup(stack, 'Logs', { encryptionKey: new kms.Key(stack, 'Key') });
    expect(findingsOf(stack, ID)).toEqual([]);
  });

  test('an unresolved key is reported', () => {
    const stack = testStack();
    new logs.CfnLogGroup(stack, 'Logs', { kmsKeyId: unresolvedString(stack) });
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[Unresolved::KmsKeyId]`]);
  });
});

describe('LogGroupDataProtection', () => {
  const ID = 'LogGroupDataProtection';

  test('an L2 log group without a data protection policy is flagged', () => {
    const stack = testStack();
    new logs.LogGroup(stack, 'Logs');
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[NoDataProtectionPolicy]`]);
  });

  test('an L1 policy that only audits is flagged', () => {
    const stack = testStack();
    new logs.CfnLogGroup(stack, 'Logs', {
      dataProtectionPolicy: {
        Name: 'audit-only',
        Version: '2021-06-01',
        Statement: [
          {
            Sid: 'audit',
            DataIdentifier: ['arn:aws:dataprotection::aws:data-identifier/EmailAddress'],
            Operation: { Audit: { FindingsDestination: {} } },
          },
        ],
      },
    });
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[NoMasking]`]);
  });

  test('the cdk-dpp masking policy complies, on a plain log group or a PiiFreeLogGroup', () => {
    const stack = testStack();
    new logs.LogGroup(stack, 'Logs', { dataProtectionPolicy: piiLogDataProtectionPolicy() });
    new PiiFreeLogGroup(stack, 'AppLogs', { encryptionKey: new PiiKey(stack, 'Key') });
    expect(findingsOf(stack, ID)).toEqual([]);
  });

  test('an unresolved policy is reported', () => {
    const stack = testStack();
    new logs.CfnLogGroup(stack, 'Logs', {
      dataProtectionPolicy: { 'Fn::ImportValue': unresolvedString(stack) },
    });
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[Unresolved::DataProtectionPolicy]`]);
  });
});
