import { NagMessageLevel } from 'cdk-nag';
import { DppRule } from '../../dpp-rule';
import { secretKmsEncrypted } from './secret-kms-encrypted';
import { secretNoLiteralValue } from './secret-no-literal-value';
import { secretRotated } from './secret-rotated';

const { ERROR, WARN } = NagMessageLevel;

/** The Secrets Manager rules. */
export const SECRETSMANAGER_RULES: readonly DppRule[] = [
  {
    id: 'SecretNoLiteralValue',
    level: ERROR,
    resourceTypes: ['AWS::SecretsManager::Secret'],
    clauses: ['DPP-NP-2', 'SOC-R1'],
    summary: 'The secret value is written into the template',
    causes: {
      LiteralSecretString: 'The secret value is written into the template (`SecretString`)',
    },
    explanation: 'A credential in a template is shared with everyone who can read it.',
    fix: 'let Secrets Manager generate it (`generateSecretString`), or put it in after deployment.',
    check: secretNoLiteralValue,
  },
  {
    id: 'SecretKmsEncrypted',
    level: ERROR,
    waivable: false,
    resourceTypes: ['AWS::SecretsManager::Secret'],
    clauses: ['DPP-ES-1', 'DPP-ES-2', 'SOC-R5'],
    summary: 'The secret is not encrypted with a customer-managed KMS key',
    causes: {
      NoCustomerManagedKey:
        'The secret, or one of its replicas (`ReplicaRegions`), names no KMS key, so Secrets Manager uses the AWS managed key `aws/secretsmanager`: the developer does not control the key',
      AwsManagedKey:
        'The secret or one of its replicas uses an AWS managed key (`alias/aws/...`), which the developer cannot control, instead of a customer-managed key',
    },
    explanation: 'Credentials to Amazon data are encrypted under keys the developer controls.',
    fix: 'set `encryptionKey` to a PiiKey.',
    check: secretKmsEncrypted,
  },
  {
    id: 'SecretRotated',
    level: WARN,
    resourceTypes: ['AWS::SecretsManager::Secret'],
    clauses: ['DPP-25-CRED'],
    summary: 'The secret has no rotation schedule',
    causes: {
      NoRotation:
        'No rotation schedule of the app rotates the secret, directly or through its target attachment',
      RotatedOnce:
        'The rotation schedule of the secret has no `RotationRules`, so Secrets Manager rotates it once and never again',
    },
    explanation: 'API keys and passwords are rotated.',
    fix: 'call `secret.addRotationSchedule(...)` (or `addRotationSingleUser()` for a database).',
    check: secretRotated,
  },
];
