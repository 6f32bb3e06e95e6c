import { App, PolicyViolation, Stack, Validations, aws_s3 as s3 } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { acknowledgeBuiltIn } from '../../constructs/common/built-in-acknowledgement';
import { Acknowledgements, DppChecks, ServerAccessLogsBucket } from '../../lib';
import { ACKNOWLEDGEMENT_METADATA_TYPE } from '../../lib/checks/acknowledgement-record';
import { ruleName } from '../../lib/checks/dpp-rule';
import { DPP_RULES } from '../../lib/checks/rule-table';
import { oneYearAfter, TODAY_CONTEXT_KEY } from '../../lib/checks/synth-date';

const OWNER = 'Platform engineering';
const REASON = 'The bucket receives access logs; logging it into itself would loop.';
const TODAY = '2026-12-01';

const FORBIDDEN_REASON =
  'which cannot be waived: PII must never be public, plaintext in transit or unencrypted at ' +
  'rest, whatever the reason';
const EXPIRED_FIX =
  'Fix: Make the resource compliant and remove the acknowledgement, or have its owner review ' +
  'the reason and set a new `expires` date at most a year ahead.';
/** The fix of a forbidden acknowledgement of the S3 bucket TLS rule. */
const TLS_FIX =
  'Fix: Remove the acknowledgement, then set `enforceSSL: true` on the bucket, or use a ' +
  'cdk-dpp bucket construct.';

/** An app whose clock reads `today`, without the 2 s of built-in CloudFormation validation. */
function appOn(today: string): App {
  return new App({
    builtinCloudFormationValidation: false,
    context: { [TODAY_CONTEXT_KEY]: today },
  });
}

/** A stack with an empty construct `Group` to acknowledge on, in an app whose clock reads `today`. */
function groupOn(today: string): Construct {
  return new Construct(new Stack(appOn(today), 'Shop'), 'Group');
}

/** The findings of the pack-level rules under `scope`. */
function packLevel(scope: Construct): PolicyViolation[] {
  return new DppChecks()
    .validateScope(scope)
    .violations.filter((v) => v.ruleName.startsWith('DPP-Acknowledgement'));
}

/** The finding of a forbidden acknowledgement of `id`, at `at`, citing `clauses`, with `fix`. */
function forbidden(
  id: string,
  clauses: readonly string[],
  at: string,
  fix: string,
): PolicyViolation {
  const cited = clauses.length > 0 ? ` (${clauses.join(', ')})` : '';
  return {
    ruleName: 'DPP-AcknowledgementForbidden',
    description: `The construct acknowledges \`${id}\`, ${FORBIDDEN_REASON}${cited}. ${fix}`,
    severity: 'fatal',
    violatingResources: [{ constructPath: at, locations: [] }],
  };
}

describe('Acknowledgements.of(scope).acknowledge', () => {
  const valid = { id: 'AwsSolutions-S1', reason: REASON, owner: OWNER, expires: '2027-06-30' };

  test('acknowledges the rule and records its owner, expiry and ticket', () => {
    const group = groupOn(TODAY);
    Acknowledgements.of(group).acknowledge({ ...valid, ticket: ' SEC-12 ' });
    expect(group.node.metadata.map((m) => [m.type, m.data])).toEqual([
      [Validations.ACKNOWLEDGED_RULES_METADATA_KEY, { 'Annotation::AwsSolutions-S1': REASON }],
      [
        ACKNOWLEDGEMENT_METADATA_TYPE,
        {
          id: 'AwsSolutions-S1',
          builtIn: false,
          owner: OWNER,
          expires: '2027-06-30',
          ticket: 'SEC-12',
        },
      ],
    ]);
  });

  test('names every problem of its props at once', () => {
    const group = groupOn(TODAY);
    expect(() =>
      Acknowledgements.of(group).acknowledge({
        id: 'AwsSolutions-S1',
        reason: '',
        owner: '  ',
        expires: '2027-6-30',
        ticket: '',
      }),
    ).toThrow(
      'Shop/Group acknowledgement: ' +
        '`reason` must not be empty, got: ""; say why the finding is accepted; ' +
        '`owner` must not be empty, got: "  "; name the team or role answerable, e.g. \'Platform engineering\'; ' +
        '`ticket` must not be empty, got: ""; name the ticket, or leave `ticket` out; ' +
        '`expires` must be a calendar date written YYYY-MM-DD, got: "2027-6-30"',
    );
    expect(group.node.metadata).toEqual([]);
  });

  test('refuses an id left empty', () => {
    expect(() => Acknowledgements.of(groupOn(TODAY)).acknowledge({ ...valid, id: '' })).toThrow(
      'Shop/Group acknowledgement: `id` must not be empty, got: ""; give the rule id as reported, e.g. \'AwsSolutions-S1\'',
    );
  });

  test.each(['2027-02-29', '2027-13-01', '2027-06-31', '30/06/2027'])(
    'refuses the date %s, which is not a calendar date YYYY-MM-DD',
    (expires) => {
      expect(() => Acknowledgements.of(groupOn(TODAY)).acknowledge({ ...valid, expires })).toThrow(
        `Shop/Group acknowledgement: \`expires\` must be a calendar date written YYYY-MM-DD, got: "${expires}"`,
      );
    },
  );

  test('accepts an expiry exactly a year ahead, refuses the day after', () => {
    expect(() =>
      Acknowledgements.of(groupOn(TODAY)).acknowledge({ ...valid, expires: '2027-12-01' }),
    ).not.toThrow();
    expect(() =>
      Acknowledgements.of(groupOn(TODAY)).acknowledge({ ...valid, expires: '2027-12-02' }),
    ).toThrow(
      'Shop/Group acknowledgement: `expires` must be at most a year ahead (2027-12-01), got: ' +
        '2027-12-02; review the acknowledgement within the year and renew it then',
    );
  });

  test('a year after the 29th of February is the 28th', () => {
    expect([oneYearAfter('2028-02-29'), oneYearAfter('2027-03-01')]).toEqual([
      '2029-02-28',
      '2028-03-01',
    ]);
  });

  test('refuses a clock fixed to something other than a date', () => {
    expect(() => Acknowledgements.of(groupOn('tomorrow')).acknowledge(valid)).toThrow(
      'The context value `cdk-dpp:today` must be a calendar date written YYYY-MM-DD, got: ' +
        '"tomorrow". Set it like `-c cdk-dpp:today=2027-07-01`, or remove it to use the date ' +
        'of the synth.',
    );
  });
});

