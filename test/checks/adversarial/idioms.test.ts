import {
  CfnParameter,
  NestedStack,
  Stack,
  aws_backup as backup,
  aws_dynamodb as dynamodb,
  aws_iam as iam,
  aws_kms as kms,
  aws_s3 as s3,
} from 'aws-cdk-lib';
import { DataClass } from '../../../constructs/common/data-class';
import { testApp, testStack } from '../../helpers';
import { classify, findingsOf } from '../rule-helpers';

/**
 * Bypass attempts against what the compliant-idioms corpus taught the rules to accept: a
 * `kms:ViaService` grant, an ARN-pattern backup selection, a nested-stack parameter and a
 * secret's target attachment must each be accepted only in the shape that is really safe.
 */

describe('KmsKeyUseNamedPrincipals: kms:ViaService', () => {
  const ID = 'KmsKeyUseNamedPrincipals';

  test.each([
    ['a wildcard service', 'StringLike', '*'],
    ['every service of the partition', 'StringLike', '*.amazonaws.com'],
    ['a negated service', 'StringNotEquals', 'secretsmanager.eu-west-1.amazonaws.com'],
  ])('account-wide use limited to %s is still account-wide', (_, operator, service) => {
    const stack = testStack();
    const key = new kms.Key(stack, 'Key', { policy: new iam.PolicyDocument() });
    key.addToResourcePolicy(
      new iam.PolicyStatement({
        principals: [new iam.AccountRootPrincipal()],
        actions: ['kms:Decrypt'],
        resources: ['*'],
        conditions: { [operator]: { 'kms:ViaService': service } },
      }),
    );
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[AccountWideUse]`]);
  });

  test('a service named with the region token of an environment-agnostic stack complies', () => {
    const stack = testStack();
    const key = new kms.Key(stack, 'Key', { policy: new iam.PolicyDocument() });
    key.grantDecrypt(
      new kms.ViaServicePrincipal(
        `dynamodb.${stack.region}.amazonaws.com`,
        new iam.AccountRootPrincipal(),
      ),
    );
    expect(findingsOf(stack, ID)).toEqual([]);
  });
});

describe('PiiStoreBackedUp: ARN patterns', () => {
  const ID = 'PiiStoreBackedUp';

  function piiTable(stack: Stack, tableName: string): dynamodb.Table {
    return classify(
      new dynamodb.Table(stack, 'Table', {
        tableName,
        partitionKey: { name: 'pk', type: dynamodb.AttributeType.STRING },
      }),
      DataClass.PII,
    );
  }

  test.each([
    ['another account', 'arn:aws:dynamodb:eu-west-1:222222222222:table/orders'],
    ['a prefix the name only contains', 'arn:aws:dynamodb:eu-west-1:111111111111:table/ord'],
    ['another service', 'arn:aws:s3:::orders'],
    ['a dot the pattern means literally', 'arn:aws:dynamodb:eu-west-1:111111111111:table/order.'],
  ])('a pattern of %s does not cover the table', (_, arn) => {
    const stack = new Stack(testApp(), 'Data', {
      env: { account: '111111111111', region: 'eu-west-1' },
    });
    piiTable(stack, 'orders');
    backup.BackupPlan.daily35DayRetention(stack, 'Plan').addSelection('Selection', {
      resources: [backup.BackupResource.fromArn(arn)],
    });
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[NoBackupSelection]`]);
  });
});

describe('a nested-stack parameter is followed, not trusted', () => {
  test('an AWS managed key passed as a literal parameter is judged as that key', () => {
    const stack = testStack();
    const nested = new NestedStack(stack, 'Nested', {
      parameters: { KeyArn: 'alias/aws/s3' },
    });
    const keyArn = new CfnParameter(nested, 'KeyArn').valueAsString;
    classify(
      new s3.CfnBucket(nested, 'Bucket', {
        bucketEncryption: {
          serverSideEncryptionConfiguration: [
            { serverSideEncryptionByDefault: { sseAlgorithm: 'aws:kms', kmsMasterKeyId: keyArn } },
          ],
        },
      }),
      DataClass.AMAZON_DATA,
    );
    expect(findingsOf(stack, 'S3BucketKmsEncrypted')).toEqual([
      'DPP-S3BucketKmsEncrypted[AwsManagedKey]',
    ]);
  });
});
