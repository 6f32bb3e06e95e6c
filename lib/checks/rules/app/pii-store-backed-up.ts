import { CfnResource, Stack, Token } from 'aws-cdk-lib';
import { NagRuleCompliance, NagRuleResult } from 'cdk-nag';
import { DATA_CLASS_TAG, DataClass } from '../../../../constructs/common/data-class';
import { isPiiStore } from '../../data-stores';
import { objectOf, recordsOf } from '../../findings';
import { asList } from '../../policy-document';
import { isIntrinsic, literalText, propertiesOf, referencedResources } from '../../resolve';
import { appFact } from './app-index';

/** The data stores AWS Backup can protect. */
export const BACKUP_SUPPORTED_TYPES: readonly string[] = [
  'AWS::S3::Bucket',
  'AWS::DynamoDB::Table',
  'AWS::RDS::DBInstance',
  'AWS::RDS::DBCluster',
  'AWS::EFS::FileSystem',
];

/** What the app's backup selections cover. */
interface BackupCoverage {
  /** Resources selected by reference. */
  readonly selected: Set<CfnResource>;
  /** Whether a selection takes every resource, or every `pii`-tagged one. */
  readonly allPii: boolean;
  /** Whether a selection names resources the rule cannot follow (an import from outside the app). */
  readonly unresolved: boolean;
  /** The literal ARNs and ARN patterns (`table/orders-*`) selections name. */
  readonly patterns: string[];
}

/** Stands for a part of a store's ARN the template does not fix (an environment-agnostic region). */
const UNKNOWN = '\u0000';

/**
 * Whether a literal ARN or ARN pattern of a selection names the store's ARN: `*` matches
 * anything, as AWS Backup reads it, and a part only a token gives (`${?}`, such as the stack's
 * region) matches any one ARN part. The partition is the pattern's own when the stack does not
 * fix it (CloudFormation's `AWS::Partition`): it is the account's, not a choice of the template.
 */
function namesStore(pattern: string, store: StoreArn): boolean {
  const partition = store.partition ?? pattern.split(':')[1] ?? UNKNOWN;
  const arn = `arn:${partition}:${store.rest}`;
  const parts = pattern.split(/(\$\{\?\}|\*)/).map((part) => {
    if (part === '${?}') return '[^:]*';
    if (part === '*') return '.*';
    return part.replace(/[.+?^${}()|[\]\\]/g, '\\$&');
  });
  return new RegExp(`^${parts.join('')}$`).test(arn);
}

/** A store's ARN: its partition when the stack fixes it, and the text after `arn:<partition>:`. */
interface StoreArn {
  readonly partition?: string;
  readonly rest: string;
}

/** The literal text of a part of the stack's environment, or UNKNOWN. */
function environmentPart(value: string): string {
  return Token.isUnresolved(value) ? UNKNOWN : value;
}

/**
 * The ARN of a store built from its literal name, the way an ARN pattern of a selection names
 * it; undefined when the store has no literal name.
 */
function storeArn(node: CfnResource): StoreArn | undefined {
  const properties = propertiesOf(node);
  const stack = Stack.of(node);
  const partition = Token.isUnresolved(stack.partition) ? undefined : stack.partition;
  const region = environmentPart(stack.region);
  const account = environmentPart(stack.account);
  const name = (property: string): string | undefined => {
    const value = properties[property];
    return typeof value === 'string' && !Token.isUnresolved(value) ? value : undefined;
  };
  const regional = (service: string, resource: string | undefined): StoreArn | undefined =>
    resource === undefined
      ? undefined
      : { partition, rest: `${service}:${region}:${account}:${resource}` };
  switch (node.cfnResourceType) {
    case 'AWS::S3::Bucket': {
      const bucket = name('BucketName');
      return bucket === undefined ? undefined : { partition, rest: `s3:::${bucket}` };
    }
    case 'AWS::DynamoDB::Table': {
      const table = name('TableName');
      return regional('dynamodb', table && `table/${table}`);
    }
    case 'AWS::RDS::DBInstance': {
      const id = name('DBInstanceIdentifier');
      return regional('rds', id && `db:${id.toLowerCase()}`);
    }
    case 'AWS::RDS::DBCluster': {
      const id = name('DBClusterIdentifier');
      return regional('rds', id && `cluster:${id.toLowerCase()}`);
    }
    default:
      return undefined;
  }
}

function selectsPiiTag(selection: Record<string, unknown>): boolean {
  const byTag = recordsOf(selection.ListOfTags).some(
    (t) => t.ConditionKey === DATA_CLASS_TAG && t.ConditionValue === DataClass.PII,
  );
  const byCondition = recordsOf(objectOf(selection.Conditions).StringEquals).some(
    (c) =>
      c.ConditionKey === `aws:ResourceTag/${DATA_CLASS_TAG}` && c.ConditionValue === DataClass.PII,
  );
  return byTag || byCondition || asList(selection.Resources).includes('*');
}

function backupCoverage(selections: CfnResource[]): BackupCoverage {
  const selected = new Set<CfnResource>();
  let allPii = false;
  let unresolved = false;
  const patterns: string[] = [];
  for (const resource of selections) {
    const selection = objectOf(propertiesOf(resource).BackupSelection);
    for (const arn of asList(selection.Resources)) {
      const targets = referencedResources(resource, arn);
      targets.forEach((r) => selected.add(r));
      const text = literalText(arn);
      if (targets.length === 0 && text !== undefined) patterns.push(text);
      unresolved = unresolved || (targets.length === 0 && isIntrinsic(arn) && !text);
    }
    allPii = allPii || selectsPiiTag(selection);
  }
  return { selected, allPii, unresolved, patterns };
}

/**
 * Compliant when a `pii` store that AWS Backup supports is selected by a backup selection of
 * the app: by reference, by its `dpp:data-class` = `pii` tag, or by a literal ARN or ARN
 * pattern (`arn:aws:dynamodb:eu-west-1:111111111111:table/orders-*`) that its literal name
 * matches. A part of the store's ARN the template does not fix (the region of an
 * environment-agnostic stack) matches only a wildcard or a token of the pattern.
 */
export function piiStoreBackedUp(node: CfnResource): NagRuleResult {
  if (!isPiiStore(node) || !BACKUP_SUPPORTED_TYPES.includes(node.cfnResourceType)) {
    return NagRuleCompliance.NOT_APPLICABLE;
  }
  const coverage = appFact(node, 'AWS::Backup::BackupSelection', backupCoverage);
  if (coverage.allPii || coverage.selected.has(node)) return NagRuleCompliance.COMPLIANT;
  const arn = storeArn(node);
  if (arn !== undefined && coverage.patterns.some((p) => namesStore(p, arn))) {
    return NagRuleCompliance.COMPLIANT;
  }
  return [coverage.unresolved ? 'Unresolved::BackupSelection' : 'NoBackupSelection'];
}
