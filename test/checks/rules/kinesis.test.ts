import {
  CfnParameter,
  Duration,
  NestedStack,
  aws_kinesis as kinesis,
  aws_kms as kms,
} from 'aws-cdk-lib';
import { DataClass } from '../../../constructs/common/data-class';
import { findings, testStack } from '../../helpers';
import { classify, findingsOf, unresolvedNumber, unresolvedString } from '../rule-helpers';

describe('KinesisStreamKmsEncrypted', () => {
  const ID = 'KinesisStreamKmsEncrypted';

  test('an L2 stream with the AWS managed key is flagged', () => {
    const stack = testStack();
    new kinesis.Stream(stack, 'Stream', { encryption: kinesis.StreamEncryption.MANAGED });
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[AwsManagedKey]`]);
  });

  test('an L1 stream without encryption is flagged', () => {
    const stack = testStack();
    new kinesis.CfnStream(stack, 'Stream', { shardCount: 1 });
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[NotKms]`]);
  });

  test('a customer-managed key complies', () => {
    const stack = testStack();
    new kinesis.Stream(stack, 'Stream', { encryptionKey: new kms.Key(stack, 'Key') });
    expect(findingsOf(stack, ID)).toEqual([]);
  });

  test('an unresolved key is reported', () => {
    const stack = testStack();
    new kinesis.CfnStream(stack, 'Stream', {
      streamEncryption: { encryptionType: 'KMS', keyId: unresolvedString(stack) },
    });
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[Unresolved::KeyId]`]);
  });
});

describe('KinesisStreamRetentionByClass', () => {
  const ID = 'KinesisStreamRetentionByClass';

  test('a retention a parent passes as a literal to its nested stack is judged', () => {
    const stack = testStack();
    const nested = new NestedStack(stack, 'Nested', {
      parameters: { ShortHoursParameter: '48', LongHoursParameter: '8760' },
    });
    for (const name of ['ShortHours', 'LongHours', 'NotPassed']) {
      classify(
        new kinesis.CfnStream(nested, name, {
          retentionPeriodHours: new CfnParameter(nested, `${name}Parameter`, {
            type: 'Number',
          }).valueAsNumber,
        }),
        DataClass.PII,
      );
    }
    // The parent passes no value for NotPassedParameter: it cannot be judged.
    expect(
      findings(stack)
        .filter((f) => f.rule.startsWith(`DPP-${ID}`))
        .map((f) => `${f.rule} ${f.path}`),
    ).toEqual([
      `DPP-${ID}[RetentionTooLong] Test/Nested/LongHours`,
      `DPP-${ID}[Unresolved::RetentionPeriodHours] Test/Nested/NotPassed`,
    ]);
  });

  test.each([
    [DataClass.PII, 30, []],
    [DataClass.PII, 31, ['RetentionTooLong']],
    [DataClass.AMAZON_DATA, 365, []],
  ])('an L2 %s stream kept %i days', (dataClass, days, expected) => {
    const stack = testStack();
    classify(
      new kinesis.Stream(stack, 'Stream', { retentionPeriod: Duration.days(days) }),
      dataClass,
    );
    expect(findingsOf(stack, ID)).toEqual(expected.map((f) => `DPP-${ID}[${f}]`));
  });

  test('an L1 pii stream kept too long is flagged', () => {
    const stack = testStack();
    classify(
      new kinesis.CfnStream(stack, 'Stream', { retentionPeriodHours: 24 * 60 }),
      DataClass.PII,
    );
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[RetentionTooLong]`]);
  });

  test('an unresolved retention is reported', () => {
    const stack = testStack();
    classify(
      new kinesis.CfnStream(stack, 'Stream', { retentionPeriodHours: unresolvedNumber(stack) }),
      DataClass.PII,
    );
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[Unresolved::RetentionPeriodHours]`]);
  });
});
