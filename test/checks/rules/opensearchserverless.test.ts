import { aws_kms as kms, aws_opensearchserverless as aoss, Stack } from 'aws-cdk-lib';
import { DataClass } from '../../../constructs/common/data-class';
import { testStack } from '../../helpers';
import { classify, findingsOf } from '../rule-helpers';

/** A collection named `orders`. */
function collection(
  stack: Stack,
  props: Partial<aoss.CfnCollectionProps> = {},
): aoss.CfnCollection {
  return new aoss.CfnCollection(stack, 'Collection', { name: 'orders', ...props });
}

/** A security policy of `type` with the given document. */
function policy(stack: Stack, type: string, document: unknown, id = `${type}Policy`): void {
  new aoss.CfnSecurityPolicy(stack, id, {
    name: `orders-${type}`,
    type,
    policy: JSON.stringify(document),
  });
}

const RULES = [{ ResourceType: 'collection', Resource: ['collection/orders*'] }];

describe('ServerlessCollectionKmsEncrypted', () => {
  const ID = 'ServerlessCollectionKmsEncrypted';

  test('a collection covered by an AWS-owned-key encryption policy is flagged', () => {
    const stack = testStack();
    policy(stack, 'encryption', { Rules: RULES, AWSOwnedKey: true });
    collection(stack);
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[AwsOwnedKey]`]);
  });

  test('a customer-managed key in the policy complies; a policy for other names does not count', () => {
    const stack = testStack();
    const key = new kms.Key(stack, 'Key');
    policy(stack, 'encryption', { Rules: RULES, AWSOwnedKey: false, KmsARN: key.keyArn });
    collection(stack);
    expect(findingsOf(stack, ID)).toEqual([]);
    const other = testStack('Other');
    policy(other, 'encryption', {
      Rules: [{ ResourceType: 'collection', Resource: ['collection/logs*'] }],
      AWSOwnedKey: true,
    });
    collection(other);
    expect(findingsOf(other, ID)).toEqual([`DPP-${ID}[Unresolved::EncryptionPolicy]`]);
  });

  test('the collection’s own encryption config is judged first', () => {
    const stack = testStack();
    collection(stack, { encryptionConfig: { awsOwnedKey: true } });
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[AwsOwnedKey]`]);
    const other = testStack('Other');
    collection(other, { encryptionConfig: { kmsKeyArn: new kms.Key(other, 'Key').keyArn } });
    expect(findingsOf(other, ID)).toEqual([]);
  });

  test('a no-amazon-data collection is not judged', () => {
    const stack = testStack();
    policy(stack, 'encryption', { Rules: RULES, AWSOwnedKey: true });
    classify(collection(stack), DataClass.NO_AMAZON_DATA);
    expect(findingsOf(stack, ID)).toEqual([]);
  });
});

describe('ServerlessCollectionNotPublic', () => {
  const ID = 'ServerlessCollectionNotPublic';

  test('a network policy allowing public access is flagged', () => {
    const stack = testStack();
    policy(stack, 'network', [{ Rules: RULES, AllowFromPublic: true }]);
    collection(stack);
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[PublicAccess]`]);
  });

  test('VPC endpoint access only complies, and so does a collection no network policy opens', () => {
    const stack = testStack();
    policy(stack, 'network', [{ Rules: RULES, AllowFromPublic: false, SourceVPCEs: ['vpce-1'] }]);
    collection(stack);
    expect(findingsOf(stack, ID)).toEqual([]);
    const other = testStack('Other');
    collection(other);
    expect(findingsOf(other, ID)).toEqual([]);
  });

  test('a policy whose text cannot be read is reported', () => {
    const stack = testStack();
    new aoss.CfnSecurityPolicy(stack, 'Network', {
      name: 'orders-network',
      type: 'network',
      policy: 'not json',
    });
    collection(stack);
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[Unresolved::NetworkPolicy]`]);
  });
});
