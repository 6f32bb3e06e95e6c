import { Token, aws_organizations as organizations } from 'aws-cdk-lib';
import { RegionInfo } from 'aws-cdk-lib/region-info';
import { Construct } from 'constructs';
import { Problems } from '../common/problems';
import { parseCidr } from '../network/cidr';
import {
  GuardrailStatement,
  resourceControlStatements,
  serviceControlStatements,
} from './guardrail-statements';
import { checkLiteral } from './organization-ids';
import { MAX_POLICY_CHARACTERS, packStatements } from './policy-packing';

/** Props of {@link DppOrganizationGuardrails}. */
export interface DppOrganizationGuardrailsProps {
  /**
   * The ID of the organization (`o-` and 10 to 32 letters or digits): principals of other
   * organizations are kept from its data (DPP-NP-3).
   */
  readonly organizationId: string;

  /**
   * The root (`r-...`) or organizational units (`ou-...`) the policies are attached to. A target
   * given as a token (a reference to an OU of the stack) is not checked.
   */
  readonly targetIds: string[];

  /**
   * The Regions where accounts may create and use resources (region names, `eu-west-1`): the
   * Regions the Config recorder, the alarms and the backups cover (DPP-DG-2). Global services
   * stay reachable.
   */
  readonly approvedRegions: string[];

  /**
   * The name of the break-glass role, present in every account: the service control policies do
   * not apply to it (`aws:PrincipalArn` not like `arn:*:iam::*:role/<name>`), the resource
   * control policies do. A role of this name is the only way to change a trail, detector,
   * recorder, analyzer or vault lock by hand, so its use must be rare, alarmed and reviewed.
   * @default 'DppBreakGlass'
   */
  readonly breakGlassRoleName?: string;

  /**
   * The names, or name patterns with `*` (`cdk-hnb659fds-cfn-exec-role-*`), of the roles that
   * deploy the workload stacks: the CloudFormation execution role of the CDK bootstrap. The SCP
   * statements that keep the trail, GuardDuty, the Config recorder and Access Analyzer on do not
   * apply to them, so that a deployment can update the stage's own trail, detector, recorder and
   * analyzer; the vault-lock, organization, Block Public Access and Region statements and the
   * RCPs still do. Whoever can make CloudFormation use such a role can change those controls:
   * it must be reachable only from the pipeline account (`cdk bootstrap --trust`). At most
   * 5 names, each 1 to 64 of letters, digits, `+=,.@_-` and `*`, not starting with `*`.
   * @default - no deployment role is exempt: such updates need the break-glass role
   */
  readonly deploymentRoleNames?: string[];

  /**
   * The VPCs (`vpc-...`) requests to S3, KMS, Secrets Manager and SQS may come from, through
   * their endpoints. At least one trusted VPC, VPC endpoint or IP range is required (DPP-NP-5).
   * @default - no VPC is trusted as a whole
   */
  readonly trustedVpcIds?: string[];

  /**
   * The VPC endpoints (`vpce-...`) requests to S3, KMS, Secrets Manager and SQS may come through.
   * @default - no VPC endpoint is trusted on its own
   */
  readonly trustedVpcEndpointIds?: string[];

  /**
   * The public IP ranges (CIDRs) requests to S3, KMS, Secrets Manager and SQS may come from:
   * the office and CI egress addresses.
   * @default - no public address is trusted
   */
  readonly trustedIpRanges?: string[];

  /**
   * The prefix of the policies' names, unique in the organization.
   * @default 'DppGuardrails'
   */
  readonly policyNamePrefix?: string;
}

/** The break-glass role name when none is given. */
const DEFAULT_BREAK_GLASS_ROLE = 'DppBreakGlass';

const TARGET_ID = /^(r-[0-9a-z]{4,32}|ou-[0-9a-z]{4,32}-[a-z0-9]{8,32})$/;
const ROLE_NAME = /^[\w+=,.@-]{1,64}$/;
/** A role name or pattern that names one family of roles: a leading `*` would match any path. */
const ROLE_NAME_PATTERN = /^[\w+=,.@-][\w+=,.@*-]{0,63}$/;
/** The most deployment roles: each adds its ARN pattern to four statements of the SCP. */
const MAX_DEPLOYMENT_ROLES = 5;
const VPC_ID = /^vpc-[0-9a-f]{8,17}$/;
const VPC_ENDPOINT_ID = /^vpce-[0-9a-f]{8,17}$/;
const POLICY_NAME_PREFIX = /^[\w+=,.@-]{1,100}$/;

