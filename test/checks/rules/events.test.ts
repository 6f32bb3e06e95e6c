import {
  aws_events as events,
  aws_kms as kms,
  aws_pipes as pipes,
  Duration,
  Stack,
} from 'aws-cdk-lib';
import { DataClass } from '../../../constructs/common/data-class';
import { testStack } from '../../helpers';
import { classify, findingsOf, unresolvedNumber, unresolvedString } from '../rule-helpers';

const PATTERN = { source: ['orders'] };
const ROLE = 'arn:aws:iam::111122223333:role/pipe';

/** An L1 archive of `sourceArn`. */
function archive(
  stack: Stack,
  sourceArn: string,
  props: Partial<events.CfnArchiveProps> = {},
): void {
  new events.CfnArchive(stack, 'Archive', { sourceArn, eventPattern: PATTERN, ...props });
}

describe('EventsKmsEncrypted', () => {
  const ID = 'EventsKmsEncrypted';

  test('an L2 bus without a key (an AWS-owned key) is flagged', () => {
    const stack = testStack();
    new events.EventBus(stack, 'Bus');
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[NoCustomerManagedKey]`]);
  });

  test('a bus and its archive with a customer-managed key comply', () => {
    const stack = testStack();
    const key = new kms.Key(stack, 'Key');
    const bus = new events.EventBus(stack, 'Bus', { kmsKey: key });
    new events.Archive(stack, 'Archive', {
      sourceEventBus: bus,
      eventPattern: PATTERN,
      retention: Duration.days(30),
      kmsKey: key,
    });
    expect(findingsOf(stack, ID)).toEqual([]);
  });

  test('`bus.archive()` drops its `kmsKey`, so the archive it makes is flagged', () => {
    const stack = testStack();
    const key = new kms.Key(stack, 'Key');
    const bus = new events.EventBus(stack, 'Bus', { kmsKey: key });
    bus.archive('Archive', { eventPattern: PATTERN, retention: Duration.days(30), kmsKey: key });
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[NoCustomerManagedKey]`]);
  });

  test('an archive of an encrypted bus without a key of its own is flagged', () => {
    const stack = testStack();
    const bus = new events.EventBus(stack, 'Bus', { kmsKey: new kms.Key(stack, 'Key') });
    bus.archive('Archive', { eventPattern: PATTERN, retention: Duration.days(30) });
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[NoCustomerManagedKey]`]);
  });

  test('an archive of a no-amazon-data bus is not judged', () => {
    const stack = testStack();
    const bus = classify(new events.EventBus(stack, 'Bus'), DataClass.NO_AMAZON_DATA);
    bus.archive('Archive', { eventPattern: PATTERN, retention: Duration.days(30) });
    expect(findingsOf(stack, ID)).toEqual([]);
  });

  test('a pipe without a key is flagged; an unresolved key is reported', () => {
    const stack = testStack();
    new pipes.CfnPipe(stack, 'Pipe', {
      roleArn: ROLE,
      source: 'arn:aws:sqs:eu-west-1:111122223333:orders',
      target: 'arn:aws:states:eu-west-1:111122223333:stateMachine:orders',
    });
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[NoCustomerManagedKey]`]);
    const other = testStack('Other');
    new events.CfnEventBus(other, 'Bus', {
      name: 'orders',
      kmsKeyIdentifier: unresolvedString(other),
    });
    expect(findingsOf(other, ID)).toEqual([`DPP-${ID}[Unresolved::KmsKeyIdentifier]`]);
  });
});

describe('EventArchiveRetentionByClass', () => {
  const ID = 'EventArchiveRetentionByClass';

  test('an archive that keeps events forever (no retention) is flagged', () => {
    const stack = testStack();
    const bus = new events.EventBus(stack, 'Bus');
    bus.archive('Archive', { eventPattern: PATTERN });
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[RetentionTooLong]`]);
  });

  test('a pii bus archived for 31 days is flagged, for 30 it complies', () => {
    const stack = testStack();
    const bus = classify(new events.EventBus(stack, 'Bus'), DataClass.PII);
    bus.archive('Archive', { eventPattern: PATTERN, retention: Duration.days(31) });
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[RetentionTooLong]`]);
    const other = testStack('Other');
    const ok = classify(new events.EventBus(other, 'Bus'), DataClass.PII);
    ok.archive('Archive', { eventPattern: PATTERN, retention: Duration.days(30) });
    expect(findingsOf(other, ID)).toEqual([]);
  });

  test('the default bus is presumed to carry amazon-data: 18 months at most', () => {
    const stack = testStack();
    archive(stack, 'arn:aws:events:eu-west-1:111122223333:event-bus/default', {
      retentionDays: 365,
    });
    expect(findingsOf(stack, ID)).toEqual([]);
    const other = testStack('Other');
    archive(other, 'arn:aws:events:eu-west-1:111122223333:event-bus/default', {
      retentionDays: 600,
    });
    expect(findingsOf(other, ID)).toEqual([`DPP-${ID}[RetentionTooLong]`]);
  });

  test('an unresolved retention is reported', () => {
    const stack = testStack();
    archive(stack, 'arn:aws:events:eu-west-1:111122223333:event-bus/default', {
      retentionDays: unresolvedNumber(stack),
    });
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[Unresolved::RetentionDays]`]);
  });
});
