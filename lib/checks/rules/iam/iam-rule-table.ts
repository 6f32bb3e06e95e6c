import { NagMessageLevel } from 'cdk-nag';
import { DppRule } from '../../dpp-rule';
import { IDENTITY_POLICY_TYPES } from '../../identity-policies';
import { iamNoUsersOrKeys } from './iam-no-users-or-keys';
import { iamNoWildcardDataActions } from './iam-no-wildcard-data-actions';
import { iamNoWildcardDataResources } from './iam-no-wildcard-data-resources';
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
      'An identity policy allows every action, every action of a data service (`s3:*`, `kms:*`...) or uses `NotAction`, or an administrator or full-access managed policy is attached',
    causes: {
      NotAction: 'An Allow statement uses `NotAction`, which grants every action it does not name',
      AllActions: 'An Allow statement grants every action (`*`)',
      ServiceWildcard: 'An Allow statement grants every action of a data service (`<service>:*`)',
      ManagedPolicy:
        'The role or group is given an AWS managed policy that grants every action on data',
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
      'An identity policy lets its holder read or decrypt data on every resource (`Resource: *`)',
    causes: {
      AnyResource: 'An Allow statement grants a data action on every resource (`*`)',
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
        'A statement of the resource policy allows access to everyone (`*`) without a condition on account, organization, VPC or VPC endpoint',
    },
    explanation:
      'Only the accounts that need Amazon data can reach it, named in the resource policy.',
    fix:
      'name the principals, or add an `aws:SourceVpce`, `aws:PrincipalAccount` or ' +
      '`aws:PrincipalOrgID` condition.',
    check: resourcePolicyNamedPrincipals,
  },
];