/**
 * The guardrails of an AWS Organization, deployed in its management account (an
 * environment-agnostic stack): service control policies that keep every account's controls on
 * (the trail, GuardDuty, the Config recorder, Access Analyzer, the backup vault lock, S3 Block
 * Public Access, membership of the organization, the approved Regions), and resource control
 * policies that form the data perimeter of S3, KMS, Secrets Manager, SQS and STS (TLS only, the
 * organization's principals only, its networks only). Both are attached to `targetIds`.
 *
 * The management account is never restricted by SCPs or RCPs, and service-linked roles are not
 * restricted by SCPs: see the docs page for what only a real organization can prove.
 */
export class DppOrganizationGuardrails extends Construct {
  /** The service control policies, in the order their statements are packed. */
  public readonly serviceControlPolicies: organizations.CfnPolicy[];

  /** The resource control policies, in the order their statements are packed. */
  public readonly resourceControlPolicies: organizations.CfnPolicy[];

  /** The documents of `serviceControlPolicies`, as deployed (minified JSON). */
  public readonly serviceControlPolicyDocuments: string[];

  /** The documents of `resourceControlPolicies`, as deployed (minified JSON). */
  public readonly resourceControlPolicyDocuments: string[];

  /** The role name the service control policies exempt. */
  public readonly breakGlassRoleName: string;

  public constructor(scope: Construct, id: string, props: DppOrganizationGuardrailsProps) {
    const problems = new Problems(scope, id);
    validate(problems, props);
    problems.throwIfAny();
    super(scope, id);

    this.breakGlassRoleName = props.breakGlassRoleName ?? DEFAULT_BREAK_GLASS_ROLE;
    const networks = {
      vpcIds: props.trustedVpcIds ?? [],
      vpcEndpointIds: props.trustedVpcEndpointIds ?? [],
      ipRanges: props.trustedIpRanges ?? [],
    };
    const scps = packed(
      problems,
      'service control',
      serviceControlStatements(
        this.breakGlassRoleName,
        props.approvedRegions,
        props.deploymentRoleNames ?? [],
      ),
    );
    const rcps = packed(
      problems,
      'resource control',
      resourceControlStatements(props.organizationId, networks),
    );
    problems.throwIfAny();

    const prefix = props.policyNamePrefix ?? 'DppGuardrails';
    this.serviceControlPolicyDocuments = scps;
    this.resourceControlPolicyDocuments = rcps;
    this.serviceControlPolicies = scps.map(
      (content, i) =>
        new organizations.CfnPolicy(this, `ServiceControlPolicy${i + 1}`, {
          name: `${prefix}-ServiceControl-${i + 1}`,
          description: 'cdk-dpp: keeps the account controls of the Data Protection Policy on',
          type: 'SERVICE_CONTROL_POLICY',
          content: JSON.parse(content) as unknown,
          targetIds: props.targetIds,
        }),
    );
    this.resourceControlPolicies = rcps.map(
      (content, i) =>
        new organizations.CfnPolicy(this, `ResourceControlPolicy${i + 1}`, {
          name: `${prefix}-ResourceControl-${i + 1}`,
          description: 'cdk-dpp: the data perimeter of the Data Protection Policy',
          type: 'RESOURCE_CONTROL_POLICY',
          content: JSON.parse(content) as unknown,
          targetIds: props.targetIds,
        }),
    );
  }
}

/** A literal (not a token) string, or undefined. */
const literal = (value: string | undefined) =>
  value !== undefined && !Token.isUnresolved(value) ? value : undefined;

