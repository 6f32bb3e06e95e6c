import { NagMessageLevel } from 'cdk-nag';
import { DppRule } from '../../dpp-rule';
import { transferServerNotPublic } from './transfer-server-not-public';
import { transferTransitEncrypted } from './transfer-transit-encrypted';

const { ERROR } = NagMessageLevel;

/** The AWS Transfer Family rules. */
export const TRANSFER_RULES: readonly DppRule[] = [
  {
    id: 'TransferTransitEncrypted',
    level: ERROR,
    waivable: false,
    resourceTypes: ['AWS::Transfer::Server', 'AWS::Transfer::Connector'],
    clauses: ['DPP-NP-7', 'DPP-NP-9', 'DPP-25-TLS', 'SOC-R6'],
    summary: 'Files that may carry Amazon data can be transferred without current encryption',
    causes: {
      PlaintextFtp: 'The server offers plain FTP, which sends files and passwords in clear text',
      OldSecurityPolicy:
        'The server uses a security policy older than 2023 (CloudFormation defaults to `TransferSecurityPolicy-2018-11`), which allows SHA-1 and CBC algorithms',
      PlaintextUrl:
        'The connector reaches its partner over a URL that is neither `https://` nor `sftp://`',
    },
    explanation:
      'Amazon data and credentials travel over TLS 1.2+ or SSH with current algorithms only; plaintext channels are disabled even if unused.',
    fix: "offer `SFTP`/`FTPS` only, set `securityPolicyName: 'TransferSecurityPolicy-2024-01'`, and give connectors an `https://` or `sftp://` URL.",
    check: transferTransitEncrypted,
  },
  {
    id: 'TransferServerNotPublic',
    level: ERROR,
    resourceTypes: ['AWS::Transfer::Server'],
    clauses: ['DPP-NP-1'],
    summary:
      'The Transfer Family server has a public endpoint (`EndpointType` `PUBLIC`, the default), which no security group can restrict',
    causes: {
      PublicEndpoint: 'The server has a public endpoint (`EndpointType` PUBLIC, the default)',
    },
    explanation:
      'A network firewall denies unauthorized addresses in front of every path to Amazon data.',
    fix: "set `endpointType: 'VPC'` with security groups that admit the partners' addresses only.",
    check: transferServerNotPublic,
  },
];
