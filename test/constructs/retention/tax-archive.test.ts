import { Duration, Stack, aws_iam as iam } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { DATA_CLASS_TAG } from '../../../constructs/common/data-class';
import { DPP_METADATA_KEY } from '../../../constructs/common/dpp-metadata';
import { TAX_ARCHIVE_MIN_RETENTION } from '../../../constructs/common/retention-limits';
import { IncidentTopic } from '../../../constructs/monitoring/incident-topic';
import {
  TAX_ARCHIVE_S3_RETRIEVAL_ACTIONS,
  TAX_ARCHIVE_VAULT_EVENTS,
  TaxArchive,
  TaxArchiveBackend,
  TaxArchiveProps,
} from '../../../constructs/retention/tax-archive';
import { StatementJson, coversAction, statementsOf } from '../../../lib/checks/policy-document';
import { allPacks, findings, testStack, owned } from '../../helpers';
import { BLOCK_ALL_PUBLIC_ACCESS, sseKmsWithBucketKey } from '../fixtures';

const TEN_YEARS = Duration.days(3653);

function incidentTopic(stack: Stack): IncidentTopic {
  return new IncidentTopic(stack, 'Incidents', { incidentEmail: 'security@example.com' });
}

function s3Archive() {
  const stack = testStack();
  const archive = new TaxArchive(stack, 'Archive', { retention: TEN_YEARS });
  return { stack, archive, template: Template.fromStack(stack) };
}

function vaultArchive() {
  const stack = testStack();
  const topic = incidentTopic(stack);
  const archive = new TaxArchive(stack, 'Archive', {
    retention: TEN_YEARS,
    backend: TaxArchiveBackend.GLACIER_VAULT,
    incidentTopic: topic,
  });
  return { stack, archive, topic, template: Template.fromStack(stack) };
}

/** A template string value with every intrinsic written as `${Ref:..}` / `${GetAtt:..}`. */
function flatten(value: unknown): string {
  if (typeof value === 'string') return value;
  const join = (value as { 'Fn::Join'?: [string, unknown[]] })['Fn::Join'];
  if (join) return join[1].map(flatten).join(join[0]);
  const ref = (value as { Ref?: string }).Ref;
  if (ref) return `\${Ref:${ref}}`;
  const getAtt = (value as { 'Fn::GetAtt'?: string[] })['Fn::GetAtt'];
  if (getAtt) return `\${GetAtt:${getAtt.join('.')}}`;
  throw new Error(`unexpected intrinsic ${JSON.stringify(value)}`);
}

/** The parameters an `AwsCustomResource` sends for one Glacier call, parsed. */
function glacierCall(template: Template, action: string): Record<string, unknown> {
  const calls = Object.values(template.findResources('Custom::AWS'))
    .map((r) => JSON.parse(flatten(r.Properties.Create)))
    .filter((c) => c.action === action);
  expect(calls).toHaveLength(1);
  return calls[0].parameters;
}

