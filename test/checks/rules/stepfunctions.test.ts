import { aws_kms as kms, aws_stepfunctions as sfn } from 'aws-cdk-lib';
import { DataClass } from '../../../constructs/common/data-class';
import { testStack } from '../../helpers';
import { classify, findingsOf, unresolvedString } from '../rule-helpers';

describe('StepFunctionsKmsEncrypted', () => {
  const ID = 'StepFunctionsKmsEncrypted';

  test('an L2 state machine with the default (AWS-owned) key is flagged', () => {
    const stack = testStack();
    new sfn.StateMachine(stack, 'Machine', {
      definitionBody: sfn.DefinitionBody.fromChainable(new sfn.Pass(stack, 'Pass')),
    });
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[AwsOwnedKey]`]);
  });

  test('an explicit AWS-owned key on an activity is flagged', () => {
    const stack = testStack();
    new sfn.Activity(stack, 'Activity', {
      encryptionConfiguration: new sfn.AwsOwnedEncryptionConfiguration(),
    });
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[AwsOwnedKey]`]);
  });

  test('a customer-managed key complies; a no-amazon-data state machine is not judged', () => {
    const stack = testStack();
    new sfn.StateMachine(stack, 'Machine', {
      definitionBody: sfn.DefinitionBody.fromChainable(new sfn.Pass(stack, 'Pass')),
      encryptionConfiguration: new sfn.CustomerManagedEncryptionConfiguration(
        new kms.Key(stack, 'Key'),
      ),
    });
    expect(findingsOf(stack, ID)).toEqual([]);
    const other = testStack('Other');
    classify(new sfn.Activity(other, 'Activity'), DataClass.NO_AMAZON_DATA);
    expect(findingsOf(other, ID)).toEqual([]);
  });

  test('an L1 customer-managed type without a key, and an unresolved type, are reported', () => {
    const stack = testStack();
    new sfn.CfnActivity(stack, 'Activity', {
      name: 'orders',
      encryptionConfiguration: { type: 'CUSTOMER_MANAGED_KMS_KEY' },
    });
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[NoCustomerManagedKey]`]);
    const other = testStack('Other');
    new sfn.CfnActivity(other, 'Activity', {
      name: 'orders',
      encryptionConfiguration: { type: unresolvedString(other) },
    });
    expect(findingsOf(other, ID)).toEqual([`DPP-${ID}[Unresolved::EncryptionConfiguration]`]);
  });
});
