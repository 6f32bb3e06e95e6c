import {
  Lazy,
  Names,
  Stack,
  Token,
  aws_events as events,
  aws_events_targets as targets,
  aws_iam as iam,
  aws_sns as sns,
  aws_sns_subscriptions as subscriptions,
} from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { DppMetadata } from '../common/dpp-metadata';
import { ManagedPolicyRole } from '../common/managed-policy-role';
import { Problems } from '../common/problems';
import { PiiKey } from '../encryption/pii-key';

const CLAUSES = ['SOC-C6', 'DPP-ES-1', 'DPP-25-TLS'];

/** What a customer contact's e-mail address must look like. */
const EMAIL_ADDRESS = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;
/** What a customer contact's HTTPS endpoint must look like. */
const HTTPS_URL = /^https:\/\/[^\s/]+(\/\S*)?$/;
/** The longest rule name EventBridge accepts. */
const RULE_NAME_MAX_LENGTH = 64;
/** The service that publishes the notices. */
const EVENTBRIDGE = 'events.amazonaws.com';

/**
 * The stack statuses that end an operation which changed what runs in production: a deployment
 * (`CREATE_COMPLETE`, `UPDATE_COMPLETE`, `IMPORT_COMPLETE`), a change undone (the rollbacks, the
 * one that failed half-way among them) and a removal (`DELETE_COMPLETE`). The statuses in between
 * (`*_IN_PROGRESS`) change nothing a customer sees yet; a failed creation (`ROLLBACK_COMPLETE`)
 * never reached production.
 */
const NOTICE_STATUSES = [
  'CREATE_COMPLETE',
  'UPDATE_COMPLETE',
  'IMPORT_COMPLETE',
  'UPDATE_ROLLBACK_COMPLETE',
  'UPDATE_ROLLBACK_FAILED',
  'IMPORT_ROLLBACK_COMPLETE',
  'DELETE_COMPLETE',
];

/**
 * Props of a `ChangeNotices`.
 */
export interface ChangeNoticesProps {
  /**
   * The customer contacts told of every change: e-mail addresses or HTTPS endpoints
   * (`https://...`); at least one. An unresolved token (for example a stack parameter) is
   * subscribed as an e-mail address, unchecked.
   */
  readonly contacts: string[];
  /**
   * The version of the release being deployed, written as a literal into every notice. The
   * rules that write it are updated by the same deployment, so a notice names the version the
   * deployment brought (and a rollback, the version it returned to). A literal is escaped into
   * the notice's JSON; a token (a stack parameter) is written as it resolves, so keep quotes,
   * backslashes and line breaks out of it (an `allowedPattern`), or EventBridge refuses the rule.
   */
  readonly version: string;
  /**
   * The key that encrypts the notices.
   * @default - a new `PiiKey`
   */
  readonly encryptionKey?: PiiKey;
  /**
   * The name of the topic.
   * @default - a name CloudFormation generates
   */
  readonly topicName?: string;
}

/**
 * Options of a stack whose changes `ChangeNotices` tells.
 */
export interface ChangeSourceOptions {
  /**
   * The region of the notices' stack, as the stack being told of can name it: needed only when
   * that stack is in another region and the notices' stack is environment-agnostic (for example
   * a parameter of the other stack).
   * @default - the region of the notices' stack
   */
  readonly noticeRegion?: string;
}

/**
 * Tells customers of every change deployed to production (SOC-C6), from the deployments' own
 * CloudFormation events: an SNS topic the customer contacts subscribe to, KMS-encrypted, publish
 * over TLS only, and an EventBridge rule per stack on its `CloudFormation Stack Status Change`
 * events that end a deployment, a rollback or a removal. The rule writes the notice: the stack,
 * its status, the time and region of the event, and the version deployed. Nothing else may
 * publish to the topic: its policy and its key allow EventBridge for these rules alone
 * (`aws:SourceArn`), and deny every other publisher. A notice carries no PII: the event's status
 * reason is left out.
 *
 * EventBridge events are regional: a stack in another region gets a rule there that forwards its
 * status events to this region's default event bus, where a rule of this construct writes the
 * notice. Call `notifyChangesOf` for every stack of the production stage.
 */
export class ChangeNotices extends Construct {
  /** The stack statuses that are told: the ends of deployments, rollbacks and removals. */
  public static readonly STATUSES: string[] = [...NOTICE_STATUSES];