describe('an expired acknowledgement', () => {
  /** An app with one governed acknowledgement, valid through 2027-06-30, on a clock at `today`. */
  function appWithAcknowledgement(today: string): { app: App; group: Construct } {
    const app = appOn(today);
    const group = new Construct(new Stack(app, 'Shop'), 'Group');
    // Made while the clock read 2026-12-01: an expiry is at most a year after the day it is set.
    group.node.setContext(TODAY_CONTEXT_KEY, TODAY);
    Acknowledgements.of(group).acknowledge({
      id: 'AwsSolutions-S1',
      reason: REASON,
      owner: OWNER,
      expires: '2027-06-30',
      ticket: 'SEC-12',
    });
    Validations.of(app).addPlugins(new DppChecks(app));
    return { app, group };
  }

  test('fails the synth with the rule, the owner and the date', () => {
    const { app } = appWithAcknowledgement('2027-07-01');
    expect(() => app.synth()).toThrow(
      'The acknowledgement of `AwsSolutions-S1` (owner Platform engineering, ticket SEC-12) held ' +
        `until 2027-06-30 and today is 2027-07-01, so the finding counts as open again (SOC-C2). ${EXPIRED_FIX}`,
    );
  });

  test('is a finding on the construct that carries it', () => {
    const app = appOn('2027-07-01');
    const group = new Construct(new Stack(app, 'Shop'), 'Group');
    group.node.setContext(TODAY_CONTEXT_KEY, TODAY);
    Acknowledgements.of(group).acknowledge({
      id: 'DPP-S3BucketVersioned[NotVersioned]',
      reason: REASON,
      owner: OWNER,
      expires: '2027-06-30',
    });
    expect(packLevel(app)).toEqual([
      {
        ruleName: 'DPP-AcknowledgementExpired',
        description:
          'The acknowledgement of `DPP-S3BucketVersioned[NotVersioned]` (owner Platform ' +
          'engineering) held until 2027-06-30 and today is 2027-07-01, so the finding counts as ' +
          `open again (DPP-DR-4, SOC-C5). ${EXPIRED_FIX}`,
        severity: 'error',
        violatingResources: [{ constructPath: 'Shop/Group', locations: [] }],
      },
    ]);
  });

  test('holds through its last day', () => {
    const { app } = appWithAcknowledgement('2027-06-30');
    expect(() => app.synth()).not.toThrow();
  });

  test('an acknowledgement without governance never expires, and is left to the report', () => {
    const group = groupOn('2099-01-01');
    Validations.of(group).acknowledge({ id: 'AwsSolutions-S1', reason: REASON });
    expect(packLevel(group)).toEqual([]);
  });
});

