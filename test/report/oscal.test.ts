import { createHash } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import Ajv, { ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { CONTROLS, controlById } from '../../lib/controls';
import {
  buildEvidenceReport,
  ClauseEvidence,
  ClauseStatus,
  EvidenceReport,
  JudgementOutcome,
  OSCAL_NAMESPACE,
  OSCAL_VERSION,
  readCloudAssembly,
  renderOscal,
  renderOscalAssessmentResults,
  RuleOutcome,
} from '../../lib/report';
import { bareClause, FIXTURE_SCOPE } from './evidence-fixtures';
import { synthAssembly, violatingApp } from './fixture-assembly';

type Json = Record<string, unknown>;

const SCHEMAS = path.resolve(__dirname, '../../../shared/oscal');
/** NIST's published 1.1.2 schemas, pinned by hash so a changed schema cannot pass unnoticed. */
const COMPONENT_SCHEMA = {
  file: 'oscal_component_schema_1.1.2.json',
  sha256: '7b74710940ad39b6b63d4ddccbadf2c7d2e9bf11b07808d41d2aa27a4616e5ce',
};
const ASSESSMENT_RESULTS_SCHEMA = {
  file: 'oscal_assessment-results_schema_1.1.2.json',
  sha256: 'd033da70154cf6625ae46a746199e88e58f2928b1387dfac051d381b92f41b0d',
};

const GENERATED_AT = '2026-01-02T03:04:05Z';
const DATA_TEMPLATE = {
  stack: 'Data',
  file: 'Data.template.json',
  sha256: 'a'.repeat(64),
  resources: 3,
  checkedBy: ['DPP 0.1.0 (122 rules)'],
};
const STAGED_TEMPLATE = {
  stack: 'Prod/Keys',
  file: 'assembly-Prod/ProdKeys.template.json',
  sha256: 'b'.repeat(64),
  resources: 1,
  checkedBy: ['DPP 0.1.0 (122 rules)'],
};
const BUCKET = {
  stack: 'Data',
  logicalId: 'Orders1234',
  type: 'AWS::S3::Bucket',
  path: 'Data/Orders/Resource',
  construct: 'PiiBucket',
};
const OPEN_BUCKET = {
  stack: 'Data',
  logicalId: 'Open5678',
  type: 'AWS::S3::Bucket',
  path: 'Data/Open/Resource',
};
const STAGED_KEY = {
  stack: 'Prod/Keys',
  logicalId: 'StageKey9',
  type: 'AWS::KMS::Key',
  path: 'Prod/Keys/StageKey/Resource',
  construct: 'PiiKey',
};
const TLS_FINDING = {
  plugin: 'DPP',
  rule: 'DPP-S3BucketTlsOnly[SecureTransport]',
  severity: 'error',
  description: 'No bucket policy denies requests sent without TLS (DPP-NP-7).',
  path: OPEN_BUCKET.path,
  clauses: ['DPP-NP-7'],
};
const ACKNOWLEDGEMENT = {
  rule: 'DPP-S3BucketVersioned[NotVersioned]',
  path: 'Data/Orders',
  reason: 'Orders are replayed from the SP-API each night.',
  clauses: ['DPP-DR-4'],
  pack: 'DPP',
  builtIn: false,
  governed: false,
};
const OPT_OUT = {
  setting: 'backupCopy',
  reason: 'A second copy would only add exposure.',
  path: BUCKET.path,
  construct: 'PiiBucket',
  clauses: ['DPP-DR-4'],
};

/** A clause of the catalog with a given status and no evidence unless given. */
function clauseOf(id: string, status: ClauseStatus, evidence: Partial<ClauseEvidence> = {}) {
  const control = controlById(id);
  return bareClause(
    {
      id,
      family: control.family,
      kind: control.kind,
      requirement: control.requirement,
      statusReason: `Fixture reason for ${status}.`,
    },
    status,
    { operatorDuty: control.operatorDuty, ...evidence },
  );
}

/** A report with one clause of each status, its evidence filled as the core status work will. */
function everyStatusReport(generatedAt = GENERATED_AT): EvidenceReport {
  const clauses: ClauseEvidence[] = [
    clauseOf('DPP-NP-7', ClauseStatus.VIOLATED, {
      resources: [BUCKET],
      judged: [
        { ...BUCKET, rule: 'DPP-S3BucketTlsOnly', outcome: JudgementOutcome.PASS },
        { ...OPEN_BUCKET, rule: 'DPP-S3BucketTlsOnly', outcome: JudgementOutcome.FAIL },
      ],
      scopeTypes: ['AWS::S3::Bucket'],
      rules: [
        {
          rule: 'DPP-S3BucketTlsOnly',
          level: 'error',
          summary: 'The S3 bucket accepts requests without TLS',
          outcome: RuleOutcome.FAIL,
          openFindings: 1,
          acknowledgements: 0,
          stacksNotChecked: [],
        },
      ],
      findings: [TLS_FINDING],
    }),
    clauseOf('DPP-ES-2', ClauseStatus.UNVERIFIED, {
      unjudged: [
        { ...STAGED_KEY, reason: 'Stack Prod/Keys holds no record that the DPP pack checked it.' },
      ],
      scopeTypes: ['AWS::KMS::Key'],
    }),
    clauseOf('DPP-NP-4', ClauseStatus.MECHANISM_MISSING),
    clauseOf('DPP-DR-4', ClauseStatus.ACKNOWLEDGED, {
      resources: [BUCKET],
      judged: [
        { ...BUCKET, rule: 'DPP-S3BucketVersioned', outcome: JudgementOutcome.ACKNOWLEDGED },
      ],
      scopeTypes: ['AWS::S3::Bucket'],
      acknowledgements: [ACKNOWLEDGEMENT],
      optOuts: [OPT_OUT],
    }),
    clauseOf('DPP-NP-8', ClauseStatus.MET, {
      judged: [{ ...BUCKET, rule: 'DPP-S3BucketTlsOnly', outcome: JudgementOutcome.PASS }],
      scopeTypes: ['AWS::S3::Bucket'],
    }),
    clauseOf('DPP-NP-6', ClauseStatus.PROVIDED, { resources: [STAGED_KEY] }),
    clauseOf('DPP-25-BACKUP', ClauseStatus.NOT_APPLICABLE, {
      scopeTypes: ['AWS::Backup::BackupPlan', 'AWS::DynamoDB::Table'],
    }),
    clauseOf('DPP-DG-1', ClauseStatus.ORGANIZATIONAL),
  ];
  return {
    summary: {
      title: 'cdk-dpp evidence report',
      generatedAt,
      toolName: 'cdk-dpp',
      toolVersion: '0.1.0',
      cdkVersion: '2.276.0',
      cloudAssemblyVersion: '55.0.0',
      clauses: clauses.length,
      byStatus: [],
      byFamily: [],
      openFindings: 1,
      openWarningsOnSupported: 0,
      acknowledgements: 1,
      optOuts: 1,
      checkPacks: [{ name: 'DPP', conclusion: 'failure', openFindings: 1 }],
      templates: [DATA_TEMPLATE, STAGED_TEMPLATE],
      scope: { ...FIXTURE_SCOPE, stages: ['/', 'Prod'] },
    },
    clauses,
    processingActivities: [],
    dataInventory: [],
    acknowledgements: [ACKNOWLEDGEMENT],
    optOuts: [OPT_OUT],
    findings: [TLS_FINDING],
  };
}

function compileSchema(schema: { file: string; sha256: string }): ValidateFunction {
  const text = fs.readFileSync(path.join(SCHEMAS, schema.file));
  expect(createHash('sha256').update(text).digest('hex')).toBe(schema.sha256);
  const parsed = JSON.parse(text.toString('utf8')) as Json;
  // NIST publishes the 1.1.2 schemas as draft-07: Ajv's default class.
  expect(parsed.$schema).toBe('http://json-schema.org/draft-07/schema#');
  const ajv = new Ajv({ allErrors: true, strict: false });
  addFormats(ajv);
  return ajv.compile(parsed);
}

function errorsOf(validate: ValidateFunction, document: unknown) {
  return validate(document) ? [] : (validate.errors ?? []);
}

/** A deep copy of a document, changed by `change`. */
function mutated(document: Json, change: (copy: Json) => void): Json {
  const copy = JSON.parse(JSON.stringify(document)) as Json;
  change(copy);
  return copy;
}

/** Every value of a key, anywhere in a document. */
function valuesOf(node: unknown, key: string): unknown[] {
  if (Array.isArray(node)) return node.flatMap((n) => valuesOf(n, key));
  if (node === null || typeof node !== 'object') return [];
  return Object.entries(node).flatMap(([k, v]) => [...(k === key ? [v] : []), ...valuesOf(v, key)]);
}

/** The object with a given uuid, anywhere in a document. */
function byUuid(node: unknown, uuid: unknown): Json | undefined {
  if (Array.isArray(node)) {
    return node.map((n) => byUuid(n, uuid)).find((found) => found !== undefined);
  }
  if (node === null || typeof node !== 'object') return undefined;
  const object = node as Json;
  return object.uuid === uuid ? object : byUuid(Object.values(object), uuid);
}

let assembly: string;
let synthesized: EvidenceReport;

beforeAll(() => {
  assembly = synthAssembly('oscal', violatingApp);
  synthesized = buildEvidenceReport(readCloudAssembly(assembly), {
    generatedAt: new Date('2026-01-02T03:04:05.120Z'),
  });
});

afterAll(() => {
  if (assembly) fs.rmSync(assembly, { recursive: true, force: true });
});

describe('OSCAL component definition', () => {
  const componentsOf = (document: Json) =>
    (document['component-definition'] as Json).components as Json[];
  const requirementsOf = (component: Json) =>
    ((component['control-implementations'] as Json[]) ?? []).flatMap(
      (ci) => ci['implemented-requirements'] as Json[],
    );

  test('validates against the NIST OSCAL 1.1.2 component-definition schema', () => {
    const validate = compileSchema(COMPONENT_SCHEMA);
    const synth = renderOscal(synthesized);
    expect(errorsOf(validate, synth)).toEqual([]);
    expect(errorsOf(validate, renderOscal(everyStatusReport()))).toEqual([]);
    // Validation is live: a property namespace that is no URI, and a time that is no time, fail.
    const badNamespace = mutated(synth, (copy) => {
      const [application] = componentsOf(copy);
      const [requirement] = requirementsOf(application);
      (requirement.props as Json[])[0].ns = 'cdk-dpp';
    });
    expect(errorsOf(validate, badNamespace).map((e) => e.instancePath)).toContain(
      '/component-definition/components/0/control-implementations/0/implemented-requirements/0/props/0/ns',
    );
    const badTime = mutated(synth, (copy) => {
      ((copy['component-definition'] as Json).metadata as Json)['last-modified'] = 'yesterday';
    });
    expect(validate(badTime)).toBe(false);
  });

  test('the application implements every clause once, its status and kind as properties', () => {
    const [application] = componentsOf(renderOscal(synthesized));
    const requirements = requirementsOf(application);
    expect(requirements.map((r) => r['control-id']).sort()).toEqual(
      CONTROLS.map((c) => c.id).sort(),
    );
    for (const requirement of requirements) {
      const clause = synthesized.clauses.find((c) => c.id === requirement['control-id']);
      expect(requirement.props).toEqual([
        { name: 'status', ns: OSCAL_NAMESPACE, value: clause?.status },
        { name: 'kind', ns: OSCAL_NAMESPACE, value: clause?.kind },
      ]);
      expect(requirement.description).toMatch(new RegExp(`^Status: ${clause?.status}\\. `));
    }
  });

  test('carries the exact status of a clause of each status', () => {
    const [application] = componentsOf(renderOscal(everyStatusReport()));
    expect(
      requirementsOf(application).map((r) => [
        r['control-id'],
        ...(r.props as Json[]).map((p) => p.value),
      ]),
    ).toEqual([
      ['DPP-NP-7', 'violated', 'enforced'],
      ['DPP-ES-2', 'unverified', 'enforced'],
      ['DPP-NP-4', 'mechanism missing', 'supported'],
      ['DPP-DR-4', 'acknowledged', 'enforced'],
      ['DPP-NP-8', 'met', 'enforced'],
      ['DPP-NP-6', 'provided', 'supported'],
      ['DPP-25-BACKUP', 'not applicable', 'enforced'],
      ['DPP-DG-1', 'organizational', 'organizational'],
    ]);
  });

  test('only the application carries statuses; each cdk-dpp construct is a component', () => {
    const components = componentsOf(renderOscal(synthesized));
    expect(components.map((c) => c.title)).toEqual([
      'Synthesized AWS CDK application',
      'DppChecks (cdk-nag pack)',
      'PiiBucket',
      'PiiKey',
    ]);
    const pii = components.find((c) => c.title === 'PiiBucket') as Json;
    expect(requirementsOf(pii).map((r) => r['control-id'])).toEqual([
      'DPP-NP-7',
      'DPP-DR-1',
      'DPP-ES-1',
    ]);
    expect(
      components
        .slice(1)
        .flatMap(requirementsOf)
        .flatMap((r) => r.props ?? []),
    ).toEqual([]);
  });

  test('declares OSCAL 1.1.2 and a last-modified time the schema accepts', () => {
    const metadata = (renderOscal(synthesized)['component-definition'] as Json).metadata as Json;
    expect(OSCAL_VERSION).toBe('1.1.2');
    expect(metadata['oscal-version']).toBe('1.1.2');
    expect(metadata['last-modified']).toBe('2026-01-02T03:04:05Z');
  });
});

describe('OSCAL assessment results', () => {
  const document = () => renderOscalAssessmentResults(everyStatusReport());
  const resultOf = (d: Json) => ((d['assessment-results'] as Json).results as Json[])[0];
  const observationsOf = (d: Json) => resultOf(d).observations as Json[];
  const findingOf = (d: Json, clause: string) =>
    (resultOf(d).findings as Json[]).find(
      (f) => (f.target as Json)['target-id'] === clause,
    ) as Json;
  const observationsOfClause = (d: Json, clause: string) => {
    const uuids = ((findingOf(d, clause)['related-observations'] as Json[]) ?? []).map(
      (r) => r['observation-uuid'],
    );
    return observationsOf(d).filter((o) => uuids.includes(o.uuid));
  };
  test('validates against the NIST OSCAL 1.1.2 assessment-results schema', () => {
    const validate = compileSchema(ASSESSMENT_RESULTS_SCHEMA);
    expect(errorsOf(validate, renderOscalAssessmentResults(synthesized))).toEqual([]);
    const fixture = document();
    expect(errorsOf(validate, fixture)).toEqual([]);
    // Validation is live: an objective state OSCAL does not know fails, so does an observation
    // without the time it was collected.
    const badState = mutated(fixture, (copy) => {
      ((findingOf(copy, 'DPP-NP-8').target as Json).status as Json).state = 'met';
    });
    expect(errorsOf(validate, badState).length).toBeGreaterThan(0);
    const undated = mutated(fixture, (copy) => {
      delete observationsOf(copy)[0].collected;
    });
    expect(errorsOf(validate, undated)).toContainEqual(
      expect.objectContaining({
        instancePath: '/assessment-results/results/0/observations/0',
        params: { missingProperty: 'collected' },
      }),
    );
  });

  test('one finding per clause: the cdk-dpp status as a property, and the OSCAL objective state', () => {
    const findings = resultOf(document()).findings as Json[];
    expect(
      findings.map((f) => {
        const target = f.target as Json;
        const status = target.status as Json;
        return [
          target.type,
          target['target-id'],
          (f.props as Json[]).map((p) => [p.name, p.ns, p.value]),
          status.state,
          status.reason,
          (target['implementation-status'] as Json | undefined)?.state,
        ];
      }),
    ).toEqual([
      [
        'objective-id',
        'DPP-NP-7',
        props('violated', 'enforced', 'Network Protection'),
        'not-satisfied',
        'fail',
        undefined,
      ],
      [
        'objective-id',
        'DPP-ES-2',
        props('unverified', 'enforced', 'Encryption and Storage'),
        'not-satisfied',
        'other',
        undefined,
      ],
      [
        'objective-id',
        'DPP-NP-4',
        props('mechanism missing', 'supported', 'Network Protection'),
        'not-satisfied',
        'fail',
        undefined,
      ],
      [
        'objective-id',
        'DPP-DR-4',
        props('acknowledged', 'enforced', 'Data Retention and Recovery'),
        'satisfied',
        'other',
        undefined,
      ],
      [
        'objective-id',
        'DPP-NP-8',
        props('met', 'enforced', 'Network Protection'),
        'satisfied',
        'pass',
        undefined,
      ],
      [
        'objective-id',
        'DPP-NP-6',
        props('provided', 'supported', 'Network Protection'),
        'not-satisfied',
        'other',
        undefined,
      ],
      [
        'objective-id',
        'DPP-25-BACKUP',
        props('not applicable', 'enforced', 'DPP revision of November 2025'),
        'not-satisfied',
        'other',
        'not-applicable',
      ],
      [
        'objective-id',
        'DPP-DG-1',
        props('organizational', 'organizational', 'Data Governance'),
        'not-satisfied',
        'other',
        undefined,
      ],
    ]);

    function props(status: string, kind: string, family: string) {
      return [
        ['status', OSCAL_NAMESPACE, status],
        ['kind', OSCAL_NAMESPACE, kind],
        ['family', OSCAL_NAMESPACE, family],
      ];
    }
  });

  test('reviews every clause of a synthesized app, in one result started at the report time', () => {
    const ar = renderOscalAssessmentResults(synthesized);
    const result = resultOf(ar);
    expect(result.start).toBe('2026-01-02T03:04:05Z');
    expect(result['reviewed-controls']).toEqual({
      'control-selections': [{ 'include-controls': CONTROLS.map((c) => ({ 'control-id': c.id })) }],
    });
    expect((result.findings as Json[]).map((f) => (f.target as Json)['target-id'])).toEqual(
      CONTROLS.map((c) => c.id),
    );
    // Every resource a clause names (judged, unjudged, implementing) or the inventory lists.
    const inventory = (result['local-definitions'] as Json)['inventory-items'] as Json[];
    expect(inventory.map((i) => i.description)).toEqual([
      'AWS::KMS::Key DataKey17AFBB84 in stack Data, at Data/DataKey/Resource',
      'AWS::S3::Bucket Open2F4367FD in stack Data, at Data/Open/Resource',
      'AWS::S3::BucketPolicy OrdersPolicy95F4027F in stack Data, at Data/Orders/Policy/Resource',
      'AWS::S3::Bucket OrdersA9B65338 in stack Data, at Data/Orders/Resource',
      'AWS::IAM::Role ReaderF7BF189D in stack Data, at Data/Reader/Resource',
      'AWS::KMS::Key StageKey93D93A71 in stack Prod/Keys, at Prod/Keys/StageKey/Resource',
    ]);
    const assets = (result['local-definitions'] as Json)['assessment-assets'] as Json;
    expect((assets.components as Json[]).map((c) => [c.title, c.description])).toEqual([
      [
        `cdk-dpp ${synthesized.summary.toolVersion} report`,
        'Reads the cloud assembly and gives each clause its status.',
      ],
      [
        'DPP check pack',
        'The DPP validation plugin, run at synth time: failure (open findings: 14).',
      ],
    ]);
    expect((ar['assessment-results'] as Json).metadata).toEqual({
      title: 'cdk-dpp evidence report: assessment results',
      'last-modified': '2026-01-02T03:04:05Z',
      version: synthesized.summary.toolVersion,
      'oscal-version': '1.1.2',
      remarks: expect.stringMatching(/^Generated by cdk-dpp /),
    });
  });

  test('imports as its plan a back-matter resource that describes the synth-time check', () => {
    const ar = document()['assessment-results'] as Json;
    const href = (ar['import-ap'] as Json).href as string;
    expect(href).toMatch(/^#[0-9a-f-]{36}$/);
    const plan = ((ar['back-matter'] as Json).resources as Json[]).find(
      (r) => `#${r.uuid}` === href,
    ) as Json;
    expect(plan.title).toBe('Assessment plan: the synth-time check of cdk-dpp');
    expect(plan.description).toMatch(/^The DPP pack of cdk-dpp 0\.1\.0 runs at synth time /);
  });

  test('an open finding is a TEST observation of its resource, with the template and its hash', () => {
    const ar = document();
    const observation = observationsOf(ar).find(
      (o) =>
        o.title ===
        'Open finding DPP-S3BucketTlsOnly[SecureTransport] (error) on Data/Open/Resource',
    ) as Json;
    const { uuid, origins, subjects, 'relevant-evidence': evidence, ...rest } = observation;
    expect(rest).toEqual({
      title: 'Open finding DPP-S3BucketTlsOnly[SecureTransport] (error) on Data/Open/Resource',
      description: TLS_FINDING.description,
      props: [
        { name: 'plugin', ns: OSCAL_NAMESPACE, value: 'DPP' },
        { name: 'rule', ns: OSCAL_NAMESPACE, value: 'DPP-S3BucketTlsOnly[SecureTransport]' },
        { name: 'severity', ns: OSCAL_NAMESPACE, value: 'error' },
      ],
      methods: ['TEST'],
      types: ['finding'],
      collected: GENERATED_AT,
    });
    const [subject] = subjects as Json[];
    expect(subject.type).toBe('inventory-item');
    expect(byUuid(ar, subject['subject-uuid'])).toEqual({
      uuid: subject['subject-uuid'],
      description: 'AWS::S3::Bucket Open5678 in stack Data, at Data/Open/Resource',
      props: [
        { name: 'construct-path', ns: OSCAL_NAMESPACE, value: 'Data/Open/Resource' },
        { name: 'stack', ns: OSCAL_NAMESPACE, value: 'Data' },
        { name: 'logical-id', ns: OSCAL_NAMESPACE, value: 'Open5678' },
        { name: 'resource-type', ns: OSCAL_NAMESPACE, value: 'AWS::S3::Bucket' },
      ],
    });
    const [relevant] = evidence as Json[];
    expect(relevant.description).toBe(
      `CloudFormation template of stack Data (Data.template.json), SHA-256 ${'a'.repeat(64)}.`,
    );
    expect(byUuid(ar, (relevant.href as string).slice(1))).toEqual(
      expect.objectContaining({
        title: 'CloudFormation template of stack Data',
        rlinks: [
          {
            href: 'Data.template.json',
            'media-type': 'application/json',
            hashes: [{ algorithm: 'SHA-256', value: 'a'.repeat(64) }],
          },
        ],
      }),
    );
    const [{ actors }] = origins as Json[];
    expect(byUuid(ar, (actors as Json[])[0]['actor-uuid'])?.title).toBe('DPP check pack');
    const risk = (resultOf(ar).risks as Json[]).find(
      (r) => (r['related-observations'] as Json[])[0]['observation-uuid'] === uuid,
    ) as Json;
    expect([risk.status, risk.statement]).toEqual([
      'open',
      'The resource at Data/Open/Resource breaks DPP-NP-7 until the finding is fixed or acknowledged with a reason.',
    ]);
    expect(findingOf(ar, 'DPP-NP-7')['related-risks']).toEqual([{ 'risk-uuid': risk.uuid }]);
  });

  test('each clause relates the observations of its evidence', () => {
    const ar = document();
    const titles = (clause: string) =>
      observationsOfClause(ar, clause).map((o) => [o.title, o.methods, o.types]);
    expect(titles('DPP-NP-7')).toEqual([
      [
        'Open finding DPP-S3BucketTlsOnly[SecureTransport] (error) on Data/Open/Resource',
        ['TEST'],
        ['finding'],
      ],
      ['DPP-S3BucketTlsOnly judged Data/Orders/Resource: pass', ['TEST'], ['control-objective']],
      ['DPP-S3BucketTlsOnly judged Data/Open/Resource: fail', ['TEST'], ['finding']],
    ]);
    expect(titles('DPP-ES-2')).toEqual([
      [
        'No rule of DPP-ES-2 judged Prod/Keys/StageKey/Resource',
        ['EXAMINE'],
        ['control-objective'],
      ],
    ]);
    expect(titles('DPP-DR-4')).toEqual([
      [
        'Acknowledged DPP-S3BucketVersioned[NotVersioned] on Data/Orders',
        ['EXAMINE'],
        ['mitigation'],
      ],
      ['Opt-out of backupCopy on Data/Orders/Resource', ['EXAMINE'], ['mitigation']],
      [
        'DPP-S3BucketVersioned judged Data/Orders/Resource: acknowledged',
        ['TEST'],
        ['control-objective'],
      ],
    ]);
    expect(titles('DPP-NP-8')).toEqual([
      ['DPP-S3BucketTlsOnly judged Data/Orders/Resource: pass', ['TEST'], ['control-objective']],
    ]);
    for (const clause of ['DPP-NP-4', 'DPP-NP-6', 'DPP-25-BACKUP', 'DPP-DG-1']) {
      expect(findingOf(ar, clause)['related-observations']).toBeUndefined();
    }
    // The same judgement is one observation, related by every clause it bears on.
    const pass = observationsOfClause(ar, 'DPP-NP-8')[0];
    expect(observationsOfClause(ar, 'DPP-NP-7')[1].uuid).toBe(pass.uuid);
  });

  test('an unjudged resource of a staged stack names its own template', () => {
    const ar = document();
    const [observation] = observationsOfClause(ar, 'DPP-ES-2');
    expect(observation.description).toBe(
      'DPP-ES-2 governs AWS::KMS::Key StageKey9 in stack Prod/Keys, at ' +
        'Prod/Keys/StageKey/Resource, but no rule of the clause judged it. Stack Prod/Keys ' +
        'holds no record that the DPP pack checked it.',
    );
    expect((observation['relevant-evidence'] as Json[])[0].description).toBe(
      `CloudFormation template of stack Prod/Keys (assembly-Prod/ProdKeys.template.json), SHA-256 ${'b'.repeat(64)}.`,
    );
  });

  test('an opt-out reason cdk-dpp wrote is marked as its own, in both documents', () => {
    const base = everyStatusReport();
    const byLibrary = { ...OPT_OUT, byLibrary: true };
    const marked = {
      ...base,
      optOuts: [byLibrary],
      clauses: base.clauses.map((c) => (c.optOuts.length > 0 ? { ...c, optOuts: [byLibrary] } : c)),
    };
    const ar = renderOscalAssessmentResults(marked);
    const optOut = observationsOf(ar).find((o) => String(o.title).startsWith('Opt-out of'));
    expect(optOut?.description).toBe(
      'PiiBucket at Data/Orders/Resource opts out of its safe default backupCopy: ' +
        'written by cdk-dpp: A second copy would only add exposure.',
    );
    expect(JSON.stringify(renderOscal(marked))).toContain(
      'Opt-out backupCopy on Data/Orders/Resource: written by cdk-dpp: A second copy',
    );
  });

  test('acknowledgements and opt-outs keep their reasons, as deviations the owner requests', () => {
    const ar = document();
    const finding = findingOf(ar, 'DPP-DR-4');
    const risks = ((finding['related-risks'] as Json[]) ?? []).map(
      (r) => byUuid(ar, r['risk-uuid']) as Json,
    );
    expect(risks.map((r) => [r.title, r.description, r.status])).toEqual([
      [
        'Acknowledged DPP-S3BucketVersioned[NotVersioned] on Data/Orders',
        `The app acknowledges DPP-S3BucketVersioned[NotVersioned] on Data/Orders and below it: ${ACKNOWLEDGEMENT.reason}`,
        'deviation-requested',
      ],
      [
        'Opt-out of backupCopy on Data/Orders/Resource',
        `PiiBucket at Data/Orders/Resource opts out of its safe default backupCopy: ${OPT_OUT.reason}`,
        'deviation-requested',
      ],
    ]);
    // The acknowledged path is a construct, not a resource: its inventory item says so, and the
    // template of its stack is still the evidence.
    const acknowledged = observationsOfClause(ar, 'DPP-DR-4')[0];
    const [subject] = acknowledged.subjects as Json[];
    expect(byUuid(ar, subject['subject-uuid'])).toEqual({
      uuid: subject['subject-uuid'],
      description: 'The construct at Data/Orders.',
      props: [{ name: 'construct-path', ns: OSCAL_NAMESPACE, value: 'Data/Orders' }],
    });
    expect((acknowledged['relevant-evidence'] as Json[])[0].href).toBe(
      (observationsOfClause(ar, 'DPP-NP-8')[0]['relevant-evidence'] as Json[])[0].href,
    );
  });

  test('not applicable names what would bring the clause into scope; duties stay remarks', () => {
    const ar = document();
    expect(findingOf(ar, 'DPP-25-BACKUP').remarks).toBe(
      'In scope through: AWS::Backup::BackupPlan, AWS::DynamoDB::Table.',
    );
    expect(findingOf(ar, 'DPP-DG-1').remarks).toBe(
      `The operator owes: ${controlById('DPP-DG-1').operatorDuty}`,
    );
  });

  test('a path outside every stack has no template as evidence', () => {
    const report = everyStatusReport();
    const stray = { ...TLS_FINDING, path: 'Prod/KeysOld/Thing', clauses: [] };
    const ar = renderOscalAssessmentResults({ ...report, findings: [stray] });
    const observation = observationsOf(ar).find((o) =>
      (o.title as string).endsWith('on Prod/KeysOld/Thing'),
    ) as Json;
    expect(observation['relevant-evidence']).toBeUndefined();
    expect(errorsOf(compileSchema(ASSESSMENT_RESULTS_SCHEMA), ar)).toEqual([]);
  });

  test('a report without clauses is refused, naming the way out', () => {
    expect(() => renderOscalAssessmentResults({ ...everyStatusReport(), clauses: [] })).toThrow(
      'the evidence report holds no clause, so it has no control to assess: build it with ' +
        'buildEvidenceReport, which covers the whole catalog',
    );
  });
});

describe('OSCAL identifiers', () => {
  const documents = (report: EvidenceReport) => [
    renderOscal(report),
    renderOscalAssessmentResults(report),
  ];

  test.each([
    ['the every-status fixture', () => everyStatusReport()],
    ['a synthesized app', () => synthesized],
  ])('in %s, every uuid is unique and every reference resolves', (_, report) => {
    for (const document of documents(report())) {
      const uuids = valuesOf(document, 'uuid') as string[];
      expect(uuids.length).toBeGreaterThan(0);
      expect(new Set(uuids).size).toBe(uuids.length);
      const references = [
        ...[
          'observation-uuid',
          'risk-uuid',
          'subject-uuid',
          'actor-uuid',
          'component-uuid',
        ].flatMap((key) => valuesOf(document, key)),
        ...([...valuesOf(document, 'href'), ...valuesOf(document, 'source')] as string[])
          .filter((h) => h.startsWith('#'))
          .map((h) => h.slice(1)),
      ];
      expect(references.length).toBeGreaterThan(0);
      expect(references.filter((r) => !uuids.includes(r as string))).toEqual([]);
    }
  });

  test('are deterministic: the same assembly gives the same documents but for the time', () => {
    const first = documents(everyStatusReport()).map((d) => JSON.stringify(d));
    const again = documents(everyStatusReport()).map((d) => JSON.stringify(d));
    const later = documents(everyStatusReport('2027-05-06T07:08:09Z')).map((d) =>
      JSON.stringify(d),
    );
    expect(again).toEqual(first);
    expect(later).not.toEqual(first);
    expect(later.map((d) => d.replace(/2027-05-06T07:08:09Z/g, GENERATED_AT))).toEqual(first);
  });

  test('change with the templates: another assembly gives other identifiers', () => {
    const report = everyStatusReport();
    const changed: EvidenceReport = {
      ...report,
      summary: {
        ...report.summary,
        templates: [{ ...DATA_TEMPLATE, sha256: 'c'.repeat(64) }, STAGED_TEMPLATE],
      },
    };
    const before = documents(report).flatMap((d) => valuesOf(d, 'uuid'));
    const after = new Set(documents(changed).flatMap((d) => valuesOf(d, 'uuid')));
    expect(before.filter((u) => after.has(u))).toEqual([]);
  });
});
