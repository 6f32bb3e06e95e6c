import { NagMessageLevel } from 'cdk-nag';
import { DppRule } from '../../dpp-rule';
import { kmsKeyPolicyNoPublic } from './kms-key-policy-no-public';
import { kmsKeyRetainedWithData } from './kms-key-retained-with-data';
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
    summary:
      'The KMS key does not rotate its key material at least yearly, or encrypts data without being a symmetric AES-256 key',
    causes: {
      NoRotation: 'The symmetric key does not rotate its key material',
      RotationTooRare: 'The key rotates less often than every 365 days (`RotationPeriodInDays`)',
      NotAes256:
        'A resource of the app encrypts with the key, which is not a symmetric AES-256 encryption key (`SYMMETRIC_DEFAULT`)',
    },
    explanation:
      'PII at rest is encrypted with AES-256 under keys the key management system rotates.',
    fix: 'set `enableKeyRotation: true` (rotation at most yearly) and `keySpec: SYMMETRIC_DEFAULT`, or use PiiKey.',
    check: kmsKeyRotation,
  },
  {
    id: 'KmsKeyPolicyNoPublic',
    level: ERROR,
    resourceTypes: ['AWS::KMS::Key'],
    clauses: ['DPP-ES-2', 'DPP-NP-3'],
    summary: 'The key policy allows something to the `*` principal',
    causes: {
      EveryonePrincipal:
        'A statement of the key policy allows something to everyone: the `*` principal, or all but those named in `NotPrincipal`',
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
  {
    id: 'KmsKeyRetainedWithData',
    level: ERROR,
    resourceTypes: ['AWS::KMS::Key'],
    clauses: ['DPP-DR-4', 'SOC-C5'],
    summary:
      'The KMS key would be deleted with the stack, or on replacement, while data it encrypts is kept',
    causes: {
      DeletionPolicy:
        'The key is scheduled for deletion when it leaves the stack, though a retained store, log group, backup vault or trail log still needs it',
      UpdateReplacePolicy:
        'A replacement of the key would schedule the old key for deletion, though retained data still needs it',
    },
    explanation:
      'Data under a deleted key cannot be decrypted: retaining a store but not its key loses the data all the same.',
    fix: 'set `removalPolicy: RemovalPolicy.RETAIN` (or `RETAIN_ON_UPDATE_OR_DELETE`) on the key (PiiKey retains).',
    check: kmsKeyRetainedWithData,
  },
];
