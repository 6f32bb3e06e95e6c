import { Acknowledgment, CfnResource, Stack, Validations, aws_iam as iam } from 'aws-cdk-lib';
import { Construct, IConstruct } from 'constructs';
import { recordAcknowledgement } from '../../lib/checks/acknowledgement-record';

/**
 * The acknowledgements cdk-dpp constructs make themselves, for findings their design accepts.
 * Library-internal: not exported from the package, so that `builtIn: true` in the evidence
 * report always means a cdk-dpp construct made it; an operator acknowledges with
 * `Acknowledgements.of(scope).acknowledge`, with an owner and an expiry.
 */

/** The rule-id prefixes of the cdk-nag compliance packs that share rule names. */
export const NIST_AND_HIPAA: readonly string[] = ['NIST.800.53.R5', 'HIPAA.Security'];
const NIST_HIPAA_AND_PCI: readonly string[] = [...NIST_AND_HIPAA, 'PCI.DSS.321'];

/**
 * Acknowledges findings on `scope` (`Validations.of(scope).acknowledge`) and records each as
 * built into the library (`cdk-dpp:acknowledgement` metadata with `builtIn: true` and the
 * construct name).
 * @param construct the cdk-dpp construct that makes the acknowledgement, e.g. `DataBucket`
 */
export function acknowledgeBuiltIn(
  scope: IConstruct,
  construct: string,
  ...acknowledgements: readonly Acknowledgment[]
): void {
  for (const { id, reason } of acknowledgements) {
    Validations.of(scope).acknowledge({ id, reason });
    recordAcknowledgement(scope, { id, builtIn: true, construct });
  }
}

/**
 * Acknowledges one rule that several cdk-nag compliance packs share (e.g.
 * `S3BucketReplicationEnabled`) on `scope`, with one reason, as built in.
 * @param construct the cdk-dpp construct that makes the acknowledgement
 * @param packs the pack prefixes that have the rule; by default NIST 800-53 R5, HIPAA, PCI DSS
 */
export function acknowledgeInCompliancePacks(
  scope: IConstruct,
  construct: string,
  rule: string,
  reason: string,
  packs: readonly string[] = NIST_HIPAA_AND_PCI,
): void {
  acknowledgeBuiltIn(
    scope,
    construct,
    ...packs.map((prefix) => ({ id: `${prefix}-${rule}`, reason })),
  );
}

/**
 * The id of the AwsSolutions wildcard-resource finding (`AwsSolutions-IAM5[Resource::...]`) on a
 * policy that names `resource`: the resource as its stack renders it, with references written
 * the way cdk-nag writes them (`<Logical.Arn>`, `<AWS::AccountId>`). Built from the value the
 * policy names, it holds whether the stack's partition, region and account are literals (a stack
 * with an explicit `env`) or pseudo parameters (an environment-agnostic stack).
 */
export function wildcardResourceFinding(scope: IConstruct, resource: string): string {
  return `AwsSolutions-IAM5[Resource::${flattenedReference(Stack.of(scope).resolve(resource))}]`;
}

/** A resolved CloudFormation value as one string, references in angle brackets. */
function flattenedReference(value: unknown): string {
  if (typeof value === 'string') return value.replace(/\$\{/g, '<').replace(/\}/g, '>');
  if (typeof value !== 'object' || value === null) return JSON.stringify(value);
  const fn = value as Record<string, unknown>;
  if (Array.isArray(fn['Fn::Join'])) {
    const [delimiter, items] = fn['Fn::Join'] as [string, unknown[]];
    return items.map(flattenedReference).join(delimiter);
  }
  if (Array.isArray(fn['Fn::GetAtt'])) {
    const [logicalId, attribute] = fn['Fn::GetAtt'] as [string, string];
    return `<${logicalId}.${attribute}>`;
  }
  if (typeof fn.Ref === 'string') return `<${fn.Ref}>`;
  if ('Fn::Sub' in fn) return flattenedReference(fn['Fn::Sub']);
  if ('Fn::ImportValue' in fn) return flattenedReference(fn['Fn::ImportValue']);
  return JSON.stringify(value);
}

/**
 * Acknowledges, on `grantee`, the AwsSolutions wildcard-resource finding for the items of one
 * store (`<store ARN>/<suffix>`, e.g. a bucket's objects or a table's indexes), as built in:
 * the grant names every item of that one store, with exact actions, and the store admits data
 * requests only through its VPC endpoint.
 * @param construct the cdk-dpp store construct that grants, e.g. `PiiTable`
 */
export function acknowledgeStoreItems(
  grantee: iam.IGrantable,
  store: CfnResource,
  suffix: string,
  construct: string,
): void {
  if (!Construct.isConstruct(grantee)) return;
  const logicalId = Stack.of(store).resolve(store.logicalId);
  acknowledgeBuiltIn(grantee, construct, {
    id: `AwsSolutions-IAM5[Resource::<${logicalId}.Arn>/${suffix}]`,
    reason:
      `The grant names every item of the ${store.node.scope?.node.path} store (${suffix}) with ` +
      'exact actions; the store admits data requests only through its VPC endpoint.',
  });
}
