import {
  CfnResource,
  RemovalPolicy,
  Stack,
  Token,
  aws_iam as iam,
  aws_securityhub as securityhub,
  custom_resources as cr,
} from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { acknowledgeBuiltIn } from '../common/built-in-acknowledgement';
import { DppMetadata } from '../common/dpp-metadata';
import { Problems } from '../common/problems';
import { awsApiCall, awsApiCallRole } from '../monitoring/aws-api-call';
import { acknowledgeApiCallProviderOutsideVpc } from './api-call-provider';
import { checkLiteral } from './organization-ids';

const CLAUSES = ['DPP-LM-1', 'DPP-NP-4', 'DPP-NP-6', 'DPP-25-VULN', 'SOC-R2', 'SOC-R4'];

/**
 * The service principals whose administration the construct delegates through its own calls
 * (Security Hub's `AWS::SecurityHub::DelegatedAdmin` enables its trusted access itself).
 */
const DELEGATED_SERVICE_PRINCIPALS: readonly string[] = [
  'guardduty.amazonaws.com',
  'inspector2.amazonaws.com',
  'access-analyzer.amazonaws.com',
];

/**
 * The read-only Organizations actions GuardDuty and Amazon Inspector call with the caller's
 * permissions while they designate a delegated administrator ("Permissions required to designate
 * a delegated administrator" of each service's user guide). None takes a resource the
 * construct can name before the organization exists.
 */
const ORGANIZATION_READ_ACTIONS = [
  'organizations:DescribeOrganization',
  'organizations:DescribeOrganizationalUnit',
  'organizations:DescribeAccount',
  'organizations:ListAccounts',
  'organizations:ListAWSServiceAccessForOrganization',
  'organizations:ListDelegatedAdministrators',
];

/** Why the designation statements name every resource (`*`). */
const ALL_RESOURCES_REASON =
  'The designation actions of GuardDuty and Amazon Inspector, organizations:EnableAWSServiceAccess ' +
  '(limited by organizations:ServicePrincipal to the delegated services) and the read-only ' +
  'Organizations descriptions the services call support no resource-level permission.';

/**
 * Props of a `DelegatedSecurityAdministration`.
 */
export interface DelegatedSecurityAdministrationProps {
  /**
   * The ID of the security-tooling account that administers GuardDuty, Amazon Inspector, IAM
   * Access Analyzer and Security Hub for the organization: a member account, not the management
   * account (a literal 12-digit ID).
   */
  readonly securityToolingAccountId: string;
}

/**
 * The management account's delegation of the organization's security services to the
 * security-tooling account, in the Region of the stack (DPP-LM-1, DPP-NP-4, DPP-NP-6,
 * DPP-25-VULN, SOC-R2, SOC-R4): Security Hub through `AWS::SecurityHub::DelegatedAdmin`;
 * GuardDuty (`EnableOrganizationAdminAccount`), Amazon Inspector (`EnableDelegatedAdminAccount`)
 * and IAM Access Analyzer (trusted access, then `RegisterDelegatedAdministrator`), which have no
 * CloudFormation resource, through AWS API calls whose role holds exactly the actions the
 * services' guides list. GuardDuty, Inspector and Security Hub are regional: deploy one per
 * Region used.
 *
 * Deleting the stack keeps every designation: deregistering would switch the organization's
 * threat detection, vulnerability scanning and access analysis off for every account. Remove a
 * delegated administrator deliberately, in each service's console or API.
 */
export class DelegatedSecurityAdministration extends Construct {
  /** The Security Hub delegated administrator. */
  public readonly securityHub: securityhub.CfnDelegatedAdmin;
  /** The ID of the security-tooling account. */
  public readonly securityToolingAccountId: string;

