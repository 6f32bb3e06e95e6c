import { CfnResource, Stack, Token } from 'aws-cdk-lib';
import { objectOf, recordsOf } from '../../findings';
import { asList } from '../../policy-document';
import {
  isIntrinsic,
  literalText,
  propertiesOf,
  referencedResources,
  tagValue,
} from '../../resolve';

/**
 * What an AWS Backup selection selects, judged as AWS Backup does: the resources it lists (by
 * reference, by ARN pattern with `*` wildcards, or `*`) and those carrying one of its
 * `ListOfTags`, minus its `NotResources`, kept only when every `Conditions` entry holds.
 */

/** Whether a selection selects a store: yes, no, or it cannot be told at synth time. */
export type Selected = 'yes' | 'no' | 'unknown';

/** The ARN shape of each store type AWS Backup protects: service and resource prefix. */
const ARN_SHAPES: Record<string, { service: string; prefix: string; name?: string }> = {
  'AWS::DynamoDB::Table': { service: 'dynamodb', prefix: 'table/', name: 'TableName' },
  'AWS::S3::Bucket': { service: 's3', prefix: '', name: 'BucketName' },
  'AWS::RDS::DBInstance': { service: 'rds', prefix: 'db:', name: 'DBInstanceIdentifier' },
  'AWS::RDS::DBCluster': { service: 'rds', prefix: 'cluster:', name: 'DBClusterIdentifier' },
  'AWS::EFS::FileSystem': { service: 'elasticfilesystem', prefix: 'file-system/' },
};

/** Whether a glob with `*` and `?` wildcards matches `text` whole. */
function globMatches(glob: string, text: string): boolean {
  const pattern = glob
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.');
  return new RegExp(`^${pattern}$`).test(text);
}

/**
 * Whether the region and account of an ARN pattern name the store's stack (S3 ARNs leave both
 * empty): unknown when the pattern fixes one that an environment-agnostic stack does not.
 */
function environmentSelects(region: string, account: string, node: CfnResource): Selected {
  const stack = Stack.of(node);
  const answers = [
    [region, stack.region],
    [account, stack.account],
  ].map(([pattern, actual]): Selected => {
    if (pattern === '' || pattern.includes('${?}') || /^[*?]+$/.test(pattern)) return 'yes';
    if (Token.isUnresolved(actual)) return 'unknown';
    return globMatches(pattern, actual) ? 'yes' : 'no';
  });
  return answers.includes('no') ? 'no' : answers.includes('unknown') ? 'unknown' : 'yes';
}

/**
 * Whether a literal ARN pattern covers a store: `*`, or an ARN of the store's service whose
 * resource part matches the store's name (unknown when the name is generated at deploy time).
 * A part the synth cannot resolve (`${?}`) is a wildcard only in the partition, region and
 * account.
 */
function patternSelects(pattern: string, node: CfnResource): Selected {
  if (pattern === '*') return 'yes';
  const shape = ARN_SHAPES[node.cfnResourceType];
  const parts = pattern.split(':');
  if (!shape || parts.length < 6 || parts[0] !== 'arn') return 'no';
  const service = parts[2];
  if (service !== '*' && service !== shape.service) return 'no';
  const where = environmentSelects(parts[3], parts[4], node);
  if (where !== 'yes') return where;
  const resource = parts.slice(5).join(':');
  if (resource.includes('${?}')) return 'unknown';
  const name = shape.name === undefined ? undefined : literalText(propertiesOf(node)[shape.name]);
  if (name !== undefined && !name.includes('${?}')) {
    return globMatches(resource, `${shape.prefix}${name}`) ? 'yes' : 'no';
  }
  // The name is generated at deploy time: only a pattern that matches every name of the type
  // surely selects the store (`table/*`, `*`); one that may match it cannot be judged.
  const literal = resource.endsWith('*') ? resource.slice(0, -1) : undefined;
  if (literal !== undefined && !/[*?]/.test(literal) && shape.prefix.startsWith(literal)) {
    return 'yes';
  }
  return resource.startsWith(shape.prefix) || /^[*?]/.test(resource) ? 'unknown' : 'no';
}

