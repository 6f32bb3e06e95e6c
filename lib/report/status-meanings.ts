import { ClauseStatus } from './evidence-report';

/** What each status means, in the words every format of the report uses. */
export const STATUS_MEANINGS: Readonly<Record<ClauseStatus, string>> = {
  [ClauseStatus.VIOLATED]: 'At least one finding is open: fix it or acknowledge it with a reason.',
  [ClauseStatus.UNVERIFIED]:
    'Enforced, but no rule of the DPP pack checks it yet, or the pack left no record that it ' +
    'ran on every stack, so the template does not prove it.',
  [ClauseStatus.ACKNOWLEDGED]:
    'Met, except for acknowledged findings or opted-out defaults, each listed with its reason.',
  [ClauseStatus.MET]: 'Enforced and checked by the DPP pack, with no open finding.',
  [ClauseStatus.SUPPORTED]:
    'The infrastructure provides the mechanism; the operator owes the named duty.',
  [ClauseStatus.ORGANIZATIONAL]: 'Outside infrastructure: the operator owes the named duty.',
};
