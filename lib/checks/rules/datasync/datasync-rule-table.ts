import { NagMessageLevel } from 'cdk-nag';
import { DppRule } from '../../dpp-rule';
import {
  DATASYNC_CREDENTIAL_TYPES,
  dataSyncNoLiteralCredential,
} from './datasync-no-literal-credential';
import { DATASYNC_LOCATION_TYPES, dataSyncTransitEncrypted } from './datasync-transit-encrypted';

const { ERROR } = NagMessageLevel;

/** The AWS DataSync rules. */
export const DATASYNC_RULES: readonly DppRule[] = [
  {
    id: 'DataSyncTransitEncrypted',
    level: ERROR,
    waivable: false,
    resourceTypes: DATASYNC_LOCATION_TYPES,
    clauses: ['DPP-NP-7', 'DPP-NP-8', 'DPP-NP-9', 'SOC-R6'],
    summary: 'DataSync reaches a location that may hold Amazon data over an unencrypted protocol',
    causes: {
      NoTls: 'The EFS location is mounted without TLS (`InTransitEncryption` defaults to `NONE`)',
      PlaintextNfs: 'The location is reached over NFS, which has no encryption in transit',
      NoSmb3:
        'The SMB location is not pinned to SMB 3 (`AUTOMATIC`, the default, may settle on SMB 2.1, which has no encryption)',
      NoPrivacy: 'The HDFS location does not require `PRIVACY` (encrypted) protection',
      PlaintextHttp: 'The object storage location is reached over HTTP',
    },
    explanation:
      'Amazon data travels over encrypted channels only, between hosts inside the network too.',
    fix: "set `inTransitEncryption: 'TLS1_2'` on EFS locations and `mountOptions: { version: 'SMB3' }` on SMB ones, and copy NFS shares through an encrypted protocol.",
    check: dataSyncTransitEncrypted,
  },
  {
    id: 'DataSyncNoLiteralCredential',
    level: ERROR,
    resourceTypes: DATASYNC_CREDENTIAL_TYPES,
    clauses: ['DPP-NP-2', 'SOC-R1'],
    summary: 'A DataSync location credential is written into the template',
    causes: {
      LiteralPassword:
        'A password, secret key, Kerberos keytab or SAS token of the location is a literal or a parameter, not a Secrets Manager reference',
    },
    explanation:
      'Credentials are unique, generated and kept in a secret store, never shared through source code or templates.',
    fix: 'keep the credential in Secrets Manager and give the location `customSecretConfig` (or a `{{resolve:secretsmanager:...}}` reference).',
    check: dataSyncNoLiteralCredential,
  },
];
