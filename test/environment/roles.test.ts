import * as path from 'path';
import { CfnResource, FileSystem, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { FUNCTION_ASSETS_DIR } from '../../constructs/common/function-asset';
import { DppEnvironment, KillSwitchState, PARAMETER_CHANGE_ACTIONS } from '../../lib';
import { ENV } from '../../lib/functions/order-service/index';
import { TEST_OWNER } from '../helpers';
import { environmentApp, stacksOf } from './environment-app';

interface Statement {
  Effect: string;
  Action: string | string[];
  Resource?: unknown;
  Condition?: unknown;
  Principal?: unknown;
}

interface IdentityPolicy {
  stack: Stack;
  logicalId: string;
  roles: unknown[];
  statements: Statement[];
}

/** Every identity policy (inline or managed) of every stack, with the roles it is attached to. */
function identityPolicies(environment: DppEnvironment): IdentityPolicy[] {
  const all: IdentityPolicy[] = [];
  for (const stack of stacksOf(environment)) {
    const template = Template.fromStack(stack);
    for (const type of ['AWS::IAM::Policy', 'AWS::IAM::ManagedPolicy']) {
      for (const [logicalId, resource] of Object.entries(template.findResources(type))) {
        const properties = resource.Properties as {
          Roles?: unknown[];
          PolicyDocument: { Statement: Statement[] };
        };
        all.push({
          stack,
          logicalId,
          roles: properties.Roles ?? [],
          statements: properties.PolicyDocument.Statement,
        });
      }
    }
  }
  return all;
}

const actionsOf = (s: Statement): string[] => (Array.isArray(s.Action) ? s.Action : [s.Action]);

/** Whether an IAM action pattern (with `*`) covers `action`. */
function covers(pattern: string, action: string): boolean {
  const regex = new RegExp(`^${pattern.split('*').map(escape).join('.*')}$`, 'i');
  return regex.test(action);
}
function escape(text: string): string {
  return text.replace(/[.+?^${}()|[\]\\]/g, '\\$&');
}

describe('the roles of the environment', () => {
  const app = environmentApp(false);
  const environment = new DppEnvironment(app, 'Dpp', { owner: TEST_OWNER });
  app.synth();
  const data = Template.fromStack(environment.data);
  const policies = identityPolicies(environment);
  const roleRef = (stack: Stack, construct: { node: { defaultChild?: unknown } }) =>
    stack.resolve((construct.node.defaultChild as { ref: string }).ref);

  test('the kill switch starts running and accepts only its two states', () => {
    data.hasResourceProperties('AWS::SSM::Parameter', {
      Type: 'String',
      Value: KillSwitchState.RUNNING,
      AllowedPattern: '^(running|stopped)$',
      Tags: { 'dpp:data-class': 'no-amazon-data' },
    });
  });

  test('only the operator role may change the kill switch', () => {
    const changers = policies.filter((p) =>
      p.statements.some(
        (s) =>
          s.Effect === 'Allow' &&
          actionsOf(s).some((a) => PARAMETER_CHANGE_ACTIONS.some((c) => covers(a, c))),
      ),
    );
    expect(changers.map((p) => p.roles)).toEqual([
      [roleRef(environment.data, environment.data.killSwitch.operatorRole)],
    ]);
  });

  test('the application reads the kill switch and cannot change it', () => {
    const appPolicies = policies.filter((p) =>
      JSON.stringify(p.roles).includes(
        JSON.stringify(roleRef(environment.data, environment.data.applicationRole)),
      ),
    );
    const actions = appPolicies.flatMap((p) => p.statements.flatMap(actionsOf));
    expect(actions).toEqual(expect.arrayContaining(['ssm:GetParameter']));
    expect(actions.filter((a) => PARAMETER_CHANGE_ACTIONS.some((c) => covers(a, c)))).toEqual([]);
  });

  describe('the application role and the order service', () => {
    const { data, application } = environment;
    const logicalId = (construct: { node: { defaultChild?: unknown } }) =>
      data.resolve((construct.node.defaultChild as { logicalId: string }).logicalId) as string;
    const arn = (construct: { node: { defaultChild?: unknown } }) => ({
      'Fn::GetAtt': [logicalId(construct), 'Arn'],
    });
    const appRole = roleRef(data, data.applicationRole);
    const appStatements = policies
      .filter((p) => JSON.stringify(p.roles).includes(JSON.stringify(appRole)))
      .flatMap((p) => p.statements);
    const viaService = (service: string) => ({
      StringEquals: {
        'kms:ViaService': {
          'Fn::Join': ['', [`${service}.`, { Ref: 'AWS::Region' }, '.amazonaws.com']],
        },
      },
    });

    test('it is granted exactly what the order service calls, on the stores it uses', () => {
      const table = arn(data.orders);
      const key = arn(data.piiKey);
      const grants = appStatements
        .filter((s) => s.Effect === 'Allow' && !JSON.stringify(s.Action).includes('ec2:'))
        .map((s) => ({ actions: actionsOf(s), resource: s.Resource, condition: s.Condition }));
      expect(grants).toEqual([
        {
          actions: expect.arrayContaining(['ssm:GetParameter']),
          resource: {
            'Fn::Join': [
              '',
              [
                'arn:',
                { Ref: 'AWS::Partition' },
                ':ssm:',
                { Ref: 'AWS::Region' },
                ':',
                { Ref: 'AWS::AccountId' },
                ':parameter/',
                { Ref: logicalId(data.killSwitch.parameter) },
              ],
            ],
          },
          condition: undefined,
        },
        {
          // PiiTable's write and read sets narrowed to the two calls the service makes.
          actions: ['dynamodb:GetItem', 'dynamodb:PutItem'],
          resource: table,
          condition: undefined,
        },
        {
          actions: expect.arrayContaining(['kms:Decrypt', 'kms:GenerateDataKey']),
          resource: key,
          condition: viaService('dynamodb'),
        },
        {
          actions: ['s3:PutObject'],
          resource: { 'Fn::Join': ['', [arn(data.orderDocuments), '/*']] },
          condition: undefined,
        },
        { actions: ['kms:GenerateDataKey'], resource: key, condition: viaService('s3') },
        // The AWS Encryption SDK calls KMS itself: field encryption, not through a service.
        { actions: ['kms:Decrypt', 'kms:GenerateDataKey'], resource: key, condition: undefined },
        {
          actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
          resource: arn(data.serviceLogs),
          condition: undefined,
        },
        // The SP-API credentials, decrypted only through Secrets Manager (DPP-25-CRED).
        {
          actions: ['secretsmanager:GetSecretValue'],
          resource: [
            { Ref: logicalId(data.spApiCredentials.clientCredentials) },
            { Ref: logicalId(data.spApiCredentials.refreshTokens) },
          ],
          condition: undefined,
        },
        { actions: ['kms:Decrypt'], resource: key, condition: viaService('secretsmanager') },
      ]);
    });

    test('the SP-API secrets admit it only through the Secrets Manager endpoint of the data VPC', () => {
      const policies = Object.values(
        Template.fromStack(data).toJSON().Resources as Record<
          string,
          { Type: string; Properties: { ResourcePolicy: { Statement: Statement[] } } }
        >,
      ).filter((r) => r.Type === 'AWS::SecretsManager::ResourcePolicy');
      const endpoint = data.vpc.interfaceEndpoints.secretsmanager;
      expect(
        policies.map(
          (p) =>
            p.Properties.ResourcePolicy.Statement.find(
              (s) => (s as { Sid?: string }).Sid === 'ApplicationOnlyThroughVpcEndpoint',
            )?.Condition,
        ),
      ).toEqual(
        [1, 2].map(() => ({
          ArnEquals: { 'aws:PrincipalArn': arn(data.applicationRole) },
          StringNotEquals: {
            'aws:SourceVpce': {
              Ref: data.resolve((endpoint.node.defaultChild as CfnResource).logicalId),
            },
          },
        })),
      );
    });

    test('the PII key policy names it for field encryption: data keys and decrypt only', () => {
      const keyPolicy = Template.fromStack(data).toJSON().Resources[logicalId(data.piiKey)]
        .Properties.KeyPolicy.Statement as Statement[];
      const direct = keyPolicy.filter(
        (s) =>
          JSON.stringify(s.Principal).includes(logicalId(data.applicationRole)) && !s.Condition,
      );
      expect(direct.map(actionsOf)).toEqual([['kms:Decrypt', 'kms:GenerateDataKey']]);
    });

    test('it writes no sales report and no tax archive record: the order path makes neither', () => {
      const granted = JSON.stringify(appStatements);
      const archive = data.taxArchive.bucket;
      if (!archive) throw new Error('The tax archive of the environment has no bucket');
      for (const store of [data.salesReports, archive, data.taxArchive.key]) {
        expect(granted).not.toContain(logicalId(store));
      }
      expect(appStatements.flatMap(actionsOf)).not.toContain('s3:GetObject');
    });

    test('the function runs the bundled order service with the environment its grants serve', () => {
      const fn =
        Template.fromStack(application).toJSON().Resources[
          application.resolve(
            (application.orderService.function.node.defaultChild as CfnResource).logicalId,
          )
        ].Properties;
      const bundle = path.join(__dirname, '..', '..', FUNCTION_ASSETS_DIR, 'order-service');
      expect(fn.Code).toEqual({
        S3Bucket: { 'Fn::Sub': 'cdk-hnb659fds-assets-${AWS::AccountId}-${AWS::Region}' },
        S3Key: `${FileSystem.fingerprint(bundle)}.zip`,
      });
      expect(fn.Handler).toBe('index.handler');
      expect(fn.Runtime).toBe('nodejs24.x');
      const output = (name: string) => ({
        'Fn::GetStackOutput': {
          StackName: 'Dpp-Data',
          Region: { Ref: 'AWS::Region' },
          OutputName: name,
        },
      });
      const variables = fn.Environment.Variables as Record<string, unknown>;
      expect(Object.keys(variables).sort()).toEqual(Object.values(ENV).sort());
      expect(variables).toEqual({
        [ENV.killSwitchParameter]: output(
          expect.stringMatching(`^PublishOutputRef${logicalId(data.killSwitch.parameter)}`),
        ),
        [ENV.ordersTable]: output(
          expect.stringMatching(`^PublishOutputRef${logicalId(data.orders)}`),
        ),
        [ENV.documentsBucket]: output(
          expect.stringMatching(`^PublishOutputRef${logicalId(data.orderDocuments)}`),
        ),
        [ENV.fieldEncryptionKeyArn]: output(
          expect.stringMatching(`^PublishOutputFnGetAtt${logicalId(data.piiKey)}Arn`),
        ),
        [ENV.retentionDays]: '30',
      });
      expect(fn.Role).toEqual(
        output(
          expect.stringMatching(`^PublishOutputFnGetAtt${logicalId(data.applicationRole)}Arn`),
        ),
      );
    });
  });

  test.each(['operator', 'auditor'])('the %s role is assumed only with MFA', (who) => {
    const stack = environment.data;
    const role =
      who === 'operator'
        ? environment.data.killSwitch.operatorRole
        : environment.data.audit.auditor;
    const template = Template.fromStack(stack);
    const logicalId = stack.resolve(
      (role.node.defaultChild as unknown as { logicalId: string }).logicalId,
    );
    expect(template.toJSON().Resources[logicalId].Properties.AssumeRolePolicyDocument).toEqual({
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Action: 'sts:AssumeRole',
          Principal: {
            AWS: {
              'Fn::Join': [
                '',
                ['arn:', { Ref: 'AWS::Partition' }, ':iam::', { Ref: 'AWS::AccountId' }, ':root'],
              ],
            },
          },
          Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'true' } },
        },
      ],
    });
  });

  test('the auditor is granted read actions only (decrypting included, to read encrypted logs)', () => {
    const auditor = environment.data.audit.auditor;
    const logicalId = environment.data.resolve(
      (auditor.node.defaultChild as unknown as { logicalId: string }).logicalId,
    ) as string;
    const auditorPolicies = policies.filter((p) => JSON.stringify(p.roles).includes(logicalId));
    expect(auditorPolicies).toHaveLength(1);
    const actions = auditorPolicies.flatMap((p) =>
      p.statements.filter((s) => s.Effect === 'Allow').flatMap(actionsOf),
    );
    expect(
      actions.filter((a) => !/^(\w+:(Describe|Get|List|Filter|StartQuery)|kms:Decrypt$)/.test(a)),
    ).toEqual([]);
  });

  test('no role of the environment has an inline policy', () => {
    expect(stacksOf(environment)).toHaveLength(3);
    for (const stack of stacksOf(environment)) {
      Template.fromStack(stack).resourceCountIs('AWS::IAM::Policy', 0);
    }
  });
});