describe('TaxArchive with the default S3 backend', () => {
  test('has zero findings from every pack', () => {
    const stack = owned(testStack());
    new TaxArchive(stack, 'Archive', { retention: TEN_YEARS });
    expect(findings(stack, allPacks())).toEqual([]);
  });

  test('locks every object in COMPLIANCE mode for the legal retention, then expires it', () => {
    const { template } = s3Archive();
    template.hasResourceProperties('AWS::S3::Bucket', {
      ObjectLockEnabled: true,
      ObjectLockConfiguration: {
        ObjectLockEnabled: 'Enabled',
        Rule: { DefaultRetention: { Mode: 'COMPLIANCE', Days: 3653 } },
      },
      VersioningConfiguration: { Status: 'Enabled' },
      LifecycleConfiguration: {
        Rules: [
          Match.objectLike({
            ExpirationInDays: 3653,
            NoncurrentVersionExpiration: { NoncurrentDays: 3653 },
          }),
        ],
      },
    });
  });

  test('moves every object and version, small ones included, to Deep Archive at day 0', () => {
    const { template } = s3Archive();
    template.hasResourceProperties('AWS::S3::Bucket', {
      LifecycleConfiguration: {
        TransitionDefaultMinimumObjectSize: 'varies_by_storage_class',
        Rules: [
          {
            Id: 'ExpireAfterLegalRetention',
            Status: 'Enabled',
            ExpirationInDays: 3653,
            NoncurrentVersionExpiration: { NoncurrentDays: 3653 },
            AbortIncompleteMultipartUpload: { DaysAfterInitiation: 7 },
            Transitions: [{ StorageClass: 'DEEP_ARCHIVE', TransitionInDays: 0 }],
            NoncurrentVersionTransitions: [{ StorageClass: 'DEEP_ARCHIVE', TransitionInDays: 0 }],
          },
        ],
      },
    });
  });

  test('encrypts with its own customer-managed key, blocks public access, is retained', () => {
    const { template, stack, archive } = s3Archive();
    template.hasResource('AWS::S3::Bucket', {
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
      Properties: Match.objectLike({
        BucketEncryption: sseKmsWithBucketKey(stack.resolve(archive.key.keyArn)),
        PublicAccessBlockConfiguration: BLOCK_ALL_PUBLIC_ACCESS,
        Tags: [{ Key: DATA_CLASS_TAG, Value: 'tax-archive' }],
      }),
    });
  });

  test('the bucket policy denies reads to all but the retrieval role, writes outside Deep Archive and deletes', () => {
    const { template, stack, archive } = s3Archive();
    const objects = stack.resolve(archive.bucket?.arnForObjects('*'));
    template.hasResourceProperties('AWS::S3::BucketPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          {
            Sid: 'DenyReadingToAllButRetrievalRole',
            Effect: 'Deny',
            Principal: '*',
            Action: ['s3:RestoreObject', 's3:GetObject', 's3:GetObjectVersion'],
            Resource: objects,
            Condition: {
              ArnNotEquals: { 'aws:PrincipalArn': stack.resolve(archive.retrievalRole.roleArn) },
            },
          },
          {
            Sid: 'DenyWritingOutsideDeepArchive',
            Effect: 'Deny',
            Principal: '*',
            Action: 's3:PutObject',
            Resource: objects,
            Condition: {
              StringNotEquals: { 's3:x-amz-storage-class': 'DEEP_ARCHIVE' },
              Null: { 's3:x-amz-storage-class': 'false' },
            },
          },
          {
            Sid: 'DenyDeletingRecords',
            Effect: 'Deny',
            Principal: '*',
            Action: ['s3:DeleteObject', 's3:DeleteObjectVersion'],
            Resource: objects,
          },
        ]),
      },
    });
  });

  test('the retrieval role can restore, read and decrypt, and nothing else', () => {
    const { template, stack, archive } = s3Archive();
    const policies = template.findResources('AWS::IAM::ManagedPolicy', {
      Properties: { Roles: [stack.resolve(archive.retrievalRole.roleName)] },
    });
    const statements = Object.values(policies).flatMap(
      (p) => p.Properties.PolicyDocument.Statement as { Action: unknown; Resource: unknown }[],
    );
    expect(statements).toEqual([
      expect.objectContaining({
        Action: [...TAX_ARCHIVE_S3_RETRIEVAL_ACTIONS],
        Resource: stack.resolve(archive.bucket?.arnForObjects('*')),
      }),
      expect.objectContaining({
        Action: 'kms:Decrypt',
        Resource: stack.resolve(archive.key.keyArn),
      }),
    ]);
    template.hasResourceProperties('AWS::IAM::Role', {
      AssumeRolePolicyDocument: {
        Statement: [
          Match.objectLike({ Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'true' } } }),
        ],
      },
    });
  });

  test('declares its data class and retention in the cdk-dpp metadata', () => {
    const { template } = s3Archive();
    template.hasResource('AWS::S3::Bucket', {
      Metadata: {
        [DPP_METADATA_KEY]: Match.objectLike({
          construct: 'TaxArchive',
          data: Match.objectLike({
            dataClass: 'tax-archive',
            retentionDays: 3653,
            readers: ['Test/Archive/RetrievalRole'],
            // no `data` given: the purpose and sharing are the library's default declaration
            defaults: ['purpose', 'piiFields', 'collection', 'sharing', 'disposal', 'erasure'],
          }),
        }),
      },
    });
  });

  test('grantWrite gives PutObject and GenerateDataKey only', () => {
    const stack = testStack();
    const archive = new TaxArchive(stack, 'Archive', { retention: TEN_YEARS });
    const writer = new iam.Role(stack, 'Writer', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
    });
    archive.grantWrite(writer);
    Template.fromStack(stack).hasResourceProperties('AWS::IAM::Policy', {
      Roles: [stack.resolve(writer.roleName)],
      PolicyDocument: {
        Statement: [
          {
            Effect: 'Allow',
            Action: 's3:PutObject',
            Resource: stack.resolve(archive.bucket?.arnForObjects('*')),
          },
          {
            Effect: 'Allow',
            Action: 'kms:GenerateDataKey',
            Resource: stack.resolve(archive.key.keyArn),
          },
        ],
      },
    });
  });
});

