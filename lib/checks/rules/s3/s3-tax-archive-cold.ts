import { CfnResource } from 'aws-cdk-lib';
import { NagRuleCompliance, NagRuleResult } from 'cdk-nag';
import { DataClass } from '../../../../constructs/common/data-class';
import { TAX_ARCHIVE_MIN_RETENTION } from '../../../../constructs/common/retention-limits';
import { storeClass } from '../../data-stores';
import { Findings, objectOf, recordsOf } from '../../findings';
import { conditionValues, coversAction, isEveryonePrincipal } from '../../policy-document';
import { propertiesOf } from '../../resolve';
import { attachedDocuments, statementsOfAll } from '../../resource-policies';
import { appliesToWholeBucket, enabledLifecycleRules, objectLockRetention } from './s3-lifecycle';

/** Storage classes that are offline: objects must be restored before anyone can read them. */
const COLD_STORAGE_CLASSES = ['GLACIER', 'DEEP_ARCHIVE'];

/**
 * The latest day a lifecycle transition may move an object offline: an object that waits longer
 * in a warm class is available for interactive use meanwhile.
 */
const MAX_DAYS_BEFORE_COLD = 1;

/**
 * The lifecycle setting under which objects smaller than 128 KB move to the Glacier classes too.
 * Under S3's default (`all_storage_classes_128K`) they never transition, and a small invoice
 * stays warm for as long as it is kept.
 */
const SMALL_OBJECTS_TRANSITION = 'varies_by_storage_class';

/**
 * Compliant when a `tax-archive` bucket is write-once (Object Lock COMPLIANCE for at least a
 * year) and cold: a whole-bucket lifecycle rule moves every object, small ones included, to
 * Glacier Flexible Retrieval or Deep Archive within a day, or the bucket policy denies, to
 * everyone, uploads in any other storage class, those that name none included.
 */
export function s3TaxArchiveCold(node: CfnResource): NagRuleResult {
  if (node.cfnResourceType !== 'AWS::S3::Bucket' || storeClass(node) !== DataClass.TAX_ARCHIVE) {
    return NagRuleCompliance.NOT_APPLICABLE;
  }
  const lock = objectLockRetention(node);
  // No default retention at all is one weakness, not a wrong mode and a short period.
  const locked = lock.mode !== undefined || lock.days !== undefined;
  const transitions = enabledLifecycleRules(node)
    .filter(appliesToWholeBucket)
    .flatMap((r) => recordsOf(r.Transitions));
  const smallObjectsMove =
    objectOf(propertiesOf(node).LifecycleConfiguration).TransitionDefaultMinimumObjectSize ===
    SMALL_OBJECTS_TRANSITION;
  const coldByLifecycle =
    smallObjectsMove &&
    transitions.some(
      (t) =>
        COLD_STORAGE_CLASSES.includes(String(t.StorageClass)) &&
        Number(t.TransitionInDays) <= MAX_DAYS_BEFORE_COLD,
    );
  const coldByPolicy = statementsOfAll(
    attachedDocuments(node, 'AWS::S3::BucketPolicy', 'Bucket', 'BucketName'),
  ).some(
    (s) =>
      s.Effect === 'Deny' &&
      isEveryonePrincipal(s.Principal) &&
      coversAction(s, 's3:PutObject') &&
      conditionValues(s, 'StringNotEquals', 's3:x-amz-storage-class').length > 0 &&
      conditionValues(s, 'StringNotEquals', 's3:x-amz-storage-class').every((c) =>
        COLD_STORAGE_CLASSES.includes(c),
      ) &&
      // A deny guarded by `Null: false` spares uploads that name no class: they land warm.
      !conditionValues(s, 'Null', 's3:x-amz-storage-class').includes('false'),
  );
  const findings = new Findings(node);
  // A retention mode or period the synth cannot read is reported, not judged wrong or short.
  const retention = objectOf(
    objectOf(objectOf(propertiesOf(node).ObjectLockConfiguration).Rule).DefaultRetention,
  );
  if ([retention.Mode, retention.Days, retention.Years].some((v) => findings.cannotJudge(v))) {
    return findings
      .add('Unresolved::DefaultRetention')
      .unless(coldByLifecycle || coldByPolicy, 'ColdStorage')
      .result();
  }
  return findings
    .unless(locked, 'NoObjectLock')
    .unless(!locked || lock.mode === 'COMPLIANCE', 'ObjectLockCompliance')
    .unless(!locked || (lock.days ?? 0) >= TAX_ARCHIVE_MIN_RETENTION.toDays(), 'ObjectLockDays')
    .unless(coldByLifecycle || coldByPolicy, 'ColdStorage')
    .result();
}
