import {
  SecretValue,
  aws_dynamodb as dynamodb,
  aws_ecr as ecr,
  aws_events as events,
  aws_iam as iam,
  aws_kinesis as kinesis,
  aws_kms as kms,
  aws_logs as logs,
  aws_s3 as s3,
  aws_s3express as s3express,
  aws_secretsmanager as secretsmanager,
  aws_sns as sns,
  aws_sqs as sqs,
  aws_sso as sso,
} from 'aws-cdk-lib';
import { AuditLogBucket } from '../../../constructs/logging/audit-log-bucket';
import { AccountBaseline } from '../../../constructs/monitoring/account-baseline';
import { IncidentTopic } from '../../../constructs/monitoring/incident-topic';
import { IAM_RULES } from '../../../lib/checks/rules/iam/iam-rule-table';
import { POLICY_LOCATIONS } from '../../../lib/checks/rules/iam/resource-policy-named-principals';
import { testStack } from '../../helpers';
import { findingsOf, unresolvedString } from '../rule-helpers';

const role = (stack: ReturnType<typeof testStack>) =>
  new iam.Role(stack, 'Role', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });

describe('IamNoWildcardDataActions', () => {
  const ID = 'IamNoWildcardDataActions';

  test('an L2 role with s3:* and an administrator policy is flagged', () => {
    const stack = testStack();
    const r = role(stack);
    r.addToPolicy(new iam.PolicyStatement({ actions: ['s3:*'], resources: ['arn:aws:s3:::b/*'] }));
    r.addManagedPolicy(iam.ManagedPolicy.fromAwsManagedPolicyName('AdministratorAccess'));
    expect(findingsOf(stack, ID)).toEqual([
      `DPP-${ID}[ManagedPolicy::AdministratorAccess]`,
      `DPP-${ID}[ServiceWildcard::s3]`,
    ]);
  });

  test('an L1 policy allowing * or NotAction is flagged', () => {
    const stack = testStack();
    new iam.CfnPolicy(stack, 'Policy', {
      policyName: 'p',
      roles: ['r'],
      policyDocument: {
        Statement: [
          { Effect: 'Allow', Action: '*', Resource: '*' },
          { Effect: 'Allow', NotAction: 'iam:*', Resource: '*' },
        ],
      },
    });
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[AllActions]`, `DPP-${ID}[NotAction]`]);
  });

  test('grants with exact actions comply; wildcards on non-data services are not judged', () => {
    const stack = testStack();
    const r = role(stack);
    new s3.Bucket(stack, 'Bucket').grantRead(r);
    r.addToPolicy(new iam.PolicyStatement({ actions: ['xray:*'], resources: ['*'] }));
    expect(findingsOf(stack, ID)).toEqual([]);
  });

  test('a managed policy ARN the rule cannot read is not guessed at', () => {
    const stack = testStack();
    new iam.CfnRole(stack, 'Role', {
      assumeRolePolicyDocument: {},
      managedPolicyArns: [unresolvedString(stack)],
    });
    expect(findingsOf(stack, ID)).toEqual([]);
  });

  test('the grants of the data constructs comply, read-write and with their keys', () => {
    const stack = testStack();
    const r = role(stack);
    const key = new kms.Key(stack, 'Key');
    new s3.Bucket(stack, 'Bucket', { encryptionKey: key }).grantReadWrite(r);
    new dynamodb.Table(stack, 'Table', {
      partitionKey: { name: 'id', type: dynamodb.AttributeType.STRING },
    }).grantReadWriteData(r);
    new sqs.Queue(stack, 'Queue').grantConsumeMessages(r);
    new kinesis.Stream(stack, 'Stream').grantReadWrite(r);
    new secretsmanager.Secret(stack, 'Secret').grantRead(r);
    expect(findingsOf(stack, ID)).toEqual([]);
  });

  test('a policy document the synth cannot read is reported', () => {
    const stack = testStack();
    new iam.CfnPolicy(stack, 'Policy', {
      policyName: 'p',
      roles: ['r'],
      policyDocument: { 'Fn::ImportValue': unresolvedString(stack) },
    });
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[Unresolved::PolicyDocument]`]);
  });

  test('a permission set with a read-only data policy and an inline s3:* is flagged', () => {
    const stack = testStack();
    new sso.CfnPermissionSet(stack, 'Analysts', {
      instanceArn: 'arn:aws:sso:::instance/ssoins-1',
      name: 'Analysts',
      managedPolicies: ['arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess'],
      inlinePolicy: {
        Statement: [{ Effect: 'Allow', Action: 's3:*', Resource: 'arn:aws:s3:::orders/*' }],
      },
    });
    expect(findingsOf(stack, ID)).toEqual([
      `DPP-${ID}[ManagedPolicy::AmazonS3ReadOnlyAccess]`,
      `DPP-${ID}[ServiceWildcard::s3]`,
    ]);
  });
});

