import {
  CfnResource,
  aws_cassandra as cassandra,
  aws_qldb as qldb,
  aws_redshift as redshift,
  RemovalPolicy,
  Stack,
  Tags,
  aws_dynamodb as dynamodb,
  aws_efs as efs,
  aws_msk as msk,
  aws_s3 as s3,
  aws_sqs as sqs,
} from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { DATA_CLASS_TAG, DataClass } from '../../../constructs/common/data-class';
import { OWNER_TAG } from '../../../constructs/common/owner';
import { findings, testApp, testStack } from '../../helpers';
import { classify, findingsOf, unresolvedString } from '../rule-helpers';

describe('DataStoreClassified', () => {
  const ID = 'DataStoreClassified';

  test('an L2 bucket without the tag is flagged', () => {
    const stack = testStack();
    new s3.Bucket(stack, 'Bucket');
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[MissingTag]`]);
  });

  test('an L1 queue with a value that is not a data class is flagged', () => {
    const stack = testStack();
    new sqs.CfnQueue(stack, 'Queue', { tags: [{ key: DATA_CLASS_TAG, value: 'secret-stuff' }] });
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[UnknownClass]`]);
  });

  test.each(Object.values(DataClass))('a table tagged %s complies', (dataClass) => {
    const stack = testStack();
    classify(
      new dynamodb.Table(stack, 'Table', {
        partitionKey: { name: 'id', type: dynamodb.AttributeType.STRING },
      }),
      dataClass,
    );
    expect(findingsOf(stack, ID)).toEqual([]);
  });

  test('a plain CfnResource is judged on the Tags it renders', () => {
    const stack = testStack();
    new CfnResource(stack, 'Untagged', { type: 'AWS::SQS::Queue' });
    new CfnResource(stack, 'Tagged', {
      type: 'AWS::SQS::Queue',
      properties: { Tags: [{ Key: DATA_CLASS_TAG, Value: DataClass.TAX_ARCHIVE }] },
    });
    expect(findings(stack).filter((f) => f.rule.startsWith(`DPP-${ID}`))).toEqual([
      { rule: `DPP-${ID}[MissingTag]`, path: 'Test/Untagged' },
    ]);
  });

  test('a global table is judged on the tags of its replicas (`Replicas[].Tags`)', () => {
    const stack = testStack();
    const replica = (region: string, value?: string) => ({
      region,
      tags: value === undefined ? undefined : [{ key: DATA_CLASS_TAG, value }],
    });
    const table = (id: string, replicas: dynamodb.CfnGlobalTable.ReplicaSpecificationProperty[]) =>
      new dynamodb.CfnGlobalTable(stack, id, {
        attributeDefinitions: [{ attributeName: 'pk', attributeType: 'S' }],
        keySchema: [{ attributeName: 'pk', keyType: 'HASH' }],
        replicas,
      });
    table('Tagged', [replica('eu-west-1', DataClass.PII), replica('us-east-1', DataClass.PII)]);
    table('Partly', [replica('eu-west-1', DataClass.AMAZON_DATA), replica('us-east-1')]);
    table('Disagreeing', [
      replica('eu-west-1', DataClass.PII),
      replica('us-east-1', DataClass.NO_AMAZON_DATA),
    ]);
    table('Untagged', [replica('eu-west-1')]);
    expect(
      findings(stack)
        .filter((f) => f.rule.startsWith(`DPP-${ID}`))
        .map((f) => `${f.rule} ${f.path}`),
    ).toEqual([`DPP-${ID}[MissingTag] Test/Untagged`, `DPP-${ID}[UnknownClass] Test/Disagreeing`]);
  });

  test('a TableV2 with replicas, tagged with Tags.of, complies', () => {
    const stack = new Stack(testApp(), 'Global', { env: { region: 'eu-west-1' } });
    classify(
      new dynamodb.TableV2(stack, 'Table', {
        partitionKey: { name: 'pk', type: dynamodb.AttributeType.STRING },
        replicas: [{ region: 'us-east-1' }],
      }),
      DataClass.PII,
    );
    expect(findingsOf(stack, ID)).toEqual([]);
  });

  test('an unresolved tag value is reported', () => {
    const stack = testStack();
    const bucket = new s3.Bucket(stack, 'Bucket');
    Tags.of(bucket).add(DATA_CLASS_TAG, unresolvedString(stack));
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[Unresolved::Tags]`]);
  });

  test('resources that hold no data are not judged', () => {
    const stack = testStack();
    new s3.CfnBucketPolicy(stack, 'Policy', { bucket: 'b', policyDocument: {} });
    expect(findingsOf(stack, ID)).toEqual([]);
  });
});

describe('DataStoreOwned', () => {
  const ID = 'DataStoreOwned';

  test('an L2 bucket without the tag is flagged', () => {
    const stack = testStack();
    new s3.Bucket(stack, 'Bucket');
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[MissingTag]`]);
  });

  test('stores owned through Tags.of their stack comply, in the list, map and FileSystemTags shapes', () => {
    const stack = testStack();
    new s3.Bucket(stack, 'Bucket');
    new msk.CfnServerlessCluster(stack, 'Kafka', {
      clusterName: 'orders',
      clientAuthentication: { sasl: { iam: { enabled: true } } },
      vpcConfigs: [{ subnetIds: ['subnet-1'] }],
    });
    new efs.CfnFileSystem(stack, 'Files');
    Tags.of(stack).add(OWNER_TAG, 'orders-team@seller.example');
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::MSK::ServerlessCluster', {
      Tags: { [OWNER_TAG]: 'orders-team@seller.example' },
    });
    template.hasResourceProperties('AWS::EFS::FileSystem', {
      FileSystemTags: [{ Key: OWNER_TAG, Value: 'orders-team@seller.example' }],
    });
    expect(findingsOf(stack, ID)).toEqual([]);
  });

  test('a blank owner is flagged', () => {
    const stack = testStack();
    new sqs.CfnQueue(stack, 'Queue', { tags: [{ key: OWNER_TAG, value: ' ' }] });
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[EmptyOwner]`]);
  });

  test('an unresolved owner is reported, not taken for an owner', () => {
    const stack = testStack();
    const bucket = new s3.Bucket(stack, 'Bucket');
    Tags.of(bucket).add(OWNER_TAG, unresolvedString(stack));
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[Unresolved::Tags]`]);
  });

  test('a global table is owned when every replica carries the tag', () => {
    const stack = testStack();
    const replica = (region: string, value?: string) => ({
      region,
      tags: value === undefined ? undefined : [{ key: OWNER_TAG, value }],
    });
    const table = (id: string, replicas: dynamodb.CfnGlobalTable.ReplicaSpecificationProperty[]) =>
      new dynamodb.CfnGlobalTable(stack, id, {
        attributeDefinitions: [{ attributeName: 'pk', attributeType: 'S' }],
        keySchema: [{ attributeName: 'pk', keyType: 'HASH' }],
        replicas,
      });
    table('Owned', [replica('eu-west-1', 'orders-team'), replica('us-east-1', 'orders-team')]);
    table('Partly', [replica('eu-west-1', 'orders-team'), replica('us-east-1')]);
    expect(
      findings(stack)
        .filter((f) => f.rule.startsWith(`DPP-${ID}`))
        .map((f) => `${f.rule} ${f.path}`),
    ).toEqual([`DPP-${ID}[MissingTag::Replicas[1].Tags] Test/Partly`]);
  });

  test('a TableV2 with replicas, owned with Tags.of, complies', () => {
    const stack = new Stack(testApp(), 'Global', { env: { region: 'eu-west-1' } });
    const table = new dynamodb.TableV2(stack, 'Table', {
      partitionKey: { name: 'pk', type: dynamodb.AttributeType.STRING },
      replicas: [{ region: 'us-east-1' }],
    });
    Tags.of(table).add(OWNER_TAG, 'orders-team');
    expect(findingsOf(stack, ID)).toEqual([]);
  });

  test('resources that hold no data are not judged', () => {
    const stack = testStack();
    new s3.CfnBucketPolicy(stack, 'Policy', { bucket: 'b', policyDocument: {} });
    expect(findingsOf(stack, ID)).toEqual([]);
  });
});