  /** The topic the customer contacts subscribe to. */
  public readonly topic: sns.Topic;
  /** The key that encrypts the notices. */
  public readonly key: PiiKey;
  /** The version every notice names. */
  public readonly version: string;

  private readonly ruleArns: string[] = [];
  private readonly toldStacks = new Set<Stack>();

  public constructor(scope: Construct, id: string, props: ChangeNoticesProps) {
    super(scope, id);
    validateChangeNoticesProps(this, props);
    this.version = props.version;
    this.key =
      props.encryptionKey ??
      new PiiKey(this, 'Key', { description: 'Encrypts the customer change notices (cdk-dpp)' });
    this.topic = new sns.Topic(this, 'Topic', {
      topicName: props.topicName,
      displayName: 'Production change notices',
      masterKey: this.key,
      enforceSSL: true,
    });

    const rules = Lazy.list({ produce: () => this.ruleArns });
    const principal = new iam.ServicePrincipal(EVENTBRIDGE);
    const { account } = Stack.of(this);
    this.key.grantToService(
      'ChangeNoticesFromEventBridge',
      principal,
      ['kms:GenerateDataKey*', 'kms:Decrypt'],
      { ArnEquals: { 'aws:SourceArn': rules }, StringEquals: { 'aws:SourceAccount': account } },
    );
    this.topic.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'PublishFromChangeNoticeRules',
        principals: [principal],
        actions: ['sns:Publish'],
        resources: [this.topic.topicArn],
        conditions: {
          ArnEquals: { 'aws:SourceArn': rules },
          StringEquals: { 'aws:SourceAccount': account },
        },
      }),
    );
    this.topic.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'DenyOtherPublishers',
        effect: iam.Effect.DENY,
        principals: [new iam.AnyPrincipal()],
        actions: ['sns:Publish'],
        resources: [this.topic.topicArn],
        conditions: { ArnNotEquals: { 'aws:SourceArn': rules } },
      }),
    );
    for (const contact of props.contacts) {
      this.topic.addSubscription(
        HTTPS_URL.test(contact)
          ? new subscriptions.UrlSubscription(contact, { protocol: sns.SubscriptionProtocol.HTTPS })
          : new subscriptions.EmailSubscription(contact),
      );
    }
    DppMetadata.of(this.topic.node.defaultChild as sns.CfnTopic).implementsControls(
      'ChangeNotices',
      CLAUSES,
    );
    this.node.addValidation({
      validate: () =>
        this.ruleArns.length === 0
          ? [
              'ChangeNotices tells of no stack: call `notifyChangesOf` for each production stack (SOC-C6)',
            ]
          : [],
    });
  }

  /**
   * Tells the customers of every change of `stack`, which must be in this construct's account.
   * Returns the rule that writes the notices (in this construct's stack); a stack in another
   * region also gets a rule that forwards its events here, with a role that may put events on
   * this region's default event bus only.
   */
  public notifyChangesOf(stack: Stack, options: ChangeSourceOptions = {}): events.Rule {
    const here = Stack.of(this);
    const sameRegion = stack.region === here.region;
    const noticeRegion = options.noticeRegion ?? here.region;
    const problems = new Problems(this);
    problems.check(
      !this.toldStacks.has(stack),
      'stack',
      'must be told of once',
      ['SOC-C6'],
      stack.node.path,
    );
    problems.check(
      Token.isUnresolved(stack.account) ||
        Token.isUnresolved(here.account) ||
        stack.account === here.account,
      'stack',
      `must be in the account of the notices (${here.account})`,
      ['SOC-C6'],
      stack.account,
    );
    problems.check(
      sameRegion || !Token.isUnresolved(stack.region),
      'stack',
      'must share the region of the notices or have a known region (`env.region`)',
      ['SOC-C6'],
      stack.node.path,
    );
    problems.check(
      sameRegion || options.noticeRegion !== undefined || !Token.isUnresolved(here.region),
      'noticeRegion',
      'must name the region of the notices for a stack of another region when the notices’ stack has no known region',
      ['SOC-C6'],
      'undefined',
    );
    problems.throwIfAny();
    this.toldStacks.add(stack);

    const eventPattern: events.EventPattern = {
      source: ['aws.cloudformation'],
      detailType: ['CloudFormation Stack Status Change'],
      detail: {
        'stack-id': [
          {
            prefix: `arn:${here.partition}:cloudformation:${stack.region}:${here.account}:stack/${stack.stackName}/`,
          },
        ],
        'status-details': { status: [...NOTICE_STATUSES] },
      },
    };
    const scope = new Construct(this, Names.uniqueId(stack));
    const ruleName = Names.uniqueResourceName(scope, {
      maxLength: RULE_NAME_MAX_LENGTH,
      separator: '-',
    });
    const rule = new events.Rule(scope, 'Rule', {
      ruleName,
      description: `Tells customers of changes to the stack ${stack.stackName} (SOC-C6)`,
      eventPattern,
    });
    const topicArn = this.topic.topicArn;
    const message = events.RuleTargetInput.fromObject({
      notice: 'A change to the production environment has ended',
      stack: stack.stackName,
      status: events.EventField.fromPath('$.detail.status-details.status'),
      time: events.EventField.time,
      region: events.EventField.region,
      version: this.version,
    });
    rule.addTarget({ bind: () => ({ arn: topicArn, input: message }) });
    this.ruleArns.push(
      `arn:${here.partition}:events:${here.region}:${here.account}:rule/${ruleName}`,
    );
    DppMetadata.of(rule.node.defaultChild as events.CfnRule).implementsControls('ChangeNotices', [
      'SOC-C6',
    ]);
    if (!sameRegion) this.forward(stack, eventPattern, noticeRegion);
    return rule;
  }

  /** A rule in `stack` that sends its status events to the default bus of `noticeRegion`. */
  private forward(stack: Stack, eventPattern: events.EventPattern, noticeRegion: string): void {
    const scope = new Construct(stack, `ChangeNoticesForwarding${Names.uniqueId(this)}`);
    const bus = events.EventBus.fromEventBusArn(
      scope,
      'NoticeBus',
      `arn:${stack.partition}:events:${noticeRegion}:${stack.account}:event-bus/default`,
    );
    const role = new ManagedPolicyRole(scope, 'Role', {
      assumedBy: new iam.ServicePrincipal(EVENTBRIDGE),
      description: `Forwards the stack status events of ${stack.stackName} to the change notices (SOC-C6)`,
    });
    const rule = new events.Rule(scope, 'Rule', {
      description: `Forwards the stack status events of ${stack.stackName} to the change notices in ${noticeRegion} (SOC-C6)`,
      eventPattern,
    });
    rule.addTarget(new targets.EventBus(bus, { role }));
    DppMetadata.of(rule.node.defaultChild as events.CfnRule).implementsControls('ChangeNotices', [
      'SOC-C6',
    ]);
  }
}

