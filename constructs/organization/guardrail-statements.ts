/**
 * The statements of `DppOrganizationGuardrails`: the service control policies that keep the
 * account controls on, and the resource control policies of the data perimeter. Each `Sid`
 * starts with the clause it serves (`DppLm1...` for DPP-LM-1), as the docs page's table lists.
 */

/** A statement as the guardrails render it: the JSON of one SCP or RCP statement. */
export interface GuardrailStatement {
  readonly Sid: string;
  readonly Effect: 'Deny';
  readonly Principal?: '*';
  readonly Action?: string[];
  readonly NotAction?: string[];
  readonly Resource: '*';
  readonly Condition: Record<string, Record<string, string | string[]>>;
}

/** The principal ARN pattern of a role name (or name pattern) in every account of the organization. */
export function roleArnPattern(roleName: string): string {
  return `arn:*:iam::*:role/${roleName}`;
}

/**
 * A deny of `actions` to every principal but the roles named: the break-glass role and, for the
 * statements that keep the account controls on, the deployment roles.
 */
function denyExcept(
  sid: string,
  actions: string[],
  roleNames: readonly string[],
): GuardrailStatement {
  const exempt = roleNames.map(roleArnPattern);
  return {
    Sid: sid,
    Effect: 'Deny',
    Action: actions,
    Resource: '*',
    Condition: { ArnNotLike: { 'aws:PrincipalArn': exempt.length === 1 ? exempt[0] : exempt } },
  };
}

/**
 * The services and actions the Region deny leaves alone: global services whose single endpoint
 * is in `us-east-1` (or whose calls carry that Region), and the account-wide S3 calls, as the
 * Organizations example "Deny access to AWS based on the requested AWS Region" explains.
 */
export const GLOBAL_SERVICE_ACTIONS: readonly string[] = [
  'account:*',
  'aws-portal:*',
  'billing:*',
  'budgets:*',
  'ce:*',
  'cloudfront:*',
  'cur:*',
  'globalaccelerator:*',
  'health:*',
  'iam:*',
  'organizations:*',
  'pricing:*',
  'route53:*',
  'route53domains:*',
  's3:GetAccountPublicAccessBlock',
  's3:ListAllMyBuckets',
  'shield:*',
  'sts:*',
  'support:*',
  'tax:*',
  'trustedadvisor:*',
  'waf:*',
];

/**
 * The service control policy statements, in the order they are packed into policies. The
 * deployment roles (name patterns) are exempt from the four that keep the account controls on
 * (trail, GuardDuty, Config, Access Analyzer), which a CloudFormation update of those resources
 * calls; never from the vault lock, the organization, Block Public Access or the Region deny.
 */
export function serviceControlStatements(
  breakGlassRoleName: string,
  approvedRegions: readonly string[],
  deploymentRoleNames: readonly string[],
): GuardrailStatement[] {
  const deny = (sid: string, actions: string[]) => denyExcept(sid, actions, [breakGlassRoleName]);
  const denyButDeployments = (sid: string, actions: string[]) =>
    denyExcept(sid, actions, [breakGlassRoleName, ...deploymentRoleNames]);
  return [
    // DPP-LM-1, DPP-LM-3: the trail keeps logging what it logs.
    denyButDeployments('DppLm1DenyTrailStop', [
      'cloudtrail:DeleteTrail',
      'cloudtrail:PutEventSelectors',
      'cloudtrail:StopLogging',
      'cloudtrail:UpdateTrail',
    ]),
    // DPP-25-MAL, SOC-R2: GuardDuty and its malware protection stay on.
    denyButDeployments('Dpp25MalDenyGuardDutyOff', [
      'guardduty:DeleteDetector',
      'guardduty:DeleteMalwareProtectionPlan',
      'guardduty:DisassociateFromAdministratorAccount',
      'guardduty:DisassociateFromMasterAccount',
      'guardduty:UpdateDetector',
      'guardduty:UpdateMalwareProtectionPlan',
      'guardduty:UpdateMalwareScanSettings',
    ]),
    // DPP-DG-2, SOC-R8: the Config recorder and its delivery channel keep recording.
    denyButDeployments('DppDg2DenyConfigStop', [
      'config:DeleteConfigurationRecorder',
      'config:DeleteDeliveryChannel',
      'config:StopConfigurationRecorder',
    ]),
    // DPP-NP-4: the Access Analyzer analyzers of the access review stay.
    denyButDeployments('DppNp4DenyAnalyzerDelete', ['access-analyzer:DeleteAnalyzer']),
    // DPP-DR-3, DPP-DR-4, SOC-C5: the vault lock, the vault policy and the recovery points stay.
    deny('DppDr3DenyBackupLockDefeat', [
      'backup:DeleteBackupVaultAccessPolicy',
      'backup:DeleteBackupVaultLockConfiguration',
      'backup:DeleteRecoveryPoint',
      'backup:UpdateRecoveryPointLifecycle',
    ]),
    // DPP-NP-3: an account that left would shed every guardrail.
    deny('DppNp3DenyLeaveOrganization', ['organizations:LeaveOrganization']),
    // DPP-ES-3: the account's S3 Block Public Access stays as set.
    deny('DppEs3DenyPublicAccessBlockChange', ['s3:PutAccountPublicAccessBlock']),
    // DPP-DG-2: resources only where the recorder, the trail's alarms and the backups are.
    {
      Sid: 'DppDg2DenyUnapprovedRegion',
      Effect: 'Deny',
      NotAction: [...GLOBAL_SERVICE_ACTIONS],
      Resource: '*',
      Condition: {
        StringNotEquals: { 'aws:RequestedRegion': [...approvedRegions] },
        ArnNotLike: { 'aws:PrincipalArn': roleArnPattern(breakGlassRoleName) },
      },
    },
  ];
}