describe('DataStoreRetained', () => {
  const ID = 'DataStoreRetained';

  test('an L2 queue destroyed with the stack is flagged', () => {
    const stack = testStack();
    classify(new sqs.Queue(stack, 'Queue'), DataClass.PII);
    expect(findingsOf(stack, ID)).toEqual([
      `DPP-${ID}[DeletionPolicy]`,
      `DPP-${ID}[UpdateReplacePolicy]`,
    ]);
  });

  test('an L1 table without deletion protection is flagged', () => {
    const stack = testStack();
    const table = new dynamodb.CfnTable(stack, 'Table', {
      keySchema: [{ attributeName: 'id', keyType: 'HASH' }],
      attributeDefinitions: [{ attributeName: 'id', attributeType: 'S' }],
    });
    table.applyRemovalPolicy(RemovalPolicy.RETAIN);
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[DeletionProtection]`]);
  });

  test('a retained, protected table complies', () => {
    const stack = testStack();
    new dynamodb.Table(stack, 'Table', {
      partitionKey: { name: 'id', type: dynamodb.AttributeType.STRING },
      deletionProtection: true,
    });
    expect(findingsOf(stack, ID)).toEqual([]);
  });

  test('a named, protected table deleted only by the rollback of its own creation complies', () => {
    const stack = testStack();
    new dynamodb.Table(stack, 'Table', {
      tableName: 'orders',
      partitionKey: { name: 'id', type: dynamodb.AttributeType.STRING },
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN_ON_UPDATE_OR_DELETE,
    });
    Template.fromStack(stack).hasResource('AWS::DynamoDB::Table', {
      DeletionPolicy: 'RetainExceptOnCreate',
      UpdateReplacePolicy: 'Retain',
    });
    expect(findingsOf(stack, ID)).toEqual([]);
  });

  test('a no-amazon-data store may be destroyed', () => {
    const stack = testStack();
    classify(new sqs.Queue(stack, 'Queue'), DataClass.NO_AMAZON_DATA);
    expect(findingsOf(stack, ID)).toEqual([]);
  });

  test('unresolved deletion protection is reported', () => {
    const stack = testStack();
    new dynamodb.Table(stack, 'Table', {
      partitionKey: { name: 'id', type: dynamodb.AttributeType.STRING },
      deletionProtection: unresolvedString(stack) as unknown as boolean,
    });
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[Unresolved::DeletionProtectionEnabled]`]);
  });
});

