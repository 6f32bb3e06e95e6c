import { StatementJson, asList, statementsOf } from '../../../lib/checks/policy-document';
import { EnvironmentTemplates, TemplateResource } from './environment-templates';

/** An IAM role of the environment, with every statement the template attaches to it. */
export interface EnvironmentRole {
  readonly resource: TemplateResource;
  /** The role's ARN, as `EnvironmentTemplates.resolve` gives it. */
  readonly arn: string;
  /** A short name: the construct path without the environment's prefix and `/Resource`. */
  readonly name: string;
  /** The principals of its trust policy (`lambda.amazonaws.com`, an account root ARN). */
  readonly trustedServices: string[];
  readonly trustedAccounts: string[];
  /** The statements of its inline policies and of the policies of the template attached to it. */
  readonly statements: StatementJson[];
  /** Managed policies the template names by ARN only (AWS-managed): their statements are unknown. */
  readonly managedPolicyArns: string[];
}

/** Every `AWS::IAM::Role` of every stack, with its trust and its policies. */
export function environmentRoles(templates: EnvironmentTemplates): EnvironmentRole[] {
  const policies = [
    ...templates.resources('AWS::IAM::Policy'),
    ...templates.resources('AWS::IAM::ManagedPolicy'),
  ];
  return templates.resources('AWS::IAM::Role').map((resource) => {
    const trust = templates.statements(resource, 'AssumeRolePolicyDocument');
    const principals = trust.map((s) => (s.Principal ?? {}) as Record<string, unknown>);
    const attached = policies.filter((policy) =>
      asList(templates.property(policy, 'Roles')).includes(resource.ref),
    );
    const inline = asList(templates.property(resource, 'Policies')) as {
      PolicyDocument: unknown;
    }[];
    const managedRefs = new Set(attached.map((p) => p.ref));
    return {
      resource,
      arn: `«${resource.stack}:${resource.logicalId}.Arn»`,
      name: shortName(resource.path),
      trustedServices: principals.flatMap((p) => asList(p.Service).map(String)),
      trustedAccounts: principals.flatMap((p) => asList(p.AWS).map(String)),
      statements: [
        ...inline.flatMap((p) => statementsOf(p.PolicyDocument)),
        ...attached.flatMap((p) => templates.statements(p, 'PolicyDocument')),
      ],
      managedPolicyArns: asList(templates.property(resource, 'ManagedPolicyArns'))
        .map(String)
        .filter((arn) => !managedRefs.has(arn)),
    };
  });
}

/** `Dpp/Data/ApplicationRole/Resource` as `Data/ApplicationRole`. */
export function shortName(path: string): string {
  return path.replace(/^[^/]+\//, '').replace(/\/Resource$/, '');
}
