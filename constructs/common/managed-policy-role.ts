import { aws_iam as iam } from 'aws-cdk-lib';

/**
 * An IAM role whose granted permissions live in one customer-managed policy attached to it,
 * not in an inline policy: managed policies are versioned, reviewable on their own and
 * reusable (NIST 800-53 AC-6, the cdk-nag `IAMNoInlinePolicy` rules). Every `grant*` of
 * aws-cdk-lib on the role lands in that policy.
 */
export class ManagedPolicyRole extends iam.Role {
  private grantsPolicy?: iam.ManagedPolicy;

  /** Adds the statement to the role's managed policy, created on first use. */
  public override addToPrincipalPolicy(
    statement: iam.PolicyStatement,
  ): iam.AddToPrincipalPolicyResult {
    this.grantsPolicy ??= new iam.ManagedPolicy(this, 'Grants', { roles: [this] });
    this.grantsPolicy.addStatements(statement);
    return { statementAdded: true, policyDependable: this.grantsPolicy };
  }
}
