import { CfnResource } from 'aws-cdk-lib';
import { recordsOf } from '../../findings';
import { propertiesOf } from '../../resolve';

/**
 * The ingress rules a resource opens: the inline rules of a security group, or a standalone
 * ingress rule.
 */
export function ingressRulesOf(node: CfnResource): Record<string, unknown>[] {
  if (node.cfnResourceType === 'AWS::EC2::SecurityGroup') {
    return recordsOf(propertiesOf(node).SecurityGroupIngress);
  }
  if (node.cfnResourceType === 'AWS::EC2::SecurityGroupIngress') return [propertiesOf(node)];
  return [];
}

/** The types that open ingress: a security group and a standalone ingress rule. */
export const INGRESS_TYPES: readonly string[] = [
  'AWS::EC2::SecurityGroup',
  'AWS::EC2::SecurityGroupIngress',
];

/** Whether a resource can open ingress (a security group or a standalone ingress rule). */
export function opensIngress(node: CfnResource): boolean {
  return (
    node.cfnResourceType === 'AWS::EC2::SecurityGroup' ||
    node.cfnResourceType === 'AWS::EC2::SecurityGroupIngress'
  );
}
