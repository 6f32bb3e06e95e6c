import { CfnResource, Duration, Lazy, aws_ec2 as ec2, aws_iam as iam } from 'aws-cdk-lib';
import { Construct, IConstruct } from 'constructs';
import { DataClass } from '../common/data-class';
import { DataDeclaration, DppMetadata } from '../common/dpp-metadata';
import { libraryOptOut, OptOut } from '../common/opt-out';
import { checkOwner } from '../common/owner';
import { Problems, resolvedDays } from '../common/problems';

/**
 * A data store of the library. `grantReadData` and `grantWriteData` grant the store and its key
 * together, and readers are recorded in the store's data declaration (DPP-LP-2, DPP-DG-3). They
 * have the shape of the DynamoDB table's grants, so a store that extends an aws-cdk-lib class
 * keeps that class's own `grantRead` and `grantWrite` signatures.
 */
export interface IDataStore extends IConstruct {
  /** Lets `grantee` read the data, and decrypt it with the store's key. */
  grantReadData(grantee: iam.IGrantable): iam.Grant;
  /** Lets `grantee` write the data, and encrypt it with the store's key. */
  grantWriteData(grantee: iam.IGrantable): iam.Grant;
}

/**
 * The props every store shares to keep its data inside the VPC (DPP-NP-3, DPP-NP-5).
 */
export interface VpcEndpointOnlyProps {
  /**
   * The VPC endpoint through which every data request must come: the store's resource policy
   * denies data access from anywhere else (`aws:SourceVpce`). Use `DataVpc.s3Endpoint` for
   * buckets and `DataVpc.dynamoDbEndpoint` for tables. Required unless `accessOutsideVpcEndpoint`
   * is given.
   * @default - none: either this or `accessOutsideVpcEndpoint` must be set
   */
  readonly vpcEndpoint?: ec2.IVpcEndpoint;
  /**
   * Opts out of the VPC-endpoint-only policy, with a reason recorded in the template (it weakens
   * DPP-NP-3 and DPP-NP-5).
   * @default - data access only through `vpcEndpoint`
   */
  readonly accessOutsideVpcEndpoint?: OptOut;
  /**
   * Roles that may reach the data from outside the VPC endpoint: administrative and service
   * roles only (backups, break-glass). Their ARNs are the one exception of the deny statement;
   * add more with `allowAdministrativeAccess`.
   * @default - none
   */
  readonly administrativeRoles?: iam.IRole[];
}

/** The clauses the VPC-endpoint-only policy serves. */
export const VPC_ENDPOINT_ONLY_CLAUSES: readonly string[] = ['DPP-NP-3', 'DPP-NP-5'];

/** Checks that a store is either locked to an endpoint or opted out with a reason. */
export function checkVpcEndpointOnly(problems: Problems, props: VpcEndpointOnlyProps): void {
  problems.check(
    props.vpcEndpoint !== undefined || props.accessOutsideVpcEndpoint !== undefined,
    'vpcEndpoint',
    'must name the VPC endpoint every data request comes through (e.g. `dataVpc.s3Endpoint`), ' +
      'or opt out with `accessOutsideVpcEndpoint` and a reason',
    VPC_ENDPOINT_ONLY_CLAUSES,
    'undefined',
  );
  problems.check(
    props.vpcEndpoint === undefined || props.accessOutsideVpcEndpoint === undefined,
    'accessOutsideVpcEndpoint',
    'must not be combined with `vpcEndpoint`; choose one',
    VPC_ENDPOINT_ONLY_CLAUSES,
    JSON.stringify(props.accessOutsideVpcEndpoint),
  );
  problems.optOutReason(
    'accessOutsideVpcEndpoint',
    props.accessOutsideVpcEndpoint,
    VPC_ENDPOINT_ONLY_CLAUSES,
  );
}

/** A retention in whole days between 1 and `max`; unset and unresolved values pass. */
export function checkRetentionDays(
  problems: Problems,
  prop: string,
  value: Duration | undefined,
  max: Duration,
  clauses: readonly string[],
): void {
  problems.daysAtMost(prop, value, max, clauses);
  const days = resolvedDays(value);
  if (days !== undefined) {
    problems.check(
      Number.isInteger(days) && days >= 1,
      prop,
      'must be a whole number of days, at least 1',
      clauses,
      `${days} days`,
    );
  }
}

/**
 * The deny statement of a store's resource policy: data actions not coming through the VPC
 * endpoint are denied to everyone but the administrative roles, whose list is read at synthesis
 * so roles added later are included.
 */
export function vpcEndpointOnlyStatement(
  actions: readonly string[],
  resources: string[],
  vpcEndpoint: ec2.IVpcEndpoint,
  administrativeRoles: readonly iam.IRole[],
): iam.PolicyStatement {
  const statement = new iam.PolicyStatement({
    sid: 'DenyDataAccessOutsideVpcEndpoint',
    effect: iam.Effect.DENY,
    principals: [new iam.AnyPrincipal()],
    actions: [...actions],
    resources,
    conditions: { StringNotEquals: { 'aws:SourceVpce': vpcEndpoint.vpcEndpointId } },
  });
  statement.addCondition(
    'ArnNotEquals',
    Lazy.any({
      produce: () =>
        administrativeRoles.length > 0
          ? { 'aws:PrincipalArn': administrativeRoles.map((role) => role.roleArn) }
          : undefined,
    }),
  );
  return statement;
}

