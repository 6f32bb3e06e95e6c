import { NagMessageLevel } from 'cdk-nag';
import { DppRule } from '../../dpp-rule';
import { cloudFrontAccessLogs } from './cloudfront-access-logs';
import { cloudFrontTls } from './cloudfront-tls';
import { cloudFrontWaf } from './cloudfront-waf';

const { ERROR } = NagMessageLevel;

/** The CloudFront rules. */
export const CLOUDFRONT_RULES: readonly DppRule[] = [
  {
    id: 'CloudFrontTls',
    level: ERROR,
    waivable: false,
    resourceTypes: ['AWS::CloudFront::Distribution'],
    clauses: ['DPP-NP-7', 'DPP-NP-9', 'DPP-25-TLS', 'SOC-R6'],
    summary:
      'The distribution accepts HTTP from viewers (even to redirect), allows TLS older than 1.2, or reaches a custom origin without TLS 1.2+',
    causes: {
      ViewerHttp:
        'A cache behavior accepts HTTP from viewers (`ViewerProtocolPolicy` is not https-only)',
      DefaultCertificate:
        'The distribution uses the default CloudFront certificate, whose TLS floor cannot be raised to 1.2',
      ViewerTlsPolicy:
        'The viewer certificate allows TLS older than 1.2 (`MinimumProtocolVersion`)',
      OriginHttp: 'A custom origin is reached over HTTP (`OriginProtocolPolicy` is not https-only)',
      OriginTlsPolicy: 'A custom origin may be reached with SSLv3, TLS 1.0 or TLS 1.1',
    },
    explanation: 'Amazon data travels over TLS 1.2+, and plaintext channels are disabled.',
    fix:
      'set `viewerProtocolPolicy: HTTPS_ONLY`, a certificate with ' +
      '`minimumProtocolVersion: TLS_V1_2_2021`, and HTTPS-only origins with TLS 1.2.',
    check: cloudFrontTls,
  },
  {
    id: 'CloudFrontWaf',
    level: ERROR,
    resourceTypes: ['AWS::CloudFront::Distribution'],
    clauses: ['DPP-NP-1'],
    summary: 'The distribution has no AWS WAF web ACL',
    causes: {
      NoWebAcl: 'The distribution has no WAF web ACL (`WebACLId`)',
    },
    explanation: 'An internet-facing endpoint admits only allow-listed addresses.',
    fix: 'set `webAclId` to a WAF web ACL (scope CLOUDFRONT) with an IP allow-list.',
    check: cloudFrontWaf,
  },
  {
    id: 'CloudFrontAccessLogs',
    level: ERROR,
    resourceTypes: ['AWS::CloudFront::Distribution'],
    clauses: ['DPP-LM-2'],
    summary: 'The distribution writes no access logs',
    causes: {
      NoAccessLogs:
        'The distribution has neither legacy logging nor a log delivery source that a delivery sends on',
    },
    explanation: 'Every channel to Amazon data is logged.',
    fix: 'set `enableLogging: true` with a `logBucket`, or add a logging v2 delivery source.',
    check: cloudFrontAccessLogs,
  },
];
