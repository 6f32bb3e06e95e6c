import { AspectPriority, Aspects, IAspect, aws_iam as iam } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { PiiKey } from '../../constructs/encryption/pii-key';

/**
 * The key-policy statement that lets no one create a KMS grant except for an AWS service acting
 * on an AWS resource (DPP-ES-2; AWS Control Tower control CT.KMS.PR.3). A grant is a second
 * path to the key beside its policy: without this, a principal allowed `kms:CreateGrant` by
 * an IAM policy could hand key use to a person.
 */
export function denyGrantsToPeopleStatement(): iam.PolicyStatement {
  return new iam.PolicyStatement({
    sid: 'DenyGrantsExceptForAwsResources',
    effect: iam.Effect.DENY,
    principals: [new iam.AnyPrincipal()],
    actions: ['kms:CreateGrant'],
    resources: ['*'],
    conditions: {
      BoolIfExists: {
        'kms:GrantIsForAWSResource': 'false',
        'aws:PrincipalIsAWSService': 'false',
      },
    },
  });
}

/**
 * Adds `denyGrantsToPeopleStatement()` to the policy of every `PiiKey` in a scope, including the
 * keys that constructs create for themselves (archive, backup vault, audit log bucket).
 */
export class KeyGrantGuard implements IAspect {
  /** Guards every `PiiKey` under `scope`. */
  public static applyTo(scope: IConstruct): void {
    Aspects.of(scope).add(new KeyGrantGuard(), { priority: AspectPriority.MUTATING });
  }

  private readonly guarded = new WeakSet<PiiKey>();

  public visit(node: IConstruct): void {
    if (node instanceof PiiKey && !this.guarded.has(node)) {
      this.guarded.add(node);
      node.addToResourcePolicy(denyGrantsToPeopleStatement());
    }
  }
}
