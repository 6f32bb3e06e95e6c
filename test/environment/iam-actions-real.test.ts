import * as fs from 'fs';
import * as path from 'path';
import { AssetStaging, CfnResource, Stack, aws_lambda as lambda } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { IConstruct } from 'constructs';
import { DppEnvironment } from '../../lib';
import { actionInfo, expandActionPattern } from '../../lib/checks/iam-actions';
import { actionPatternCovers, asList } from '../../lib/checks/policy-document';
import { TEST_OWNER } from '../helpers';
import { environmentApp, stacksOf } from './environment-app';

/**
 * Every IAM action the environment names is one AWS knows, and every AWS SDK command its bundled
 * Lambda handlers send is granted to the function's role. The `DPP-IamActionsExist` rule judges
 * the first on the policies it knows where to find; this proof reads every policy document of
 * every template, wherever it sits.
 */

interface Statement {
  readonly Effect?: string;
  readonly Action?: unknown;
  readonly NotAction?: unknown;
}

interface TemplateResource {
  readonly Type: string;
  readonly Properties?: Record<string, unknown>;
}

/** Every policy document found anywhere in a value: any object with a `Statement` list. */
function policyDocumentsIn(value: unknown): Statement[][] {
  if (Array.isArray(value)) return value.flatMap(policyDocumentsIn);
  if (value === null || typeof value !== 'object') return [];
  const record = value as Record<string, unknown>;
  const here = Array.isArray(record.Statement) ? [record.Statement as Statement[]] : [];
  return [...here, ...Object.values(record).flatMap(policyDocumentsIn)];
}

/** Whether an action or action pattern names at least one action of the Service Authorization Reference. */
function isRealAction(action: string): boolean {
  return /[*?]/.test(action)
    ? expandActionPattern(action).length > 0
    : actionInfo(action) !== undefined;
}

/** The IAM service prefix of each AWS SDK client package the handlers use. */
const SERVICE_PREFIX_OF_CLIENT: Record<string, string> = {
  '@aws-sdk/client-accessanalyzer': 'access-analyzer',
  '@aws-sdk/client-cloudwatch': 'cloudwatch',
  '@aws-sdk/client-cognito-identity-provider': 'cognito-idp',
  '@aws-sdk/client-dynamodb': 'dynamodb',
  '@aws-sdk/client-iam': 'iam',
  '@aws-sdk/client-inspector2': 'inspector2',
  '@aws-sdk/client-kms': 'kms',
  '@aws-sdk/client-s3': 's3',
  '@aws-sdk/client-secrets-manager': 'secretsmanager',
  '@aws-sdk/client-sns': 'sns',
  '@aws-sdk/client-sqs': 'sqs',
  '@aws-sdk/client-ssm': 'ssm',
};

/**
 * The commands whose IAM action is not named like the API operation, per the "API operations"
 * tables of the Service Authorization Reference.
 */
const ACTION_OF_COMMAND: Record<string, string> = {
  'access-analyzer:ListFindingsV2': 'access-analyzer:ListFindings',
  's3:ListObjectsV2': 's3:ListBucket',
  's3:HeadObject': 's3:GetObject',
  's3:HeadBucket': 's3:ListBucket',
};

/** Where the handler sources are, one folder per bundled function. */
const FUNCTIONS_DIR = path.join(__dirname, '..', '..', 'lib', 'functions');

/** The `@aws-sdk/client-*` commands and paginators a handler's sources import, as operations. */
function operationsOf(handler: string): string[] {
  const dir = path.join(FUNCTIONS_DIR, handler);
  const sources = fs
    .readdirSync(dir)
    .filter((file) => file.endsWith('.ts') && !file.endsWith('.test.ts'))
    .map((file) => fs.readFileSync(path.join(dir, file), 'utf8'));
  const imports = /import\s*\{([^}]*)\}\s*from\s*'(@aws-sdk\/client-[a-z0-9-]+)'/g;
  return sources.flatMap((source) =>
    [...source.matchAll(imports)].flatMap(([, names, client]) => {
      const prefix = SERVICE_PREFIX_OF_CLIENT[client];
      if (prefix === undefined) throw new Error(`no IAM service prefix for ${client}`);
      return names
        .split(',')
        .map((name) => name.trim().split(/\s+as\s+/)[0])
        .map((name) => /^paginate(\w+)$/.exec(name)?.[1] ?? /^(\w+)Command$/.exec(name)?.[1])
        .filter((operation): operation is string => operation !== undefined)
        .map((operation) => `${prefix}:${operation}`);
    }),
  );
}

/** The IAM action that authorizes an operation. */
function actionOf(operation: string): string {
  return ACTION_OF_COMMAND[operation] ?? operation;
}

/** The functions of a scope whose code is the bundle of `handler` (`dist/functions/<handler>`). */
function functionsOf(scope: IConstruct, handler: string): lambda.Function[] {
  return scope.node.findAll().filter((c): c is lambda.Function => {
    if (!(c instanceof lambda.Function)) return false;
    const staging = c.node.tryFindChild('Code')?.node.tryFindChild('Stage');
    return (
      staging instanceof AssetStaging &&
      path.relative(
        path.join('dist', 'functions', handler),
        path.relative(process.cwd(), staging.sourcePath),
      ) === ''
    );
  });
}

