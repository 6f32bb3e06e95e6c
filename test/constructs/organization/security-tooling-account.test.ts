import { Duration, Token } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { SecurityToolingAccount } from '../../../constructs/organization/security-tooling-account';
import { actionExists } from '../../../lib/checks/iam-actions';
import { testStack } from '../../helpers';
import { organizationStacks } from './organization-fixtures';

describe('SecurityToolingAccount', () => {
  let built: ReturnType<typeof organizationStacks>;
  let template: Template;
  beforeAll(() => {
    built = organizationStacks();
    template = Template.fromStack(built.toolingStack);
  });
  const id = (construct: { node: { defaultChild?: unknown } }) =>
    built.toolingStack.getLogicalId(construct.node.defaultChild as never);

  test('analyzes the external and the unused access of the whole organization', () => {
    expect(
      Object.values(template.findResources('AWS::AccessAnalyzer::Analyzer')).map(
        (r) => r.Properties,
      ),
    ).toEqual([
      { Type: 'ORGANIZATION' },
      {
        Type: 'ORGANIZATION_UNUSED_ACCESS',
        AnalyzerConfiguration: { UnusedAccessConfiguration: { UnusedAccessAge: 90 } },
      },
    ]);
  });

  test("enables GuardDuty with the baseline's protection plans in every member account", () => {
    const resources = template.findResources('Custom::AWS');
    const [detectorId] = Object.keys(resources).filter((k) =>
      k.startsWith('ToolingGuardDutyDetector'),
    );
    const list = JSON.parse(resources[detectorId].Properties.Create as string);
    expect(list).toMatchObject({
      service: 'GuardDuty',
      action: 'listDetectors',
      outputPaths: ['DetectorIds.0'],
    });
    template.hasResourceProperties('Custom::AWS', {
      Create: {
        'Fn::Join': [
          '',
          [
            '{"service":"GuardDuty","action":"updateOrganizationConfiguration","parameters":{"DetectorId":"',
            { 'Fn::GetAtt': [detectorId, 'DetectorIds.0'] },
            '","AutoEnableOrganizationMembers":"ALL","Features":[' +
              [
                'S3_DATA_EVENTS',
                'EBS_MALWARE_PROTECTION',
                'RDS_LOGIN_EVENTS',
                'LAMBDA_NETWORK_LOGS',
              ]
                .map((name) => `{"Name":"${name}","AutoEnable":"ALL"}`)
                .join(',') +
              ']},"physicalResourceId":{"id":"guardduty-organization"}}',
          ],
        ],
      },
    });
  });

  test('enables Amazon Inspector scans of EC2, ECR, Lambda and Lambda code in every member account', () => {
    const updates = Object.values(template.findResources('Custom::AWS'))
      .map((r) => r.Properties.Create)
      .filter((c): c is string => typeof c === 'string')
      .map((c) => JSON.parse(c) as { service: string; action: string; parameters: unknown })
      .filter((c) => c.service === 'Inspector2');
    expect(updates).toEqual([
      expect.objectContaining({
        action: 'updateOrganizationConfiguration',
        parameters: { autoEnable: { ec2: true, ecr: true, lambda: true, lambdaCode: true } },
      }),
    ]);
  });

  test('enables Security Hub and its default standards in new accounts, kept when the stack is deleted', () => {
    template.hasResource('AWS::SecurityHub::OrganizationConfiguration', {
      Properties: { AutoEnable: true, AutoEnableStandards: 'DEFAULT', ConfigurationType: 'LOCAL' },
      DeletionPolicy: 'Retain',
    });
  });

  test('routes the high findings of every account to the incident topic, which the contact subscribes', () => {
    const topic = { Ref: id(built.tooling.incidentTopic) };
    for (const source of ['aws.guardduty', 'aws.inspector2']) {
      template.hasResourceProperties('AWS::Events::Rule', {
        EventPattern: { source: [source] },
        Targets: [{ Arn: topic, Id: 'Target0' }],
      });
    }
    template.hasResourceProperties('AWS::SNS::Subscription', {
      Protocol: 'email',
      Endpoint: 'security@seller.example',
      TopicArn: topic,
    });
  });

  test('every action the calls are granted exists, and only those they make', () => {
    const policy = Object.entries(template.findResources('AWS::IAM::ManagedPolicy')).find(([k]) =>
      k.startsWith('CdkDppAwsApiCallSupportRole'),
    )?.[1] as { Properties: { PolicyDocument: { Statement: { Action: string | string[] }[] } } };
    const actions = policy.Properties.PolicyDocument.Statement.flatMap((s) => [s.Action].flat());
    expect(actions).toEqual([
      'logs:CreateLogStream',
      'logs:PutLogEvents',
      'guardduty:ListDetectors',
      'guardduty:UpdateOrganizationConfiguration',
      'inspector2:UpdateOrganizationConfiguration',
    ]);
    expect(actions.filter((action) => !actionExists(action))).toEqual([]);
  });

  test('accepts the contact as a stack parameter', () => {
    const stack = testStack();
    new SecurityToolingAccount(stack, 'Tooling', {
      incidentEmail: Token.asString({ Ref: 'Contact' }),
    });
    Template.fromStack(stack).hasResourceProperties('AWS::SNS::Subscription', {
      Endpoint: { Ref: 'Contact' },
    });
  });

  test.each([
    ['no incident contact', {}, /`incidentEmail` is required: .*\(DPP-25-IMPOC\)/],
    [
      'an address that is not one',
      { incidentEmail: 'security' },
      /`incidentEmail` must be the e-mail address/,
    ],
    [
      'an unused-access age over a year',
      { incidentEmail: 'security@seller.example', unusedAccessAge: Duration.days(400) },
      /`unusedAccessAge` must be between 1 and 365 \(DPP-NP-4\), got: 400/,
    ],
  ])('refuses %s', (_, props, message) => {
    expect(() => new SecurityToolingAccount(testStack(), 'Tooling', props as never)).toThrow(
      message,
    );
  });
});
