import { Names, Stack, aws_iam as iam, aws_logs as logs } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { ManagedPolicyRole } from '../../constructs/common/managed-policy-role';
import { accountPrincipalWithMfa } from './principals';

/** What an auditor may do on a log group: read events and run queries, never change them. */
export const LOG_READ_ACTIONS: readonly string[] = [
  'logs:DescribeLogStreams',
  'logs:GetLogEvents',
  'logs:FilterLogEvents',
  'logs:StartQuery',
];

/**
 * The auditor (DPP-LP-1, DPP-LM-3): assumed with MFA, reads logs and the archive's metadata,
 * changes nothing. Read access to a log group of another stack is granted by a managed policy
 * created in that stack, so the auditor's stack never depends on the stacks it audits.
 */
export class AuditorRole extends ManagedPolicyRole {
  private readonly logReadPolicies = new Map<Stack, iam.ManagedPolicy>();

  public constructor(scope: Construct, id: string) {
    super(scope, id, {
      assumedBy: accountPrincipalWithMfa(),
      description: 'Auditor: reads logs, the audit trail and archive metadata; changes nothing',
    });
  }

  /** Lets the auditor read the events of `logGroup` and query them. */
  public grantLogRead(logGroup: logs.ILogGroup): void {
    const statement = new iam.PolicyStatement({
      actions: [...LOG_READ_ACTIONS],
      resources: [logGroup.logGroupArn],
    });
    const stack = Stack.of(logGroup);
    if (stack === Stack.of(this)) {
      this.addToPrincipalPolicy(statement);
      return;
    }
    let policy = this.logReadPolicies.get(stack);
    if (!policy) {
      policy = new iam.ManagedPolicy(stack, `${Names.uniqueId(this)}LogRead`, {
        description: `Auditor: read-only access to the log groups of ${stack.stackName}`,
        roles: [this],
      });
      this.logReadPolicies.set(stack, policy);
    }
    policy.addStatements(statement);
  }
}
