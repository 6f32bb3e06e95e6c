import {
  aws_iam as iam,
  aws_lambda as lambda,
  aws_logs as logs,
  aws_secretsmanager as secretsmanager,
} from 'aws-cdk-lib';
import { testStack } from '../../helpers';
import { findingsOf, unresolvedString } from '../rule-helpers';

const code = lambda.Code.fromInline('exports.handler = async () => {};');
const fn = { runtime: lambda.Runtime.NODEJS_24_X, handler: 'index.handler', code };

describe('LambdaNoLiteralSecrets', () => {
  const ID = 'LambdaNoLiteralSecrets';

  test('an L2 function with a literal API key is flagged', () => {
    const stack = testStack();
    new lambda.Function(stack, 'Fn', {
      ...fn,
      environment: { LWA_CLIENT_SECRET: 'amzn1.oa2-cs.v1.abc' },
    });
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[LiteralSecret::LWA_CLIENT_SECRET]`]);
  });

  test('an L1 function with a literal password is flagged', () => {
    const stack = testStack();
    new lambda.CfnFunction(stack, 'Fn', {
      role: 'arn:aws:iam::111122223333:role/r',
      code: { zipFile: 'x' },
      environment: { variables: { DB_PASSWORD: 'hunter2' } },
    });
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[LiteralSecret::DB_PASSWORD]`]);
  });

  test('a secret passed by ARN or read at deploy time by dynamic reference complies', () => {
    const stack = testStack();
    const secret = new secretsmanager.Secret(stack, 'Secret');
    new lambda.Function(stack, 'Fn', {
      ...fn,
      environment: {
        LWA_CLIENT_SECRET_ARN: secret.secretArn,
        REFRESH_TOKEN: '{{resolve:ssm-secure:/app/token}}',
        STAGE: 'prod',
      },
    });
    expect(findingsOf(stack, ID)).toEqual([]);
  });

  test('a value from a parameter is flagged: the stack keeps and shows it', () => {
    const stack = testStack();
    new lambda.Function(stack, 'Fn', { ...fn, environment: { API_KEY: unresolvedString(stack) } });
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[LiteralSecret::API_KEY]`]);
  });
});

describe('LambdaNotPublic', () => {
  const ID = 'LambdaNotPublic';

  test('an L2 function URL without authentication is flagged', () => {
    const stack = testStack();
    new lambda.Function(stack, 'Fn', fn).addFunctionUrl({
      authType: lambda.FunctionUrlAuthType.NONE,
    });
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[PublicInvoke]`, `DPP-${ID}[PublicUrl]`]);
  });

  test('an L1 permission for everyone is flagged', () => {
    const stack = testStack();
    new lambda.CfnPermission(stack, 'Permission', {
      action: 'lambda:InvokeFunction',
      functionName: 'f',
      principal: '*',
    });
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[PublicInvoke]`]);
  });

  test('IAM-authenticated URLs and permissions for named sources comply', () => {
    const stack = testStack();
    const f = new lambda.Function(stack, 'Fn', fn);
    f.addFunctionUrl({ authType: lambda.FunctionUrlAuthType.AWS_IAM });
    f.grantInvoke(new iam.ServicePrincipal('events.amazonaws.com'));
    new lambda.CfnPermission(stack, 'Permission', {
      action: 'lambda:InvokeFunction',
      functionName: 'f',
      principal: '*',
      sourceAccount: '111122223333',
    });
    expect(findingsOf(stack, ID)).toEqual([]);
  });

  test('an unresolved auth type is reported', () => {
    const stack = testStack();
    new lambda.CfnUrl(stack, 'Url', { authType: unresolvedString(stack), targetFunctionArn: 'f' });
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[Unresolved::AuthType]`]);
  });
});

describe('LambdaLogGroupExplicit', () => {
  const ID = 'LambdaLogGroupExplicit';

  test('an L2 function without a log group is flagged', () => {
    const stack = testStack();
    new lambda.Function(stack, 'Fn', fn);
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[ImplicitLogGroup]`]);
  });

  test('a function with a log group of the app complies', () => {
    const stack = testStack();
    new lambda.Function(stack, 'Fn', { ...fn, logGroup: new logs.LogGroup(stack, 'Logs') });
    expect(findingsOf(stack, ID)).toEqual([]);
  });

  test('an L1 function with a declared /aws/lambda/<name> log group complies', () => {
    const stack = testStack();
    new lambda.CfnFunction(stack, 'Fn', {
      functionName: 'orders',
      role: 'arn:aws:iam::111122223333:role/r',
      code: { zipFile: 'x' },
    });
    new logs.CfnLogGroup(stack, 'Logs', { logGroupName: '/aws/lambda/orders' });
    expect(findingsOf(stack, ID)).toEqual([]);
  });

  test('a log group the synth cannot resolve is reported', () => {
    const stack = testStack();
    new lambda.CfnFunction(stack, 'Fn', {
      role: 'arn:aws:iam::111122223333:role/r',
      code: { zipFile: 'x' },
      loggingConfig: { logGroup: unresolvedString(stack) },
    });
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[Unresolved::LoggingConfig.LogGroup]`]);
  });
});