describe('IamNoWildcardDataResources', () => {
  const ID = 'IamNoWildcardDataResources';

  test('an L2 role that may decrypt with every key is flagged', () => {
    const stack = testStack();
    role(stack).addToPolicy(
      new iam.PolicyStatement({ actions: ['kms:Decrypt'], resources: ['*'] }),
    );
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[AnyResource::kms]`]);
  });

  test('an L1 managed policy reading every object is flagged', () => {
    const stack = testStack();
    new iam.CfnManagedPolicy(stack, 'Policy', {
      policyDocument: { Statement: [{ Effect: 'Allow', Action: 's3:Get*', Resource: '*' }] },
    });
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[AnyResource::s3]`]);
  });

  test('grants on named resources comply', () => {
    const stack = testStack();
    new sqs.Queue(stack, 'Queue').grantConsumeMessages(role(stack));
    expect(findingsOf(stack, ID)).toEqual([]);
  });

  test('a resource the synth cannot read is reported', () => {
    const stack = testStack();
    role(stack).addToPolicy(
      new iam.PolicyStatement({
        actions: ['dynamodb:Query'],
        resources: [unresolvedString(stack)],
      }),
    );
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[Unresolved::Resource]`]);
  });

  test('reads granted on a named store but not-a-data action on * comply', () => {
    const stack = testStack();
    role(stack).addToPolicy(
      new iam.PolicyStatement({
        actions: ['s3:ListAllMyBuckets', 'kms:ListKeys'],
        resources: ['*'],
      }),
    );
    expect(findingsOf(stack, ID)).toEqual([]);
  });
});

describe('IamNoUsersOrKeys', () => {
  const ID = 'IamNoUsersOrKeys';

  test('a user without a console password or access key complies', () => {
    const stack = testStack();
    new iam.User(stack, 'Deployer');
    expect(findingsOf(stack, ID)).toEqual([]);
  });

  test('an L2 user with a console password and an access key is flagged', () => {
    const stack = testStack();
    const user = new iam.User(stack, 'User', {
      password: SecretValue.unsafePlainText('Initial-Passw0rd!'),
    });
    new iam.AccessKey(stack, 'Key', { user });
    expect(findingsOf(stack, ID)).toEqual([
      `DPP-${ID}[ConsolePassword]`,
      `DPP-${ID}[LongLivedAccessKey]`,
    ]);
  });

  test('an L1 access key is flagged', () => {
    const stack = testStack();
    new iam.CfnAccessKey(stack, 'Key', { userName: 'ci' });
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[LongLivedAccessKey]`]);
  });

  test('roles comply', () => {
    const stack = testStack();
    role(stack);
    expect(findingsOf(stack, ID)).toEqual([]);
  });
});

