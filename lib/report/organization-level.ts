import { Stack } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';

/**
 * The type of the stack-level construct metadata that marks a stack as holding
 * organization-level controls (`markOrganizationLevel`). The evidence report reads it from the
 * cloud assembly's manifests.
 */
export const ORGANIZATION_LEVEL_METADATA = 'cdk-dpp:organization-level';

/**
 * Resource types that act on the whole organization: they exist only in the management account
 * or in a delegated administrator account, so a stack that holds one holds an organization-level
 * control, whichever stage it is in.
 */
const ORGANIZATION_TYPES: ReadonlySet<string> = new Set([
  'AWS::Organizations::Account',
  'AWS::Organizations::Organization',
  'AWS::Organizations::OrganizationalUnit',
  'AWS::Organizations::Policy',
  'AWS::Organizations::ResourcePolicy',
  'AWS::SecurityHub::DelegatedAdmin',
  'AWS::SecurityHub::OrganizationConfiguration',
  'AWS::Detective::OrganizationAdmin',
  'AWS::Config::OrganizationConfigRule',
  'AWS::Config::OrganizationConformancePack',
]);

/** The IAM Access Analyzer types whose zone of trust is the organization. */
const ORGANIZATION_ANALYZER_TYPES: readonly string[] = [
  'ORGANIZATION',
  'ORGANIZATION_UNUSED_ACCESS',
];

/** The part of a template resource the rule reads. */
export interface OrganizationResourceView {
  /** The logical ID. */
  readonly logicalId: string;
  /** The CloudFormation type. */
  readonly type: string;
  /**
   * The template `Properties`.
   * @default - none
   */
  readonly properties?: Readonly<Record<string, unknown>>;
}

/**
 * Marks the stack that holds `scope` as holding organization-level controls (service control
 * policies, the organization trail, delegated security administration), with the reason the
 * evidence report shows: in an app of several stages the report lists such stacks in their own
 * section and counts the mechanisms they hold for every workload stage. A stack that holds a
 * resource only found at organization level is recognized without the mark
 * (`organizationLevelReason`); the mark is for the rest, such as a custom resource that registers
 * a delegated administrator.
 *
 * @throws Error when the reason is empty
 */
export function markOrganizationLevel(scope: IConstruct, reason: string): void {
  if (reason.trim() === '') {
    throw new Error(
      'markOrganizationLevel needs a reason: say which organization-level control the stack ' +
        'holds (e.g. "the organization trail of every account").',
    );
  }
  Stack.of(scope).node.addMetadata(ORGANIZATION_LEVEL_METADATA, { reason: reason.trim() });
}

/**
 * Why a stack holds organization-level controls, judged on its template alone: a resource of a
 * type that exists only at organization level (`AWS::Organizations::*`, delegated administration,
 * organization-wide AWS Config rules), an organization trail (`AWS::CloudTrail::Trail` with
 * `IsOrganizationTrail: true`) or an organization analyzer (`AWS::AccessAnalyzer::Analyzer` of
 * type `ORGANIZATION` or `ORGANIZATION_UNUSED_ACCESS`). Undefined when it holds none.
 */
export function organizationLevelReason(
  resources: readonly OrganizationResourceView[],
): string | undefined {
  const found = resources.flatMap((r) => {
    const props = r.properties ?? {};
    if (ORGANIZATION_TYPES.has(r.type)) return [`${r.type} ${r.logicalId}`];
    if (r.type === 'AWS::CloudTrail::Trail' && isTrue(props.IsOrganizationTrail)) {
      return [`the organization trail ${r.logicalId}`];
    }
    if (
      r.type === 'AWS::AccessAnalyzer::Analyzer' &&
      ORGANIZATION_ANALYZER_TYPES.includes(String(props.Type))
    ) {
      return [`the organization analyzer ${r.logicalId}`];
    }
    return [];
  });
  if (found.length === 0) return undefined;
  const named = found.slice(0, 3).join(', ');
  return `holds ${named}${found.length > 3 ? ` and ${found.length - 3} more` : ''}`;
}

function isTrue(value: unknown): boolean {
  return value === true || value === 'true';
}