/** Throws unless every contact is an e-mail address or an HTTPS endpoint and a version is given. */
function validateChangeNoticesProps(scope: Construct, props: ChangeNoticesProps): void {
  const problems = new Problems(scope);
  const given: Partial<ChangeNoticesProps> = props ?? {};
  const contactsGiven = problems.required(
    'contacts',
    given.contacts,
    'the customer contacts told of each change (e-mail addresses or HTTPS endpoints)',
    ['SOC-C6'],
  );
  const versionGiven = problems.required(
    'version',
    given.version,
    'the release being deployed, named in every notice',
    ['SOC-C6'],
  );
  if (!contactsGiven || !versionGiven) problems.throwIfAny();
  problems.check(
    props.contacts.length > 0,
    'contacts',
    'must name at least one customer contact (an e-mail address or an HTTPS endpoint)',
    ['SOC-C6'],
    '[]',
  );
  for (const contact of props.contacts.filter((c) => !Token.isUnresolved(c))) {
    const insecure = /^http:\/\//i.test(contact);
    problems.check(
      !insecure,
      'contacts',
      'must reach HTTP endpoints over TLS only: use `https://`',
      ['SOC-C6', 'DPP-25-TLS'],
      JSON.stringify(contact),
    );
    problems.check(
      insecure || EMAIL_ADDRESS.test(contact) || HTTPS_URL.test(contact),
      'contacts',
      'must hold e-mail addresses or HTTPS endpoints (`https://...`)',
      ['SOC-C6'],
      JSON.stringify(contact),
    );
  }
  problems.check(
    Token.isUnresolved(props.version) || props.version.trim() !== '',
    'version',
    'must name the release being deployed, so every notice says what changed',
    ['SOC-C6'],
    JSON.stringify(props.version),
  );
  problems.throwIfAny();
}
