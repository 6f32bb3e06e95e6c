import { CfnResource } from 'aws-cdk-lib';
import { NagRuleCompliance, NagRuleResult } from 'cdk-nag';
import { DATA_CLASS_TAG } from '../../../../constructs/common/data-class';
import { AMAZON_DATA_MAX_RETENTION } from '../../../../constructs/common/retention-limits';
import {
  isDataClass,
  isDataStore,
  mayHoldAmazonData,
  maxRetentionDays,
  storeClass,
} from '../../data-stores';
import { Findings, objectOf, recordsOf } from '../../findings';
import { asList } from '../../policy-document';
import { appResourcesOfType, propertiesOf, referencedResources } from '../../resolve';
import { BACKUP_SUPPORTED_TYPES } from '../app/pii-store-backed-up';
import { selectionSelects } from './backup-selection';

/** AWS Backup keeps a recovery point in cold storage for at least 90 days. */
const COLD_STORAGE_MIN_DAYS = 90;

/** The limit of a class named by a tag condition on `dpp:data-class`, if it names one. */
function tagLimit(condition: Record<string, unknown>): number | undefined {
  const key = String(condition.ConditionKey).replace(/^aws:ResourceTag\//, '');
  const value = condition.ConditionValue;
  if (key !== DATA_CLASS_TAG || typeof value !== 'string' || !isDataClass(value)) return undefined;
  return maxRetentionDays(value);
}

/**
 * The longest the plan may keep a recovery point: the shortest class limit of what its
 * selections may take. A store of the app counts with its class (unclassified: Amazon data); a
 * tag selection of a class with that class's limit; any other resource it names outside the
 * app is presumed to hold Amazon data. Undefined when nothing it selects has a limit.
 */
function planLimit(plan: CfnResource): number | undefined {
  const selections = appResourcesOfType(plan, 'AWS::Backup::BackupSelection').filter((s) =>
    referencedResources(s, propertiesOf(s).BackupPlanId).includes(plan),
  );
  const limits: number[] = [];
  for (const type of BACKUP_SUPPORTED_TYPES) {
    for (const store of appResourcesOfType(plan, type).filter(isDataStore)) {
      if (!mayHoldAmazonData(store)) continue;
      if (selections.every((s) => selectionSelects(s, store) === 'no')) continue;
      limits.push(maxRetentionDays(storeClass(store)) ?? AMAZON_DATA_MAX_RETENTION.toDays());
    }
  }
  for (const selection of selections) {
    const body = objectOf(propertiesOf(selection).BackupSelection);
    const conditions = objectOf(body.Conditions);
    for (const condition of [
      ...recordsOf(body.ListOfTags),
      ...recordsOf(conditions.StringEquals),
      ...recordsOf(conditions.StringLike),
    ]) {
      const limit = tagLimit(condition);
      if (limit !== undefined) limits.push(limit);
    }
    const outside = asList(body.Resources).some(
      (entry) => referencedResources(selection, entry).length === 0,
    );
    if (outside) limits.push(AMAZON_DATA_MAX_RETENTION.toDays());
  }
  return limits.length === 0 ? undefined : Math.min(...limits);
}

/**
 * Judges one lifecycle (of a rule or of a copy): cold storage that AWS Backup would refuse,
 * and, when the plan has a limit, a recovery point kept forever or past it.
 */
function checkLifecycle(
  findings: Findings,
  lifecycle: unknown,
  limit: number | undefined,
  codes: { forever: string; tooLong: string; cold: string },
): void {
  const { DeleteAfterDays: deleteAfter, MoveToColdStorageAfterDays: cold } = objectOf(lifecycle);
  for (const [property, value] of [
    ['DeleteAfterDays', deleteAfter],
    ['MoveToColdStorageAfterDays', cold],
  ] as const) {
    if (findings.cannotJudge(value)) {
      findings.add(`Unresolved::${property}`);
      return;
    }
  }
  if (cold !== undefined && deleteAfter !== undefined) {
    findings.unless(Number(deleteAfter) >= Number(cold) + COLD_STORAGE_MIN_DAYS, codes.cold);
  }
  if (limit === undefined) return;
  if (deleteAfter === undefined) findings.add(codes.forever);
  else findings.unless(Number(deleteAfter) <= limit, codes.tooLong);
}

/**
 * Compliant when every rule of a backup plan, and every copy it makes, deletes its recovery
 * points within the limit of the strictest class the plan's selections may take (pii: 30 days,
 * amazon-data: 18 months), never keeps them forever, and keeps a recovery point moved to cold
 * storage the 90 days AWS Backup requires there.
 */
export function backupPlanRetention(node: CfnResource): NagRuleResult {
  if (node.cfnResourceType !== 'AWS::Backup::BackupPlan') return NagRuleCompliance.NOT_APPLICABLE;
  const limit = planLimit(node);
  const findings = new Findings(node);
  for (const rule of recordsOf(objectOf(propertiesOf(node).BackupPlan).BackupPlanRule)) {
    const name = String(rule.RuleName);
    checkLifecycle(findings, rule.Lifecycle, limit, {
      forever: `KeptForever::${name}`,
      tooLong: `RetainedTooLong::${name}`,
      cold: `ColdStorageTooShort::${name}`,
    });
    for (const copy of recordsOf(rule.CopyActions)) {
      checkLifecycle(findings, copy.Lifecycle, limit, {
        forever: `CopyKeptForever::${name}`,
        tooLong: `CopyRetainedTooLong::${name}`,
        cold: `ColdStorageTooShort::${name}`,
      });
    }
  }
  return findings.result();
}
