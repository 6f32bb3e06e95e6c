import { ClauseStatus } from './evidence-report';

/** What each status means, in the words every format of the report uses. */
export const STATUS_MEANINGS: Readonly<Record<ClauseStatus, string>> = {
  [ClauseStatus.VIOLATED]: 'At least one finding is open: fix it or acknowledge it with a reason.',
  [ClauseStatus.UNVERIFIED]:
    'Enforced, but the app holds resources the clause governs that no rule judged, or no rule ' +
    'of the DPP pack checks it, so the templates do not prove it.',
  [ClauseStatus.MECHANISM_MISSING]:
    'Supported, but the app lacks the mechanism the operator needs: add what the clause names.',
  [ClauseStatus.ACKNOWLEDGED]:
    'Met, except for acknowledged findings or opted-out defaults, each listed with its reason.',
  [ClauseStatus.MET]:
    'Enforced and proven: resources the clause governs were judged by its rules and passed.',
  [ClauseStatus.PROVIDED]:
    'Supported: the app holds the mechanism; the operator owes the named duty.',
  [ClauseStatus.NOT_APPLICABLE]:
    'Enforced, but the app holds nothing the clause governs; the report names what would bring it into scope.',
  [ClauseStatus.ORGANIZATIONAL]: 'Outside infrastructure: the operator owes the named duty.',
};
