import { Validations, aws_iam as iam, custom_resources as cr } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { awsApiCall, awsApiCallRole } from '../../../constructs/monitoring/aws-api-call';
import { allPacks, findings, testStack } from '../../helpers';

const call = (action: string): cr.AwsSdkCall => ({
  service: 'SSM',
  action,
  parameters: { Name: '/example' },
  physicalResourceId: cr.PhysicalResourceId.of(action),
});

describe('awsApiCall', () => {
  test('every call of a stack shares one role and one log group, with exact statements', () => {
    const stack = testStack();
    awsApiCall(stack, 'First', {
      onCreate: call('putParameter'),
      statements: [
        new iam.PolicyStatement({
          actions: ['ssm:PutParameter'],
          resources: ['arn:aws:ssm:eu-west-1:111122223333:parameter/example'],
        }),
      ],
    });
    awsApiCall(stack, 'Second', {
      onCreate: call('addTagsToResource'),
      statements: [
        new iam.PolicyStatement({
          actions: ['ssm:AddTagsToResource'],
          resources: ['arn:aws:ssm:eu-west-1:111122223333:parameter/example'],
        }),
      ],
    });
    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::Lambda::Function', 1);
    template.resourceCountIs('AWS::IAM::Policy', 0);
    const [fn] = Object.values(template.findResources('AWS::Lambda::Function'));
    const roleId = stack.getLogicalId(awsApiCallRole(stack).node.defaultChild as never);
    expect(fn.Properties.Role).toEqual({ 'Fn::GetAtt': [roleId, 'Arn'] });
    expect(fn.Properties.LoggingConfig.LogGroup.Ref).toMatch(/^CdkDppAwsApiCallSupportLogs/);
    const [policy] = Object.values(template.findResources('AWS::IAM::ManagedPolicy'));
    expect(
      policy.Properties.PolicyDocument.Statement.map((s: { Action: string }) => s.Action),
    ).toEqual([
      ['logs:CreateLogStream', 'logs:PutLogEvents'],
      'ssm:PutParameter',
      'ssm:AddTagsToResource',
    ]);
  });

  test('the provider findings that cannot apply are acknowledged on the provider alone, once', () => {
    const stack = testStack();
    awsApiCall(stack, 'First', { onCreate: call('putParameter'), statements: [] });
    awsApiCall(stack, 'Second', { onCreate: call('putParameter'), statements: [] });
    const provider = stack.node.findChild('AWS679f53fac002430cb0da5b7982bd2287');
    const acknowledged = provider.node.metadata
      .filter((m) => m.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
      .flatMap((m) => Object.keys(m.data as object));
    expect(acknowledged).toEqual([
      'Annotation::NIST.800.53.R5-LambdaInsideVPC',
      'Annotation::HIPAA.Security-LambdaInsideVPC',
      'Annotation::PCI.DSS.321-LambdaInsideVPC',
      'Annotation::NIST.800.53.R5-LambdaConcurrency',
      'Annotation::HIPAA.Security-LambdaConcurrency',
      'Annotation::NIST.800.53.R5-LambdaDLQ',
      'Annotation::HIPAA.Security-LambdaDLQ',
    ]);
    expect(findings(stack, allPacks())).toEqual([]);
  });

  test('a statement on all resources is a finding unless its reason is given', () => {
    const withoutReason = testStack();
    const statement = () =>
      new iam.PolicyStatement({ actions: ['inspector2:Enable'], resources: ['*'] });
    awsApiCall(withoutReason, 'Call', { onCreate: call('x'), statements: [statement()] });
    expect(findings(withoutReason, allPacks()).map((f) => f.rule)).toEqual([
      'AwsSolutions-IAM5[Resource::*]',
    ]);

    const withReason = testStack();
    awsApiCall(withReason, 'Call', {
      onCreate: call('x'),
      statements: [statement()],
      allResourcesReason: 'inspector2:Enable has no resource-level permission.',
    });
    expect(findings(withReason, allPacks())).toEqual([]);
  });
});
