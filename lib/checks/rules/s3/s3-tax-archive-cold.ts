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
 * Compliant when a `tax-archive` bucket is write-once (Object Lock COMPLIANCE for at least a
 * year) and cold: a whole-bucket lifecycle rule moves objects to Glacier Flexible Retrieval or
 * Deep Archive, or the bucket policy denies, to everyone, uploads in any other storage class.
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
  const coldByLifecycle = transitions.some((t) =>
    COLD_STORAGE_CLASSES.includes(String(t.StorageClass)),
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
      ),
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
