import { Duration, aws_dynamodb as dynamodb, aws_iam as iam } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import {
  NIST_AND_HIPAA,
  acknowledgeInCompliancePacks,
  acknowledgeStoreItems,
} from '../common/built-in-acknowledgement';
import { DataClass } from '../common/data-class';
import { DataDeclaration, DppMetadata, leftOut } from '../common/dpp-metadata';
import { keptRemovalPolicy } from '../common/kept-removal-policy';
import { DppValidationError, Problems } from '../common/problems';
import { PII_MAX_RETENTION } from '../common/retention-limits';
import { PiiKey } from '../encryption/pii-key';
import {
  BACKUP_PLAN_ADDED_BY_COMPOSER_REASON,
  IDataStore,
  VpcEndpointOnlyProps,
  checkRetentionDays,
  checkStoreProps,
  exemptFromVpcEndpoint,
  fenceToVpcEndpoint,
  recordReader,
} from './data-store';

/** The DynamoDB actions that read, change or export items: the ones the VPC-endpoint policy fences in. */
export const DYNAMODB_DATA_ACTIONS: readonly string[] = [
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
];

/** What a reader of a PII table may do on its items. */
export const DYNAMODB_READ_ACTIONS: readonly string[] = [
  'dynamodb:BatchGetItem',
  'dynamodb:GetItem',
  'dynamodb:Query',
  'dynamodb:Scan',
  'dynamodb:ConditionCheckItem',
  'dynamodb:DescribeTable',
];

/** What a writer of a PII table may do on its items. */
export const DYNAMODB_WRITE_ACTIONS: readonly string[] = [
  'dynamodb:BatchWriteItem',
  'dynamodb:PutItem',
  'dynamodb:UpdateItem',
  'dynamodb:DeleteItem',
  'dynamodb:ConditionCheckItem',
  'dynamodb:DescribeTable',
];

const DYNAMODB_READ_KEY_ACTIONS = ['kms:Decrypt', 'kms:DescribeKey'];
const DYNAMODB_WRITE_KEY_ACTIONS = [
  'kms:Decrypt',
  'kms:DescribeKey',
  'kms:Encrypt',
  'kms:GenerateDataKey',
  'kms:ReEncryptFrom',
  'kms:ReEncryptTo',
];

const CLAUSES = [
  'DPP-ES-1',
  'DPP-NP-3',
  'DPP-NP-5',
  'DPP-DR-1',
  'DPP-DR-4',
  'DPP-DG-3',
  'DPP-DG-4',
  'SOC-C5',
];

const DEFAULT_ERASURE =
  "Delete the person's items by key (DeleteItem); point-in-time recovery copies age out " +
  'within the 30-day recovery window.';

/**
 * Props of a `PiiTable`.
 */
export interface PiiTableProps extends VpcEndpointOnlyProps {
  /** What the table holds and why (DPP-DG-3). */
  readonly data: DataDeclaration;
  /** The partition key. */
  readonly partitionKey: dynamodb.Attribute;
  /**
   * The sort key.
   * @default - none
   */
  readonly sortKey?: dynamodb.Attribute;
  /**
   * The attribute holding each item's expiry time in epoch seconds. DynamoDB deletes expired
   * items, so the application must set it to at most `retention` after the order ships
   * (DPP-DR-1).
   */
  readonly timeToLiveAttribute: string;
  /**
   * How long the application keeps an item (the TTL it writes), declared in the template.
   * @default Duration.days(30)
   */
  readonly retention?: Duration;
  /**
   * The key that encrypts the table.
   * @default - a new `PiiKey`
   */
  readonly encryptionKey?: PiiKey;
  /**
   * How one person's data is erased on request (DPP-DG-4).
   * @default - delete the person's items by key
   */
  readonly erasure?: string;
  /**
   * The table name.
   * @default - a name CloudFormation generates
   */
  readonly tableName?: string;
}

