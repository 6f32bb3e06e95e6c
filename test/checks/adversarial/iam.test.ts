import {
  Fn,
  aws_events as events,
  aws_iam as iam,
  aws_logs as logs,
  aws_s3 as s3,
  aws_sqs as sqs,
  aws_sso as sso,
} from 'aws-cdk-lib';
import { findings, testStack } from '../../helpers';
import { findingsOf } from '../rule-helpers';

/**
 * The IAM weaknesses the rules look for, written in the other shapes a user could reach for:
 * another wildcard, another principal form, a condition that looks narrowing but is not, a
 * separate policy resource, a JSON string, a managed policy ARN built with `Fn::Join`.
 */

type TestStack = ReturnType<typeof testStack>;

const lambdaRole = (stack: TestStack, id = 'Role') =>
  new iam.Role(stack, id, { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });

const grant = (stack: TestStack, actions: string[], resources = ['arn:aws:s3:::orders/*']) =>
  lambdaRole(stack).addToPolicy(new iam.PolicyStatement({ actions, resources }));

describe('IamNoWildcardDataActions bypass attempts', () => {
  const ID = 'IamNoWildcardDataActions';

  test.each([
    ['s3:*Object*', 's3'],
    ['dynamodb:*Item*', 'dynamodb'],
    ['kms:*crypt*', 'kms'],
    ['secretsmanager:*Secret*', 'secretsmanager'],
    ['sqs:*Message*', 'sqs'],
  ])('%s is as broad as the whole service', (pattern, service) => {
    const stack = testStack();
    grant(stack, [pattern]);
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[ServiceWildcard::${service}]`]);
  });

  test('L1 patterns the L2 refuses (`*:*`, `s3:?*`) are judged by what they cover', () => {
    const stack = testStack();
    new iam.CfnPolicy(stack, 'Policy', {
      policyName: 'p',
      roles: ['r'],
      policyDocument: { Statement: [{ Effect: 'Allow', Action: ['*:*', 's3:?*'], Resource: '*' }] },
    });
    expect(findingsOf(stack, ID)).toEqual([
      `DPP-${ID}[AllActions]`,
      `DPP-${ID}[ServiceWildcard::s3]`,
    ]);
  });

  test('the same weakness twice on one role is one finding', () => {
    const stack = testStack();
    grant(stack, ['s3:*', 's3:*Object*', 's3:Put*']);
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[ServiceWildcard::s3]`]);
  });

  test('a separate L1 role policy with NotAction is flagged', () => {
    const stack = testStack();
    new iam.CfnRolePolicy(stack, 'Policy', {
      roleName: 'orders',
      policyName: 'everything-but-iam',
      policyDocument: {
        Statement: [{ Effect: 'Allow', NotAction: ['iam:*'], Resource: '*' }],
      },
    });
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[NotAction]`]);
  });

  test('a user policy given as a JSON string is parsed', () => {
    const stack = testStack();
    new iam.CfnUserPolicy(stack, 'Policy', {
      userName: 'ci',
      policyName: 'orders',
    }).addPropertyOverride(
      'PolicyDocument',
      JSON.stringify({ Statement: { Effect: 'Allow', Action: 'dynamodb:*', Resource: '*' } }),
    );
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[ServiceWildcard::dynamodb]`]);
  });

  test('an AWS managed policy ARN built with Fn::Join on an L1 role is read', () => {
    const stack = testStack();
    new iam.CfnRole(stack, 'Role', {
      assumeRolePolicyDocument: {
        Statement: [
          {
            Effect: 'Allow',
            Principal: { Service: 'lambda.amazonaws.com' },
            Action: 'sts:AssumeRole',
          },
        ],
      },
      managedPolicyArns: [
        Fn.join('', ['arn:', stack.partition, ':iam::aws:policy/AmazonDynamoDBReadOnlyAccess']),
        iam.ManagedPolicy.fromAwsManagedPolicyName('job-function/DataScientist').managedPolicyArn,
      ],
    });
    expect(findingsOf(stack, ID)).toEqual([
      `DPP-${ID}[ManagedPolicy::AmazonDynamoDBReadOnlyAccess]`,
      `DPP-${ID}[ManagedPolicy::DataScientist]`,
    ]);
  });

  test('a permission set whose inline policy is overridden with a JSON string is parsed', () => {
    const stack = testStack();
    const set = new sso.CfnPermissionSet(stack, 'Support', {
      instanceArn: 'arn:aws:sso:::instance/ssoins-1',
      name: 'Support',
    });
    set.addPropertyOverride(
      'InlinePolicy',
      JSON.stringify({ Statement: [{ Effect: 'Allow', Action: 'kms:*', Resource: '*' }] }),
    );
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[ServiceWildcard::kms]`]);
  });

  test('a role policy added by property override is judged', () => {
    const stack = testStack();
    const role = lambdaRole(stack);
    (role.node.defaultChild as iam.CfnRole).addPropertyOverride('Policies', [
      {
        PolicyName: 'late',
        PolicyDocument: { Statement: [{ Effect: 'Allow', Action: 'rds-db:*', Resource: '*' }] },
      },
    ]);
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[ServiceWildcard::rds-db]`]);
  });

  test('narrow reads and writes of one data kind are not mistaken for a service wildcard', () => {
    const stack = testStack();
    grant(stack, ['s3:GetObject*', 's3:PutObject*', 'kms:GenerateDataKey*', 'kms:ReEncrypt*']);
    expect(findingsOf(stack, ID)).toEqual([]);
  });
});