/** The services of the data perimeter, every one of them supported by RCPs. */
export const PERIMETER_SERVICES: readonly string[] = ['kms', 's3', 'secretsmanager', 'sqs', 'sts'];

/** The data services whose every action the perimeter covers: all of them but STS. */
const DATA_SERVICE_ACTIONS = ['kms:*', 's3:*', 'secretsmanager:*', 'sqs:*'];

/**
 * The STS actions of the identity perimeter: those a principal outside the organization could
 * call on a role or on the organization's credentials. The web identity and SAML federations
 * are left out: their callers are identity providers, not principals of an organization.
 */
const STS_IDENTITY_ACTIONS = [
  'sts:AssumeRole',
  'sts:DecodeAuthorizationMessage',
  'sts:GetAccessKeyInfo',
  'sts:GetFederationToken',
  'sts:GetServiceBearerToken',
  'sts:GetSessionToken',
  'sts:SetContext',
];

/** The networks requests to the data services must come from. */
export interface TrustedNetworks {
  readonly vpcIds: readonly string[];
  readonly vpcEndpointIds: readonly string[];
  readonly ipRanges: readonly string[];
}

/**
 * The resource control policy statements, in the order they are packed. Each has the principal
 * `*`, as RCPs require, and names the services' actions (never `*` alone).
 */
export function resourceControlStatements(
  organizationId: string,
  networks: TrustedNetworks,
): GuardrailStatement[] {
  const notTrustedNetwork: Record<string, string[]> = {};
  if (networks.vpcIds.length > 0) notTrustedNetwork['aws:SourceVpc'] = [...networks.vpcIds];
  if (networks.vpcEndpointIds.length > 0) {
    notTrustedNetwork['aws:SourceVpce'] = [...networks.vpcEndpointIds];
  }
  return [
    // DPP-NP-7, DPP-25-TLS: no request to the data services without TLS, whoever sends it.
    {
      Sid: 'DppNp7DenyInsecureTransport',
      Effect: 'Deny',
      Principal: '*',
      Action: [...DATA_SERVICE_ACTIONS, 'sts:*'],
      Resource: '*',
      Condition: { BoolIfExists: { 'aws:SecureTransport': 'false' } },
    },
    // DPP-NP-3: only principals of the organization, and AWS services, reach its data.
    {
      Sid: 'DppNp3DenyOutsideOrganization',
      Effect: 'Deny',
      Principal: '*',
      Action: [...DATA_SERVICE_ACTIONS, ...STS_IDENTITY_ACTIONS],
      Resource: '*',
      Condition: {
        StringNotEqualsIfExists: { 'aws:PrincipalOrgID': organizationId },
        BoolIfExists: { 'aws:PrincipalIsAWSService': 'false' },
      },
    },
    // DPP-NP-3: an AWS service acts on the organization's data only on behalf of its accounts.
    {
      Sid: 'DppNp3DenyServiceForOthers',
      Effect: 'Deny',
      Principal: '*',
      Action: [...DATA_SERVICE_ACTIONS, 'sts:*'],
      Resource: '*',
      Condition: {
        StringNotEqualsIfExists: { 'aws:SourceOrgID': organizationId },
        Null: { 'aws:SourceAccount': 'false' },
        Bool: { 'aws:PrincipalIsAWSService': 'true' },
      },
    },
    // DPP-NP-5, DPP-NP-3: data is reached only from the organization's networks.
    {
      Sid: 'DppNp5DenyOutsideNetworks',
      Effect: 'Deny',
      Principal: '*',
      Action: [...DATA_SERVICE_ACTIONS],
      Resource: '*',
      Condition: {
        ...(networks.ipRanges.length > 0
          ? { NotIpAddressIfExists: { 'aws:SourceIp': [...networks.ipRanges] } }
          : {}),
        ...(Object.keys(notTrustedNetwork).length > 0
          ? { StringNotEqualsIfExists: notTrustedNetwork }
          : {}),
        BoolIfExists: { 'aws:PrincipalIsAWSService': 'false', 'aws:ViaAWSService': 'false' },
        ArnNotLikeIfExists: { 'aws:PrincipalArn': 'arn:*:iam::*:role/aws:ec2-infrastructure' },
      },
    },
  ];
}
