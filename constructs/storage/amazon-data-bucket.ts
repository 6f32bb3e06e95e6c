import { Construct } from 'constructs';
import { DataClass } from '../common/data-class';
import { AMAZON_DATA_MAX_RETENTION } from '../common/retention-limits';
import { DataBucket, DataBucketProps } from './data-bucket';

/**
 * An S3 bucket for Amazon data that is not PII (reports, catalog data): the same defaults as a
 * `PiiBucket`, with expiry after at most 18 months (DPP-25-NONPII). Tagged `dpp:data-class` =
 * `amazon-data`.
 */
export class AmazonDataBucket extends DataBucket {
  public constructor(scope: Construct, id: string, props: DataBucketProps) {
    super(scope, id, props, {
      constructName: 'AmazonDataBucket',
      dataClass: DataClass.AMAZON_DATA,
      maxRetention: AMAZON_DATA_MAX_RETENTION,
      retentionClauses: ['DPP-25-NONPII'],
    });
  }
}