describe('DataStoreDeclarationConsistent', () => {
  const ID = 'DataStoreDeclarationConsistent';
  const key = (name: string) => ({ name, type: dynamodb.AttributeType.STRING });

  test('a store declared free of PII with an ordinary name complies', () => {
    const stack = testStack();
    classify(new s3.Bucket(stack, 'AccessLogs'), DataClass.NO_AMAZON_DATA);
    classify(
      new dynamodb.Table(stack, 'Inventory', { partitionKey: key('sku') }),
      DataClass.AMAZON_DATA,
    );
    expect(findingsOf(stack, ID)).toEqual([]);
  });

  test('a table declared no-amazon-data keyed by the buyer e-mail is flagged', () => {
    const stack = testStack();
    classify(
      new dynamodb.Table(stack, 'Contacts', { partitionKey: key('buyerEmail') }),
      DataClass.NO_AMAZON_DATA,
    );
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[NamesPii::buyer]`]);
  });

  test('an L1 table declared amazon-data and named after shipping addresses is flagged', () => {
    const stack = testStack();
    new dynamodb.CfnTable(stack, 'Table', {
      tableName: 'order-shipping-address',
      keySchema: [{ attributeName: 'orderId', keyType: 'HASH' }],
      attributeDefinitions: [{ attributeName: 'orderId', attributeType: 'S' }],
      tags: [{ key: DATA_CLASS_TAG, value: DataClass.AMAZON_DATA }],
    });
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[NamesPii::shippingaddress]`]);
  });

  test('a bucket whose logical id names PII is flagged whatever the tag is set through', () => {
    const stack = testStack();
    const bucket = new s3.CfnBucket(stack, 'RecipientExports');
    bucket.addPropertyOverride('Tags', [{ Key: DATA_CLASS_TAG, Value: DataClass.NO_AMAZON_DATA }]);
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[NamesPii::recipient]`]);
  });

  test('a data declaration listing PII fields contradicts a no-amazon-data tag', () => {
    const stack = testStack();
    const bucket = classify(new s3.Bucket(stack, 'Exports'), DataClass.NO_AMAZON_DATA);
    (bucket.node.defaultChild as CfnResource).addMetadata('cdk-dpp', {
      data: { dataClass: 'no-amazon-data', piiFields: ['giftNote'] },
    });
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[DeclaresPiiFields]`]);
  });

  test('a store declared pii may carry PII names', () => {
    const stack = testStack();
    classify(
      new dynamodb.Table(stack, 'Buyers', { partitionKey: key('buyerEmail') }),
      DataClass.PII,
    );
    expect(findingsOf(stack, ID)).toEqual([]);
  });
});