describe('TaxArchive with the Glacier vault backend', () => {
  test('has zero findings from every pack', () => {
    const { stack } = vaultArchive();
    expect(findings(owned(stack), allPacks())).toEqual([]);
  });

  test('the vault access policy denies early deletes and reads by anyone but the retrieval role', () => {
    const { template } = vaultArchive();
    const vaultArn =
      '${Ref:AWS::Partition}:glacier:${Ref:AWS::Region}:${Ref:AWS::AccountId}:vaults/Test-Archive-A0735EB8';
    const params = glacierCall(template, 'setVaultAccessPolicy');
    const policy = JSON.parse((params.policy as { Policy: string }).Policy);
    expect(policy.Statement).toEqual([
      {
        Sid: 'DenyDeletingArchivesBeforeRetention',
        Effect: 'Deny',
        Principal: '*',
        Action: 'glacier:DeleteArchive',
        Resource: `arn:${vaultArn}`,
        Condition: { NumericLessThan: { 'glacier:ArchiveAgeInDays': '3653' } },
      },
      {
        Sid: 'DenyRetrievalToAllButRetrievalRole',
        Effect: 'Deny',
        Principal: '*',
        Action: ['glacier:InitiateJob', 'glacier:GetJobOutput'],
        Resource: `arn:${vaultArn}`,
        Condition: {
          ArnNotEquals: { 'aws:PrincipalArn': '${GetAtt:ArchiveRetrievalRoleF6CBB6A6.Arn}' },
        },
      },
    ]);
  });

  test('the vault lock makes the delete denial immutable', () => {
    const { template } = vaultArchive();
    const lock = JSON.parse(
      (glacierCall(template, 'initiateVaultLock').policy as { Policy: string }).Policy,
    );
    expect(lock.Statement).toEqual([
      expect.objectContaining({
        Effect: 'Deny',
        Action: 'glacier:DeleteArchive',
        Condition: { NumericLessThan: { 'glacier:ArchiveAgeInDays': '3653' } },
      }),
    ]);
    expect(glacierCall(template, 'completeVaultLock')).toEqual({
      accountId: '-',
      vaultName: 'Test-Archive-A0735EB8',
      lockId: '${GetAtt:ArchiveInitiateLock0AB36926.lockId}',
    });
  });

  test('every finished retrieval is notified to the incident topic', () => {
    const { template } = vaultArchive();
    const params = glacierCall(template, 'setVaultNotifications');
    expect(params.vaultNotificationConfig).toEqual({
      SNSTopic: '${Ref:Incidents169D50D8}',
      Events: [...TAX_ARCHIVE_VAULT_EVENTS],
    });
    template.hasResourceProperties('AWS::KMS::Key', {
      KeyPolicy: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Sid: 'IncidentNotificationsFromGlacier',
            Principal: { Service: 'glacier.amazonaws.com' },
            Action: ['kms:GenerateDataKey*', 'kms:Decrypt'],
          }),
        ]),
      },
    });
    template.hasResourceProperties('AWS::SNS::TopicPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Sid: 'GlacierVaultNotifications',
            Principal: { Service: 'glacier.amazonaws.com' },
            Action: 'sns:Publish',
          }),
        ]),
      },
    });
  });

  test('the deployment calls may create, configure and lock the vault, never delete it', () => {
    const { template, stack, archive } = vaultArchive();
    const vaultArn = stack.resolve(archive.vaultArn);
    const statements = Object.values(template.findResources('AWS::IAM::ManagedPolicy'))
      .filter((p) => String(p.Properties.Roles[0].Ref).startsWith('CdkDppAwsApiCallSupportRole'))
      .flatMap(
        (p) => p.Properties.PolicyDocument.Statement as { Action: string; Resource: unknown }[],
      );
    const onVault = statements.filter(
      (st) => JSON.stringify(st.Resource) === JSON.stringify(vaultArn),
    );
    expect(onVault.map((st) => st.Action).sort()).toEqual([
      'glacier:AddTagsToVault',
      'glacier:CompleteVaultLock',
      'glacier:CreateVault',
      'glacier:InitiateVaultLock',
      'glacier:SetVaultAccessPolicy',
      'glacier:SetVaultNotifications',
    ]);
    expect(JSON.stringify(statements)).not.toMatch(/glacier:Delete/);
    expect(Object.keys(template.findResources('Custom::AWS'))).toHaveLength(6);
    for (const resource of Object.values(template.findResources('Custom::AWS'))) {
      expect(resource.Properties.Delete).toBeUndefined();
    }
  });

  test('the vault, its policy and notifications are applied again on update; the lock only once', () => {
    const { template } = vaultArchive();
    const updated = Object.values(template.findResources('Custom::AWS'))
      .filter((r) => r.Properties.Update !== undefined)
      .map((r) => JSON.parse(flatten(r.Properties.Update)).action)
      .sort();
    expect(updated).toEqual([
      'addTagsToVault',
      'createVault',
      'setVaultAccessPolicy',
      'setVaultNotifications',
    ]);
  });

  test('the vault is tagged with its data class', () => {
    const { template } = vaultArchive();
    expect(glacierCall(template, 'addTagsToVault')).toEqual({
      accountId: '-',
      vaultName: 'Test-Archive-A0735EB8',
      Tags: { [DATA_CLASS_TAG]: 'tax-archive' },
    });
  });

  test('declares its data class and retention in the cdk-dpp metadata', () => {
    const { template } = vaultArchive();
    const declared = Object.values(template.findResources('Custom::AWS')).filter(
      (r) => r.Metadata?.[DPP_METADATA_KEY]?.data,
    );
    expect(declared).toHaveLength(1);
    expect(declared[0].Metadata[DPP_METADATA_KEY].data).toMatchObject({
      dataClass: 'tax-archive',
      retentionDays: 3653,
    });
  });
});