/** Whether one entry of `Resources` or `NotResources` names the store. */
function entrySelects(selection: CfnResource, entry: unknown, node: CfnResource): Selected {
  const targets = referencedResources(selection, entry);
  if (targets.length > 0) return targets.includes(node) ? 'yes' : 'no';
  const text = literalText(entry);
  if (text === undefined) return isIntrinsic(entry) ? 'unknown' : 'no';
  return patternSelects(text, node);
}

/** The most certain answer of several alternatives: yes over unknown over no. */
function anyOf(answers: Selected[]): Selected {
  if (answers.includes('yes')) return 'yes';
  return answers.includes('unknown') ? 'unknown' : 'no';
}

/** The answer of several conditions that must all hold: no over unknown over yes. */
function allOf(answers: Selected[]): Selected {
  if (answers.includes('no')) return 'no';
  return answers.includes('unknown') ? 'unknown' : 'yes';
}

/** The tag key of a condition key (`aws:ResourceTag/<key>` or the bare key). */
function tagKeyOf(conditionKey: unknown): string {
  return String(conditionKey).replace(/^aws:ResourceTag\//, '');
}

/** Whether a `ListOfTags` entry (STRINGEQUALS, the only type) matches the store's tag. */
function tagSelects(condition: Record<string, unknown>, node: CfnResource): Selected {
  if (isIntrinsic(condition.ConditionKey) || isIntrinsic(condition.ConditionValue)) {
    return 'unknown';
  }
  if (condition.ConditionType !== undefined && condition.ConditionType !== 'STRINGEQUALS') {
    return 'no';
  }
  return tagValue(node, tagKeyOf(condition.ConditionKey)) === condition.ConditionValue
    ? 'yes'
    : 'no';
}

/** The operators of `Conditions`, each a test of the store's tag value against the condition's. */
const CONDITION_TESTS: Record<string, (tag: string | undefined, value: string) => boolean> = {
  StringEquals: (tag, value) => tag === value,
  StringNotEquals: (tag, value) => tag !== value,
  StringLike: (tag, value) => tag !== undefined && globMatches(value, tag),
  StringNotLike: (tag, value) => tag === undefined || !globMatches(value, tag),
};

/** Whether every entry of a selection's `Conditions` holds for the store. */
function conditionsHold(conditions: Record<string, unknown>, node: CfnResource): Selected {
  return allOf(
    Object.entries(CONDITION_TESTS).flatMap(([operator, test]) =>
      recordsOf(conditions[operator]).map((c): Selected => {
        if (isIntrinsic(c.ConditionKey) || isIntrinsic(c.ConditionValue)) return 'unknown';
        return test(tagValue(node, tagKeyOf(c.ConditionKey)), String(c.ConditionValue))
          ? 'yes'
          : 'no';
      }),
    ),
  );
}

/** Whether an `AWS::Backup::BackupSelection` selects the store. */
export function selectionSelects(selection: CfnResource, node: CfnResource): Selected {
  const body = objectOf(propertiesOf(selection).BackupSelection);
  const listed = anyOf([
    ...asList(body.Resources).map((entry) => entrySelects(selection, entry, node)),
    ...recordsOf(body.ListOfTags).map((tag) => tagSelects(tag, node)),
  ]);
  if (listed === 'no') return 'no';
  const excluded = anyOf(asList(body.NotResources).map((e) => entrySelects(selection, e, node)));
  if (excluded === 'yes') return 'no';
  const held = conditionsHold(objectOf(body.Conditions), node);
  return allOf([listed, excluded === 'unknown' ? 'unknown' : 'yes', held]);
}

/** Whether any of the selections selects the store. */
export function anySelectionSelects(selections: CfnResource[], node: CfnResource): Selected {
  return anyOf(selections.map((s) => selectionSelects(s, node)));
}
