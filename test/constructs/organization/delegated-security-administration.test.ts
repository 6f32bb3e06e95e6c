import { Template } from 'aws-cdk-lib/assertions';
import { awsApiCallRole } from '../../../constructs/monitoring/aws-api-call';
import { DelegatedSecurityAdministration } from '../../../constructs/organization/delegated-security-administration';
import { acknowledgementRecords } from '../../../lib/checks/acknowledgement-record';
import { actionExists } from '../../../lib/checks/iam-actions';
import { testApp, testStack } from '../../helpers';
import { ORG, accountStack, organizationStacks } from './organization-fixtures';

type Statement = { Action: string | string[]; Resource: unknown; Condition?: unknown };

/** The statements of the role that makes the stack's AWS API calls, without its log writes. */
function callStatements(template: Template): Statement[] {
  const [policy] = Object.entries(template.findResources('AWS::IAM::ManagedPolicy'))
    .filter(([id]) => id.startsWith('CdkDppAwsApiCallSupportRole'))
    .map(([, p]) => p as { Properties: { PolicyDocument: { Statement: Statement[] } } });
  return policy.Properties.PolicyDocument.Statement.filter(
    (s) => !String(s.Action).startsWith('logs:'),
  );
}

/** The calls of the `Custom::AWS` resources: create, update and delete, parsed. */
function calls(
  template: Template,
): Record<string, { Create?: unknown; Update?: unknown; Delete?: unknown }> {
  return Object.fromEntries(
    Object.entries(template.findResources('Custom::AWS')).map(([id, r]) => {
      const p = (r as { Properties: Record<string, string> }).Properties;
      const parse = (v?: string) => (v === undefined ? undefined : JSON.parse(v));
      return [id, { Create: parse(p.Create), Update: parse(p.Update), Delete: parse(p.Delete) }];
    }),
  );
}

describe('DelegatedSecurityAdministration', () => {
  let built: ReturnType<typeof organizationStacks>;
  let template: Template;
  beforeAll(() => {
    built = organizationStacks();
    template = Template.fromStack(built.managementStack);
  });

  test('delegates Security Hub with its CloudFormation resource, kept when the stack is deleted', () => {
    template.hasResource('AWS::SecurityHub::DelegatedAdmin', {
      Properties: { AdminAccountId: ORG.securityToolingAccountId },
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
    });
  });

  test('delegates GuardDuty, Inspector and Access Analyzer on create and update, and never undoes it on delete', () => {
    const made = Object.values(calls(template)).map((c) => {
      expect(c.Update).toEqual(c.Create);
      expect(c.Delete).toBeUndefined();
      const { service, action, parameters } = c.Create as Record<string, unknown>;
      return { service, action, parameters };
    });
    expect(made).toEqual([
      {
        service: 'GuardDuty',
        action: 'enableOrganizationAdminAccount',
        parameters: { AdminAccountId: ORG.securityToolingAccountId },
      },
      {
        service: 'Inspector2',
        action: 'enableDelegatedAdminAccount',
        parameters: { delegatedAdminAccountId: ORG.securityToolingAccountId },
      },
      {
        service: 'Organizations',
        action: 'enableAWSServiceAccess',
        parameters: { ServicePrincipal: 'access-analyzer.amazonaws.com' },
      },
      {
        service: 'Organizations',
        action: 'registerDelegatedAdministrator',
        parameters: {
          AccountId: ORG.securityToolingAccountId,
          ServicePrincipal: 'access-analyzer.amazonaws.com',
        },
      },
    ]);
  });

  test('registers Access Analyzer after its trusted access is enabled', () => {
    const resources = template.findResources('Custom::AWS');
    const id = (prefix: string) =>
      Object.keys(resources).find((k) => k.startsWith(prefix)) as string;
    expect(resources[id('DelegationAccessAnalyzer6')].DependsOn).toEqual(
      expect.arrayContaining([id('DelegationAccessAnalyzerTrustedAccess')]),
    );
  });

  test('the calls hold exactly the actions the services list, trusted access only for the delegated services', () => {
    const services = {
      StringEquals: {
        'organizations:ServicePrincipal': [
          'guardduty.amazonaws.com',
          'inspector2.amazonaws.com',
          'access-analyzer.amazonaws.com',
        ],
      },
    };
    expect(callStatements(template)).toEqual([
      {
        Effect: 'Allow',
        Action: [
          'guardduty:EnableOrganizationAdminAccount',
          'inspector2:EnableDelegatedAdminAccount',
        ],
        Resource: '*',
      },
      {
        Effect: 'Allow',
        Action: 'organizations:EnableAWSServiceAccess',
        Resource: '*',
        Condition: services,
      },
      {
        Effect: 'Allow',
        Action: 'organizations:RegisterDelegatedAdministrator',
        Resource: {
          'Fn::Join': [
            '',
            [
              'arn:',
              { Ref: 'AWS::Partition' },
              `:organizations::${ORG.managementAccountId}:account/o-*/${ORG.securityToolingAccountId}`,
            ],
          ],
        },
        Condition: services,
      },
      {
        Effect: 'Allow',
        Action: [
          'organizations:DescribeOrganization',
          'organizations:DescribeOrganizationalUnit',
          'organizations:DescribeAccount',
          'organizations:ListAccounts',
          'organizations:ListAWSServiceAccessForOrganization',
          'organizations:ListDelegatedAdministrators',
        ],
        Resource: '*',
      },
    ]);
  });

  test('acknowledges the all-resources finding of the calls once, as built in', () => {
    const records = acknowledgementRecords(awsApiCallRole(built.delegation)).filter(
      (r) => r.id === 'AwsSolutions-IAM5[Resource::*]',
    );
    expect(records).toEqual([
      {
        id: 'AwsSolutions-IAM5[Resource::*]',
        builtIn: true,
        construct: 'AwsApiCall',
      },
    ]);
  });

  test('every action it grants exists', () => {
    const actions = callStatements(template).flatMap((s) => [s.Action].flat());
    expect(actions.filter((action) => !actionExists(action))).toEqual([]);
  });

  test.each([
    [
      'the management account itself',
      ORG.managementAccountId,
      '`securityToolingAccountId` must be a member account',
    ],
    [
      'a malformed account ID',
      '33333333333x',
      '`securityToolingAccountId` must be a 12-digit AWS account ID',
    ],
  ])('refuses %s', (_, securityToolingAccountId, message) => {
    const stack = accountStack(testApp(), 'Management', ORG.managementAccountId);
    expect(
      () => new DelegatedSecurityAdministration(stack, 'Delegation', { securityToolingAccountId }),
    ).toThrow(message);
  });

  test('names the missing security-tooling account with its clauses', () => {
    expect(
      () => new DelegatedSecurityAdministration(testStack(), 'Delegation', {} as never),
    ).toThrow(/^Test\/Delegation: `securityToolingAccountId` is required: .*\(DPP-LM-1, DPP-NP-4/);
  });
});
