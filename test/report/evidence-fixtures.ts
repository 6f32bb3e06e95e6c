import { ClauseEvidence, ClauseStatus, ReportScope } from '../../lib/report';

/** The evidence of a clause with nothing to show but its status, to override field by field. */
export function bareClause(
  clause: Pick<ClauseEvidence, 'id' | 'family' | 'kind' | 'requirement' | 'statusReason'>,
  status: ClauseStatus,
  evidence: Partial<ClauseEvidence> = {},
): ClauseEvidence {
  return {
    ...clause,
    status,
    mapsTo: [],
    mechanisms: [],
    resources: [],
    judged: [],
    unjudged: [],
    scopeTypes: [],
    rules: [],
    findings: [],
    acknowledgements: [],
    optOuts: [],
    notApplicable: [],
    ...evidence,
  };
}

/** The scope of a report built by hand: an app outside git, synthesized with known versions. */
export const FIXTURE_SCOPE: ReportScope = {
  app: 'fixture 1.0.0',
  stages: ['/'],
  stacks: [],
  git: 'not in a git repository',
  versions: { awsCdkLib: '2.276.0', cdkNag: '3.0.2', cdkDpp: '0.1.0' },
  source: 'cdk-dpp-synth.json',
  packs: [],
};
