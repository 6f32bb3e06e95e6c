import { Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { DppEnvironment, KillSwitchState, PARAMETER_CHANGE_ACTIONS } from '../../lib';
import { environmentApp, stacksOf } from './environment-app';

interface Statement {
  Effect: string;
  Action: string | string[];
  Resource?: unknown;
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
  const app = environmentApp();
  const environment = new DppEnvironment(app, 'Dpp');
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
