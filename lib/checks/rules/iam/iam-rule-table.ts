import { NagMessageLevel } from 'cdk-nag';
import { DppRule } from '../../dpp-rule';
import { IDENTITY_POLICY_TYPES } from '../../identity-policies';
import { ACTION_POLICY_TYPES, iamActionsExist } from './iam-actions-exist';
import { iamNoUsersOrKeys } from './iam-no-users-or-keys';
import { iamNoWildcardDataActions } from './iam-no-wildcard-data-actions';
import { iamNoWildcardDataResources } from './iam-no-wildcard-data-resources';
import { iamRoleTrustNamedPrincipals } from './iam-role-trust-named-principals';
import {
  POLICY_LOCATIONS,
  resourcePolicyNamedPrincipals,
} from './resource-policy-named-principals';

const { ERROR } = NagMessageLevel;

/** The IAM and resource policy rules. */
export const IAM_RULES: readonly DppRule[] = [
  {
    id: 'IamNoWildcardDataActions',
    level: ERROR,
    resourceTypes: IDENTITY_POLICY_TYPES,
    clauses: ['DPP-LP-1', 'SOC-C3'],
    summary:
      'An identity policy allows every action, a wildcard as broad as every action of a data service (`s3:*`, `s3:*Object*`, `kms:*crypt*`...) or uses `NotAction`, or an administrator, full-access or data read-only managed policy is attached',
    causes: {
      AllActions: 'An identity policy allows every action of every service (`*`)',
      ServiceWildcard:
        'An identity policy allows a wildcard that covers most actions of a data service, or both its data reads and writes',
      NotAction:
        'An identity policy allows everything but a list (`NotAction` with `Allow`), which includes every data action not listed',
      ManagedPolicy: 'An AWS managed policy that grants broad access to data services is attached',
    },
    explanation: 'Every party gets fine-grained, least-privilege access.',
    fix: "use the constructs' `grant*` methods, which list the exact actions.",
    check: iamNoWildcardDataActions,
  },
  {
    id: 'IamNoWildcardDataResources',
    level: ERROR,
    resourceTypes: IDENTITY_POLICY_TYPES,
    clauses: ['DPP-LP-2', 'SOC-C3'],
    summary:
      'An identity policy lets its holder read or decrypt data on every resource (`Resource: *`, an ARN that names no store, or `NotResource`)',
    causes: {
      AnyResource:
        'An identity policy lets its holder read or decrypt the data of every store of a service, not of named stores',
    },
    explanation:
      'Whatever vends PII sits behind its own role, granted on the stores it needs only.',
    fix: 'grant on the named store and key (`store.grantRead(role)`), never on `*`.',
    check: iamNoWildcardDataResources,
  },
  {
    id: 'IamNoUsersOrKeys',
    level: ERROR,
    resourceTypes: ['AWS::IAM::User', 'AWS::IAM::AccessKey'],
    clauses: ['DPP-NP-2', 'SOC-R1'],
    summary: 'The stack creates a long-lived IAM access key or an IAM user with a console password',
    causes: {
      LongLivedAccessKey: 'The stack creates a long-lived IAM access key',
      ConsolePassword: 'The stack creates an IAM user with a console password',
    },
    explanation:
      'Every person and process has its own identity; long-lived keys and passwords in templates become shared credentials.',
    fix: 'sign people in through IAM Identity Center and give processes roles.',
    check: iamNoUsersOrKeys,
  },
  {
    id: 'ResourcePolicyNamedPrincipals',
    level: ERROR,
    resourceTypes: Object.keys(POLICY_LOCATIONS),
    clauses: ['DPP-NP-3', 'SOC-C3'],
    summary:
      'The resource policy of a data resource allows access to everyone (`*`) without a condition on account, organization, VPC or VPC endpoint',
    causes: {
      EveryonePrincipal:
        'The resource policy allows everyone (`*`, any account, or `NotPrincipal`) without a condition that names an account, organization, VPC or VPC endpoint (a wildcard value, a negated or `IfExists` operator, or `ForAllValues` does not)',
    },
    explanation:
      'Only the accounts that need Amazon data can reach it, named in the resource policy.',
    fix:
      'name the principals, or add an `aws:SourceVpce`, `aws:PrincipalAccount` or ' +
      '`aws:PrincipalOrgID` condition.',
    check: resourcePolicyNamedPrincipals,
  },
  {
    id: 'IamRoleTrustNamedPrincipals',
    level: ERROR,
    resourceTypes: ['AWS::IAM::Role'],
    clauses: ['DPP-NP-3', 'DPP-LP-1'],
    summary:
      'A role may be assumed by everyone or by any account, without a condition that names the account, organization or principal',
    causes: {
      EveryoneMayAssume:
        'The trust policy lets everyone (`*`, any account, or `NotPrincipal`) assume the role; `sts:ExternalId` alone does not name who',
      AnyWebIdentity:
        'The trust policy lets every user of a web identity issuer assume the role: no condition on the token subject (`:sub`) or audience names the repository, identity pool or app',
    },
    explanation:
      'A role is an identity: only the principals that need it may assume it, or anyone may act with its permissions.',
    fix: 'trust the named account, role or service, or add an `aws:PrincipalOrgID` or token `:sub` condition.',
    check: iamRoleTrustNamedPrincipals,
  },
  {
    id: 'IamActionsExist',
    level: ERROR,
    resourceTypes: ACTION_POLICY_TYPES,
    clauses: ['DPP-LP-1'],
    summary: 'A policy names an action that does not exist, or a wildcard that matches no action',
    causes: {
      UnknownAction:
        'A policy names an action the Service Authorization Reference does not know, so it grants nothing and hides what the code needs',
      NoMatch: 'A policy names a wildcard that matches no action, so it grants nothing',
    },
    explanation:
      'Least privilege is only reviewable when each policy names the real actions the code calls.',
    fix: 'name the action the API call is authorized by, as the Service Authorization Reference spells it.',
    check: iamActionsExist,
  },
];
