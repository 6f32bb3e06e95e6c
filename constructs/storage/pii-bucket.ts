import { Construct } from 'constructs';
import { DataClass } from '../common/data-class';
import { PII_MAX_RETENTION } from '../common/retention-limits';
import { DataBucket, DataBucketProps } from './data-bucket';

/**
 * An S3 bucket for Amazon customers' PII: every object expires after at most 30 days
 * (DPP-DR-1), and only the VPC endpoint and named administrative roles reach the data. See
 * `DataBucket` for the rest of its defaults. Tagged `dpp:data-class` = `pii`.
 *
 * ```ts
 * const orders = new PiiBucket(this, 'Orders', {
 *   vpcEndpoint: dataVpc.s3Endpoint,
 *   data: { purpose: 'Print shipping labels', piiFields: ['buyerName', 'shippingAddress'] },
 * });
 * orders.grantRead(piiReader);
 * ```
 */
export class PiiBucket extends DataBucket {
  public constructor(scope: Construct, id: string, props: DataBucketProps) {
    super(scope, id, props, {
      constructName: 'PiiBucket',
      dataClass: DataClass.PII,
      maxRetention: PII_MAX_RETENTION,
      retentionClauses: ['DPP-DR-1'],
    });
  }
}