  public constructor(scope: Construct, id: string, props: DelegatedSecurityAdministrationProps) {
    super(scope, id);
    const given: Partial<DelegatedSecurityAdministrationProps> = props ?? {};
    const problems = new Problems(this);
    const admin = given.securityToolingAccountId;
    const what = 'the account that administers the security services';
    problems.required('securityToolingAccountId', admin, what, CLAUSES);
    checkLiteral(problems, 'securityToolingAccountId', admin, 'accountId', CLAUSES);
    const { account } = Stack.of(this);
    problems.check(
      Token.isUnresolved(account) || account !== admin,
      'securityToolingAccountId',
      'must be a member account, not the management account this stack deploys to: a ' +
        'delegated administrator keeps security administration out of the management account',
      CLAUSES,
      JSON.stringify(admin),
    );
    problems.throwIfAny();
    this.securityToolingAccountId = props.securityToolingAccountId;

    this.securityHub = new securityhub.CfnDelegatedAdmin(this, 'SecurityHub', {
      adminAccountId: this.securityToolingAccountId,
    });
    this.securityHub.applyRemovalPolicy(RemovalPolicy.RETAIN);

    const statements = this.statements();
    const guardDuty = this.call('GuardDuty', statements, {
      service: 'GuardDuty',
      action: 'enableOrganizationAdminAccount',
      parameters: { AdminAccountId: this.securityToolingAccountId },
    });
    const inspector = this.call('Inspector', [], {
      service: 'Inspector2',
      action: 'enableDelegatedAdminAccount',
      parameters: { delegatedAdminAccountId: this.securityToolingAccountId },
    });
    const trustedAccess = this.call('AccessAnalyzerTrustedAccess', [], {
      service: 'Organizations',
      action: 'enableAWSServiceAccess',
      parameters: { ServicePrincipal: 'access-analyzer.amazonaws.com' },
    });
    const accessAnalyzer = this.call('AccessAnalyzer', [], {
      service: 'Organizations',
      action: 'registerDelegatedAdministrator',
      parameters: {
        AccountId: this.securityToolingAccountId,
        ServicePrincipal: 'access-analyzer.amazonaws.com',
      },
      // Registered already (by hand, or by an earlier stack): the state this resource asks for.
      ignoreErrorCodesMatching: 'AccountAlreadyRegisteredException',
    });
    accessAnalyzer.node.addDependency(trustedAccess);

    acknowledgeApiCallProviderOutsideVpc(this, 'DelegatedSecurityAdministration');
    for (const resource of [this.securityHub, guardDuty, inspector, accessAnalyzer]) {
      DppMetadata.of(resource).implementsControls('DelegatedSecurityAdministration', CLAUSES);
    }
  }

  /**
   * One designation call, made on create and on update, never on delete; the first call adds the
   * role's statements.
   */
  private call(
    id: string,
    statements: iam.PolicyStatement[],
    call: Omit<cr.AwsSdkCall, 'physicalResourceId'>,
  ): CfnResource {
    const sdkCall: cr.AwsSdkCall = {
      ...call,
      physicalResourceId: cr.PhysicalResourceId.of(
        `${call.action}-${this.securityToolingAccountId}`,
      ),
    };
    const resource = awsApiCall(this, id, {
      onCreate: sdkCall,
      onUpdate: sdkCall,
      statements,
      // Acknowledged once, with the statements it is about.
      allResourcesReason: statements.length > 0 ? ALL_RESOURCES_REASON : undefined,
    });
    return resource.node.findChild('Resource').node.defaultChild as CfnResource;
  }

  /** Exactly the actions the designations need. */
  private statements(): iam.PolicyStatement[] {
    const { partition, account } = Stack.of(this);
    const toTheDelegatedServices = {
      StringEquals: { 'organizations:ServicePrincipal': [...DELEGATED_SERVICE_PRINCIPALS] },
    };
    const accountArn = `arn:${partition}:organizations::${account}:account/o-*/${this.securityToolingAccountId}`;
    const shown = (value: string, pseudo: string) =>
      Token.isUnresolved(value) ? `<AWS::${pseudo}>` : value;
    acknowledgeBuiltIn(awsApiCallRole(this), 'DelegatedSecurityAdministration', {
      id: `AwsSolutions-IAM5[Resource::arn:${shown(partition, 'Partition')}:organizations::${shown(account, 'AccountId')}:account/o-*/${this.securityToolingAccountId}]`,
      reason:
        'The ARN names the one security-tooling account; `o-*` stands for the organization ID, which ' +
        'the management account has and the template need not repeat.',
    });
    return [
      new iam.PolicyStatement({
        actions: [
          'guardduty:EnableOrganizationAdminAccount',
          'inspector2:EnableDelegatedAdminAccount',
        ],
        resources: ['*'],
      }),
      new iam.PolicyStatement({
        actions: ['organizations:EnableAWSServiceAccess'],
        resources: ['*'],
        conditions: toTheDelegatedServices,
      }),
      new iam.PolicyStatement({
        actions: ['organizations:RegisterDelegatedAdministrator'],
        resources: [accountArn],
        conditions: toTheDelegatedServices,
      }),
      new iam.PolicyStatement({ actions: ORGANIZATION_READ_ACTIONS, resources: ['*'] }),
    ];
  }
}
