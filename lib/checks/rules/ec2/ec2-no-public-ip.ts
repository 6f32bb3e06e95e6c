import { CfnResource } from 'aws-cdk-lib';
import { NagRuleCompliance, NagRuleResult } from 'cdk-nag';
import { Findings, isTrue, objectOf, recordsOf } from '../../findings';
import { propertiesOf } from '../../resolve';

/**
 * Compliant when no instance or launch template asks for a public IP address and no subnet
 * gives one to every instance launched in it.
 */
export function ec2NoPublicIp(node: CfnResource): NagRuleResult {
  const type = node.cfnResourceType;
  if (!['AWS::EC2::Subnet', 'AWS::EC2::Instance', 'AWS::EC2::LaunchTemplate'].includes(type)) {
    return NagRuleCompliance.NOT_APPLICABLE;
  }
  const properties = propertiesOf(node);
  const findings = new Findings(node);
  switch (type) {
    case 'AWS::EC2::Subnet':
      return findings
        .check(
          properties.MapPublicIpOnLaunch,
          'MapPublicIpOnLaunch',
          (v) => !isTrue(v),
          'MapPublicIpOnLaunch',
        )
        .result();
    case 'AWS::EC2::Instance':
    case 'AWS::EC2::LaunchTemplate': {
      const source =
        node.cfnResourceType === 'AWS::EC2::Instance'
          ? properties
          : objectOf(properties.LaunchTemplateData);
      for (const nic of recordsOf(source.NetworkInterfaces)) {
        findings.check(
          nic.AssociatePublicIpAddress,
          'AssociatePublicIpAddress',
          (v) => !isTrue(v),
          'PublicIp',
        );
      }
      return findings.result();
    }
    default:
      return NagRuleCompliance.NOT_APPLICABLE;
  }
}