/** Every action the identity policies of a role allow: inline, attached and managed. */
function allowedActionsOf(fn: lambda.Function): string[] {
  const role = fn.role?.node.defaultChild as CfnResource;
  const stack = Stack.of(role);
  const roleRef = { Ref: stack.resolve(role.logicalId) };
  const resources = Template.fromStack(stack).toJSON().Resources as Record<
    string,
    TemplateResource
  >;
  const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
  const roleResource = resources[roleRef.Ref];
  const managed = asList(roleResource.Properties?.ManagedPolicyArns).flatMap((arn) =>
    Object.entries(resources)
      .filter(([logicalId]) => same(arn, { Ref: logicalId }))
      .map(([, policy]) => policy),
  );
  const attached = Object.values(resources).filter(
    (r) =>
      ['AWS::IAM::Policy', 'AWS::IAM::ManagedPolicy'].includes(r.Type) &&
      asList(r.Properties?.Roles).some((ref) => same(ref, roleRef)),
  );
  return [roleResource.Properties?.Policies, ...managed, ...attached]
    .flatMap(policyDocumentsIn)
    .flat()
    .filter((statement) => statement.Effect === 'Allow')
    .flatMap((statement) => asList(statement.Action).map(String));
}

describe('every IAM action of the environment is real', () => {
  const app = environmentApp(false);
  const internal = new DppEnvironment(app, 'Dpp', { owner: TEST_OWNER });
  const internetFacing = new DppEnvironment(app, 'Public', {
    owner: TEST_OWNER,
    allowedCidrs: ['203.0.113.0/24'],
    incidentContact: 'security@example.com',
    certificateArn: 'arn:aws:acm:eu-west-1:123456789012:certificate/0a1b-2c3d',
  });
  app.synth({ validateOnSynthesis: false });
  const handlers = fs
    .readdirSync(FUNCTIONS_DIR, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name);

  test.each([
    ['internal', internal],
    ['internet-facing', internetFacing],
  ])('every Action and NotAction of every policy document of the %s variant', (_, environment) => {
    const actions = stacksOf(environment).flatMap((stack) =>
      Object.entries(
        Template.fromStack(stack).toJSON().Resources as Record<string, TemplateResource>,
      ).flatMap(([logicalId, resource]) =>
        policyDocumentsIn(resource.Properties)
          .flat()
          .flatMap((s) => [...asList(s.Action), ...asList(s.NotAction)])
          .map((action) => ({ where: `${stack.stackName}/${logicalId}`, action })),
      ),
    );
    // Identity, managed, trust, key, bucket, topic, endpoint and vault policies all hold some.
    expect(new Set(actions.map((a) => a.action)).size).toBeGreaterThan(100);
    expect(actions.filter((a) => typeof a.action !== 'string' || !isRealAction(a.action))).toEqual(
      [],
    );
  });

  test('the check tells a misspelled action and a pattern that matches nothing from real ones', () => {
    expect(isRealAction('access-analyzer:ListFindings')).toBe(true);
    expect(isRealAction('access-analyzer:ListFindingsV2')).toBe(false);
    expect(isRealAction('s3:GetObjects')).toBe(false);
    expect(isRealAction('kms:GenerateDataKey*')).toBe(true);
    expect(isRealAction('kms:GenerateDataKeys*')).toBe(false);
  });

  test('every bundled handler is deployed by the environment', () => {
    expect(handlers).toContain('access-review');
    expect(handlers.filter((handler) => functionsOf(internal, handler).length === 0)).toEqual([]);
  });

  test('every SDK command a bundled handler sends is an action its role is granted', () => {
    const missing = handlers.flatMap((handler) => {
      const actions = operationsOf(handler).map(actionOf);
      expect(actions.filter((action) => actionInfo(action) === undefined)).toEqual([]);
      return functionsOf(internal, handler).flatMap((fn) => {
        const allowed = allowedActionsOf(fn);
        return actions
          .filter((action) => !allowed.some((pattern) => actionPatternCovers(pattern, action)))
          .map((action) => `${handler}: ${action}`);
      });
    });
    expect(missing).toEqual([]);
  });

  test('the user lockout sends the commands its source imports, and its role may send no other', () => {
    const sent = operationsOf('user-lockout').map(actionOf).sort();
    expect(sent).toEqual([
      'cognito-idp:AdminDisableUser',
      'cognito-idp:AdminListUserAuthEvents',
      'sns:Publish',
    ]);
    const [lockout] = functionsOf(internal, 'user-lockout');
    const granted = allowedActionsOf(lockout).filter((action) => !/^(logs|kms):/.test(action));
    expect(granted.sort()).toEqual(sent);
  });

  test('the access review sends the commands its source imports', () => {
    expect(operationsOf('access-review').map(actionOf).sort()).toEqual([
      'access-analyzer:ListFindings',
      'iam:ListRoles',
      'iam:ListUsers',
      'iam:SimulatePrincipalPolicy',
      'sns:Publish',
    ]);
  });
});
