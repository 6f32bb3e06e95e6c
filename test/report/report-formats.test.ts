import * as fs from 'fs';
import * as path from 'path';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { CONTROLS } from '../../lib/controls';
import {
  buildEvidenceReport,
  EvidenceReport,
  OSCAL_VERSION,
  readCloudAssembly,
  renderHtml,
  renderMarkdown,
  renderOscal,
} from '../../lib/report';
import { synthAssembly, violatingApp } from './fixture-assembly';

const OSCAL_SCHEMA = path.resolve(
  __dirname,
  '../../../shared/oscal/oscal_component_schema_1.0.4.json',
);

let assembly: string;
let report: EvidenceReport;

beforeAll(() => {
  assembly = synthAssembly('formats', violatingApp);
  report = buildEvidenceReport(readCloudAssembly(assembly), {
    generatedAt: new Date('2026-01-02T03:04:05.120Z'),
  });
});

afterAll(() => {
  if (assembly) fs.rmSync(assembly, { recursive: true, force: true });
});

type Json = Record<string, unknown>;

describe('HTML page', () => {
  let html: string;
  beforeAll(() => {
    html = renderHtml(report);
  });

  test('is self-contained: no script, stylesheet link, image, frame or remote URL', () => {
    expect(html).not.toMatch(/<script|<link|<img|<iframe|<object|<embed|@import|url\(/i);
    const references = [...html.matchAll(/\b(?:href|src|action)\s*=\s*"([^"]*)"/gi)].map(
      (m) => m[1],
    );
    expect(references.length).toBeGreaterThan(0);
    for (const reference of references) expect(reference).toMatch(/^#[A-Z0-9-]+$/);
    expect(html).not.toMatch(/https?:\/\//);
  });

  test('has a row for every clause, anchored by its ID', () => {
    for (const control of CONTROLS) {
      expect(html.split(`<tr id="${control.id}">`)).toHaveLength(2);
    }
  });

  test('escapes text from the app', () => {
    const tampered: EvidenceReport = {
      ...report,
      acknowledgements: [
        {
          rule: 'DPP-X',
          path: 'App/<b>',
          reason: '<script>alert(1)</script> & "q"',
          clauses: [],
          pack: 'DPP',
          builtIn: false,
          governed: false,
        },
      ],
    };
    const page = renderHtml(tampered);
    expect(page).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;q&quot;');
    expect(page).not.toContain('<script>');
  });
});

describe('Markdown', () => {
  test('has a table row for every clause and escapes pipes', () => {
    const tampered: EvidenceReport = {
      ...report,
      acknowledgements: [
        {
          rule: 'DPP-X',
          path: 'App/X',
          reason: 'a | b',
          clauses: [],
          pack: 'DPP',
          builtIn: false,
          governed: false,
        },
      ],
    };
    const markdown = renderMarkdown(tampered);
    for (const control of CONTROLS) {
      expect(markdown.split(`| **${control.id}** `)).toHaveLength(2);
    }
    expect(markdown).toContain('a \\| b');
  });
});

describe('OSCAL component definition', () => {
  let oscal: Json;
  beforeAll(() => {
    oscal = renderOscal(report);
  });

  const componentsOf = (document: Json) =>
    (document['component-definition'] as Json).components as Json[];
  const requirementsOf = (component: Json) =>
    ((component['control-implementations'] as Json[]) ?? []).flatMap(
      (ci) => ci['implemented-requirements'] as Json[],
    );

  test('the application component implements every clause exactly once, with its status', () => {
    const [application] = componentsOf(oscal);
    const requirements = requirementsOf(application);
    expect(requirements.map((r) => r['control-id']).sort()).toEqual(
      CONTROLS.map((c) => c.id).sort(),
    );
    for (const requirement of requirements) {
      const clause = report.clauses.find((c) => c.id === requirement['control-id']);
      expect(requirement.description).toMatch(new RegExp(`^Status: ${clause?.status}\\. `));
    }
  });

  test('each cdk-dpp construct of the app is a component', () => {
    const titles = componentsOf(oscal).map((c) => c.title);
    expect(titles).toEqual([
      'Synthesized AWS CDK application',
      'DppChecks (cdk-nag pack)',
      'PiiBucket',
      'PiiKey',
    ]);
    const pii = componentsOf(oscal).find((c) => c.title === 'PiiBucket') as Json;
    expect(requirementsOf(pii).map((r) => r['control-id'])).toEqual([
      'DPP-NP-7',
      'DPP-DR-1',
      'DPP-ES-1',
    ]);
  });

  test('declares OSCAL 1.0.4 and a last-modified time the schema accepts', () => {
    const metadata = (oscal['component-definition'] as Json).metadata as Json;
    expect(metadata['oscal-version']).toBe(OSCAL_VERSION);
    expect(metadata['last-modified']).toBe('2026-01-02T03:04:05Z');
  });

  const validateIt = fs.existsSync(OSCAL_SCHEMA) ? test : test.skip;
  validateIt('validates against the NIST OSCAL 1.0.4 component-definition schema', () => {
    const schema = JSON.parse(fs.readFileSync(OSCAL_SCHEMA, 'utf8')) as Json;
    const ajv = new Ajv({ allErrors: true, strict: false });
    addFormats(ajv);
    const validate = ajv.compile(schema);
    const valid = validate(oscal);
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
    // The schema is strict enough to reject a broken document.
    const broken = JSON.parse(JSON.stringify(oscal)) as Json;
    ((broken['component-definition'] as Json).metadata as Json)['last-modified'] = 'yesterday';
    expect(validate(broken)).toBe(false);
  });
});
