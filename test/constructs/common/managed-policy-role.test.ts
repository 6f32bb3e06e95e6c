import { aws_iam as iam, aws_s3 as s3 } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { ManagedPolicyRole } from '../../../constructs/common/managed-policy-role';
import { testStack } from '../../helpers';

describe('ManagedPolicyRole', () => {
  test('grants land in one customer-managed policy attached to the role, none inline', () => {
    const stack = testStack();
    const role = new ManagedPolicyRole(stack, 'Role', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
    });
    const bucket = new s3.Bucket(stack, 'Bucket');
    bucket.grantRead(role);
    bucket.grantPut(role);

    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::IAM::Policy', 0);
    template.resourceCountIs('AWS::IAM::ManagedPolicy', 1);
    const [policy] = Object.values(template.findResources('AWS::IAM::ManagedPolicy'));
    expect(policy.Properties.Roles).toEqual([
      { Ref: stack.getLogicalId(role.node.defaultChild as iam.CfnRole) },
    ]);
    const actions = policy.Properties.PolicyDocument.Statement.flatMap(
      (s: { Action: string | string[] }) => s.Action,
    );
    expect(actions).toEqual(expect.arrayContaining(['s3:GetObject*', 's3:PutObject']));
  });

  test('a role without grants has no policy at all', () => {
    const stack = testStack();
    new ManagedPolicyRole(stack, 'Role', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
    });
    Template.fromStack(stack).resourceCountIs('AWS::IAM::ManagedPolicy', 0);
  });
});