/**
 * Fences a store's data in to its VPC endpoint when it has one (the `vpcEndpointOnlyStatement`
 * in the store's resource policy), or records the opt-out on the store's L1 resource when it has
 * none. Returns the store's administrative roles, the statement's one exception: a list the
 * store grows with `allowAdministrativeAccess` until synthesis.
 */
export function fenceToVpcEndpoint(
  store: IConstruct & { addToResourcePolicy(statement: iam.PolicyStatement): unknown },
  props: VpcEndpointOnlyProps,
  actions: readonly string[],
  resources: string[],
): iam.IRole[] {
  const administrativeRoles: iam.IRole[] = [];
  for (const role of props.administrativeRoles ?? []) {
    exemptFromVpcEndpoint(store, administrativeRoles, role);
  }
  if (props.vpcEndpoint) {
    store.addToResourcePolicy(
      vpcEndpointOnlyStatement(actions, resources, props.vpcEndpoint, administrativeRoles),
    );
  }
  recordVpcEndpointOptOut(store.node.defaultChild as CfnResource, props);
  return administrativeRoles;
}

/** Records the opt-out of the VPC-endpoint-only policy, when there is one. */
export function recordVpcEndpointOptOut(resource: CfnResource, props: VpcEndpointOnlyProps): void {
  if (props.accessOutsideVpcEndpoint) {
    DppMetadata.of(resource).addOptOut({
      setting: 'accessOutsideVpcEndpoint',
      clauses: [...VPC_ENDPOINT_ONLY_CLAUSES],
      reason: props.accessOutsideVpcEndpoint.reason,
    });
  }
}

/**
 * Adds `role` to the store's administrative roles, the one exception to its VPC-endpoint fence,
 * and records the exception on the store's L1 resource so the auditor sees every role that may
 * reach the data from elsewhere (DPP-NP-3, DPP-NP-5).
 */
export function exemptFromVpcEndpoint(
  store: IConstruct,
  administrativeRoles: iam.IRole[],
  role: iam.IRole,
): void {
  if (administrativeRoles.includes(role)) return;
  administrativeRoles.push(role);
  DppMetadata.of(store.node.defaultChild as CfnResource).addOptOut({
    setting: 'administrativeRoles',
    clauses: [...VPC_ENDPOINT_ONLY_CLAUSES],
    reason: libraryOptOut(
      `The administrative role ${role.node.path} may reach the data outside the VPC endpoint.`,
    ).reason,
  });
}

/** Records `grantee` as a reader of the store's data, when it is a construct (DPP-DG-3). */
export function recordReader(resource: CfnResource, grantee: iam.IGrantable): void {
  const reader = Construct.isConstruct(grantee)
    ? grantee
    : Construct.isConstruct(grantee.grantPrincipal)
      ? grantee.grantPrincipal
      : undefined;
  if (reader) DppMetadata.of(resource).addReader(reader);
}

/**
 * Checks the props every store behind a VPC endpoint shares: where its data may be reached from
 * (DPP-NP-3, DPP-NP-5) and what it declares to hold (DPP-DG-3).
 */
export function checkStoreProps(
  problems: Problems,
  props: VpcEndpointOnlyProps & { readonly data: DataDeclaration },
  dataClass: DataClass,
): void {
  checkVpcEndpointOnly(problems, props);
  checkDeclaration(problems, props.data, dataClass);
}

/**
 * A store's data declaration must say why, and a PII store which fields (DPP-DG-3); an owner it
 * names must be one the inventory can read (DPP-DG-2).
 */
export function checkDeclaration(
  problems: Problems,
  data: DataDeclaration,
  dataClass: DataClass,
): void {
  checkOwner(problems, 'data.owner', data.owner, false);
  problems.check(
    data.purpose.trim().length > 0,
    'data.purpose',
    'must say why the data is held',
    ['DPP-DG-3'],
    JSON.stringify(data.purpose),
  );
  if (dataClass === DataClass.PII) {
    problems.check(
      (data.piiFields ?? []).length > 0,
      'data.piiFields',
      'must name at least one PII field the store holds',
      ['DPP-DG-3'],
      JSON.stringify(data.piiFields ?? []),
    );
  } else {
    problems.check(
      (data.piiFields ?? []).length === 0,
      'data.piiFields',
      `must be empty for a store of class ${dataClass}: a store that holds PII fields is a PII store (use PiiBucket or PiiTable)`,
      ['DPP-DG-3', 'DPP-DR-1'],
      JSON.stringify(data.piiFields),
    );
  }
}

/** Why a store carries no AWS Backup selection of its own. */
export const BACKUP_PLAN_ADDED_BY_COMPOSER_REASON =
  'Point-in-time recovery is on in the store itself (DPP-DR-4); the AWS Backup plan that also ' +
  'copies it to a second region is attached where the data plane is composed, with ' +
  'PiiBackupPlan.addStore, and the DPP pack checks every PII store has one.';

/** Why data stores are not replicated by S3 or DynamoDB: backups carry the second copy. */
export const NO_LIVE_REPLICA_REASON =
  'Amazon data must not outlive its retention or leave the VPC-endpoint perimeter, so no live ' +
  'replica is kept; recovery copies are made by AWS Backup (PiiBackupPlan) into a KMS-encrypted, ' +
  'vault-locked vault with a copy in a second region (DPP-DR-3, DPP-25-BACKUP).';
