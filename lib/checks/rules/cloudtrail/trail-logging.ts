import { CfnResource } from 'aws-cdk-lib';
import { NagRuleCompliance } from 'cdk-nag';
import { Findings, isFalse, isTrue, recordsOf } from '../../findings';
import { asList } from '../../policy-document';
import { propertiesOf } from '../../resolve';

/**
 * What a trail really logs: whether it is on, and whether it records every management event
 * (read and write, of every event source, global services included) in every region. Shared by
 * the trail rule and the app rule, so a trail that logs nothing useful counts for neither.
 */

/** The read/write kinds of management events. */
type Access = 'read' | 'write';

/** The kinds a basic selector's `ReadWriteType` records (`All` when absent). */
function accessOf(readWriteType: unknown): Access[] {
  if (readWriteType === 'ReadOnly') return ['read'];
  if (readWriteType === 'WriteOnly') return ['write'];
  return ['read', 'write'];
}

/** What the management-event selectors of a trail record. */
interface ManagementCoverage {
  readonly access: Set<Access>;
  readonly excludesSources: boolean;
  readonly unresolved?: string;
}

function basicCoverage(
  findings: Findings,
  selectors: Record<string, unknown>[],
): ManagementCoverage {
  const access = new Set<Access>();
  let excludesSources = false;
  for (const selector of selectors) {
    if (findings.cannotJudge(selector.IncludeManagementEvents)) {
      return { access, excludesSources, unresolved: 'IncludeManagementEvents' };
    }
    if (findings.cannotJudge(selector.ReadWriteType)) {
      return { access, excludesSources, unresolved: 'ReadWriteType' };
    }
    if (isFalse(selector.IncludeManagementEvents)) continue;
    accessOf(selector.ReadWriteType).forEach((a) => access.add(a));
    excludesSources = excludesSources || asList(selector.ExcludeManagementEventSources).length > 0;
  }
  return { access, excludesSources };
}

/**
 * Advanced selectors: a selector records management events when its `eventCategory` equals
 * `Management`; `readOnly` narrows it to reads or writes; an `eventSource` filter drops events
 * (for management events the service accepts only exclusions). A selector with any other field
 * is not counted as recording every management event.
 */
function advancedCoverage(selectors: Record<string, unknown>[]): ManagementCoverage {
  const access = new Set<Access>();
  let excludesSources = false;
  for (const selector of selectors) {
    const fields = recordsOf(selector.FieldSelectors);
    const category = fields.find((f) => f.Field === 'eventCategory');
    if (!category || !asList(category.Equals).includes('Management')) continue;
    const others = fields.filter((f) => f !== category);
    if (others.some((f) => f.Field !== 'readOnly' && f.Field !== 'eventSource')) continue;
    const readOnly = others.find((f) => f.Field === 'readOnly');
    const kinds: Access[] = !readOnly
      ? ['read', 'write']
      : asList(readOnly.Equals).flatMap((v): Access[] =>
          isTrue(v) ? ['read'] : isFalse(v) ? ['write'] : [],
        );
    kinds.forEach((k) => access.add(k));
    excludesSources = excludesSources || others.some((f) => f.Field === 'eventSource');
  }
  return { access, excludesSources };
}

/**
 * Records what keeps a trail from logging every security event: `NotLogging`, `SingleRegion`,
 * `NoGlobalServiceEvents`, `NoManagementEvents` (none, or only reads or only writes) and
 * `ExcludedEventSources` (KMS or RDS Data API events left out), and `NoLogFileValidation`;
 * `Unresolved::<property>` for a value the synth cannot resolve.
 */
export function checkTrailLogging(node: CfnResource, findings: Findings): Findings {
  const properties = propertiesOf(node);
  findings
    .check(properties.IsLogging, 'IsLogging', isTrue, 'NotLogging')
    .check(properties.IsMultiRegionTrail, 'IsMultiRegionTrail', isTrue, 'SingleRegion')
    .check(
      properties.EnableLogFileValidation,
      'EnableLogFileValidation',
      isTrue,
      'NoLogFileValidation',
    )
    .check(
      properties.IncludeGlobalServiceEvents,
      'IncludeGlobalServiceEvents',
      (v) => !isFalse(v),
      'NoGlobalServiceEvents',
    );
  const advanced = recordsOf(properties.AdvancedEventSelectors);
  const basic = recordsOf(properties.EventSelectors);
  // With no selector at all, a trail records every management event, reads and writes.
  if (advanced.length === 0 && basic.length === 0) return findings;
  const coverage =
    advanced.length > 0 ? advancedCoverage(advanced) : basicCoverage(findings, basic);
  if (coverage.unresolved) return findings.add(`Unresolved::${coverage.unresolved}`);
  return findings
    .unless(coverage.access.size === 2, 'NoManagementEvents')
    .unless(!coverage.excludesSources, 'ExcludedEventSources');
}

/** Whether a trail logs every management event of every region, validated. */
export function logsEverySecurityEvent(trail: CfnResource): boolean {
  return checkTrailLogging(trail, new Findings(trail)).result() === NagRuleCompliance.COMPLIANT;
}
