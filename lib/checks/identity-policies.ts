import { CfnResource } from 'aws-cdk-lib';
import { objectOf, recordsOf } from './findings';
import { StatementJson, statementsOf } from './policy-document';
import { propertiesOf } from './resolve';

/** The IAM types that carry identity policies, and where. */
const INLINE_POLICY_TYPES = ['AWS::IAM::Role', 'AWS::IAM::User', 'AWS::IAM::Group'];
const DOCUMENT_TYPES = ['AWS::IAM::Policy', 'AWS::IAM::ManagedPolicy'];

/** Every IAM type that carries identity policy statements. */
export const IDENTITY_POLICY_TYPES: readonly string[] = [...INLINE_POLICY_TYPES, ...DOCUMENT_TYPES];

/** Whether a resource carries identity policy statements. */
export function hasIdentityPolicies(node: CfnResource): boolean {
  return (
    INLINE_POLICY_TYPES.includes(node.cfnResourceType) ||
    DOCUMENT_TYPES.includes(node.cfnResourceType)
  );
}

/** The identity policy statements a policy, managed policy, role, user or group carries. */
export function identityStatementsOf(node: CfnResource): StatementJson[] {
  const properties = propertiesOf(node);
  if (DOCUMENT_TYPES.includes(node.cfnResourceType)) return statementsOf(properties.PolicyDocument);
  if (INLINE_POLICY_TYPES.includes(node.cfnResourceType)) {
    return recordsOf(properties.Policies).flatMap((p) => statementsOf(objectOf(p).PolicyDocument));
  }
  return [];
}
