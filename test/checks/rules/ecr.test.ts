import { aws_ecr as ecr } from 'aws-cdk-lib';
import { AuditLogBucket } from '../../../constructs/logging/audit-log-bucket';
import { AccountBaseline } from '../../../constructs/monitoring/account-baseline';
import { IncidentTopic } from '../../../constructs/monitoring/incident-topic';
import { testStack } from '../../helpers';
import { findingsOf, unresolvedString } from '../rule-helpers';

const ID = 'EcrImagesImmutableScanned';

/** A registry scanning configuration of `scanType` with one rule. */
function registry(
  stack: ReturnType<typeof testStack>,
  scanType: string,
  scanFrequency: string,
  filter: string,
): void {
  new ecr.CfnRegistryScanningConfiguration(stack, 'Registry', {
    scanType,
    rules: [{ scanFrequency, repositoryFilters: [{ filter, filterType: 'WILDCARD' }] }],
  });
}

describe('EcrImagesImmutableScanned', () => {
  test('an L2 repository with the defaults (mutable tags, no scan) is flagged twice', () => {
    const stack = testStack();
    new ecr.Repository(stack, 'Repo');
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[MutableTags]`, `DPP-${ID}[NotScanned]`]);
  });

  test('immutable tags and scan on push comply when the app has no registry configuration', () => {
    const stack = testStack();
    new ecr.Repository(stack, 'Repo', {
      imageTagMutability: ecr.TagMutability.IMMUTABLE,
      imageScanOnPush: true,
    });
    expect(findingsOf(stack, ID)).toEqual([]);
  });

  test('an enhanced registry configuration that scans every repository continuously governs', () => {
    const stack = testStack();
    registry(stack, 'ENHANCED', 'CONTINUOUS_SCAN', '*');
    new ecr.Repository(stack, 'Repo', { imageTagMutability: ecr.TagMutability.IMMUTABLE });
    expect(findingsOf(stack, ID)).toEqual([]);
  });

  test('a registry configuration whose filters miss the repository supersedes its scan on push', () => {
    const stack = testStack();
    registry(stack, 'ENHANCED', 'SCAN_ON_PUSH', 'prod-*');
    new ecr.Repository(stack, 'Repo', {
      repositoryName: 'orders',
      imageTagMutability: ecr.TagMutability.IMMUTABLE,
      imageScanOnPush: true,
    });
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[NotScanned]`]);
  });

  test('a filter without a wildcard matches the names that contain it', () => {
    const stack = testStack();
    registry(stack, 'BASIC', 'SCAN_ON_PUSH', 'order');
    new ecr.Repository(stack, 'Repo', {
      repositoryName: 'team/orders',
      imageTagMutability: ecr.TagMutability.IMMUTABLE,
    });
    expect(findingsOf(stack, ID)).toEqual([]);
  });

  test('a repository of unknown name is covered only by a filter of wildcards', () => {
    const stack = testStack();
    registry(stack, 'ENHANCED', 'SCAN_ON_PUSH', 'orders*');
    new ecr.Repository(stack, 'Repo', { imageTagMutability: ecr.TagMutability.IMMUTABLE });
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[NotScanned]`]);
  });

  test('Inspector ECR scanning enabled by an AccountBaseline of the app scans every repository', () => {
    const stack = testStack();
    new AccountBaseline(stack, 'Baseline', {
      auditBucket: new AuditLogBucket(stack, 'Audit'),
      incidentTopic: new IncidentTopic(stack, 'Incidents', { incidentEmail: 'sec@example.com' }),
    });
    new ecr.Repository(stack, 'Repo', { imageTagMutability: ecr.TagMutability.IMMUTABLE });
    expect(findingsOf(stack, ID)).toEqual([]);
  });

  test('unresolved values are reported, not passed', () => {
    const stack = testStack();
    new ecr.CfnRepository(stack, 'Repo', {
      imageTagMutability: unresolvedString(stack),
      imageScanningConfiguration: { scanOnPush: true },
    });
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[Unresolved::ImageTagMutability]`]);
  });

  test('an unresolved registry scan type cannot be judged', () => {
    const stack = testStack();
    registry(stack, unresolvedString(stack), 'SCAN_ON_PUSH', 'prod-*');
    new ecr.Repository(stack, 'Repo', { imageTagMutability: ecr.TagMutability.IMMUTABLE });
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[Unresolved::RegistryScanningConfiguration]`]);
  });
});
