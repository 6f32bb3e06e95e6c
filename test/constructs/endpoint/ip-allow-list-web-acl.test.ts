import { aws_kms as kms } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import {
  IpAllowListWebAcl,
  MANAGED_RULE_GROUPS,
  WAF_LOG_GROUP_PREFIX,
} from '../../../constructs/endpoint/ip-allow-list-web-acl';
import { testStack } from '../../helpers';

function webAcl(allowedCidrs: string[]) {
  const stack = testStack();
  const acl = new IpAllowListWebAcl(stack, 'Waf', { allowedCidrs });
  return { stack, acl, template: Template.fromStack(stack) };
}

describe('IpAllowListWebAcl', () => {
  test('runs the AWS managed rule groups first, then allows the IP set; blocks the rest', () => {
    const { template, stack, acl } = webAcl(['203.0.113.0/24']);
    const rules = MANAGED_RULE_GROUPS.map((name, priority) =>
      Match.objectLike({
        Name: name,
        Priority: priority,
        OverrideAction: { None: {} },
        Statement: { ManagedRuleGroupStatement: { VendorName: 'AWS', Name: name } },
      }),
    );
    template.hasResourceProperties('AWS::WAFv2::WebACL', {
      DefaultAction: { Block: {} },
      Rules: [
        ...rules,
        Match.objectLike({
          Name: 'AllowListedAddresses',
          Priority: MANAGED_RULE_GROUPS.length,
          Action: { Allow: {} },
          Statement: { IPSetReferenceStatement: { Arn: stack.resolve(acl.ipSets[0].attrArn) } },
        }),
      ],
    });
  });

  test('IPv4 and IPv6 ranges get one IP set each, allowed by either', () => {
    const { template, stack, acl } = webAcl(['203.0.113.0/24', '2001:db8::/32']);
    template.hasResourceProperties('AWS::WAFv2::IPSet', {
      IPAddressVersion: 'IPV4',
      Addresses: ['203.0.113.0/24'],
    });
    template.hasResourceProperties('AWS::WAFv2::IPSet', {
      IPAddressVersion: 'IPV6',
      Addresses: ['2001:db8::/32'],
    });
    template.hasResourceProperties('AWS::WAFv2::WebACL', {
      Rules: Match.arrayWith([
        Match.objectLike({
          Name: 'AllowListedAddresses',
          Statement: {
            OrStatement: {
              Statements: acl.ipSets.map((s) => ({
                IPSetReferenceStatement: { Arn: stack.resolve(s.attrArn) },
              })),
            },
          },
        }),
      ]),
    });
  });

  test('logs to an encrypted PII-free log group named for WAF, redacting credentials', () => {
    const { template, stack, acl } = webAcl(['203.0.113.0/24']);
    template.hasResourceProperties('AWS::Logs::LogGroup', {
      LogGroupName: Match.stringLikeRegexp(`^${WAF_LOG_GROUP_PREFIX}`),
      KmsKeyId: stack.resolve((acl.node.findChild('LogKey') as kms.IKey).keyArn),
      DataProtectionPolicy: Match.objectLike({ Name: 'cdk-dpp-mask-pii' }),
    });
    template.hasResourceProperties('AWS::WAFv2::LoggingConfiguration', {
      ResourceArn: stack.resolve(acl.webAcl.attrArn),
      LogDestinationConfigs: [stack.resolve(acl.logGroup.logGroupArn)],
      RedactedFields: [
        { SingleHeader: { Name: 'authorization' } },
        { SingleHeader: { Name: 'cookie' } },
        { QueryString: {} },
      ],
    });
  });

  test.each([
    '0.0.0.0/0',
    '::/0',
    '0.0.0.0/1',
    '2.0.0.0/7',
    '2000::/3',
    '10.0.0.0',
    'not-a-cidr',
    '10.0.0.256/24',
    '10.0.0.0/33',
    '2001:db8::/129',
    '10.0.0/24',
  ])('the CIDR %s throws with DPP-NP-1', (cidr) => {
    expect(() => webAcl([cidr])).toThrow(
      `\`allowedCidrs\` must hold bounded CIDRs only, never 0.0.0.0/0 or ::/0 nor more public addresses than an IPv4 /8 or an IPv6 /16 (DPP-NP-1), got: ${cidr}`,
    );
  });

  test('CIDRs that admit more than a /8 of the internet together throw', () => {
    expect(() => webAcl(['3.0.0.0/9', '4.0.0.0/9', '5.0.0.0/9'])).toThrow(
      '`allowedCidrs` must not, all together, admit more public addresses than an IPv4 /8 or an IPv6 /16 (DPP-NP-1), got: 3.0.0.0/9, 4.0.0.0/9, 5.0.0.0/9',
    );
  });

  test.each(['3.0.0.0/8', '10.0.0.0/8', '203.0.113.7/32', '2001:db8::/128', '2001:db8::/16'])(
    'the CIDR %s is accepted',
    (cidr) => {
      expect(() => webAcl([cidr])).not.toThrow();
    },
  );
});