describe('TaxArchive validation', () => {
  describe('who may assume the retrieval role', () => {
    const WORKFLOW = 'arn:aws:iam::123456789012:role/TaxAuditWorkflow';
    const REASON =
      'An approved, audited workflow assumes it for the tax authority, without a person.';

    function trustOf(props: Partial<TaxArchiveProps>) {
      const stack = testStack();
      const archive = new TaxArchive(stack, 'Archive', { retention: TEN_YEARS, ...props });
      const template = Template.fromStack(stack).toJSON();
      const role =
        template.Resources[stack.getLogicalId(archive.retrievalRole.node.defaultChild as never)];
      const bucket =
        template.Resources[stack.getLogicalId(archive.bucket?.node.defaultChild as never)];
      return { statement: role.Properties.AssumeRolePolicyDocument.Statement[0], bucket };
    }

    test('a given principal still needs MFA', () => {
      const { statement, bucket } = trustOf({ retrievalPrincipal: new iam.ArnPrincipal(WORKFLOW) });
      expect(statement).toEqual({
        Action: 'sts:AssumeRole',
        Effect: 'Allow',
        Principal: { AWS: WORKFLOW },
        Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'true' } },
      });
      expect(bucket.Metadata[DPP_METADATA_KEY].optOuts).toBeUndefined();
    });

    test('dropping MFA is an opt-out recorded with its reason', () => {
      const { statement, bucket } = trustOf({
        retrievalPrincipal: new iam.ArnPrincipal(WORKFLOW),
        retrievalWithoutMfa: { reason: REASON },
      });
      expect(statement).toEqual({
        Action: 'sts:AssumeRole',
        Effect: 'Allow',
        Principal: { AWS: WORKFLOW },
      });
      expect(bucket.Metadata[DPP_METADATA_KEY].optOuts).toEqual([
        { setting: 'retrievalWithoutMfa', clauses: ['DPP-DR-2', 'DPP-LP-2'], reason: REASON },
      ]);
    });

    test.each<[string, Partial<TaxArchiveProps>, string]>([
      [
        'without a principal',
        { retrievalWithoutMfa: { reason: REASON } },
        '`retrievalWithoutMfa` applies only with a `retrievalPrincipal`; the default principals always need MFA (DPP-DR-2, DPP-LP-2), got: no retrievalPrincipal',
      ],
      [
        'with a short reason',
        {
          retrievalPrincipal: new iam.ArnPrincipal(WORKFLOW),
          retrievalWithoutMfa: { reason: 'ok' },
        },
        '`retrievalWithoutMfa.reason` must explain the opt-out in at least 20 characters',
      ],
    ])('retrievalWithoutMfa %s throws', (_case, props, message) => {
      expect(() => trustOf(props)).toThrow(message);
    });
  });

  test.each([1, 364, TAX_ARCHIVE_MIN_RETENTION.toDays() - 1])(
    'a retention of %d days throws with DPP-DR-2',
    (days) => {
      expect(() => new TaxArchive(testStack(), 'A', { retention: Duration.days(days) })).toThrow(
        `\`retention\` must be at least 365 days (DPP-DR-2), got: ${days} days`,
      );
    },
  );

  test.each([365, 366, 36500])('a retention of %d days is accepted', (days) => {
    expect(
      () => new TaxArchive(testStack(), 'A', { retention: Duration.days(days) }),
    ).not.toThrow();
  });

  test('a retention that is not a whole number of days throws', () => {
    expect(
      () => new TaxArchive(testStack(), 'A', { retention: Duration.hours(365 * 24 + 12) }),
    ).toThrow('`retention` must be a whole number of days');
  });

  test('a second readable role throws with DPP-DR-2', () => {
    const stack = testStack();
    const archive = new TaxArchive(stack, 'A', { retention: TEN_YEARS });
    const other = new iam.Role(stack, 'Other', { assumedBy: new iam.AccountRootPrincipal() });
    expect(() => archive.grantRead(other)).toThrow(
      /`grantRead.grantee` must be the retrieval role: a tax archive has one readable role, which has no other rights \(DPP-DR-2\), got: /,
    );
    expect(() => archive.grantRead(archive.retrievalRole)).not.toThrow();
  });

  test('the vault backend without an incident topic throws', () => {
    expect(
      () =>
        new TaxArchive(testStack(), 'A', {
          retention: TEN_YEARS,
          backend: TaxArchiveBackend.GLACIER_VAULT,
        }),
    ).toThrow('`incidentTopic` must be given with the GLACIER_VAULT backend');
  });
});

