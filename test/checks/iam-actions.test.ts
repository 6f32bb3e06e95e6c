import {
  accessLevelsOf,
  actionExists,
  coversEveryResource,
  expandActionPattern,
  readsData,
  resourceArnTemplates,
  serviceShare,
  statementActions,
  writesDataService,
} from '../../lib/checks/iam-actions';
import { DATA_READ_ACTIONS, DATA_SERVICES } from '../../lib/checks/rules/iam/data-actions';

describe('IAM action knowledge', () => {
  test('knows real actions in any casing, and not misspelled ones', () => {
    expect(actionExists('s3:GetObject')).toBe(true);
    expect(actionExists('S3:getobject')).toBe(true);
    expect(actionExists('access-analyzer:ListFindings')).toBe(true);
    expect(actionExists('access-analyzer:ListFindingsV2')).toBe(false);
    expect(actionExists('s3:GetObjects')).toBe(false);
    expect(actionExists('nosuchservice:Get')).toBe(false);
    expect(actionExists('s3:Get*')).toBe(false);
    expect(actionExists('s3')).toBe(false);
  });

  test('reads access levels, including actions with two', () => {
    expect(accessLevelsOf('s3:GetObject')).toEqual(['Read']);
    expect(accessLevelsOf('kms:Decrypt')).toEqual(['Write']);
    expect(accessLevelsOf('rds-db:connect')).toEqual(['Permissions management', 'Write']);
    expect(accessLevelsOf('s3:NoSuchAction')).toEqual([]);
  });

  test('expands prefix, infix and suffix wildcards to the real actions', () => {
    expect(expandActionPattern('kms:*crypt*')).toEqual(
      expect.arrayContaining([
        'kms:Decrypt',
        'kms:Encrypt',
        'kms:ReEncryptFrom',
        'kms:ReEncryptTo',
      ]),
    );
    expect(expandActionPattern('kms:*crypt*')).toHaveLength(4);
    expect(expandActionPattern('dynamodb:*Item')).toEqual(
      expect.arrayContaining(['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:BatchGetItem']),
    );
    expect(expandActionPattern('s3:GetObjec?')).toEqual(['s3:GetObject']);
    expect(expandActionPattern('s3:GetObjects*')).toEqual([]);
    expect(expandActionPattern('S3:GETOBJECT')).toEqual(['s3:GetObject']);
  });

  test('expands `*` and service wildcards over every service', () => {
    const all = expandActionPattern('*');
    expect(all.length).toBeGreaterThan(15000);
    expect(expandActionPattern('*:*')).toHaveLength(all.length);
    expect(expandActionPattern('s3*:GetObject')).toEqual(
      expect.arrayContaining(['s3:GetObject', 's3-object-lambda:GetObject']),
    );
  });

  test('a NotAction statement covers every action but those listed', () => {
    const actions = statementActions({ Effect: 'Allow', NotAction: ['iam:*', 'sts:*'] });
    expect(actions).toContain('s3:GetObject');
    expect(actions).not.toContain('iam:PassRole');
    expect(actions.length).toBe(
      expandActionPattern('*').length -
        expandActionPattern('iam:*').length -
        expandActionPattern('sts:*').length,
    );
    expect(statementActions({ Effect: 'Allow', Action: ['s3:GetObject', 's3:Get*'] })).toEqual(
      expandActionPattern('s3:GetObject').concat(
        expandActionPattern('s3:Get*').filter((a) => a !== 's3:GetObject'),
      ),
    );
  });

  test('every listed data read and data service is known to AWS', () => {
    expect(DATA_READ_ACTIONS.filter((a) => !actionExists(a))).toEqual([]);
    expect(DATA_SERVICES.filter((s) => expandActionPattern(`${s}:*`).length === 0)).toEqual([]);
  });

  test('tells content reads and data writes from metadata reads', () => {
    expect(readsData('S3:GetObjectVersion')).toBe(true);
    expect(readsData('s3:GetBucketPolicy')).toBe(false);
    expect(writesDataService('s3:PutObject')).toBe(true);
    expect(writesDataService('s3:GetObject')).toBe(false);
    expect(writesDataService('ec2:RunInstances')).toBe(false);
    expect(serviceShare(expandActionPattern('s3:*'), 's3')).toBe(1);
    expect(serviceShare(expandActionPattern('s3:GetObject'), 's3')).toBeLessThan(0.01);
    expect(serviceShare([], 'nosuchservice')).toBe(0);
  });

  test('knows which resource ARNs an action applies to', () => {
    expect(resourceArnTemplates('s3:GetObject')).toContain(
      'arn:${Partition}:s3:::${BucketName}/${ObjectName}',
    );
    expect(resourceArnTemplates('s3:ListAllMyBuckets')).toEqual([]);
    expect(resourceArnTemplates('nosuch:Action')).toEqual([]);
  });

  test('an ARN covers every resource when its resource part is only wildcards', () => {
    expect(coversEveryResource('*', 's3:GetObject')).toBe(true);
    expect(coversEveryResource('arn:aws:s3:::*', 's3:GetObject')).toBe(true);
    expect(coversEveryResource('arn:*:s3:::*/*', 's3:GetObject')).toBe(true);
    expect(coversEveryResource('arn:aws:kms:*:*:key/*', 'kms:Decrypt')).toBe(true);
    expect(coversEveryResource('arn:${?}:kms:${?}:${?}:*', 'kms:Decrypt')).toBe(true);
    expect(coversEveryResource('arn:aws:dynamodb:*:*:table/*', 'dynamodb:Query')).toBe(true);
    expect(coversEveryResource('arn:aws:s3:::orders/*', 's3:GetObject')).toBe(false);
    expect(coversEveryResource('arn:${?}:s3:::${?}/*', 's3:GetObject')).toBe(false);
    expect(coversEveryResource('arn:aws:dynamodb:*:*:table/Orders', 'dynamodb:Query')).toBe(false);
    expect(coversEveryResource('arn:aws:s3:::*', 'kms:Decrypt')).toBe(false);
    expect(coversEveryResource('orders', 's3:GetObject')).toBe(false);
  });
});