describe('one weakness, one finding', () => {
  test('s3:Get* on every resource is the reach of the grant, judged by the resources rule', () => {
    const stack = testStack();
    grant(stack, ['s3:Get*'], ['*']);
    expect(
      findings(stack)
        .map((f) => f.rule)
        .filter((r) => r.startsWith('DPP-Iam')),
    ).toEqual(['DPP-IamNoWildcardDataResources[AnyResource::s3]']);
  });
});

describe('IamNoWildcardDataResources bypass attempts', () => {
  const ID = 'IamNoWildcardDataResources';

  test.each([
    ['s3:GetObject', 'arn:aws:s3:::*', 's3'],
    ['s3:GetObject', 'arn:*:s3:::*/*', 's3'],
    ['dynamodb:Query', 'arn:aws:dynamodb:*:*:table/*', 'dynamodb'],
    ['kms:Decrypt', 'arn:aws:kms:eu-west-1:111122223333:key/*', 'kms'],
    ['secretsmanager:GetSecretValue', 'arn:aws:secretsmanager:*:*:secret:*', 'secretsmanager'],
  ])('%s on %s names no store', (action, resource, service) => {
    const stack = testStack();
    grant(stack, [action], [resource]);
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[AnyResource::${service}]`]);
  });

  test('the account and partition as tokens still name no store', () => {
    const stack = testStack();
    grant(
      stack,
      ['kms:Decrypt'],
      [`arn:${stack.partition}:kms:${stack.region}:${stack.account}:key/*`],
    );
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[AnyResource::kms]`]);
  });

  test('NotResource covers every store but those listed', () => {
    const stack = testStack();
    new iam.CfnManagedPolicy(stack, 'Policy', {
      policyDocument: {
        Statement: [
          { Effect: 'Allow', Action: 's3:GetObject', NotResource: 'arn:aws:s3:::audit/*' },
        ],
      },
    });
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[AnyResource::s3]`]);
  });

  test('NotAction on * grants every read, one finding per service', () => {
    const stack = testStack();
    new iam.CfnGroupPolicy(stack, 'Policy', {
      groupName: 'ops',
      policyName: 'all-but-iam',
      policyDocument: {
        Statement: [{ Effect: 'Allow', NotAction: ['iam:*', 's3:*', 'dynamodb:*'], Resource: '*' }],
      },
    });
    expect(findingsOf(stack, ID)).toEqual(
      [
        'dax',
        'elasticache',
        'elasticfilesystem',
        'es',
        'glacier',
        'kinesis',
        'kms',
        'logs',
        'rds-data',
        'rds-db',
        's3-object-lambda',
        'secretsmanager',
        'sqs',
      ].map((service) => `DPP-${ID}[AnyResource::${service}]`),
    );
  });

  test('a read hidden in a wildcard on another case (`S3:get*`) is found', () => {
    const stack = testStack();
    grant(stack, ['S3:get*'], ['*']);
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[AnyResource::s3]`]);
  });
});

describe('ResourcePolicyNamedPrincipals bypass attempts', () => {
  const ID = 'ResourcePolicyNamedPrincipals';

  const queueWith = (stack: TestStack, statement: Partial<iam.PolicyStatementProps>) =>
    new sqs.Queue(stack, 'Queue').addToResourcePolicy(
      new iam.PolicyStatement({ actions: ['sqs:ReceiveMessage'], resources: ['*'], ...statement }),
    );

  test('any account written as an ARN is everyone', () => {
    const stack = testStack();
    queueWith(stack, { principals: [new iam.ArnPrincipal('arn:aws:iam::*:root')] });
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[EveryonePrincipal]`]);
  });

  test('NotPrincipal with Allow leaves everyone else', () => {
    const stack = testStack();
    new sqs.CfnQueuePolicy(stack, 'Policy', {
      queues: ['q'],
      policyDocument: {
        Statement: [
          {
            Effect: 'Allow',
            NotPrincipal: { AWS: 'arn:aws:iam::111122223333:root' },
            Action: 'sqs:ReceiveMessage',
            Resource: '*',
          },
        ],
      },
    });
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[EveryonePrincipal]`]);
  });

  test.each<[string, Record<string, Record<string, unknown>>]>([
    ['a wildcard VPC endpoint', { StringLike: { 'aws:SourceVpce': '*' } }],
    [
      'a wildcard VPC endpoint under StringEquals',
      { StringEquals: { 'aws:SourceVpce': 'vpce-*' } },
    ],
    ['any account in the ARN', { StringLike: { 'aws:PrincipalArn': 'arn:aws:iam::*:role/*' } }],
    ['any principal account', { StringLike: { 'aws:PrincipalAccount': '*' } }],
    [
      'one value of many that is a wildcard',
      { StringLike: { 'aws:PrincipalOrgID': ['o-1', '*'] } },
    ],
    ['IfExists', { StringEqualsIfExists: { 'aws:SourceVpce': 'vpce-1' } }],
    ['ForAllValues', { 'ForAllValues:StringEquals': { 'aws:PrincipalOrgID': 'o-abc123def45' } }],
    ['a negated operator', { StringNotEquals: { 'aws:PrincipalAccount': '111122223333' } }],
    ['a presence check', { Null: { 'aws:SourceVpce': 'false' } }],
    ['a key that names no one', { StringEquals: { 'aws:UserAgent': 'orders' } }],
  ])('a condition with %s does not narrow', (_, conditions) => {
    const stack = testStack();
    queueWith(stack, { principals: [new iam.AnyPrincipal()], conditions });
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[EveryonePrincipal]`]);
  });

  test.each<[string, Record<string, Record<string, unknown>>]>([
    ['a named account', { StringEquals: { 'aws:PrincipalAccount': '111122223333' } }],
    [
      'roles of one account',
      { ArnLike: { 'aws:PrincipalArn': 'arn:aws:iam::111122223333:role/*' } },
    ],
    ['a named bucket as source', { ArnLike: { 'aws:SourceArn': 'arn:aws:s3:::orders' } }],
    ['the organization', { 'ForAnyValue:StringEquals': { 'aws:PrincipalOrgID': 'o-abc123def45' } }],
  ])('a condition on %s narrows', (_, conditions) => {
    const stack = testStack();
    queueWith(stack, { principals: [new iam.AnyPrincipal()], conditions });
    expect(findingsOf(stack, ID)).toEqual([]);
  });

  test('an L2 event bus opened to everyone is flagged', () => {
    const stack = testStack();
    new events.EventBus(stack, 'Bus').addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'everyone',
        principals: [new iam.AnyPrincipal()],
        actions: ['events:PutEvents'],
        resources: ['*'],
      }),
    );
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[EveryonePrincipal]`]);
  });

  test('an L2 log resource policy (a JSON string with tokens) opened to everyone is flagged', () => {
    const stack = testStack();
    const group = new logs.LogGroup(stack, 'Logs');
    new logs.ResourcePolicy(stack, 'Policy', {
      policyStatements: [
        new iam.PolicyStatement({
          principals: [new iam.AnyPrincipal()],
          actions: ['logs:PutLogEvents'],
          resources: [group.logGroupArn],
        }),
      ],
    });
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[EveryonePrincipal]`]);
  });

  test('an L2 log resource policy for the own account (a token in the JSON) complies', () => {
    const stack = testStack();
    const group = new logs.LogGroup(stack, 'Logs');
    new logs.ResourcePolicy(stack, 'Policy', {
      policyStatements: [
        new iam.PolicyStatement({
          principals: [new iam.AccountRootPrincipal()],
          actions: ['logs:PutLogEvents'],
          resources: [group.logGroupArn],
        }),
      ],
    });
    expect(findingsOf(stack, ID)).toEqual([]);
  });

  test('an L2 bucket granting read to any account root is flagged', () => {
    const stack = testStack();
    new s3.Bucket(stack, 'Bucket').grantRead(new iam.ArnPrincipal('arn:aws:iam::*:root'));
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[EveryonePrincipal]`]);
  });
});

describe('IamRoleTrustNamedPrincipals bypass attempts', () => {
  const ID = 'IamRoleTrustNamedPrincipals';

  test('any account written as an ARN may assume', () => {
    const stack = testStack();
    new iam.Role(stack, 'Role', { assumedBy: new iam.ArnPrincipal('arn:aws:iam::*:root') });
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[EveryoneMayAssume]`]);
  });

  test('an L1 trust policy with NotPrincipal and sts:* lets everyone else assume', () => {
    const stack = testStack();
    new iam.CfnRole(stack, 'Role', {
      assumeRolePolicyDocument: {
        Statement: [
          {
            Effect: 'Allow',
            NotPrincipal: { AWS: 'arn:aws:iam::111122223333:root' },
            Action: 'sts:*',
          },
        ],
      },
    });
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[EveryoneMayAssume]`]);
  });

  test('a trust condition with a wildcard account does not narrow', () => {
    const stack = testStack();
    new iam.Role(stack, 'Role', {
      assumedBy: new iam.AnyPrincipal().withConditions({
        StringLike: { 'aws:PrincipalArn': 'arn:aws:iam::*:role/deployer' },
      }),
    });
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[EveryoneMayAssume]`]);
  });

  test('a trust policy given as a JSON string is parsed', () => {
    const stack = testStack();
    const role = lambdaRole(stack);
    (role.node.defaultChild as iam.CfnRole).addPropertyOverride(
      'AssumeRolePolicyDocument',
      JSON.stringify({
        Statement: [{ Effect: 'Allow', Principal: { AWS: '*' }, Action: 'sts:AssumeRole' }],
      }),
    );
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[EveryoneMayAssume]`]);
  });

  test('a GitHub Actions role checked on the audience only lets every repository in', () => {
    const stack = testStack();
    const github = new iam.OpenIdConnectProvider(stack, 'GitHub', {
      url: 'https://token.actions.githubusercontent.com',
      clientIds: ['sts.amazonaws.com'],
    });
    new iam.Role(stack, 'Deploy', {
      assumedBy: new iam.OpenIdConnectPrincipal(github, {
        StringEquals: { 'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com' },
      }),
    });
    new iam.Role(stack, 'AnyRepo', {
      assumedBy: new iam.OpenIdConnectPrincipal(github, {
        StringLike: { 'token.actions.githubusercontent.com:sub': 'repo:*' },
      }),
    });
    new iam.Role(stack, 'OneRepo', {
      assumedBy: new iam.OpenIdConnectPrincipal(github, {
        StringLike: { 'token.actions.githubusercontent.com:sub': 'repo:shop/orders:*' },
      }),
    });
    expect(findings(stack).filter((f) => f.rule.startsWith(`DPP-${ID}`))).toEqual([
      {
        rule: `DPP-${ID}[AnyWebIdentity::token.actions.githubusercontent.com]`,
        path: 'Test/AnyRepo/Resource',
      },
      {
        rule: `DPP-${ID}[AnyWebIdentity::token.actions.githubusercontent.com]`,
        path: 'Test/Deploy/Resource',
      },
    ]);
  });

  test('an imported OIDC provider with the subject under IfExists lets every token in', () => {
    const stack = testStack();
    const provider = iam.OpenIdConnectProvider.fromOpenIdConnectProviderArn(
      stack,
      'Eks',
      'arn:aws:iam::111122223333:oidc-provider/oidc.eks.eu-west-1.amazonaws.com/id/ABC',
    );
    new iam.Role(stack, 'Pod', {
      assumedBy: new iam.OpenIdConnectPrincipal(provider, {
        StringEqualsIfExists: {
          'oidc.eks.eu-west-1.amazonaws.com/id/ABC:sub': 'system:serviceaccount:shop:orders',
        },
      }),
    });
    expect(findingsOf(stack, ID)).toEqual([
      `DPP-${ID}[AnyWebIdentity::oidc.eks.eu-west-1.amazonaws.com/id/ABC]`,
    ]);
  });

  test('everyone in a named organization complies', () => {
    const stack = testStack();
    new iam.Role(stack, 'Role', {
      assumedBy: new iam.AnyPrincipal().withConditions({
        StringEquals: { 'aws:PrincipalOrgID': 'o-abc123def45' },
      }),
    });
    expect(findingsOf(stack, ID)).toEqual([]);
  });
});

describe('IamActionsExist bypass attempts', () => {
  const ID = 'IamActionsExist';

  test('a misspelled action in a separate L1 role policy given as a JSON string', () => {
    const stack = testStack();
    new iam.CfnRolePolicy(stack, 'Policy', {
      roleName: 'orders',
      policyName: 'read',
    }).addPropertyOverride(
      'PolicyDocument',
      JSON.stringify({
        Statement: [{ Effect: 'Allow', Action: ['dynamodb:GetItems'], Resource: '*' }],
      }),
    );
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[UnknownAction::dynamodb:GetItems]`]);
  });

  test('a misspelled action in a NotAction and in a bucket policy', () => {
    const stack = testStack();
    new iam.ManagedPolicy(stack, 'Policy', {
      statements: [
        new iam.PolicyStatement({
          effect: iam.Effect.DENY,
          notActions: ['s3:GetObjct'],
          resources: ['*'],
        }),
      ],
    });
    new s3.Bucket(stack, 'Bucket').addToResourcePolicy(
      new iam.PolicyStatement({
        principals: [new iam.AccountRootPrincipal()],
        actions: ['s3:ListBuckets'],
        resources: ['*'],
      }),
    );
    expect(findingsOf(stack, ID)).toEqual([
      `DPP-${ID}[UnknownAction::s3:GetObjct]`,
      `DPP-${ID}[UnknownAction::s3:ListBuckets]`,
    ]);
  });

  test('a service that does not exist matches nothing', () => {
    const stack = testStack();
    grant(stack, ['s4:Get*', 'dynamo:GetItem']);
    expect(findingsOf(stack, ID)).toEqual([
      `DPP-${ID}[NoMatch::s4:Get*]`,
      `DPP-${ID}[UnknownAction::dynamo:GetItem]`,
    ]);
  });
});
