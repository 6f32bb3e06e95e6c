import { Duration, aws_iam as iam } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { DppMetadata } from '../common/dpp-metadata';
import { ManagedPolicyRole } from '../common/managed-policy-role';
import { Problems } from '../common/problems';
import { IDataStore } from '../storage/data-store';

const CLAUSES = ['DPP-LP-1', 'DPP-LP-2', 'SOC-C3'];

/** The longest session a PII reader may hold. */
export const PII_READER_MAX_SESSION = Duration.hours(1);

/**
 * Props of a `PiiReaderRole`.
 */
export interface PiiReaderRoleProps {
  /** Who may assume the role: the one feature that vends PII, never a person's account. */
  readonly assumedBy: iam.IPrincipal;
  /**
   * The stores the role reads. Add more with `allowRead`.
   * @default - none
   */
  readonly stores?: IDataStore[];
  /**
   * What the role is for.
   * @default 'Reads PII for one feature, need-to-know only (cdk-dpp, DPP-LP-2)'
   */
  readonly description?: string;
  /**
   * How long a session lasts: 1 hour at most.
   * @default Duration.hours(1)
   */
  readonly maxSessionDuration?: Duration;
}

/**
 * The one role that reads a set of PII stores (DPP-LP-2): read access and decrypt on each store's
 * key come only through `allowRead`, which calls the store's own `grantRead`, so the grant is
 * exact, lands in one customer-managed policy, and is recorded in each store's data declaration
 * as a reader. Give each feature that vends PII its own reader role.
 */
export class PiiReaderRole extends ManagedPolicyRole {
  public constructor(scope: Construct, id: string, props: PiiReaderRoleProps) {
    const problems = new Problems(scope, id);
    const session = props.maxSessionDuration;
    if (session !== undefined && !session.isUnresolved()) {
      problems.check(
        session.toSeconds() <= PII_READER_MAX_SESSION.toSeconds(),
        'maxSessionDuration',
        `must be at most ${PII_READER_MAX_SESSION.toHours()} hour`,
        ['DPP-LP-2'],
        `${session.toHours({ integral: false })} hours`,
      );
    }
    problems.throwIfAny();
    super(scope, id, {
      assumedBy: props.assumedBy,
      description:
        props.description ?? 'Reads PII for one feature, need-to-know only (cdk-dpp, DPP-LP-2)',
      maxSessionDuration: props.maxSessionDuration ?? PII_READER_MAX_SESSION,
    });
    DppMetadata.of(this.node.defaultChild as iam.CfnRole).implementsControls(
      'PiiReaderRole',
      CLAUSES,
    );
    (props.stores ?? []).forEach((store) => this.allowRead(store));
  }

  /** Lets the role read `store` and decrypt it with the store's key. */
  public allowRead(store: IDataStore): iam.Grant {
    return store.grantReadData(this);
  }
}