/** A request as S3 authorizes it: the IAM action and the condition keys it carries. */
interface AuthorizedRequest {
  readonly action: string;
  readonly context: Record<string, string>;
}

/**
 * Whether one condition operator holds for a request, as IAM evaluates it: a negated operator
 * (`StringNotEquals`, `ArnNotEquals`) and any `...IfExists` hold when the key is absent, a
 * positive one does not; `Null` tests presence.
 */
function conditionHolds(
  operator: string,
  key: string,
  expected: unknown,
  request: AuthorizedRequest,
): boolean {
  const values = (Array.isArray(expected) ? expected : [expected]).map((v) =>
    typeof v === 'string' ? v : JSON.stringify(v),
  );
  const actual = request.context[key];
  const base = operator.replace(/IfExists$/, '');
  if (base === 'Null') return values.includes(String(actual === undefined));
  if (actual === undefined) return operator.endsWith('IfExists') || base.includes('Not');
  switch (base) {
    case 'StringEquals':
    case 'ArnEquals':
    case 'Bool':
      return values.includes(actual);
    case 'StringNotEquals':
    case 'ArnNotEquals':
      return !values.includes(actual);
    case 'NumericLessThan':
      return values.some((v) => Number(actual) < Number(v));
    default:
      throw new Error(`the test evaluator does not know the operator ${operator}`);
  }
}

