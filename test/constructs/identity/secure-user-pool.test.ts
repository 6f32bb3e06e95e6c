import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, Duration, Stack, Validations } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { SecureUserPool } from '../../../constructs/identity/secure-user-pool';
import { IncidentTopic } from '../../../constructs/monitoring/incident-topic';
import { ControlTowerChecks } from '../../../lib/control-tower';
import { registerAllPacks, testStack } from '../../helpers';

function pool(stack: Stack, props: Partial<ConstructorParameters<typeof SecureUserPool>[2]> = {}) {
  const incidentTopic = new IncidentTopic(stack, 'Incidents', {
    incidentEmail: 'oncall@example.com',
  });
  return new SecureUserPool(stack, 'Users', { incidentTopic, ...props });
}

describe('SecureUserPool', () => {
  let template: Template;
  beforeAll(() => {
    const stack = testStack();
    pool(stack).addClient('Web');
    template = Template.fromStack(stack);
  });

  test('requires TOTP MFA, never SMS, on the Plus plan with threat protection enforced', () => {
    template.hasResourceProperties('AWS::Cognito::UserPool', {
      MfaConfiguration: 'ON',
      EnabledMfas: ['SOFTWARE_TOKEN_MFA'],
      UserPoolTier: 'PLUS',
      UserPoolAddOns: {
        AdvancedSecurityMode: 'ENFORCED',
        AdvancedSecurityAdditionalFlows: { CustomAuthMode: 'ENFORCED' },
      },
    });
  });

  test('sets a strong password policy with a history of 10, and no self sign-up', () => {
    template.hasResourceProperties('AWS::Cognito::UserPool', {
      Policies: {
        PasswordPolicy: {
          MinimumLength: 14,
          RequireLowercase: true,
          RequireUppercase: true,
          RequireNumbers: true,
          RequireSymbols: true,
          PasswordHistorySize: 10,
          TemporaryPasswordValidityDays: 1,
        },
      },
      AdminCreateUserConfig: { AllowAdminCreateUserOnly: true },
      AccountRecoverySetting: {
        RecoveryMechanisms: [{ Name: 'verified_email', Priority: 1 }],
      },
      UsernameConfiguration: { CaseSensitive: false },
      DeletionProtection: 'ACTIVE',
    });
    template.hasResource('AWS::Cognito::UserPool', {
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
    });
  });

  test('blocks medium and high risk and compromised credentials for every client', () => {
    template.hasResourceProperties('AWS::Cognito::UserPoolRiskConfigurationAttachment', {
      ClientId: 'ALL',
      AccountTakeoverRiskConfiguration: {
        Actions: {
          HighAction: { EventAction: 'BLOCK', Notify: false },
          MediumAction: { EventAction: 'BLOCK', Notify: false },
          LowAction: { EventAction: 'NO_ACTION', Notify: false },
        },
      },
      CompromisedCredentialsRiskConfiguration: {
        Actions: { EventAction: 'BLOCK' },
        EventFilter: ['SIGN_IN', 'PASSWORD_CHANGE', 'SIGN_UP'],
      },
    });
  });

  test('calls the lockout function before each sign-in; its role may list events and disable users only', () => {
    template.hasResourceProperties('AWS::Cognito::UserPool', {
      LambdaConfig: {
        PreAuthentication: { 'Fn::GetAtt': [Match.stringLikeRegexp('UsersLockout'), 'Arn'] },
      },
    });
    const statements = Object.values(template.findResources('AWS::IAM::ManagedPolicy')).flatMap(
      (policy) => policy.Properties.PolicyDocument.Statement as { Action: unknown }[],
    );
    expect(statements).toEqual([
      {
        Effect: 'Allow',
        Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
        Resource: { 'Fn::GetAtt': [expect.stringMatching(/^UsersLockoutLogs/), 'Arn'] },
      },
      {
        Effect: 'Allow',
        Action: 'sns:Publish',
        Resource: { Ref: expect.stringMatching(/^Incidents/) },
      },
      {
        Effect: 'Allow',
        Action: ['kms:GenerateDataKey', 'kms:Decrypt'],
        Resource: { 'Fn::GetAtt': [expect.stringMatching(/^IncidentsKey/), 'Arn'] },
      },
      {
        Effect: 'Allow',
        Action: ['cognito-idp:AdminListUserAuthEvents', 'cognito-idp:AdminDisableUser'],
        Resource: { 'Fn::GetAtt': [expect.stringMatching(/^Users[0-9A-F]{8}$/), 'Arn'] },
      },
    ]);
    template.hasResourceProperties('AWS::Lambda::Permission', {
      Principal: 'cognito-idp.amazonaws.com',
    });
  });

  test('gives clients short tokens, revocation, no user-existence errors and a failed sign-in alarm', () => {
    template.hasResourceProperties('AWS::Cognito::UserPoolClient', {
      AccessTokenValidity: 15,
      IdTokenValidity: 15,
      RefreshTokenValidity: 1440,
      TokenValidityUnits: { AccessToken: 'minutes', IdToken: 'minutes', RefreshToken: 'minutes' },
      EnableTokenRevocation: true,
      PreventUserExistenceErrors: 'ENABLED',
      ExplicitAuthFlows: ['ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
    });
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      Threshold: 20,
      ComparisonOperator: 'GreaterThanThreshold',
      AlarmActions: [{ Ref: Match.stringLikeRegexp('Incidents') }],
      Metrics: Match.arrayWith([
        Match.objectLike({ Expression: 'attempts - successes' }),
        Match.objectLike({
          Id: 'attempts',
          MetricStat: Match.objectLike({
            Metric: Match.objectLike({ MetricName: 'SignInSuccesses', Namespace: 'AWS/Cognito' }),
            Stat: 'SampleCount',
          }),
        }),
      ]),
    });
  });

  test('offers passkeys with user verification when given a relying party', () => {
    const stack = testStack();
    pool(stack, { passkeyRelyingPartyId: 'auth.example.com' });
    Template.fromStack(stack).hasResourceProperties('AWS::Cognito::UserPool', {
      Policies: Match.objectLike({
        SignInPolicy: { AllowedFirstAuthFactors: ['PASSWORD', 'WEB_AUTHN'] },
      }),
      WebAuthnRelyingPartyID: 'auth.example.com',
      WebAuthnUserVerification: 'required',
      WebAuthnFactorConfiguration: 'MULTI_FACTOR_WITH_USER_VERIFICATION',
      MfaConfiguration: 'ON',
    });
  });

  test('rejects a short password and an opt-out without a reason', () => {
    expect(() => pool(testStack(), { passwordMinLength: 8, selfSignUp: { reason: 'x' } })).toThrow(
      'Test/Users: `passwordMinLength` must be between 12 and 99 (SOC-R1, DPP-NP-6), got: 8; ' +
        '`selfSignUp.reason` must explain the opt-out in at least 20 characters; it is recorded for the auditor (DPP-NP-2), got: "x"',
    );
  });

  test('records self sign-up as an opt-out', () => {
    const stack = testStack();
    const reason = 'Buyers of the storefront create their own accounts.';
    pool(stack, { selfSignUp: { reason } });
    const template = Template.fromStack(stack);
    template.hasResource('AWS::Cognito::UserPool', {
      Properties: Match.objectLike({ AdminCreateUserConfig: { AllowAdminCreateUserOnly: false } }),
      Metadata: {
        'cdk-dpp': Match.objectLike({
          construct: 'SecureUserPool',
          optOuts: [{ setting: 'selfSignUp', clauses: ['DPP-NP-2'], reason }],
        }),
      },
    });
  });

  test.each([
    [
      '2-hour access tokens',
      { accessTokenValidity: Duration.hours(2) },
      '`accessTokenValidity` must be at most 1 hour',
    ],
    [
      '1-day ID tokens',
      { idTokenValidity: Duration.days(1) },
      '`idTokenValidity` must be at most 1 hour',
    ],
    [
      '30-day refresh tokens',
      { refreshTokenValidity: Duration.days(30) },
      '`refreshTokenValidity` must be at most 7 days',
    ],
    [
      'no token revocation',
      { enableTokenRevocation: false },
      '`enableTokenRevocation` must stay on',
    ],
  ])('a client rejects %s', (_name, options, message) => {
    expect(() => pool(testStack()).addClient('Web', options)).toThrow(message);
  });

  test('synthesizes with no open finding of any checker, Control Tower included', () => {
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'dpp-user-pool-'));
    const app = new App({
      outdir,
      builtinCloudFormationValidation: false,
      context: { 'aws:cdk:bundling-stacks': [] },
    });
    registerAllPacks(app);
    Validations.of(app).addPlugins(new ControlTowerChecks());
    pool(new Stack(app, 'Pool')).addClient('Web');
    let failure = '';
    try {
      app.synth();
    } catch (error) {
      failure = String(error);
    }
    const report = path.join(outdir, 'validation-report.json');
    const reports = fs.existsSync(report)
      ? (JSON.parse(fs.readFileSync(report, 'utf8')).pluginReports as {
          pluginName: string;
          violations: { ruleName: string; violatingConstructs: { constructPath: string }[] }[];
        }[])
      : [];
    const open = reports.flatMap((r) =>
      r.violations.flatMap((v) =>
        v.violatingConstructs.map((c) => `${r.pluginName} ${v.ruleName} ${c.constructPath}`),
      ),
    );
    expect({ failure, open }).toEqual({ failure: '', open: [] });
  });
});
