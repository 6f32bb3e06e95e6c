import { Duration, Names, RemovalPolicy, aws_iam as iam, aws_kms as kms } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { DppMetadata } from '../common/dpp-metadata';
import { Problems } from '../common/problems';

/**
 * What key administrators may do: manage the key, never use it (DPP-ES-2). `kms:CreateGrant`
 * is not among them: administrators may create grants only for AWS services that encrypt
 * resources on their behalf (`KEY_SERVICE_GRANT_ACTIONS`).
 */
export const KEY_ADMIN_ACTIONS: readonly string[] = [
  'kms:CreateAlias',
  'kms:Describe*',
  'kms:Enable*',
  'kms:List*',
  'kms:Put*',
  'kms:Update*',
  'kms:Revoke*',
  'kms:Disable*',
  'kms:Get*',
  'kms:Delete*',
  'kms:TagResource',
  'kms:UntagResource',
  'kms:ScheduleKeyDeletion',
  'kms:CancelKeyDeletion',
];

/**
 * What administrators may do for AWS services that encrypt a resource with the key (RDS, DynamoDB,
 * EBS, Secrets Manager): create a grant that the service holds, never one for a person
 * (`kms:GrantIsForAWSResource`).
 */
export const KEY_SERVICE_GRANT_ACTIONS: readonly string[] = ['kms:CreateGrant'];

/** What Secrets Manager needs to encrypt and decrypt a secret with the key for its caller. */
export const SECRETS_MANAGER_USE_ACTIONS: readonly string[] = [
  'kms:Decrypt',
  'kms:GenerateDataKey',
];

/** The clauses a `PiiKey` implements. */
const CLAUSES = ['DPP-ES-1', 'DPP-ES-2', 'DPP-25-TLS'];

/**
 * Props of a `PiiKey`.
 */
export interface PiiKeyProps {
  /**
   * The alias of the key; `alias/` is added when missing.
   * @default - `alias/cdk-dpp/<unique name from the construct path>`
   */
  readonly alias?: string;
  /**
   * What the key protects.
   * @default 'Customer-managed key for Amazon data (cdk-dpp)'
   */
  readonly description?: string;
  /**
   * Who administers the key. Administrators can manage the key but not encrypt or decrypt
   * with it; use is granted separately, to named principals only (DPP-ES-2).
   * @default - the account root principal, so the account's IAM administrators can manage it
   */
  readonly administrators?: iam.IPrincipal[];
  /**
   * How long a scheduled deletion waits, between 7 and 30 days.
   * @default Duration.days(30)
   */
  readonly pendingWindow?: Duration;
}

/**
 * A customer-managed, symmetric (AES-256-GCM) KMS key with yearly rotation, retained on stack
 * deletion, whose key policy separates administrators from users: administrators manage it,
 * and only principals granted through this key's `grant*` methods may use it. The policy denies
 * everyone `kms:CreateGrant` unless the grant is for an AWS resource (CT.KMS.PR.3). Every grant
 * names its principal in the key policy as well as in the principal's own policy, because the
 * key policy does not delegate use to the account's IAM policies (DPP-ES-1, DPP-ES-2).
 *
 * It is a `kms.Key`, so it can be passed as `encryptionKey` to any aws-cdk-lib construct, and
 * that construct's grants go through the same rules.
 */
export class PiiKey extends kms.Key {
  /** Grants do not rely on IAM policies of the account alone: the key policy names each grantee. */
  protected readonly trustAccountIdentities = false;

  private readonly serviceGrants = new Set<string>();

