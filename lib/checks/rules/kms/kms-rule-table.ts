import { NagMessageLevel } from 'cdk-nag';
import { DppRule } from '../../dpp-rule';
import { kmsKeyPolicyNoPublic } from './kms-key-policy-no-public';
import { kmsKeyRotation } from './kms-key-rotation';
import { kmsKeyUseNamedPrincipals } from './kms-key-use-named-principals';

const { ERROR } = NagMessageLevel;

/** The KMS rules. */
export const KMS_RULES: readonly DppRule[] = [
  {
    id: 'KmsKeyRotation',
    level: ERROR,
    resourceTypes: ['AWS::KMS::Key'],
    clauses: ['DPP-ES-1', 'DPP-25-TLS'],
    summary: 'The symmetric KMS key does not rotate its key material',
    causes: {
      NoRotation: 'Automatic rotation of the key material is off',
    },
    explanation: 'The key management system rotates the keys that protect PII.',
    fix: 'set `enableKeyRotation: true`, or use PiiKey.',
    check: kmsKeyRotation,
  },
  {
    id: 'KmsKeyPolicyNoPublic',
    level: ERROR,
    resourceTypes: ['AWS::KMS::Key'],
    clauses: ['DPP-ES-2', 'DPP-NP-3'],
    summary: 'The key policy allows something to the `*` principal',
    causes: {
      EveryonePrincipal: 'A statement of the key policy allows something to the `*` principal',
    },
    explanation: "Keys are usable only by the developer's own processes and services.",
    fix: 'name the principals in the key policy (PiiKey grants do).',
    check: kmsKeyPolicyNoPublic,
  },
  {
    id: 'KmsKeyUseNamedPrincipals',
    level: ERROR,
    resourceTypes: ['AWS::KMS::Key'],
    clauses: ['DPP-ES-2', 'DPP-LP-2'],
    summary:
      'The key policy lets a whole account encrypt or decrypt with the key instead of named principals',
    causes: {
      AccountWideUse:
        'A statement of the key policy lets a whole account use the key on data, not limited to one service by `kms:ViaService`',
    },
    explanation:
      'Only the role that vends PII may decrypt it; a grant to the account lets any identity with an IAM policy use the key.',
    fix:
      'give the account administrative actions only and grant use to named roles, or use PiiKey ' +
      '(whose grants name the principal in the key policy).',
    check: kmsKeyUseNamedPrincipals,
  },
];
