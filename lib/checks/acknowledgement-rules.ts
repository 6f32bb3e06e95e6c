import { NagMessageLevel, NagRuleCompliance } from 'cdk-nag';
import { DppRule } from './dpp-rule';

/**
 * The pack-level rules of the DPP pack: they judge the acknowledgements of the construct tree,
 * not a resource, so they list no resource type and their `check` judges nothing. The pack
 * reports their findings on the construct that carries the acknowledgement, citing the clauses
 * of the rule acknowledged; the text of each finding is written where it is reported
 * (`acknowledgementViolations`). Neither can be waived.
 */
export const ACKNOWLEDGEMENT_EXPIRED: DppRule = {
  id: 'AcknowledgementExpired',
  level: NagMessageLevel.ERROR,
  clauses: [],
  resourceTypes: [],
  summary: 'An acknowledgement is past its expiry date',
  explanation:
    'An acknowledgement is a time-boxed exception an owner answers for; past its date nobody has ' +
    'confirmed that the reason still holds, and an auditor cannot rely on it.',
  fix: 'make the resource compliant and remove the acknowledgement, or have its owner review the reason and set a new `expires` date at most a year ahead.',
  waivable: false,
  check: () => NagRuleCompliance.NOT_APPLICABLE,
};

/** The finding of an acknowledgement of a rule that cannot be waived. */
export const ACKNOWLEDGEMENT_FORBIDDEN: DppRule = {
  id: 'AcknowledgementForbidden',
  level: NagMessageLevel.ERROR,
  clauses: [],
  resourceTypes: [],
  summary: 'A rule that cannot be waived is acknowledged',
  explanation:
    'Public reachability, plaintext transport and missing encryption at rest of Amazon data are ' +
    'the breaches the Data Protection Policy exists to prevent; no reason makes them acceptable, ' +
    'so the pack keeps their findings open and reports the attempt.',
  fix: 'remove the acknowledgement.',
  waivable: false,
  check: () => NagRuleCompliance.NOT_APPLICABLE,
};

/** The pack-level rules, in the order the pack reports them. */
export const ACKNOWLEDGEMENT_RULES: readonly DppRule[] = [
  ACKNOWLEDGEMENT_FORBIDDEN,
  ACKNOWLEDGEMENT_EXPIRED,
];