describe('ResourcePolicyNamedPrincipals', () => {
  const ID = 'ResourcePolicyNamedPrincipals';

  test('an L2 bucket readable by everyone is flagged', () => {
    const stack = testStack();
    new s3.Bucket(stack, 'Bucket').addToResourcePolicy(
      new iam.PolicyStatement({
        principals: [new iam.AnyPrincipal()],
        actions: ['s3:GetObject'],
        resources: ['*'],
      }),
    );
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[EveryonePrincipal]`]);
  });

  test('an L1 queue policy for everyone is flagged', () => {
    const stack = testStack();
    new sqs.CfnQueuePolicy(stack, 'Policy', {
      queues: ['q'],
      policyDocument: {
        Statement: [{ Effect: 'Allow', Principal: '*', Action: 'sqs:*', Resource: '*' }],
      },
    });
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[EveryonePrincipal]`]);
  });

  test('everyone narrowed to a VPC endpoint, and deny statements, comply', () => {
    const stack = testStack();
    const bucket = new s3.Bucket(stack, 'Bucket', { enforceSSL: true });
    bucket.addToResourcePolicy(
      new iam.PolicyStatement({
        principals: [new iam.AnyPrincipal()],
        actions: ['s3:GetObject'],
        resources: [bucket.arnForObjects('*')],
        conditions: { StringEquals: { 'aws:SourceVpce': 'vpce-1' } },
      }),
    );
    expect(findingsOf(stack, ID)).toEqual([]);
  });

  test('an unresolved document is reported', () => {
    const stack = testStack();
    new sqs.CfnQueuePolicy(stack, 'Policy', {
      queues: ['q'],
      policyDocument: { 'Fn::ImportValue': unresolvedString(stack) },
    });
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[Unresolved::PolicyDocument]`]);
  });
});

/** An event bus policy in its legacy form, set as the template shows it (the props are deprecated). */
function legacyEventBusPolicy(
  stack: ReturnType<typeof testStack>,
  legacy: Record<string, unknown>,
) {
  const policy = new events.CfnEventBusPolicy(stack, 'R', { statementId: 'legacy' });
  Object.entries(legacy).forEach(([key, value]) => policy.addPropertyOverride(key, value));
}

describe('ResourcePolicyNamedPrincipals on every policy-carrying type', () => {
  const ID = 'ResourcePolicyNamedPrincipals';
  const open = { Effect: 'Allow', Principal: '*', Action: '*', Resource: '*' };
  const document = { Version: '2012-10-17', Statement: [open] };

  test.each<[string, (stack: ReturnType<typeof testStack>) => void]>([
    [
      'an S3 access point',
      (stack) => new s3.CfnAccessPoint(stack, 'R', { bucket: 'orders', policy: document }),
    ],
    [
      'an S3 Express bucket policy given as a JSON string',
      (stack) =>
        new s3express.CfnBucketPolicy(stack, 'R', {
          bucket: 'orders--use1-az4--x-s3',
          policyDocument: JSON.stringify(document),
        }),
    ],
    [
      'a secret policy',
      (stack) =>
        new secretsmanager.CfnResourcePolicy(stack, 'R', {
          secretId: 'secret',
          resourcePolicy: document,
        }),
    ],
    [
      'a Kinesis stream or consumer policy',
      (stack) =>
        new kinesis.CfnResourcePolicy(stack, 'R', {
          resourceArn: 'arn:aws:kinesis:eu-west-1:111122223333:stream/orders',
          resourcePolicy: document,
        }),
    ],
    [
      'an event bus',
      (stack) => new events.CfnEventBus(stack, 'R', { name: 'orders', policy: document }),
    ],
    [
      'a legacy event bus policy',
      (stack) => legacyEventBusPolicy(stack, { Principal: '*', Action: 'events:PutEvents' }),
    ],
    [
      'a log resource policy',
      (stack) =>
        new logs.CfnResourcePolicy(stack, 'R', {
          policyName: 'all',
          policyDocument: JSON.stringify(document),
        }),
    ],
    [
      'an ECR repository',
      (stack) => new ecr.CfnRepository(stack, 'R', { repositoryPolicyText: document }),
    ],
    [
      'a global table replica',
      (stack) =>
        new dynamodb.CfnGlobalTable(stack, 'R', {
          attributeDefinitions: [{ attributeName: 'id', attributeType: 'S' }],
          keySchema: [{ attributeName: 'id', keyType: 'HASH' }],
          replicas: [{ region: 'eu-west-1', resourcePolicy: { policyDocument: document } }],
        }),
    ],
  ])('%s open to everyone is flagged', (_, build) => {
    const stack = testStack();
    build(stack);
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[EveryonePrincipal]`]);
  });

  test('a legacy event bus policy for the organization complies', () => {
    const stack = testStack();
    legacyEventBusPolicy(stack, {
      Principal: '*',
      Action: 'events:PutEvents',
      Condition: { Type: 'StringEquals', Key: 'aws:PrincipalOrgID', Value: 'o-abc123def45' },
    });
    expect(findingsOf(stack, ID)).toEqual([]);
  });

  test('a policy string that is not JSON is reported', () => {
    const stack = testStack();
    new logs.CfnResourcePolicy(stack, 'R', { policyName: 'p', policyDocument: '{not json' });
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[Unresolved::PolicyDocument]`]);
  });

  test('every type with a policy location is judged by the rule', () => {
    const rule = IAM_RULES.find((r) => r.id === ID);
    expect(rule?.resourceTypes).toEqual(expect.arrayContaining(Object.keys(POLICY_LOCATIONS)));
    expect(Object.keys(POLICY_LOCATIONS)).not.toContain('AWS::KMS::Key');
  });
});

describe('IamRoleTrustNamedPrincipals', () => {
  const ID = 'IamRoleTrustNamedPrincipals';

  test('a role anyone may assume is flagged', () => {
    const stack = testStack();
    new iam.Role(stack, 'Role', { assumedBy: new iam.AnyPrincipal() });
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[EveryoneMayAssume]`]);
  });

  test('an external id alone does not name who may assume', () => {
    const stack = testStack();
    new iam.Role(stack, 'Role', {
      assumedBy: new iam.AnyPrincipal(),
      externalIds: ['shared-secret'],
    });
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[EveryoneMayAssume]`]);
  });

  test('services, named accounts and everyone in the organization comply', () => {
    const stack = testStack();
    new iam.Role(stack, 'Service', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
    });
    new iam.Role(stack, 'Account', { assumedBy: new iam.AccountPrincipal('111122223333') });
    new iam.Role(stack, 'Org', { assumedBy: new iam.OrganizationPrincipal('o-abc123def45') });
    expect(findingsOf(stack, ID)).toEqual([]);
  });

  test('a Cognito identity pool role without the pool condition is flagged', () => {
    const stack = testStack();
    new iam.Role(stack, 'Open', {
      assumedBy: new iam.WebIdentityPrincipal('cognito-identity.amazonaws.com'),
    });
    new iam.Role(stack, 'Pool', {
      assumedBy: new iam.WebIdentityPrincipal('cognito-identity.amazonaws.com', {
        StringEquals: { 'cognito-identity.amazonaws.com:aud': 'eu-west-1:1234-5678' },
      }),
    });
    expect(findingsOf(stack, ID)).toEqual([
      `DPP-${ID}[AnyWebIdentity::cognito-identity.amazonaws.com]`,
    ]);
  });

  test('a web identity provider the synth cannot read is reported', () => {
    const stack = testStack();
    new iam.Role(stack, 'Role', {
      assumedBy: new iam.WebIdentityPrincipal(unresolvedString(stack)),
    });
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[Unresolved::Federated]`]);
  });

  test('a trust policy the synth cannot read is reported', () => {
    const stack = testStack();
    new iam.CfnRole(stack, 'Role', {
      assumeRolePolicyDocument: { 'Fn::ImportValue': unresolvedString(stack) },
    });
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[Unresolved::AssumeRolePolicyDocument]`]);
  });
});

describe('IamActionsExist', () => {
  const ID = 'IamActionsExist';

  test('a misspelled action and a pattern that matches nothing are flagged', () => {
    const stack = testStack();
    role(stack).addToPolicy(
      new iam.PolicyStatement({
        actions: ['s3:GetObjects', 'dynamodb:Querry*', 's3:GetObject'],
        resources: ['arn:aws:s3:::orders/*'],
      }),
    );
    expect(findingsOf(stack, ID)).toEqual([
      `DPP-${ID}[NoMatch::dynamodb:Querry*]`,
      `DPP-${ID}[UnknownAction::s3:GetObjects]`,
    ]);
  });

  test('trust, key and resource policies are read too', () => {
    const stack = testStack();
    new iam.CfnRole(stack, 'Role', {
      assumeRolePolicyDocument: {
        Statement: [
          {
            Effect: 'Allow',
            Principal: { Service: 'ec2.amazonaws.com' },
            Action: 'sts:AssumeRoles',
          },
        ],
      },
    });
    new kms.Key(stack, 'Key').addToResourcePolicy(
      new iam.PolicyStatement({
        principals: [new iam.AccountRootPrincipal()],
        actions: ['kms:Decrypts'],
        resources: ['*'],
      }),
    );
    new sns.Topic(stack, 'Topic').addToResourcePolicy(
      new iam.PolicyStatement({
        principals: [new iam.AccountRootPrincipal()],
        actions: ['sns:Publishes'],
        resources: ['*'],
      }),
    );
    expect(findingsOf(stack, ID)).toEqual([
      `DPP-${ID}[UnknownAction::kms:Decrypts]`,
      `DPP-${ID}[UnknownAction::sns:Publishes]`,
      `DPP-${ID}[UnknownAction::sts:AssumeRoles]`,
    ]);
  });

  test('an action the synth cannot read is reported', () => {
    const stack = testStack();
    new iam.CfnManagedPolicy(stack, 'Policy', {
      policyDocument: {
        Statement: [{ Effect: 'Allow', Action: { Ref: 'AWS::NoValue' }, Resource: '*' }],
      },
    });
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[Unresolved::Action]`]);
  });

  test('the monthly access review asks only for actions that exist', () => {
    const stack = testStack();
    new AccountBaseline(stack, 'Baseline', {
      auditBucket: new AuditLogBucket(stack, 'Audit'),
      incidentTopic: new IncidentTopic(stack, 'Incidents', {
        incidentEmail: 'security@example.com',
      }),
    });
    expect(findingsOf(stack, ID)).toEqual([]);
  });
});