  public constructor(scope: Construct, id: string, props: PiiKeyProps = {}) {
    const problems = new Problems(scope, id);
    problems.check(
      props.pendingWindow === undefined ||
        props.pendingWindow.isUnresolved() ||
        (props.pendingWindow.toDays({ integral: false }) >= 7 &&
          props.pendingWindow.toDays({ integral: false }) <= 30),
      'pendingWindow',
      'must be between 7 and 30 days',
      ['DPP-DR-4'],
      props.pendingWindow ? `${props.pendingWindow.toDays({ integral: false })} days` : 'undefined',
    );
    problems.check(
      !(props.administrators ?? []).some(isEveryone),
      'administrators',
      'must name principals, never everyone; leave it unset for the account root',
      ['DPP-ES-2'],
      'a principal matching every identity (*)',
    );
    problems.throwIfAny();

    super(scope, id, {
      description: props.description ?? 'Customer-managed key for Amazon data (cdk-dpp)',
      keySpec: kms.KeySpec.SYMMETRIC_DEFAULT,
      keyUsage: kms.KeyUsage.ENCRYPT_DECRYPT,
      enableKeyRotation: true,
      pendingWindow: props.pendingWindow ?? Duration.days(30),
      removalPolicy: RemovalPolicy.RETAIN,
      policy: new iam.PolicyDocument(),
    });

    const administrators = props.administrators ?? [new iam.AccountRootPrincipal()];
    this.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'KeyAdministration',
        principals: administrators,
        actions: [...KEY_ADMIN_ACTIONS],
        resources: ['*'],
      }),
    );
    this.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'KeyGrantsForAwsResources',
        principals: administrators,
        actions: [...KEY_SERVICE_GRANT_ACTIONS],
        resources: ['*'],
        conditions: { Bool: { 'kms:GrantIsForAWSResource': 'true' } },
      }),
    );
    // A grant is a second path to the key beside its policy: without this, a principal allowed
    // `kms:CreateGrant` by an IAM policy could hand key use to a person (DPP-ES-2; AWS Control
    // Tower CT.KMS.PR.3).
    this.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'DenyGrantsExceptForAwsResources',
        effect: iam.Effect.DENY,
        principals: [new iam.AnyPrincipal()],
        actions: [...KEY_SERVICE_GRANT_ACTIONS],
        resources: ['*'],
        conditions: {
          BoolIfExists: {
            'kms:GrantIsForAWSResource': 'false',
            'aws:PrincipalIsAWSService': 'false',
          },
        },
      }),
    );
    const alias =
      props.alias ??
      `cdk-dpp/${Names.uniqueResourceName(this, { maxLength: 200, separator: '-' })}`;
    this.addAlias(alias.startsWith('alias/') ? alias : `alias/${alias}`);
    DppMetadata.of(this.node.defaultChild as kms.CfnKey).implementsControls('PiiKey', CLAUSES);
  }

  /**
   * Lets an AWS service principal use the key for the given actions, through a key policy
   * statement with conditions that tie the use to this account's resources. A second call with
   * the same `sid` adds nothing, so constructs sharing a key can each ask for what they need.
   */
  public grantToService(
    sid: string,
    service: iam.IPrincipal,
    actions: string[],
    conditions?: { [operator: string]: unknown },
  ): void {
    if (this.serviceGrants.has(sid)) return;
    this.serviceGrants.add(sid);
    this.addToResourcePolicy(
      new iam.PolicyStatement({
        sid,
        principals: [service],
        actions,
        resources: ['*'],
        conditions,
      }),
    );
  }

  /**
   * Lets `grantee` use the key for `actions` only in requests made through `service` of this
   * region (`kms:ViaService`, e.g. `s3`): the grantee can read a store's data but cannot decrypt
   * its ciphertext directly. The key policy and the grantee's policy both name the condition.
   * The key policy's statement is built here, not by `Grant.addToPrincipalAndResource`: before
   * aws-cdk-lib 2.276.0 that left the conditions out of the resource's statement, which let the
   * grantee decrypt directly.
   */
  public grantThroughService(
    grantee: iam.IGrantable,
    service: string,
    ...actions: string[]
  ): iam.Grant {
    const conditions = {
      StringEquals: { 'kms:ViaService': `${service}.${this.stack.region}.amazonaws.com` },
    };
    return iam.Grant.addToPrincipal({
      grantee,
      actions,
      resourceArns: [this.keyArn],
      conditions,
    }).combine(
      iam.Grant.addStatementToResourcePolicy({
        grantee,
        actions,
        resourceArns: ['*'],
        resource: this,
        statement: new iam.PolicyStatement({
          actions,
          resources: ['*'],
          principals: [grantee.grantPrincipal],
          conditions,
        }),
      }),
    );
  }

  /** Lets the CloudWatch Logs service of this stack's region encrypt log groups of this account. */
  public grantToCloudWatchLogs(): void {
    const { region, account, partition } = this.stack;
    this.grantToService(
      'CloudWatchLogsUse',
      new iam.ServicePrincipal(`logs.${region}.amazonaws.com`),
      ['kms:Encrypt*', 'kms:Decrypt*', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:Describe*'],
      {
        ArnLike: {
          'kms:EncryptionContext:aws:logs:arn': `arn:${partition}:logs:${region}:${account}:log-group:*`,
        },
      },
    );
  }

  /**
   * Lets `principal` encrypt and decrypt secrets with the key, only through Secrets Manager of
   * this region (`kms:ViaService`), never directly: for the role that deploys an RDS instance
   * whose master secret RDS generates under this key.
   */
  public grantUseThroughSecretsManager(principal: iam.IPrincipal, sid: string): void {
    this.grantToService(sid, principal, [...SECRETS_MANAGER_USE_ACTIONS], {
      StringEquals: { 'kms:ViaService': `secretsmanager.${this.stack.region}.amazonaws.com` },
    });
  }

  /**
   * Lets `grantee` encrypt and decrypt PII fields with the AWS Encryption SDK and a KMS keyring
   * on this key (`FieldEncryptor.withKmsKey`), for fields that cross proxies the operator does
   * not trust (DPP-NP-10): `kms:GenerateDataKey` to encrypt and `kms:Decrypt` to decrypt, and
   * nothing more.
   */
  public grantFieldEncryption(grantee: iam.IGrantable): iam.Grant {
    return this.grant(grantee, 'kms:GenerateDataKey', 'kms:Decrypt');
  }
}

/** Whether a principal stands for every identity (`*`). */
function isEveryone(principal: iam.IPrincipal): boolean {
  if (principal instanceof iam.StarPrincipal) return true;
  const aws = principal.policyFragment.principalJson.AWS ?? [];
  return aws.includes('*');
}
