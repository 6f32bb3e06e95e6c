import { Duration, Lazy, Tags, aws_dynamodb as dynamodb, aws_iam as iam } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { DataVpc, PiiKey, PiiReaderRole, PiiTable, PiiTableProps } from '../../../lib';
import { allPacks, testStack, owned } from '../../helpers';
import { constructFindings } from './composition';

const DATA = { purpose: 'Track orders until shipment', piiFields: ['buyerEmail'] };
const REASON = 'Read by a partner account through its own role, audited';

function setup(props: Partial<PiiTableProps> = {}) {
  const stack = testStack();
  const vpc = new DataVpc(stack, 'Vpc');
  const table = new PiiTable(stack, 'Orders', {
    vpcEndpoint: vpc.dynamoDbEndpoint,
    data: DATA,
    partitionKey: { name: 'orderId', type: dynamodb.AttributeType.STRING },
    timeToLiveAttribute: 'expiresAt',
    ...props,
  });
  return { stack, vpc, table };
}

function tableResource(template: Template) {
  return Object.values(template.findResources('AWS::DynamoDB::Table'))[0];
}

describe('PiiTable', () => {
  test('CMK, PITR for 30 days, deletion protection, TTL, on-demand, retained, tagged pii', () => {
    const { stack } = setup();
    const table = tableResource(Template.fromStack(stack));
    expect(table.DeletionPolicy).toBe('Retain');
    expect(table.UpdateReplacePolicy).toBe('Retain');
    expect(table.Properties).toEqual(
      expect.objectContaining({
        BillingMode: 'PAY_PER_REQUEST',
        DeletionProtectionEnabled: true,
        PointInTimeRecoverySpecification: {
          PointInTimeRecoveryEnabled: true,
          RecoveryPeriodInDays: 30,
        },
        SSESpecification: {
          SSEEnabled: true,
          SSEType: 'KMS',
          KMSMasterKeyId: { 'Fn::GetAtt': [expect.stringMatching(/^OrdersKey/), 'Arn'] },
        },
        TimeToLiveSpecification: { AttributeName: 'expiresAt', Enabled: true },
        Tags: [{ Key: 'dpp:data-class', Value: 'pii' }],
      }),
    );
  });

  test('a named table is deleted by the rollback of its own creation, retained otherwise', () => {
    const { stack } = setup({ tableName: 'orders' });
    const table = tableResource(Template.fromStack(stack));
    expect(table.DeletionPolicy).toBe('RetainExceptOnCreate');
    expect(table.UpdateReplacePolicy).toBe('Retain');
  });

  test('the resource policy denies item access outside the DynamoDB endpoint', () => {
    const { stack } = setup();
    const table = tableResource(Template.fromStack(stack));
    expect(table.Properties.ResourcePolicy.PolicyDocument.Statement).toEqual([
      {
        Sid: 'DenyDataAccessOutsideVpcEndpoint',
        Effect: 'Deny',
        Principal: { AWS: '*' },
        Action: [
          'dynamodb:GetItem',
          'dynamodb:BatchGetItem',
          'dynamodb:Query',
          'dynamodb:Scan',
          'dynamodb:PutItem',
          'dynamodb:UpdateItem',
          'dynamodb:DeleteItem',
          'dynamodb:BatchWriteItem',
          'dynamodb:ConditionCheckItem',
          'dynamodb:PartiQLSelect',
          'dynamodb:PartiQLInsert',
          'dynamodb:PartiQLUpdate',
          'dynamodb:PartiQLDelete',
          'dynamodb:ExportTableToPointInTime',
        ],
        Resource: '*',
        Condition: {
          StringNotEquals: {
            'aws:SourceVpce': { Ref: expect.stringMatching(/^VpcDynamoDbEndpoint/) },
          },
        },
      },
    ]);
  });

  test('administrative roles are excepted from the deny', () => {
    const { stack, table } = setup();
    const backup = new iam.Role(stack, 'Backup', {
      assumedBy: new iam.ServicePrincipal('backup.amazonaws.com'),
    });
    table.allowAdministrativeAccess(backup);
    const statement = tableResource(Template.fromStack(stack)).Properties.ResourcePolicy
      .PolicyDocument.Statement[0];
    expect(statement.Condition.ArnNotEquals).toEqual({
      'aws:PrincipalArn': [{ 'Fn::GetAtt': [expect.stringMatching(/^Backup/), 'Arn'] }],
    });
  });

  test('records as library defaults only what the operator left out', () => {
    const { stack } = setup({
      data: {
        ...DATA,
        collection: 'Typed in by the seller support team.',
        sharing: 'Shared with the carrier for delivery.',
      },
      erasure: 'Support deletes the items of the order on request.',
    });
    const data = tableResource(Template.fromStack(stack)).Metadata['cdk-dpp'].data;
    // no retention given: the 30-day default; disposal is always the construct's description
    expect([data.retentionDays, data.erasure, data.defaults]).toEqual([
      30,
      'Support deletes the items of the order on request.',
      ['retentionDays', 'disposal'],
    ]);
  });

  test('declares its data with TTL disposal', () => {
    const { stack } = setup({ retention: Duration.days(10) });
    expect(tableResource(Template.fromStack(stack)).Metadata['cdk-dpp']).toEqual({
      construct: 'PiiTable',
      implements: [
        'DPP-DG-3',
        'DPP-DG-4',
        'DPP-DR-1',
        'DPP-DR-4',
        'DPP-ES-1',
        'DPP-NP-3',
        'DPP-NP-5',
        'SOC-C5',
      ],
      data: {
        dataClass: 'pii',
        purpose: 'Track orders until shipment',
        piiFields: ['buyerEmail'],
        collection: 'From the Selling Partner API, by the application role.',
        sharing: 'Not shared outside the application.',
        retentionDays: 10,
        disposal:
          'DynamoDB TTL deletes items once `expiresAt` has passed; the application sets it at most 10 days ahead.',
        erasure:
          "Delete the person's items by key (DeleteItem); point-in-time recovery copies age out within the 30-day recovery window.",
        readers: [],
        defaults: ['collection', 'sharing', 'disposal', 'erasure'],
      },
    });
  });

  test('grantRead grants items and key together and records the reader', () => {
    const { stack, table } = setup();
    const reader = new iam.Role(stack, 'Reader', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
    });
    const writer = new iam.Role(stack, 'Writer', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
    });
    table.grantRead(reader);
    table.grantWrite(writer);
    const template = Template.fromStack(stack);
    const tableArn = { 'Fn::GetAtt': [Match.stringLikeRegexp('^Orders[0-9A-F]{8}$'), 'Arn'] };
    const viaDynamoDb = {
      StringEquals: {
        'kms:ViaService': {
          'Fn::Join': ['', ['dynamodb.', { Ref: 'AWS::Region' }, '.amazonaws.com']],
        },
      },
    };
    template.hasResourceProperties('AWS::IAM::Policy', {
      Roles: [{ Ref: Match.stringLikeRegexp('^Reader') }],
      PolicyDocument: {
        Statement: [
          {
            Action: [
              'dynamodb:BatchGetItem',
              'dynamodb:GetItem',
              'dynamodb:Query',
              'dynamodb:Scan',
              'dynamodb:ConditionCheckItem',
              'dynamodb:DescribeTable',
            ],
            Effect: 'Allow',
            Resource: tableArn,
          },
          {
            Action: ['kms:Decrypt', 'kms:DescribeKey'],
            Effect: 'Allow',
            Resource: { 'Fn::GetAtt': [Match.stringLikeRegexp('^OrdersKey'), 'Arn'] },
            Condition: viaDynamoDb,
          },
        ],
      },
    });
    template.hasResourceProperties('AWS::IAM::Policy', {
      Roles: [{ Ref: Match.stringLikeRegexp('^Writer') }],
      PolicyDocument: {
        Statement: [
          {
            Action: [
              'dynamodb:BatchWriteItem',
              'dynamodb:PutItem',
              'dynamodb:UpdateItem',
              'dynamodb:DeleteItem',
              'dynamodb:ConditionCheckItem',
              'dynamodb:DescribeTable',
            ],
            Effect: 'Allow',
            Resource: tableArn,
          },
          {
            Action: [
              'kms:Decrypt',
              'kms:DescribeKey',
              'kms:Encrypt',
              'kms:GenerateDataKey',
              'kms:ReEncryptFrom',
              'kms:ReEncryptTo',
            ],
            Effect: 'Allow',
            Resource: { 'Fn::GetAtt': [Match.stringLikeRegexp('^OrdersKey'), 'Arn'] },
            Condition: viaDynamoDb,
          },
        ],
      },
    });
    expect(tableResource(template).Metadata['cdk-dpp'].data.readers).toEqual(['Test/Reader']);
  });

  test('grants cover the indexes the table has, acknowledged as items of this table', () => {
    const { stack, table } = setup();
    owned(stack);
    table.addGlobalSecondaryIndex({
      indexName: 'bySeller',
      partitionKey: { name: 'sellerId', type: dynamodb.AttributeType.STRING },
    });
    new PiiReaderRole(stack, 'Reader', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      stores: [table],
    });
    const template = Template.fromStack(stack);
    const tableArn = { 'Fn::GetAtt': [Match.stringLikeRegexp('^Orders[0-9A-F]{8}$'), 'Arn'] };
    template.hasResourceProperties('AWS::IAM::ManagedPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Resource: [tableArn, { 'Fn::Join': ['', [tableArn, '/index/*']] }] }),
        ]),
      },
    });
    expect(constructFindings(stack, allPacks())).toEqual([]);
  });

  test('grantReadWriteData records the reader', () => {
    const { stack, table } = setup();
    const app = new iam.Role(stack, 'App', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
    });
    table.grantReadWriteData(app);
    expect(tableResource(Template.fromStack(stack)).Metadata['cdk-dpp'].data.readers).toEqual([
      'Test/App',
    ]);
  });

  test('grantRead and grantWrite narrow to the named actions, with the key grants unchanged', () => {
    const { stack, table } = setup();
    const app = new iam.Role(stack, 'App', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
    });
    table.grantRead(app, ['dynamodb:GetItem']);
    table.grantWrite(app, ['dynamodb:PutItem']);
    const template = Template.fromStack(stack);
    const tableArn = {
      'Fn::GetAtt': [
        stack.resolve((table.node.defaultChild as dynamodb.CfnTable).logicalId),
        'Arn',
      ],
    };
    const statements = Object.values(template.findResources('AWS::IAM::Policy')).flatMap(
      (policy) => policy.Properties.PolicyDocument.Statement as { Action: unknown }[],
    );
    expect(statements.filter((s) => JSON.stringify(s.Action).includes('dynamodb:'))).toEqual([
      { Effect: 'Allow', Action: 'dynamodb:GetItem', Resource: tableArn },
      { Effect: 'Allow', Action: 'dynamodb:PutItem', Resource: tableArn },
    ]);
    expect(tableResource(template).Metadata['cdk-dpp'].data.readers).toEqual(['Test/App']);
  });

  test.each([
    ['grantRead', ['dynamodb:PutItem'], 'dynamodb:PutItem'],
    ['grantWrite', ['dynamodb:Scan'], 'dynamodb:Scan'],
    ['grantRead', [], 'none'],
  ] as const)('%s narrowed to %j throws (DPP-LP-2)', (method, actions, named) => {
    const { stack, table } = setup();
    const app = new iam.Role(stack, 'App', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
    });
    expect(() => table[method](app, [...actions])).toThrow(
      new RegExp(
        `\`${method}\` narrows the grant to actions of dynamodb:.*\\(DPP-LP-2\\), got: ${named}; name at least one of them`,
      ),
    );
  });

  test('grantFullAccess throws', () => {
    const { stack, table } = setup();
    const app = new iam.Role(stack, 'App', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
    });
    expect(() => table.grantFullAccess(app)).toThrow(
      '`grantFullAccess` is not allowed on a PII table: it grants `dynamodb:*` (DPP-LP-1, DPP-LP-2)',
    );
  });

  test('a given key is used', () => {
    const stack = testStack();
    const key = new PiiKey(stack, 'Shared');
    new PiiTable(stack, 'Orders', {
      accessOutsideVpcEndpoint: { reason: REASON },
      data: DATA,
      encryptionKey: key,
      partitionKey: { name: 'orderId', type: dynamodb.AttributeType.STRING },
      timeToLiveAttribute: 'expiresAt',
    });
    const table = tableResource(Template.fromStack(stack));
    expect(table.Properties.SSESpecification.KMSMasterKeyId).toEqual({
      'Fn::GetAtt': [expect.stringMatching(/^Shared/), 'Arn'],
    });
    expect(table.Properties.ResourcePolicy).toBeUndefined();
    expect(table.Metadata['cdk-dpp'].optOuts).toEqual([
      { setting: 'accessOutsideVpcEndpoint', clauses: ['DPP-NP-3', 'DPP-NP-5'], reason: REASON },
    ]);
  });

  test.each([
    [
      { retention: Duration.days(31) },
      '`retention` must be at most 30 days (DPP-DR-1), got: 31 days',
    ],
    [
      { retention: Duration.days(0) },
      '`retention` must be a whole number of days, at least 1 (DPP-DR-1), got: 0 days',
    ],
    [
      { timeToLiveAttribute: ' ' },
      '`timeToLiveAttribute` must name the attribute that holds the expiry time (DPP-DR-1), got: " "',
    ],
    [
      { data: { purpose: 'x' } },
      '`data.piiFields` must name at least one PII field the store holds (DPP-DG-3), got: []',
    ],
    [
      { data: { ...DATA, owner: '' } },
      '`data.owner` must name the owner, without leading or trailing spaces (DPP-DG-2), got: ""',
    ],
    [
      { data: { ...DATA, owner: Lazy.string({ produce: () => 'orders-team' }) } },
      '`data.owner` must be a literal: the inventory reads the owner from the synthesized template',
    ],
    [
      { vpcEndpoint: undefined },
      '`vpcEndpoint` must name the VPC endpoint every data request comes through (e.g. `dataVpc.s3Endpoint`), or opt out with `accessOutsideVpcEndpoint` and a reason (DPP-NP-3, DPP-NP-5), got: undefined',
    ],
  ])('bad props %p throw', (props, message) => {
    expect(() => setup(props as Partial<PiiTableProps>)).toThrow(message);
  });

  test('carries the owner it declares as its dpp:owner tag, over the one of its stack (DPP-DG-2)', () => {
    const { stack } = setup({ data: { ...DATA, owner: 'orders-team@seller.example' } });
    Tags.of(stack).add('dpp:owner', 'platform-team');
    expect(tableResource(Template.fromStack(stack)).Properties.Tags).toEqual(
      expect.arrayContaining([{ Key: 'dpp:owner', Value: 'orders-team@seller.example' }]),
    );
  });

  test.each([1, 30])('retention of %i days is accepted', (days) => {
    const { stack } = setup({ retention: Duration.days(days) });
    expect(tableResource(Template.fromStack(stack)).Metadata['cdk-dpp'].data.retentionDays).toBe(
      days,
    );
  });

  test('default table has zero findings from every pack', () => {
    const { stack } = setup();
    expect(constructFindings(owned(stack), allPacks())).toEqual([]);
  });
});