describe('a rule that cannot be waived', () => {
  const unwaivable = DPP_RULES.filter((r) => r.waivable === false);

  /** A bucket `Shop/Store/Resource` and its parent, in an app on a fixed clock. */
  function store(): { parent: Construct; resource: s3.CfnBucket } {
    const parent = groupOn(TODAY).node.scope as Construct;
    const storeScope = new Construct(parent, 'Store');
    return { parent: storeScope, resource: new s3.CfnBucket(storeScope, 'Resource') };
  }

  test.each(unwaivable.map((r) => [r.id, r] as const))(
    '%s: acknowledging it by its id or a granular id, on the resource or a parent, is a finding',
    (_, rule) => {
      const code = Object.keys(rule.causes ?? {})[0] ?? 'Finding';
      for (const id of [ruleName(rule), `${ruleName(rule)}[${code}]`]) {
        for (const on of ['resource', 'parent'] as const) {
          const { parent, resource } = store();
          const target = on === 'resource' ? resource : parent;
          Validations.of(target).acknowledge({ id, reason: REASON });
          const fix = `Fix: Remove the acknowledgement, then ${rule.fix}`;
          expect(packLevel(parent)).toEqual([forbidden(id, rule.clauses, target.node.path, fix)]);
        }
      }
    },
  );

  test('an acknowledgement through the governed helper is forbidden all the same', () => {
    const { parent } = store();
    Acknowledgements.of(parent).acknowledge({
      id: 'DPP-RdsNotPublic[PubliclyAccessible]',
      reason: REASON,
      owner: OWNER,
      expires: '2027-06-30',
    });
    expect(packLevel(parent)).toEqual([
      forbidden(
        'DPP-RdsNotPublic[PubliclyAccessible]',
        ['DPP-NP-1'],
        'Shop/Store',
        'Fix: Remove the acknowledgement, then set `publiclyAccessible: false` and place the ' +
          'database in isolated subnets.',
      ),
    ]);
  });

  test('so is one in the namespace CDK gives the pack (DPP::)', () => {
    const { parent } = store();
    Validations.of(parent).acknowledge({ id: 'DPP::DPP-S3BucketTlsOnly', reason: REASON });
    expect(packLevel(parent)).toEqual([
      forbidden('DPP-S3BucketTlsOnly', ['DPP-NP-7', 'DPP-25-TLS', 'SOC-R6'], 'Shop/Store', TLS_FIX),
    ]);
  });

  test('acknowledging the pack-level rules is forbidden too', () => {
    const { parent, resource } = store();
    Validations.of(resource).acknowledge({ id: 'DPP-S3BucketTlsOnly', reason: REASON });
    for (const id of ['DPP-AcknowledgementForbidden', 'DPP-AcknowledgementExpired']) {
      Validations.of(parent).acknowledge({ id, reason: REASON });
    }
    expect(packLevel(parent)).toEqual([
      forbidden(
        'DPP-AcknowledgementForbidden',
        [],
        'Shop/Store',
        'Fix: Remove the acknowledgement.',
      ),
      forbidden('DPP-AcknowledgementExpired', [], 'Shop/Store', 'Fix: Remove the acknowledgement.'),
      forbidden(
        'DPP-S3BucketTlsOnly',
        ['DPP-NP-7', 'DPP-25-TLS', 'SOC-R6'],
        'Shop/Store/Resource',
        TLS_FIX,
      ),
    ]);
  });

  test('acknowledging the finding in any namespace does not let the synth pass', () => {
    const app = appOn(TODAY);
    const group = new Construct(new Stack(app, 'Shop'), 'Group');
    for (const id of [
      'DPP-S3BucketTlsOnly[SecureTransport]',
      'DPP-AcknowledgementForbidden',
      'DPP::DPP-AcknowledgementForbidden',
    ]) {
      Validations.of(group).acknowledge({ id, reason: REASON });
    }
    Validations.of(app).addPlugins(new DppChecks(app));
    expect(() => app.synth()).toThrow(
      `The construct acknowledges \`DPP-S3BucketTlsOnly[SecureTransport]\`, ${FORBIDDEN_REASON} ` +
        `(DPP-NP-7, DPP-25-TLS, SOC-R6). ${TLS_FIX}`,
    );
  });

  test('a waivable rule may still be acknowledged', () => {
    const { parent } = store();
    Validations.of(parent).acknowledge({ id: 'DPP-S3BucketVersioned', reason: REASON });
    expect(packLevel(parent)).toEqual([]);
  });
});

describe('built-in acknowledgements', () => {
  test('record the construct that made them', () => {
    const group = groupOn(TODAY);
    acknowledgeBuiltIn(group, 'DataVpc', { id: 'NIST.800.53.R5-LambdaDLQ', reason: REASON });
    expect(group.node.metadata.map((m) => [m.type, m.data])).toEqual([
      [
        Validations.ACKNOWLEDGED_RULES_METADATA_KEY,
        { 'Annotation::NIST.800.53.R5-LambdaDLQ': REASON },
      ],
      [
        ACKNOWLEDGEMENT_METADATA_TYPE,
        { id: 'NIST.800.53.R5-LambdaDLQ', builtIn: true, construct: 'DataVpc' },
      ],
    ]);
  });

  test('every acknowledgement a cdk-dpp construct makes is recorded as built in', () => {
    const stack = groupOn(TODAY).node.scope as Stack;
    new ServerAccessLogsBucket(stack, 'AccessLogs');
    const constructs = stack.node.findAll();
    const acknowledged = constructs.flatMap((c) =>
      c.node.metadata
        .filter((m) => m.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
        .flatMap((m) => Object.keys(m.data as object).map((id) => `${c.node.path} ${id}`)),
    );
    const recorded = constructs.flatMap((c) =>
      c.node.metadata
        .filter((m) => m.type === ACKNOWLEDGEMENT_METADATA_TYPE)
        .map((m) => m.data as { id: string; builtIn: boolean; construct: string })
        .map((d) => `${c.node.path} Annotation::${d.id} ${d.builtIn} ${d.construct}`),
    );
    expect(recorded).toEqual(acknowledged.map((a) => `${a} true ServerAccessLogsBucket`));
    expect(recorded).toHaveLength(10);
  });
});
