import { NagMessageLevel } from 'cdk-nag';
import { DppRule } from './dpp-rule';
import { s3BucketTlsOnly } from './rules/s3/s3-bucket-tls-only';

const { ERROR } = NagMessageLevel;

/**
 * Every rule of the DPP pack. The pack applies them in this order; the README's rules table
 * is generated from it.
 */
export const DPP_RULES: readonly DppRule[] = [
  {
    id: 'S3BucketTlsOnly',
    level: ERROR,
    clauses: ['DPP-NP-7', 'DPP-25-TLS', 'SOC-R6'],
    summary: 'The S3 bucket accepts requests without TLS or with TLS older than 1.2',
    explanation:
      'Amazon data must travel over TLS 1.2 or newer. Fix: set `enforceSSL: true` and ' +
      '`minimumTLSVersion: 1.2` on the bucket, or use a cdk-dpp bucket construct, which does both.',
    check: s3BucketTlsOnly,
  },
];
