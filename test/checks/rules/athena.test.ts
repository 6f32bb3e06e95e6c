import { aws_athena as athena, aws_kms as kms, Stack } from 'aws-cdk-lib';
import { DataClass } from '../../../constructs/common/data-class';
import { testStack } from '../../helpers';
import { classify, findingsOf, unresolvedString } from '../rule-helpers';

const ID = 'AthenaWorkGroupEncrypted';

/** A workgroup with the given configuration. */
function workGroup(
  stack: Stack,
  workGroupConfiguration?: athena.CfnWorkGroup.WorkGroupConfigurationProperty,
): athena.CfnWorkGroup {
  return new athena.CfnWorkGroup(stack, 'WorkGroup', { name: 'analysts', workGroupConfiguration });
}

/** Results in S3 encrypted with `encryptionOption`, under `kmsKey`. */
function results(encryptionOption: string, kmsKey?: string) {
  return {
    outputLocation: 's3://results/',
    encryptionConfiguration: { encryptionOption, kmsKey },
  };
}

describe('AthenaWorkGroupEncrypted', () => {
  test('a workgroup without result encryption is flagged', () => {
    const stack = testStack();
    workGroup(stack);
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[ResultsNotKms]`]);
  });

  test('SSE_S3 results are flagged', () => {
    const stack = testStack();
    workGroup(stack, { resultConfiguration: results('SSE_S3') });
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[ResultsNotKms]`]);
  });

  test('SSE_KMS under a customer key complies; a no-amazon-data workgroup is not judged', () => {
    const stack = testStack();
    workGroup(stack, {
      resultConfiguration: results('SSE_KMS', new kms.Key(stack, 'Key').keyArn),
      enforceWorkGroupConfiguration: true,
    });
    expect(findingsOf(stack, ID)).toEqual([]);
    const other = testStack('Other');
    classify(workGroup(other), DataClass.NO_AMAZON_DATA);
    expect(findingsOf(other, ID)).toEqual([]);
  });

  test('letting clients override the workgroup settings is flagged', () => {
    const stack = testStack();
    workGroup(stack, {
      resultConfiguration: results('CSE_KMS', new kms.Key(stack, 'Key').keyArn),
      enforceWorkGroupConfiguration: false,
    });
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[ClientOverride]`]);
  });

  test('Athena-managed results without a key of the developer are flagged', () => {
    const stack = testStack();
    workGroup(stack, { managedQueryResultsConfiguration: { enabled: true } });
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[ResultsNotKms]`]);
    const other = testStack('Other');
    workGroup(other, {
      managedQueryResultsConfiguration: {
        enabled: true,
        encryptionConfiguration: { kmsKey: new kms.Key(other, 'Key').keyArn },
      },
    });
    expect(findingsOf(other, ID)).toEqual([]);
  });

  test('an unresolved encryption option is reported', () => {
    const stack = testStack();
    workGroup(stack, { resultConfiguration: results(unresolvedString(stack)) });
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[Unresolved::EncryptionOption]`]);
  });
});
