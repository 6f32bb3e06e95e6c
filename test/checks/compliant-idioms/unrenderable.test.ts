import {
  CfnCondition,
  CfnResource,
  CustomResource,
  Fn,
  ITaggable,
  Lazy,
  RemovalPolicy,
  Stack,
  aws_backup as backup,
  aws_dynamodb as dynamodb,
  aws_s3 as s3,
} from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { DATA_CLASS_TAG, DataClass } from '../../../constructs/common/data-class';
import { OWNER_TAG } from '../../../constructs/common/owner';
import { DppChecks } from '../../../lib';
import { DPP_RULES } from '../../../lib/checks/rule-table';
import { testStack } from '../../helpers';

/**
 * A resource aws-cdk-lib cannot render must not break the rules of the other resources: its
 * own rules report `Unresolved::Template` once each, every other resource is judged as usual.
 */

/** A property whose token throws when resolved: the template of its resource cannot be rendered. */
const BROKEN = Lazy.any({
  produce: () => {
    throw new Error('the value of this property cannot be produced');
  },
});

/** The DppChecks findings of a stack as `rule path`, validated without a synth. */
function validated(stack: Stack): string[] {
  return new DppChecks()
    .validateScope(stack)
    .violations.flatMap((v) => v.violatingResources.map((r) => `${v.ruleName} ${r.constructPath}`))
    .sort();
}

/**
 * Tags the L1 of a construct with its data class and owner: `Tags.of` is an aspect, and runs at
 * synth.
 */
function tagged<T extends IConstruct>(construct: T, dataClass: DataClass): T {
  const { tags } = construct.node.defaultChild as CfnResource & ITaggable;
  tags.setTag(DATA_CLASS_TAG, dataClass);
  tags.setTag(OWNER_TAG, 'orders-team@seller.example');
  return construct;
}

/**
 * A bucket that meets every bucket rule and holds no Amazon data (so the app-wide rules leave
 * it), tagged on its L1: `Tags.of` is an aspect, and these stacks are validated without a synth.
 */
function compliantBucket(stack: Stack): s3.Bucket {
  const bucket = new s3.Bucket(stack, 'Good', {
    enforceSSL: true,
    encryption: s3.BucketEncryption.S3_MANAGED,
    blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
  });
  return tagged(bucket, DataClass.NO_AMAZON_DATA);
}

/** The rules that judge a type, sorted: each reports an unrenderable resource of it once. */
function rulesJudging(type: string): string[] {
  return DPP_RULES.filter((r) => r.resourceTypes.includes(type))
    .map((r) => r.id)
    .sort();
}

describe('a resource aws-cdk-lib cannot render', () => {
  test('a broken bucket policy is left out of what the other buckets are judged on', () => {
    const stack = testStack();
    const bucket = compliantBucket(stack);
    new CfnResource(stack, 'BrokenPolicy', {
      type: 'AWS::S3::BucketPolicy',
      properties: { Bucket: bucket.bucketName, PolicyDocument: BROKEN },
    });
    expect(validated(stack)).toEqual(
      rulesJudging('AWS::S3::BucketPolicy').map(
        (id) => `DPP-${id}[Unresolved::Template] Test/BrokenPolicy`,
      ),
    );
  });

  test('its own rules report it once each as Unresolved::Template; the others are judged', () => {
    const stack = testStack();
    compliantBucket(stack);
    new CfnResource(stack, 'BrokenBucket', {
      type: 'AWS::S3::Bucket',
      properties: { BucketEncryption: BROKEN },
    });
    tagged(
      new dynamodb.Table(stack, 'Orders', {
        partitionKey: { name: 'pk', type: dynamodb.AttributeType.STRING },
      }),
      DataClass.NO_AMAZON_DATA,
    );
    const broken = validated(stack).filter((f) => f.endsWith(' Test/BrokenBucket'));
    // PiiAppTrail and PiiAppGuardDuty report once per stack, on its first pii store: a bucket
    // that cannot be rendered is not known to be one.
    const once = ['PiiAppTrail', 'PiiAppGuardDuty'];
    expect(broken).toEqual(
      rulesJudging('AWS::S3::Bucket')
        .filter((id) => !once.includes(id))
        .map((id) => `DPP-${id}[Unresolved::Template] Test/BrokenBucket`),
    );
    expect(validated(stack).filter((f) => !f.endsWith(' Test/BrokenBucket'))).toEqual([]);
    const violation = new DppChecks()
      .validateScope(stack)
      .violations.find((v) => v.ruleName === 'DPP-S3BucketTlsOnly[Unresolved::Template]');
    expect(violation?.description).toContain(
      'aws-cdk-lib cannot render the resource (or one it points to) into its template, so it ' +
        'cannot be judged',
    );
  });

  test('a broken backup selection does not break the app rule of every pii store', () => {
    const stack = testStack();
    const table = tagged(
      new dynamodb.Table(stack, 'Orders', {
        partitionKey: { name: 'pk', type: dynamodb.AttributeType.STRING },
      }),
      DataClass.PII,
    );
    backup.BackupPlan.daily35DayRetention(stack, 'Plan').addSelection('Selection', {
      resources: [backup.BackupResource.fromDynamoDbTable(table)],
    });
    new CfnResource(stack, 'BrokenSelection', {
      type: 'AWS::Backup::BackupSelection',
      properties: { BackupPlanId: 'plan', BackupSelection: BROKEN },
    });
    const found = validated(stack);
    // The app-wide rules judge the table: backed up, but no trail, GuardDuty or alarm.
    expect(found.filter((f) => f.startsWith('DPP-Pii'))).toEqual([
      'DPP-PiiAppGuardDuty[NoGuardDuty] Test/Orders/Resource',
      'DPP-PiiAppTrail[NoMultiRegionValidatedTrail] Test/Orders/Resource',
      'DPP-PiiStoreAccessLogged[NoDataEvents] Test/Orders/Resource',
      'DPP-PiiStoreAlarmed[NotWatched] Test/Orders/Resource',
    ]);
    expect(found.filter((f) => f.includes('Unresolved::Template'))).toEqual([]);
  });

  test('a property that is an Fn::If, and a custom resource with odd properties, throw nothing', () => {
    const stack = testStack();
    const encrypted = new CfnCondition(stack, 'Encrypted', {
      expression: Fn.conditionEquals(Fn.ref('AWS::Region'), 'eu-west-1'),
    });
    const bucket = new s3.CfnBucket(stack, 'Conditional', {
      bucketEncryption: Fn.conditionIf(
        encrypted.logicalId,
        { ServerSideEncryptionConfiguration: [] },
        Fn.ref('AWS::NoValue'),
      ),
      tags: [
        { key: 'dpp:data-class', value: DataClass.NO_AMAZON_DATA },
        { key: OWNER_TAG, value: 'orders-team@seller.example' },
      ],
    });
    bucket.applyRemovalPolicy(RemovalPolicy.RETAIN);
    new CustomResource(stack, 'Odd', {
      serviceToken: 'arn:aws:lambda:eu-west-1:111111111111:function:provider',
      properties: { Nested: [null, { Ref: 'AWS::NoValue' }, [1, [2]]], Empty: {} },
    });
    const found = validated(stack);
    // cdk-nag reports a rule that throws with the error text as the finding, without `[...]`.
    expect(found.filter((f) => !/^DPP-\w+\[/.test(f))).toEqual([]);
    expect(found).toEqual([
      'DPP-S3BucketPublicAccessBlocked[BlockPublicAccessOff] Test/Conditional',
      'DPP-S3BucketTlsOnly[SecureTransport] Test/Conditional',
    ]);
  });
});