/**
 * A DynamoDB table for Amazon customers' PII: encrypted with a customer-managed `PiiKey`
 * (DPP-ES-1), point-in-time recovery for 30 days (DPP-DR-1) and deletion protection on, retained on stack deletion
 * (DPP-DR-4, SOC-C5), on-demand capacity, a required TTL attribute (DPP-DR-1), and a resource
 * policy that denies item access not coming through the VPC endpoint except for named
 * administrative roles (DPP-NP-3, DPP-NP-5). Tagged `dpp:data-class` = `pii`, with its data
 * declaration in the template (DPP-DG-3).
 *
 * It is a `dynamodb.Table` (not `TableV2`, which cannot synthesize a customer-managed key in an
 * environment-agnostic stack).
 */
export class PiiTable extends dynamodb.Table implements IDataStore {
  /** The key that encrypts the table. */
  public readonly key: PiiKey;
  /** Days an item is kept. */
  public readonly retentionDays: number;
  private readonly administrativeRoles: iam.IRole[];

  public constructor(scope: Construct, id: string, props: PiiTableProps) {
    const retention = props.retention ?? PII_MAX_RETENTION;
    const problems = new Problems(scope, id);
    checkRetentionDays(problems, 'retention', retention, PII_MAX_RETENTION, ['DPP-DR-1']);
    problems.check(
      props.timeToLiveAttribute.trim().length > 0,
      'timeToLiveAttribute',
      'must name the attribute that holds the expiry time',
      ['DPP-DR-1'],
      JSON.stringify(props.timeToLiveAttribute),
    );
    checkStoreProps(problems, props, DataClass.PII);
    problems.throwIfAny();

    const key = props.encryptionKey ?? new PiiKey(scope, `${id}Key`);
    super(scope, id, {
      tableName: props.tableName,
      partitionKey: props.partitionKey,
      sortKey: props.sortKey,
      timeToLiveAttribute: props.timeToLiveAttribute,
      billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
      encryption: dynamodb.TableEncryption.CUSTOMER_MANAGED,
      encryptionKey: key,
      // Recovery points are PII too: restorable no longer than PII may live (DPP-DR-1).
      pointInTimeRecoverySpecification: {
        pointInTimeRecoveryEnabled: true,
        recoveryPeriodInDays: PII_MAX_RETENTION.toDays(),
      },
      deletionProtection: true,
      removalPolicy: keptRemovalPolicy(props.tableName),
    });
    this.key = key;
    this.retentionDays = retention.toDays();
    // A table's own policy names it as `*`: its ARN would make the table depend on itself.
    this.administrativeRoles = fenceToVpcEndpoint(this, props, DYNAMODB_DATA_ACTIONS, ['*']);

    const cfn = this.node.defaultChild as dynamodb.CfnTable;
    DppMetadata.of(cfn)
      .implementsControls('PiiTable', CLAUSES)
      .declareData(
        DataClass.PII,
        props.data,
        this.retentionDays,
        `DynamoDB TTL deletes items once \`${props.timeToLiveAttribute}\` has passed; the ` +
          `application sets it at most ${this.retentionDays} days ahead.`,
        props.erasure ?? DEFAULT_ERASURE,
        leftOut({ retentionDays: props.retention, erasure: props.erasure }),
      );
    acknowledgeInCompliancePacks(
      this,
      'PiiTable',
      'DynamoDBInBackupPlan',
      BACKUP_PLAN_ADDED_BY_COMPOSER_REASON,
      NIST_AND_HIPAA,
    );
  }

  /**
   * Lets `role` reach the items from outside the VPC endpoint: for administrative and service
   * roles only (AWS Backup, break-glass), never for application readers.
   */
  public allowAdministrativeAccess(role: iam.IRole): void {
    exemptFromVpcEndpoint(this, this.administrativeRoles, role);
  }

  /**
   * Lets `grantee` read items and decrypt them with the key; recorded as a reader.
   *
   * @param allowedActions narrows the grant to these of the read actions
   * (`DYNAMODB_READ_ACTIONS`), e.g. `['dynamodb:GetItem']` for a service that reads one item at
   * a time; any other action throws.
   * @default - every read action
   */
  public grantRead(grantee: iam.IGrantable, allowedActions?: string[]): iam.Grant {
    const grant = this.grantItems(
      grantee,
      this.narrowed(DYNAMODB_READ_ACTIONS, allowedActions, 'grantRead'),
    );
    this.key.grantThroughService(grantee, 'dynamodb', ...DYNAMODB_READ_KEY_ACTIONS);
    recordReader(this.node.defaultChild as dynamodb.CfnTable, grantee);
    return grant;
  }

