import { asList } from '../../../lib/checks/policy-document';
import { EnvironmentRole, shortName } from './environment-roles';
import { EnvironmentTemplates } from './environment-templates';

/** Who sends a role's requests, and from where. */
export type Caller =
  | {
      /** A Lambda function attached to subnets of a VPC. */
      readonly kind: 'function in a VPC';
      readonly name: string;
      readonly vpc: string;
      readonly subnets: string[];
      readonly securityGroups: string[];
    }
  | {
      /** A Lambda function outside any VPC, an AWS service, or a person: public endpoints. */
      readonly kind: 'outside the VPC';
      readonly name: string;
    };

/**
 * The callers of a role: the Lambda functions that run as it; for a role no function runs as,
 * the services and accounts its trust policy names, which call from outside the VPC.
 */
export function callersOf(templates: EnvironmentTemplates, role: EnvironmentRole): Caller[] {
  const functions = templates
    .resources('AWS::Lambda::Function')
    .filter((fn) => templates.property(fn, 'Role') === role.arn);
  if (functions.length > 0) {
    return functions.map((fn): Caller => {
      const vpcConfig = templates.property(fn, 'VpcConfig') as
        { SubnetIds?: unknown; SecurityGroupIds?: unknown } | undefined;
      const name = `function ${shortName(fn.path)}`;
      const subnets = asList(vpcConfig?.SubnetIds).map(String);
      if (subnets.length === 0) return { kind: 'outside the VPC', name };
      const subnet = templates.resourceNamedBy(subnets[0]);
      return {
        kind: 'function in a VPC',
        name,
        vpc: String(subnet ? templates.property(subnet, 'VpcId') : undefined),
        subnets,
        securityGroups: asList(vpcConfig?.SecurityGroupIds).map(String),
      };
    });
  }
  return [
    ...role.trustedServices.map((s): Caller => ({ kind: 'outside the VPC', name: `service ${s}` })),
    ...role.trustedAccounts.map((a): Caller => ({
      kind: 'outside the VPC',
      name: `principal ${a}`,
    })),
  ];
}
