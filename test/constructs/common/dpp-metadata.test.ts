import { Stack, aws_s3 as s3 } from 'aws-cdk-lib';
import { DataClass } from '../../../constructs/common/data-class';
import { DppMetadata, leftOut } from '../../../constructs/common/dpp-metadata';
import { isLibraryReason, libraryOptOut } from '../../../constructs/common/opt-out';

const bucket = () => new s3.CfnBucket(new Stack(), 'Bucket');
const rendered = (resource: s3.CfnBucket) =>
  Stack.of(resource).resolve(resource.getMetadata('cdk-dpp')) as Record<string, unknown>;

describe('DppMetadata', () => {
  test('names the fields the operator left out', () => {
    expect(leftOut({ retentionDays: undefined, erasure: 'By key.', sharing: undefined })).toEqual([
      'retentionDays',
      'sharing',
    ]);
    expect(leftOut({})).toEqual([]);
  });

  test('records the library fields, disposal and what the declaration leaves out, in field order', () => {
    const resource = bucket();
    DppMetadata.of(resource).declareData(
      DataClass.AMAZON_DATA,
      { purpose: 'Sales reports', sharing: 'Shared with the accountant.' },
      90,
      'Expired by lifecycle.',
      'Delete by key.',
      ['erasure'],
    );
    expect((rendered(resource).data as { defaults: string[] }).defaults).toEqual([
      'piiFields',
      'collection',
      'disposal',
      'erasure',
    ]);
  });

  test('refuses a library field that is not a field of the record', () => {
    expect(() =>
      DppMetadata.of(bucket()).declareData(
        DataClass.PII,
        { purpose: 'Orders', piiFields: ['buyerName'] },
        30,
        'Expired.',
        'By key.',
        ['retention'],
      ),
    ).toThrow(
      'declareData: retention is not a field of the record of processing; use one of purpose, piiFields, collection, sharing, retentionDays, disposal, erasure.',
    );
  });

  test('marks an opt-out whose reason the library wrote, and only that one', () => {
    const resource = bucket();
    const reason = 'The reference environment serves the allow-listed public CIDRs.';
    expect(isLibraryReason(reason)).toBe(false);
    DppMetadata.of(resource)
      .addOptOut({
        setting: 'internetFacing',
        clauses: ['DPP-NP-1'],
        reason: libraryOptOut(reason).reason,
      })
      .addOptOut({
        setting: 'allowList',
        clauses: ['DPP-NP-1'],
        reason: 'Partners call from 203.0.113.0/24.',
      });
    expect(rendered(resource).optOuts).toEqual([
      { setting: 'internetFacing', clauses: ['DPP-NP-1'], reason, byLibrary: true },
      { setting: 'allowList', clauses: ['DPP-NP-1'], reason: 'Partners call from 203.0.113.0/24.' },
    ]);
  });
});