/** Records every problem with the props. */
function validate(problems: Problems, given: DppOrganizationGuardrailsProps | undefined): void {
  // A JavaScript caller may pass no props at all: each required prop is then named as missing.
  const props = given ?? ({} as DppOrganizationGuardrailsProps);
  const literalsOnly = (prop: string, values: readonly string[] | undefined, clause: string) =>
    problems.check(
      (values ?? []).every((v) => !Token.isUnresolved(v)),
      prop,
      'must be given as literal values: the policies are sized and checked at synth',
      [clause],
      JSON.stringify(values),
    );

  if (problems.required('organizationId', props.organizationId, 'the organization', ['DPP-NP-3'])) {
    checkLiteral(problems, 'organizationId', props.organizationId, 'organizationId', ['DPP-NP-3']);
  }

  // A list that names at least one value, each of the given shape (a token passes unchecked).
  const nonEmptyList = (
    prop: string,
    values: readonly string[],
    ok: (value: string) => boolean,
    one: string,
    what: string,
    clause: string,
  ) => {
    problems.check(values.length > 0, prop, `must name at least one ${one}`, [clause], '[]');
    for (const value of values.filter((v) => !Token.isUnresolved(v) && !ok(v))) {
      problems.add(prop, `must hold ${what}`, [clause], JSON.stringify(value));
    }
  };

  if (
    problems.required('targetIds', props.targetIds, 'the root or OUs to attach to', ['DPP-NP-3'])
  ) {
    nonEmptyList(
      'targetIds',
      props.targetIds,
      (v) => TARGET_ID.test(v),
      'root or OU',
      'a root ID (`r-...`) or OU IDs (`ou-...-...`)',
      'DPP-NP-3',
    );
  }

  if (problems.required('approvedRegions', props.approvedRegions, 'the Regions', ['DPP-DG-2'])) {
    literalsOnly('approvedRegions', props.approvedRegions, 'DPP-DG-2');
    const known = new Set(RegionInfo.regions.map((r) => r.name));
    nonEmptyList(
      'approvedRegions',
      props.approvedRegions,
      (v) => known.has(v),
      'Region',
      'AWS Region names (`eu-west-1`)',
      'DPP-DG-2',
    );
  }

  const roleName = literal(props.breakGlassRoleName);
  literalsOnly(
    'breakGlassRoleName',
    props.breakGlassRoleName ? [props.breakGlassRoleName] : [],
    'DPP-LM-3',
  );
  problems.check(
    roleName === undefined || ROLE_NAME.test(roleName),
    'breakGlassRoleName',
    'must be an IAM role name (1 to 64 of letters, digits and `+=,.@_-`)',
    ['DPP-LM-3'],
    JSON.stringify(props.breakGlassRoleName),
  );

  const deploymentRoles = props.deploymentRoleNames ?? [];
  literalsOnly('deploymentRoleNames', deploymentRoles, 'DPP-LM-3');
  problems.check(
    deploymentRoles.length <= MAX_DEPLOYMENT_ROLES,
    'deploymentRoleNames',
    `must name at most ${MAX_DEPLOYMENT_ROLES} roles: each one weakens the account controls`,
    ['DPP-LM-3'],
    `${deploymentRoles.length} names`,
  );
  for (const name of deploymentRoles.filter(
    (v) => !Token.isUnresolved(v) && !ROLE_NAME_PATTERN.test(v),
  )) {
    problems.add(
      'deploymentRoleNames',
      'must hold IAM role names or patterns (1 to 64 of letters, digits, `+=,.@_-` and `*`, not starting with `*`: a bare or leading `*` would exempt any role, under any path), such as `cdk-hnb659fds-cfn-exec-role-*`',
      ['DPP-LM-3'],
      JSON.stringify(name),
    );
  }

  const prefix = literal(props.policyNamePrefix);
  problems.check(
    prefix === undefined || POLICY_NAME_PREFIX.test(prefix),
    'policyNamePrefix',
    'must be 1 to 100 of letters, digits and `+=,.@_-`',
    ['DPP-NP-3'],
    JSON.stringify(props.policyNamePrefix),
  );

  const vpcs = props.trustedVpcIds ?? [];
  const endpoints = props.trustedVpcEndpointIds ?? [];
  const ranges = props.trustedIpRanges ?? [];
  literalsOnly('trustedVpcIds', vpcs, 'DPP-NP-5');
  literalsOnly('trustedVpcEndpointIds', endpoints, 'DPP-NP-5');
  literalsOnly('trustedIpRanges', ranges, 'DPP-NP-5');
  problems.check(
    vpcs.length + endpoints.length + ranges.length > 0,
    'trustedVpcIds',
    'or `trustedVpcEndpointIds` or `trustedIpRanges` must name the networks data is reached from',
    ['DPP-NP-5'],
    'none',
  );
  const each = (prop: string, values: string[], ok: (v: string) => boolean, what: string) => {
    for (const value of values.filter((v) => !Token.isUnresolved(v) && !ok(v))) {
      problems.add(prop, `must hold ${what}`, ['DPP-NP-5'], JSON.stringify(value));
    }
  };
  each('trustedVpcIds', vpcs, (v) => VPC_ID.test(v), 'VPC IDs (`vpc-...`)');
  each(
    'trustedVpcEndpointIds',
    endpoints,
    (v) => VPC_ENDPOINT_ID.test(v),
    'VPC endpoint IDs (`vpce-...`)',
  );
  each('trustedIpRanges', ranges, (v) => parseCidr(v) !== undefined, 'CIDRs (`203.0.113.0/24`)');
}

/**
 * The statements packed into policies; records a problem when one statement alone exceeds the
 * size limit.
 */
function packed(problems: Problems, kind: string, statements: GuardrailStatement[]): string[] {
  const { documents, oversized } = packStatements(statements);
  for (const statement of oversized) {
    const size = JSON.stringify(statement).length;
    const prop =
      statement.Sid === 'DppDg2DenyUnapprovedRegion'
        ? 'approvedRegions'
        : 'trustedVpcIds` + `trustedVpcEndpointIds` + `trustedIpRanges';
    problems.add(
      prop,
      `must fit one ${kind} policy of at most ${MAX_POLICY_CHARACTERS} characters (the Organizations quota): name fewer Regions or networks`,
      ['DPP-NP-3'],
      `${statement.Sid} of ${size} characters`,
    );
  }
  return documents;
}
