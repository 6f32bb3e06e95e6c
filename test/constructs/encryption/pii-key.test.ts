import { Duration, aws_iam as iam } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { IncidentTopic, PiiKey } from '../../../lib';
import { allPacks, findings, testStack } from '../../helpers';

function keyPolicyStatements(template: Template): Record<string, unknown>[] {
  const keys = Object.values(template.findResources('AWS::KMS::Key'));
  return (keys[0].Properties as { KeyPolicy: { Statement: Record<string, unknown>[] } }).KeyPolicy
    .Statement;
}

describe('PiiKey', () => {
  test('default key: symmetric, rotated, retained, 30-day deletion window, aliased', () => {
    const stack = testStack();
    new PiiKey(stack, 'Key');
    const template = Template.fromStack(stack);
    template.hasResource('AWS::KMS::Key', {
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
      Properties: Match.objectLike({
        EnableKeyRotation: true,
        KeySpec: 'SYMMETRIC_DEFAULT',
        KeyUsage: 'ENCRYPT_DECRYPT',
        PendingWindowInDays: 30,
      }),
    });
    template.hasResourceProperties('AWS::KMS::Alias', {
      AliasName: Match.stringLikeRegexp('^alias/cdk-dpp/Test-Key-'),
    });
  });

  test('default key policy: administrators manage it, grants only for AWS resources', () => {
    const stack = testStack();
    new PiiKey(stack, 'Key');
    const accountRoot = {
      AWS: {
        'Fn::Join': [
          '',
          ['arn:', { Ref: 'AWS::Partition' }, ':iam::', { Ref: 'AWS::AccountId' }, ':root'],
        ],
      },
    };
    expect(keyPolicyStatements(Template.fromStack(stack))).toEqual([
      {
        Sid: 'KeyAdministration',
        Effect: 'Allow',
        Principal: accountRoot,
        Action: [
          'kms:CreateAlias',
          'kms:Describe*',
          'kms:Enable*',
          'kms:List*',
          'kms:Put*',
          'kms:Update*',
          'kms:Revoke*',
          'kms:Disable*',
          'kms:Get*',
          'kms:Delete*',
          'kms:TagResource',
          'kms:UntagResource',
          'kms:ScheduleKeyDeletion',
          'kms:CancelKeyDeletion',
        ],
        Resource: '*',
      },
      {
        Sid: 'KeyGrantsForAwsResources',
        Effect: 'Allow',
        Principal: accountRoot,
        Action: 'kms:CreateGrant',
        Resource: '*',
        Condition: { Bool: { 'kms:GrantIsForAWSResource': 'true' } },
      },
      {
        Sid: 'DenyGrantsExceptForAwsResources',
        Effect: 'Deny',
        Principal: { AWS: '*' },
        Action: 'kms:CreateGrant',
        Resource: '*',
        Condition: {
          BoolIfExists: {
            'kms:GrantIsForAWSResource': 'false',
            'aws:PrincipalIsAWSService': 'false',
          },
        },
      },
    ]);
  });

  test('a key a construct creates for itself denies grants to people too', () => {
    const stack = testStack();
    new IncidentTopic(stack, 'Incidents', { incidentEmail: 'security@example.com' });
    expect(keyPolicyStatements(Template.fromStack(stack))).toContainEqual(
      expect.objectContaining({ Sid: 'DenyGrantsExceptForAwsResources', Effect: 'Deny' }),
    );
  });

  test('a grant names the grantee in the key policy and in its own policy', () => {
    const stack = testStack();
    const key = new PiiKey(stack, 'Key');
    const role = new iam.Role(stack, 'App', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
    });
    key.grantEncryptDecrypt(role);
    const template = Template.fromStack(stack);
    const statements = keyPolicyStatements(template);
    expect(statements).toContainEqual(
      expect.objectContaining({
        Effect: 'Allow',
        Principal: { AWS: { 'Fn::GetAtt': [expect.stringMatching(/^App/), 'Arn'] } },
        Action: ['kms:Decrypt', 'kms:Encrypt', 'kms:ReEncrypt*', 'kms:GenerateDataKey*'],
      }),
    );
    template.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: {
        Statement: [
          Match.objectLike({
            Action: ['kms:Decrypt', 'kms:Encrypt', 'kms:ReEncrypt*', 'kms:GenerateDataKey*'],
            Resource: { 'Fn::GetAtt': [Match.stringLikeRegexp('^Key'), 'Arn'] },
          }),
        ],
      },
    });
  });

  test('grantThroughService ties use to one service in both policies', () => {
    const stack = testStack();
    const key = new PiiKey(stack, 'Key');
    const role = new iam.Role(stack, 'Reader', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
    });
    key.grantThroughService(role, 's3', 'kms:Decrypt');
    const via = {
      StringEquals: {
        'kms:ViaService': { 'Fn::Join': ['', ['s3.', { Ref: 'AWS::Region' }, '.amazonaws.com']] },
      },
    };
    const template = Template.fromStack(stack);
    expect(keyPolicyStatements(template)).toContainEqual({
      Action: 'kms:Decrypt',
      Effect: 'Allow',
      Principal: { AWS: { 'Fn::GetAtt': [expect.stringMatching(/^Reader/), 'Arn'] } },
      Resource: '*',
      Condition: via,
    });
    template.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: {
        Statement: [
          {
            Action: 'kms:Decrypt',
            Effect: 'Allow',
            Resource: { 'Fn::GetAtt': [Match.stringLikeRegexp('^Key'), 'Arn'] },
            Condition: via,
          },
        ],
      },
    });
  });

  test('use through Secrets Manager names the principal and the service, once per sid', () => {
    const stack = testStack();
    const key = new PiiKey(stack, 'Key');
    const deployer = new iam.ArnPrincipal('arn:aws:iam::111122223333:role/deployer');
    key.grantUseThroughSecretsManager(deployer, 'Deployer');
    key.grantUseThroughSecretsManager(deployer, 'Deployer');
    const statements = keyPolicyStatements(Template.fromStack(stack));
    expect(statements.filter((s) => s.Sid === 'Deployer')).toEqual([
      {
        Sid: 'Deployer',
        Effect: 'Allow',
        Principal: { AWS: 'arn:aws:iam::111122223333:role/deployer' },
        Action: ['kms:Decrypt', 'kms:GenerateDataKey'],
        Resource: '*',
        Condition: {
          StringEquals: {
            'kms:ViaService': {
              'Fn::Join': ['', ['secretsmanager.', { Ref: 'AWS::Region' }, '.amazonaws.com']],
            },
          },
        },
      },
    ]);
  });

  test('CloudWatch Logs use is tied to this account log groups', () => {
    const stack = testStack();
    const key = new PiiKey(stack, 'Key');
    key.grantToCloudWatchLogs();
    const statements = keyPolicyStatements(Template.fromStack(stack));
    const logs = statements.find((s) => s.Sid === 'CloudWatchLogsUse');
    expect(logs?.Principal).toEqual({
      Service: { 'Fn::Join': ['', ['logs.', { Ref: 'AWS::Region' }, '.amazonaws.com']] },
    });
    expect(Object.keys((logs?.Condition as Record<string, unknown>).ArnLike as object)).toEqual([
      'kms:EncryptionContext:aws:logs:arn',
    ]);
  });

  test('alias and administrators can be chosen', () => {
    const stack = testStack();
    const admin = new iam.Role(stack, 'Admin', { assumedBy: new iam.AccountRootPrincipal() });
    new PiiKey(stack, 'Key', { alias: 'orders', administrators: [admin] });
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::KMS::Alias', { AliasName: 'alias/orders' });
    const [adminStatement] = keyPolicyStatements(template);
    expect(adminStatement.Principal).toEqual({
      AWS: { 'Fn::GetAtt': [expect.stringMatching(/^Admin/), 'Arn'] },
    });
  });

  test.each([6, 31, 0, 365])('pendingWindow of %i days throws with DPP-DR-4', (days) => {
    const stack = testStack();
    expect(() => new PiiKey(stack, 'Key', { pendingWindow: Duration.days(days) })).toThrow(
      `\`pendingWindow\` must be between 7 and 30 days (DPP-DR-4), got: ${days} days`,
    );
  });

  test.each([
    ['AnyPrincipal', new iam.AnyPrincipal()],
    ['StarPrincipal', new iam.StarPrincipal()],
    ['ArnPrincipal(*)', new iam.ArnPrincipal('*')],
  ])('an administrator that is everyone (%s) throws with DPP-ES-2', (_name, principal) => {
    const stack = testStack();
    expect(() => new PiiKey(stack, 'Key', { administrators: [principal] })).toThrow(
      '`administrators` must name principals, never everyone; leave it unset for the account root (DPP-ES-2), got: a principal matching every identity (*)',
    );
  });

  test('a named administrator is accepted', () => {
    const stack = testStack();
    const admin = new iam.ArnPrincipal('arn:aws:iam::123456789012:role/KeyAdmins');
    expect(() => new PiiKey(stack, 'Key', { administrators: [admin] })).not.toThrow();
  });

  test.each([7, 30])('pendingWindow of %i days is accepted', (days) => {
    const stack = testStack();
    new PiiKey(stack, 'Key', { pendingWindow: Duration.days(days) });
    Template.fromStack(stack).hasResourceProperties('AWS::KMS::Key', { PendingWindowInDays: days });
  });

  test('implements its clauses in the cdk-dpp metadata', () => {
    const stack = testStack();
    new PiiKey(stack, 'Key');
    Template.fromStack(stack).hasResource('AWS::KMS::Key', {
      Metadata: Match.objectLike({
        'cdk-dpp': { construct: 'PiiKey', implements: ['DPP-25-TLS', 'DPP-ES-1', 'DPP-ES-2'] },
      }),
    });
  });

  test('default key has zero findings from every pack', () => {
    const stack = testStack();
    new PiiKey(stack, 'Key');
    expect(findings(stack, allPacks())).toEqual([]);
  });
});
