import { AccessAnalyzerClient, ListFindingsV2Command } from '@aws-sdk/client-accessanalyzer';
import {
  IAMClient,
  ListRolesCommand,
  ListUsersCommand,
  SimulatePrincipalPolicyCommand,
} from '@aws-sdk/client-iam';
import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { mockClient } from 'aws-sdk-client-mock';
import {
  AccessReview,
  formatReview,
  listPrincipalArns,
  reviewAccess,
  simulatedResourceArn,
} from '../../lib/functions/access-review/access-review';
import { ENV, handler } from '../../lib/functions/access-review/index';

const iamMock = mockClient(IAMClient);
const analyzerMock = mockClient(AccessAnalyzerClient);
const snsMock = mockClient(SNSClient);

const APP_ROLE = 'arn:aws:iam::111122223333:role/app';
const READER_ROLE = 'arn:aws:iam::111122223333:role/pii-reader';
const LINKED_ROLE =
  'arn:aws:iam::111122223333:role/aws-service-role/x.amazonaws.com/AWSServiceRoleForX';
const USER = 'arn:aws:iam::111122223333:user/alice';
const BUCKET = 'arn:aws:s3:::orders';
const TABLE = 'arn:aws:dynamodb:eu-west-1:111122223333:table/buyers';
const ANALYZER = 'arn:aws:access-analyzer:eu-west-1:111122223333:analyzer/external';

function mockAccount() {
  iamMock
    .on(ListRolesCommand)
    .resolvesOnce({
      Roles: [
        { Arn: APP_ROLE, Path: '/', RoleName: 'app', RoleId: '1', CreateDate: new Date() },
        {
          Arn: LINKED_ROLE,
          Path: '/aws-service-role/x.amazonaws.com/',
          RoleName: 'AWSServiceRoleForX',
          RoleId: '2',
          CreateDate: new Date(),
        },
      ],
      IsTruncated: true,
      Marker: 'page-2',
    })
    .resolvesOnce({
      Roles: [
        {
          Arn: READER_ROLE,
          Path: '/',
          RoleName: 'pii-reader',
          RoleId: '3',
          CreateDate: new Date(),
        },
      ],
      IsTruncated: false,
    });
  iamMock.on(ListUsersCommand).resolves({
    Users: [{ Arn: USER, Path: '/', UserName: 'alice', UserId: '4', CreateDate: new Date() }],
    IsTruncated: false,
  });
  iamMock.on(SimulatePrincipalPolicyCommand).callsFake((input) => {
    const reader = input.PolicySourceArn === READER_ROLE;
    return {
      EvaluationResults: input.ActionNames.map((action: string) => ({
        EvalActionName: action,
        EvalDecision: reader && action !== 'dynamodb:Scan' ? 'allowed' : 'implicitDeny',
      })),
      IsTruncated: false,
    };
  });
  analyzerMock.on(ListFindingsV2Command).resolves({
    findings: [
      {
        id: 'f1',
        findingType: 'UnusedIAMRole',
        resource: APP_ROLE,
        resourceType: 'AWS::IAM::Role',
        resourceOwnerAccount: '111122223333',
        status: 'ACTIVE',
        createdAt: new Date(),
        updatedAt: new Date(),
        analyzedAt: new Date(),
      },
    ],
  });
}

beforeEach(() => {
  iamMock.reset();
  analyzerMock.reset();
  snsMock.reset();
});

afterEach(() => {
  for (const name of Object.values(ENV)) Reflect.deleteProperty(process.env, name);
});

