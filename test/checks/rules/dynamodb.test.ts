import {
  App,
  CfnParameter,
  NestedStack,
  Stack,
  aws_dynamodb as dynamodb,
  aws_kms as kms,
} from 'aws-cdk-lib';
import { DataClass } from '../../../constructs/common/data-class';
import { findings, testStack } from '../../helpers';
import { classify, findingsOf, unresolvedString } from '../rule-helpers';

const partitionKey = { name: 'id', type: dynamodb.AttributeType.STRING };
const l1Table = {
  keySchema: [{ attributeName: 'id', keyType: 'HASH' }],
  attributeDefinitions: [{ attributeName: 'id', attributeType: 'S' }],
};

describe('DynamoDbTableKmsEncrypted', () => {
  const ID = 'DynamoDbTableKmsEncrypted';

  test.each([
    ['the default (AWS owned) encryption', undefined, ['NotKms']],
    ['the AWS managed key', dynamodb.TableEncryption.AWS_MANAGED, ['NoCustomerManagedKey']],
  ])('an L2 table with %s is flagged', (_, encryption, expected) => {
    const stack = testStack();
    new dynamodb.Table(stack, 'Table', { partitionKey, encryption });
    expect(findingsOf(stack, ID)).toEqual(expected.map((f) => `DPP-${ID}[${f}]`));
  });

  test('an L1 table with SSE off is flagged', () => {
    const stack = testStack();
    new dynamodb.CfnTable(stack, 'Table', { ...l1Table, sseSpecification: { sseEnabled: false } });
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[NotKms]`]);
  });

  test('a customer-managed key complies', () => {
    const stack = testStack();
    new dynamodb.Table(stack, 'Table', {
      partitionKey,
      encryption: dynamodb.TableEncryption.CUSTOMER_MANAGED,
      encryptionKey: new kms.Key(stack, 'Key'),
    });
    expect(findingsOf(stack, ID)).toEqual([]);
  });

  test('a key of another stack, read through Fn::GetStackOutput, is judged as the key', () => {
    const app = new App({
      builtinCloudFormationValidation: false,
      context: { '@aws-cdk/core:defaultCrossStackReferences': 'weak' },
    });
    const env = { account: '111111111111', region: 'eu-west-1' };
    const key = new kms.Key(new Stack(app, 'Keys', { env }), 'Key');
    const data = new Stack(app, 'Data', { env });
    new dynamodb.Table(data, 'Table', {
      partitionKey,
      encryption: dynamodb.TableEncryption.CUSTOMER_MANAGED,
      encryptionKey: key,
    });
    expect(JSON.stringify(app.synth().getStackByName('Data').template)).toContain(
      'Fn::GetStackOutput',
    );
    expect(findingsOf(data, ID)).toEqual([]);
  });

  test('a key passed to a nested stack as a parameter is judged as the key', () => {
    const stack = testStack();
    const key = new kms.Key(stack, 'Key');
    const nested = new NestedStack(stack, 'Nested', { parameters: { KeyArn: key.keyArn } });
    const keyArn = new CfnParameter(nested, 'KeyArn').valueAsString;
    new dynamodb.CfnTable(nested, 'Passed', {
      ...l1Table,
      sseSpecification: { sseEnabled: true, sseType: 'KMS', kmsMasterKeyId: keyArn },
    });
    // A parameter the parent does not pass cannot be judged.
    new dynamodb.CfnTable(nested, 'NotPassed', {
      ...l1Table,
      sseSpecification: {
        sseEnabled: true,
        sseType: 'KMS',
        kmsMasterKeyId: new CfnParameter(nested, 'Other').valueAsString,
      },
    });
    expect(
      findings(stack)
        .filter((f) => f.rule.startsWith(`DPP-${ID}`))
        .map((f) => `${f.rule} ${f.path}`),
    ).toEqual([`DPP-${ID}[Unresolved::KMSMasterKeyId] Test/Nested/NotPassed`]);
  });

  test('an unresolved SSE flag is reported', () => {
    const stack = testStack();
    new dynamodb.CfnTable(stack, 'Table', {
      ...l1Table,
      sseSpecification: {
        sseEnabled: unresolvedString(stack) as unknown as boolean,
        kmsMasterKeyId: 'k',
      },
    });
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[Unresolved::SSESpecification]`]);
  });
});