/** Whether a statement of the bucket policy applies to the request. */
function statementApplies(statement: StatementJson, request: AuthorizedRequest): boolean {
  if (!coversAction(statement, request.action)) return false;
  const conditions = (statement.Condition ?? {}) as Record<string, Record<string, unknown>>;
  return Object.entries(conditions).every(([operator, keys]) =>
    Object.entries(keys).every(([key, expected]) =>
      conditionHolds(operator, key, expected, request),
    ),
  );
}

describe('TaxArchive bucket policy over the requests of a writer', () => {
  const { template } = s3Archive();
  const [policy] = Object.values(template.findResources('AWS::S3::BucketPolicy'));
  const denials = statementsOf(policy.Properties.PolicyDocument).filter((s) => s.Effect === 'Deny');
  const overTls = { 'aws:SecureTransport': 'true', 's3:TlsVersion': '1.3' };
  const writer = { ...overTls, 'aws:PrincipalArn': 'arn:aws:iam::111122223333:role/Writer' };
  const request = (action: string, storageClass?: string): AuthorizedRequest => ({
    action,
    context: storageClass ? { ...writer, 's3:x-amz-storage-class': storageClass } : writer,
  });
  const deniedBy = (r: AuthorizedRequest) =>
    denials.filter((s) => statementApplies(s, r)).map((s) => s.Sid);

  // The IAM action of each operation, per the Service Authorization Reference for Amazon S3.
  test.each([
    ['PutObject in DEEP_ARCHIVE', request('s3:PutObject', 'DEEP_ARCHIVE')],
    ['PutObject without a storage class (moved by the lifecycle)', request('s3:PutObject')],
    ['CreateMultipartUpload in DEEP_ARCHIVE', request('s3:PutObject', 'DEEP_ARCHIVE')],
    ['UploadPart, which carries no storage class', request('s3:PutObject')],
    ['CompleteMultipartUpload, which carries no storage class', request('s3:PutObject')],
  ])('%s is not denied', (_, r) => {
    expect(deniedBy(r)).toEqual([]);
  });

  test.each([
    ['PutObject in STANDARD', request('s3:PutObject', 'STANDARD')],
    ['PutObject in GLACIER_IR', request('s3:PutObject', 'GLACIER_IR')],
    ['CreateMultipartUpload in STANDARD_IA', request('s3:PutObject', 'STANDARD_IA')],
  ])('%s is denied', (_, r) => {
    expect(deniedBy(r)).toEqual(['DenyWritingOutsideDeepArchive']);
  });

  test('reading and deleting stay denied to the writer, and plain HTTP to everyone', () => {
    expect(deniedBy(request('s3:GetObject'))).toEqual(['DenyReadingToAllButRetrievalRole']);
    expect(deniedBy(request('s3:DeleteObject'))).toEqual(['DenyDeletingRecords']);
    const overHttp = { action: 's3:PutObject', context: { 'aws:SecureTransport': 'false' } };
    expect(deniedBy(overHttp)).toContain(denials[0].Sid);
  });
});