  /**
   * Lets `grantee` write items and encrypt them with the key.
   *
   * @param allowedActions narrows the grant to these of the write actions
   * (`DYNAMODB_WRITE_ACTIONS`), e.g. `['dynamodb:PutItem']`; any other action throws.
   * @default - every write action
   */
  public grantWrite(grantee: iam.IGrantable, allowedActions?: string[]): iam.Grant {
    const grant = this.grantItems(
      grantee,
      this.narrowed(DYNAMODB_WRITE_ACTIONS, allowedActions, 'grantWrite'),
    );
    this.key.grantThroughService(grantee, 'dynamodb', ...DYNAMODB_WRITE_KEY_ACTIONS);
    return grant;
  }

  /**
   * Lets `grantee` read items (exact actions, on the table and the indexes it has now) and use
   * the key only through DynamoDB (`kms:ViaService`); recorded as a reader.
   */
  public override grantReadData(grantee: iam.IGrantable): iam.Grant {
    return this.grantRead(grantee);
  }

  /**
   * Lets `grantee` write items (exact actions, on the table and the indexes it has now) and use
   * the key only through DynamoDB (`kms:ViaService`). DynamoDB decrypts the table key for
   * writes too, so the key grant includes `kms:Decrypt`; items stay unreadable without
   * `grantRead`.
   */
  public override grantWriteData(grantee: iam.IGrantable): iam.Grant {
    return this.grantWrite(grantee);
  }

  /** Lets `grantee` read and write items with the key; recorded as a reader. */
  public override grantReadWriteData(grantee: iam.IGrantable): iam.Grant {
    return this.grantReadData(grantee).combine(this.grantWriteData(grantee));
  }

  /** Lets `grantee` read the table's stream; recorded as a reader. */
  public override grantStreamRead(grantee: iam.IGrantable): iam.Grant {
    const grant = super.grantStreamRead(grantee);
    recordReader(this.node.defaultChild as dynamodb.CfnTable, grantee);
    return grant;
  }

  /** `actions`, or only those of them `allowed` names; throws on a name outside `actions`. */
  private narrowed(
    actions: readonly string[],
    allowed: string[] | undefined,
    method: string,
  ): readonly string[] {
    if (allowed === undefined) return actions;
    const unknown = allowed.filter((action) => !actions.includes(action));
    if (unknown.length > 0 || allowed.length === 0) {
      throw new DppValidationError(this.node.path, [
        `\`${method}\` narrows the grant to actions of ${actions.join(', ')} (DPP-LP-2), got: ` +
          `${allowed.length === 0 ? 'none' : unknown.join(', ')}; name at least one of them`,
      ]);
    }
    return actions.filter((action) => allowed.includes(action));
  }

  private grantItems(grantee: iam.IGrantable, actions: readonly string[]): iam.Grant {
    const cfn = this.node.defaultChild as dynamodb.CfnTable;
    const resourceArns = [this.tableArn];
    if (this.hasIndex) {
      resourceArns.push(`${this.tableArn}/index/*`);
      acknowledgeStoreItems(grantee, cfn, 'index/*', 'PiiTable');
    }
    return iam.Grant.addToPrincipal({ grantee, actions: [...actions], resourceArns });
  }

  /** Always throws: `dynamodb:*` on a PII table breaks least privilege (DPP-LP-1, DPP-LP-2). */
  public override grantFullAccess(grantee: iam.IGrantable): iam.Grant {
    const who = Construct.isConstruct(grantee) ? grantee.node.path : 'a principal';
    throw new DppValidationError(this.node.path, [
      '`grantFullAccess` is not allowed on a PII table: it grants `dynamodb:*` (DPP-LP-1, ' +
        `DPP-LP-2), got: a grant to ${who}; use \`grantRead\`, \`grantWrite\` or \`grantReadWriteData\``,
    ]);
  }
}
