import { SecretValue, aws_iam as iam, aws_s3 as s3, aws_sqs as sqs } from 'aws-cdk-lib';
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
});

describe('IamNoUsersOrKeys', () => {
  const ID = 'IamNoUsersOrKeys';

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