describe('access review', () => {
  test('lists roles over every page and users, leaving service-linked roles out', async () => {
    mockAccount();
    expect(await listPrincipalArns(new IAMClient({}))).toEqual([APP_ROLE, READER_ROLE, USER]);
    expect(iamMock.commandCalls(ListRolesCommand)[1].args[0].input).toEqual({ Marker: 'page-2' });
  });

  test('simulates bucket objects and the table itself', () => {
    expect(simulatedResourceArn({ arn: BUCKET, kind: 's3' })).toBe(`${BUCKET}/*`);
    expect(simulatedResourceArn({ arn: TABLE, kind: 'dynamodb' })).toBe(TABLE);
  });

  test('reports the principals that may read each PII store, and the active findings', async () => {
    mockAccount();
    const review = await reviewAccess({
      iam: new IAMClient({}),
      accessAnalyzer: new AccessAnalyzerClient({}),
      piiResources: [
        { arn: BUCKET, kind: 's3' },
        { arn: TABLE, kind: 'dynamodb' },
      ],
      analyzerArns: [ANALYZER],
    });
    expect(review).toEqual({
      principalsChecked: 3,
      readers: [
        { principalArn: READER_ROLE, resourceArn: BUCKET, actions: ['s3:GetObject'] },
        {
          principalArn: READER_ROLE,
          resourceArn: TABLE,
          actions: ['dynamodb:GetItem', 'dynamodb:Query'],
        },
      ],
      findings: [
        {
          analyzerArn: ANALYZER,
          findingType: 'UnusedIAMRole',
          resource: APP_ROLE,
          resourceType: 'AWS::IAM::Role',
        },
      ],
    });
    const simulations = iamMock
      .commandCalls(SimulatePrincipalPolicyCommand)
      .map((c) => c.args[0].input);
    expect(simulations).toHaveLength(6);
    expect(simulations[0]).toEqual({
      PolicySourceArn: APP_ROLE,
      ActionNames: ['s3:GetObject'],
      ResourceArns: [`${BUCKET}/*`],
    });
    expect(analyzerMock.commandCalls(ListFindingsV2Command)[0].args[0].input).toEqual({
      analyzerArn: ANALYZER,
      filter: { status: { eq: ['ACTIVE'] } },
    });
  });

  test('formats the review for the reviewer', () => {
    const review: AccessReview = {
      principalsChecked: 2,
      readers: [{ principalArn: READER_ROLE, resourceArn: BUCKET, actions: ['s3:GetObject'] }],
      findings: [],
    };
    expect(formatReview(review, new Date('2026-11-01T08:00:00Z'))).toBe(
      [
        'Monthly access review, 2026-11-01 (DPP-NP-4)',
        '',
        'Principals with read access to PII (1; 2 principals checked):',
        `  ${READER_ROLE} -> ${BUCKET}: s3:GetObject`,
        '',
        'Active IAM Access Analyzer findings (0):',
        '  none',
        '',
        'Remove every principal that no longer needs access, resolve or archive each finding, and keep this message as the record of the review.',
      ].join('\n'),
    );
  });

  test('the handler reads its inputs from the environment and publishes the review', async () => {
    mockAccount();
    snsMock.on(PublishCommand).resolves({ MessageId: 'm1' });
    process.env[ENV.topicArn] = 'arn:aws:sns:eu-west-1:111122223333:incidents';
    process.env[ENV.piiResources] = JSON.stringify([{ arn: BUCKET, kind: 's3' }]);
    process.env[ENV.analyzerArns] = JSON.stringify([ANALYZER]);
    const review = await handler();
    expect(review.readers).toEqual([
      { principalArn: READER_ROLE, resourceArn: BUCKET, actions: ['s3:GetObject'] },
    ]);
    const [publish] = snsMock.commandCalls(PublishCommand);
    expect(publish.args[0].input).toMatchObject({
      TopicArn: 'arn:aws:sns:eu-west-1:111122223333:incidents',
      Subject: 'Monthly access review (DPP-NP-4)',
    });
    expect(publish.args[0].input.Message).toContain(`${READER_ROLE} -> ${BUCKET}: s3:GetObject`);
  });

  test('the handler fails loudly without its environment', async () => {
    Reflect.deleteProperty(process.env, ENV.topicArn);
    process.env[ENV.piiResources] = '{}';
    mockAccount();
    await expect(handler()).rejects.toThrow(
      `Environment variable ${ENV.piiResources} must be a JSON array`,
    );
    process.env[ENV.piiResources] = '[]';
    process.env[ENV.analyzerArns] = '[]';
    await expect(handler()).rejects.toThrow(`Environment variable ${ENV.topicArn} is not set`);
    expect(snsMock.commandCalls(PublishCommand)).toHaveLength(0);
  });
});