describe('DynamoDbTablePitr', () => {
  const ID = 'DynamoDbTablePitr';

  test('an L2 table without PITR is flagged', () => {
    const stack = testStack();
    new dynamodb.Table(stack, 'Table', { partitionKey });
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[NoPointInTimeRecovery]`]);
  });

  test('an L1 table without PITR is flagged', () => {
    const stack = testStack();
    new dynamodb.CfnTable(stack, 'Table', l1Table);
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[NoPointInTimeRecovery]`]);
  });

  test('PITR on complies', () => {
    const stack = testStack();
    new dynamodb.Table(stack, 'Table', {
      partitionKey,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
    });
    expect(findingsOf(stack, ID)).toEqual([]);
  });

  test('an unresolved flag is reported', () => {
    const stack = testStack();
    new dynamodb.CfnTable(stack, 'Table', {
      ...l1Table,
      pointInTimeRecoverySpecification: {
        pointInTimeRecoveryEnabled: unresolvedString(stack) as unknown as boolean,
      },
    });
    expect(findingsOf(stack, ID)).toEqual([
      `DPP-${ID}[Unresolved::PointInTimeRecoverySpecification]`,
    ]);
  });
});

describe('DynamoDbTableTtlByClass', () => {
  const ID = 'DynamoDbTableTtlByClass';

  test.each([DataClass.PII, DataClass.AMAZON_DATA])(
    'an L2 %s table without TTL is flagged',
    (c) => {
      const stack = testStack();
      classify(new dynamodb.Table(stack, 'Table', { partitionKey }), c);
      expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[NoTimeToLive]`]);
    },
  );

  test('an L1 pii table with TTL disabled is flagged', () => {
    const stack = testStack();
    classify(
      new dynamodb.CfnTable(stack, 'Table', {
        ...l1Table,
        timeToLiveSpecification: { enabled: false, attributeName: 'expiresAt' },
      }),
      DataClass.PII,
    );
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[NoTimeToLive]`]);
  });

  test('a pii table with a TTL attribute complies, an audit-log table needs none', () => {
    const stack = testStack();
    classify(
      new dynamodb.Table(stack, 'Pii', { partitionKey, timeToLiveAttribute: 'expiresAt' }),
      DataClass.PII,
    );
    classify(new dynamodb.Table(stack, 'Audit', { partitionKey }), DataClass.AUDIT_LOG);
    expect(findingsOf(stack, ID)).toEqual([]);
  });

  test('a pii table restorable 35 days by default PITR is flagged, 30 days complies', () => {
    const stack = testStack();
    classify(
      new dynamodb.Table(stack, 'Default', {
        partitionKey,
        timeToLiveAttribute: 'expiresAt',
        pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      }),
      DataClass.PII,
    );
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[PitrOutlivesLimit]`]);
    const within = testStack();
    classify(
      new dynamodb.Table(within, 'Within', {
        partitionKey,
        timeToLiveAttribute: 'expiresAt',
        pointInTimeRecoverySpecification: {
          pointInTimeRecoveryEnabled: true,
          recoveryPeriodInDays: 30,
        },
      }),
      DataClass.PII,
    );
    expect(findingsOf(within, ID)).toEqual([]);
  });

  test('an unresolved TTL flag is reported', () => {
    const stack = testStack();
    classify(
      new dynamodb.CfnTable(stack, 'Table', {
        ...l1Table,
        timeToLiveSpecification: {
          enabled: unresolvedString(stack) as unknown as boolean,
          attributeName: 'expiresAt',
        },
      }),
      DataClass.PII,
    );
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[Unresolved::TimeToLiveSpecification]`]);
  });
});