describe('DataStoreRetained, from the data-store profiles', () => {
  const ID = 'DataStoreRetained';
  const keep = (resource: CfnResource) => {
    resource.applyRemovalPolicy(RemovalPolicy.RETAIN);
    return resource;
  };

  test('a Redshift cluster without automated snapshots is flagged', () => {
    const stack = testStack();
    keep(
      new redshift.CfnCluster(stack, 'Warehouse', {
        clusterType: 'single-node',
        dbName: 'orders',
        masterUsername: 'admin',
        nodeType: 'ra3.large',
        automatedSnapshotRetentionPeriod: 0,
      }),
    );
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[NoBackups]`]);
  });

  test('a Keyspaces table without point-in-time recovery is flagged; with it, it complies', () => {
    const stack = testStack();
    const table = {
      keyspaceName: 'orders',
      partitionKeyColumns: [{ columnName: 'id', columnType: 'text' }],
    };
    keep(new cassandra.CfnTable(stack, 'Table', table));
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[NoPointInTimeRecovery]`]);
    const recovered = testStack();
    keep(
      new cassandra.CfnTable(recovered, 'Table', { ...table, pointInTimeRecoveryEnabled: true }),
    );
    expect(findingsOf(recovered, ID)).toEqual([]);
  });

  test('a QLDB ledger is protected by default; turned off, it is flagged', () => {
    const stack = testStack();
    keep(new qldb.CfnLedger(stack, 'Ledger', { permissionsMode: 'STANDARD' }));
    expect(findingsOf(stack, ID)).toEqual([]);
    const unprotected = testStack();
    keep(
      new qldb.CfnLedger(unprotected, 'Ledger', {
        permissionsMode: 'STANDARD',
        deletionProtection: false,
      }),
    );
    expect(findingsOf(unprotected, ID)).toEqual([`DPP-${ID}[DeletionProtection]`]);
  });

  test('an unresolved deletion protection flag is reported', () => {
    const stack = testStack();
    keep(
      new qldb.CfnLedger(stack, 'Ledger', {
        permissionsMode: 'STANDARD',
        deletionProtection: unresolvedString(stack) as unknown as boolean,
      }),
    );
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[Unresolved::DeletionProtection]`]);
  });
});
