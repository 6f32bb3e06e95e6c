import { CfnResource } from 'aws-cdk-lib';
import { objectOf, recordsOf } from './findings';
import { asList, parsedDocument, StatementJson, statementsOf } from './policy-document';
import { isIntrinsic, propertiesOf } from './resolve';

/** Where each IAM type keeps its identity policy documents. */
const DOCUMENT_LOCATIONS: Record<string, (properties: Record<string, unknown>) => unknown[]> = {
  'AWS::IAM::Role': inlinePolicies,
  'AWS::IAM::User': inlinePolicies,
  'AWS::IAM::Group': inlinePolicies,
  'AWS::IAM::Policy': (p) => [p.PolicyDocument],
  'AWS::IAM::ManagedPolicy': (p) => [p.PolicyDocument],
  'AWS::IAM::RolePolicy': (p) => [p.PolicyDocument],
  'AWS::IAM::UserPolicy': (p) => [p.PolicyDocument],
  'AWS::IAM::GroupPolicy': (p) => [p.PolicyDocument],
  'AWS::SSO::PermissionSet': (p) => [p.InlinePolicy],
};

/** Where each type lists the managed policies it attaches, by ARN. */
const MANAGED_POLICY_LOCATIONS: Record<string, string> = {
  'AWS::IAM::Role': 'ManagedPolicyArns',
  'AWS::IAM::User': 'ManagedPolicyArns',
  'AWS::IAM::Group': 'ManagedPolicyArns',
  'AWS::SSO::PermissionSet': 'ManagedPolicies',
};

function inlinePolicies(properties: Record<string, unknown>): unknown[] {
  return recordsOf(properties.Policies).map((p) => p.PolicyDocument);
}

/**
 * Every type that carries identity policy statements: roles, users and groups (inline
 * policies), policies and managed policies, the separate `RolePolicy`/`UserPolicy`/`GroupPolicy`
 * resources, and IAM Identity Center permission sets.
 */
export const IDENTITY_POLICY_TYPES: readonly string[] = Object.keys(DOCUMENT_LOCATIONS);

/** Whether a resource carries identity policy statements. */
export function hasIdentityPolicies(node: CfnResource): boolean {
  return DOCUMENT_LOCATIONS[node.cfnResourceType] !== undefined;
}

/** The identity policy documents of a resource, JSON strings parsed; absent ones left out. */
export function identityDocumentsOf(node: CfnResource): unknown[] {
  const locate = DOCUMENT_LOCATIONS[node.cfnResourceType];
  if (!locate) return [];
  return locate(propertiesOf(node))
    .filter((d) => d !== undefined)
    .map(parsedDocument);
}

/**
 * Whether one of the identity policy documents is a value the synth cannot read (a parameter,
 * an import, a string that is not a JSON policy).
 */
export function hasUnreadableIdentityDocument(node: CfnResource): boolean {
  return identityDocumentsOf(node).some(
    (d) => d === undefined || isIntrinsic(d) || typeof d !== 'object',
  );
}

/** The identity policy statements a policy, managed policy, role, user or group carries. */
export function identityStatementsOf(node: CfnResource): StatementJson[] {
  return identityDocumentsOf(node).flatMap(statementsOf);
}

/** The managed policy ARNs a role, user, group or permission set attaches, as resolved. */
export function managedPolicyArnsOf(node: CfnResource): unknown[] {
  const property = MANAGED_POLICY_LOCATIONS[node.cfnResourceType];
  return property ? asList(objectOf(propertiesOf(node))[property]) : [];
}
