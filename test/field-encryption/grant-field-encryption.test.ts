import { aws_iam as iam } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { PiiKey } from '../../constructs/encryption/pii-key';
import { testStack } from '../helpers';

describe('PiiKey.grantFieldEncryption', () => {
  function grantedStack() {
    const stack = testStack();
    const key = new PiiKey(stack, 'Key');
    const role = new iam.Role(stack, 'App', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
    });
    key.grantFieldEncryption(role);
    return { template: Template.fromStack(stack), stack, key, role };
  }

  test('the key policy names the role with exactly GenerateDataKey and Decrypt', () => {
    const { template, stack, role } = grantedStack();
    const policy = template.findResources('AWS::KMS::Key');
    const statements = Object.values(policy)[0].Properties.KeyPolicy.Statement as {
      Action: string | string[];
      Principal: unknown;
    }[];
    const roleArn = stack.resolve(role.roleArn);
    const forRole = statements.filter(
      (s) => JSON.stringify(s.Principal) === JSON.stringify({ AWS: roleArn }),
    );
    expect(forRole).toHaveLength(1);
    expect(forRole[0].Action).toEqual(['kms:GenerateDataKey', 'kms:Decrypt']);
  });

  test("the role's own policy allows exactly those actions on this key only", () => {
    const { template, stack, key } = grantedStack();
    template.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: {
        Statement: [
          {
            Effect: 'Allow',
            Action: ['kms:GenerateDataKey', 'kms:Decrypt'],
            Resource: stack.resolve(key.keyArn),
          },
        ],
      },
    });
  });

  test('no statement of the key policy grants kms:Encrypt', () => {
    const { template } = grantedStack();
    template.hasResourceProperties('AWS::KMS::Key', {
      KeyPolicy: {
        Statement: Match.not(
          Match.arrayWith([Match.objectLike({ Action: Match.arrayWith(['kms:Encrypt']) })]),
        ),
      },
    });
  });
});
