import {
  AssemblyContents,
  AssemblyResource,
  DeclaredData,
  evaluateAssembly,
  renderHtml,
  renderMarkdown,
} from '../../lib/report';

// What cdk-dpp wrote is never shown as the operator's words: defaults of the record of
// processing, the reasons of resources declared to hold no Amazon data, and opt-out reasons.

const declared = (overrides: Partial<DeclaredData>): DeclaredData => ({
  dataClass: 'pii',
  purpose: 'Ship orders to buyers',
  piiFields: ['buyerName'],
  collection: 'From the Selling Partner API, by the application role.',
  sharing: 'Shared with the carrier.',
  retentionDays: 30,
  disposal: 'Expired by lifecycle after 30 days.',
  erasure: 'Delete the objects of the order.',
  readers: [],
  defaults: [],
  ...overrides,
});

const resource = (logicalId: string, overrides: Partial<AssemblyResource>): AssemblyResource => ({
  stack: 'App',
  logicalId,
  type: 'AWS::S3::Bucket',
  path: `App/${logicalId}/Resource`,
  implements: [],
  optOuts: [],
  ...overrides,
});

const CONTENTS: AssemblyContents = {
  directory: '/fixture',
  schemaVersion: '55.0.0',
  stacks: [
    {
      name: 'App',
      templateFile: 'App.template.json',
      sha256: 'ef'.repeat(32),
      resourceCount: 4,
      checks: [],
    },
  ],
  resources: [
    resource('AccessLogs', {
      construct: 'ServerAccessLogsBucket',
      dataClassTag: 'no-amazon-data',
      data: declared({
        dataClass: 'no-amazon-data',
        purpose: 'S3 server access logs.',
        piiFields: [],
        defaults: ['purpose', 'piiFields', 'collection', 'sharing', 'disposal', 'erasure'],
      }),
    }),
    resource('Metrics', {
      dataClassTag: 'no-amazon-data',
      data: declared({
        dataClass: 'no-amazon-data',
        purpose: 'Build metrics of the CI pipeline, no seller or buyer data.',
        piiFields: [],
        defaults: ['disposal'],
      }),
    }),
    resource('Orders', {
      construct: 'PiiBucket',
      dataClassTag: 'pii',
      data: declared({ defaults: ['collection', 'retentionDays', 'disposal', 'erasure'] }),
      optOuts: [
        {
          setting: 'internetFacing',
          clauses: ['DPP-NP-1'],
          reason: 'Sellers reach the service from the allow-listed CIDRs.',
          byLibrary: true,
        },
        {
          setting: 'accessOutsideVpcEndpoint',
          clauses: ['DPP-NP-3', 'DPP-NP-5'],
          reason: 'The analytics account reads through its own endpoint.',
        },
      ],
    }),
    resource('Scratch', { dataClassTag: 'no-amazon-data' }),
  ],
  acknowledgements: [],
  plugins: [],
  findings: [],
};

const report = evaluateAssembly(CONTENTS, [], new Date('2026-12-01T00:00:00Z'));
const markdown = renderMarkdown(report).split('\n');
// Break opportunities (`<wbr>`) are layout, not words: compared without them.
const html = renderHtml(report).replace(/<wbr>/g, '');

/** The Markdown lines of a section, from its heading to the next one. */
function sectionLines(title: string): string[] {
  const start = markdown.indexOf(`## ${title}`);
  const end = markdown.findIndex((line, i) => i > start && line.startsWith('## '));
  return markdown.slice(start + 1, end === -1 ? undefined : end).filter((l) => l !== '');
}

describe('the record of processing', () => {
  test('lists which values are the library defaults in the JSON', () => {
    expect(report.processingActivities.map((p) => [p.store, p.defaults])).toEqual([
      [
        'App/AccessLogs/Resource',
        ['purpose', 'piiFields', 'collection', 'sharing', 'disposal', 'erasure'],
      ],
      ['App/Metrics/Resource', ['disposal']],
      ['App/Orders/Resource', ['collection', 'retentionDays', 'disposal', 'erasure']],
    ]);
  });

  test('marks every default as cdk-dpp’s and leaves the operator’s words as they are', () => {
    const orders = sectionLines('Record of processing activities (DPP-DG-3)').find((l) =>
      l.includes('App/Orders/Resource'),
    );
    expect(orders?.split(' | ').slice(1, -1)).toEqual([
      'pii',
      'buyerName',
      'Ship orders to buyers',
      'cdk-dpp default: From the Selling Partner API, by the application role.',
      'Shared with the carrier.',
      'cdk-dpp default: 30 days',
      'cdk-dpp default: Expired by lifecycle after 30 days.',
      'cdk-dpp default: Delete the objects of the order.',
    ]);
  });
});

describe('resources declared to hold no Amazon data', () => {
  test('have their own table with the reason, saying where cdk-dpp wrote it', () => {
    expect(sectionLines('Declared to hold no Amazon data')).toEqual([
      '| Resource | Type | Stack | Why |',
      '|---|---|---|---|',
      // the server access logs bucket declares itself: the words are the library's
      '| `App/AccessLogs/Resource` | AWS::S3::Bucket | App | written by cdk-dpp: S3 server access logs. |',
      '| `App/Metrics/Resource` | AWS::S3::Bucket | App | Build metrics of the CI pipeline, no seller or buyer data. |',
      // tagged, never declared: nobody gave a reason
      '| `App/Scratch/Resource` | AWS::S3::Bucket | App | no reason declared: only the dpp:data-class tag says so |',
    ]);
  });

  test('say so when there are none', () => {
    const none = evaluateAssembly(
      { ...CONTENTS, resources: [CONTENTS.resources[2]] },
      [],
      new Date('2026-12-01T00:00:00Z'),
    );
    const lines = renderMarkdown(none).split('\n');
    const at = lines.indexOf('## Declared to hold no Amazon data');
    expect(lines.slice(at + 1, at + 3)).toEqual([
      '',
      'No resource in this app is declared to hold no Amazon data.',
    ]);
  });
});

describe('opt-outs', () => {
  test('say which reasons cdk-dpp wrote', () => {
    expect(sectionLines('Opt-outs of safe defaults')).toEqual([
      '| Setting | Resource | Clauses | Reason |',
      '|---|---|---|---|',
      '| `internetFacing` | `App/Orders/Resource` | DPP-NP-1 | written by cdk-dpp: Sellers reach the service from the allow-listed CIDRs. |',
      '| `accessOutsideVpcEndpoint` | `App/Orders/Resource` | DPP-NP-3, DPP-NP-5 | The analytics account reads through its own endpoint. |',
    ]);
    expect(markdown.filter((l) => l.includes('Opt-out `internetFacing`'))).toEqual([
      expect.stringContaining(
        'Opt-out `internetFacing` on `App/Orders/Resource`: written by cdk-dpp: Sellers reach the service from the allow-listed CIDRs.',
      ),
    ]);
  });

  test('keep the marks in the HTML page', () => {
    const rows = html.split('\n').filter((l) => l.startsWith('<tr><td><code>'));
    expect(rows.filter((l) => /written by cdk-dpp|no reason declared/.test(l))).toEqual([
      '<tr><td><code>internetFacing</code></td><td><code>App/Orders/Resource</code></td><td><a href="#DPP-NP-1">DPP-NP-1</a></td><td>written by cdk-dpp: Sellers reach the service from the allow-listed CIDRs.</td></tr>',
      '<tr><td><code>App/AccessLogs/Resource</code></td><td>AWS::S3::Bucket</td><td>App</td><td>written by cdk-dpp: S3 server access logs.</td></tr>',
      '<tr><td><code>App/Scratch/Resource</code></td><td>AWS::S3::Bucket</td><td>App</td><td><span class="badge" style="background:#8a5a00;color:#ffffff">no reason declared: only the dpp:data-class tag says so</span></td></tr>',
    ]);
    expect(html).toContain(
      '<td data-label="Collection">cdk-dpp default: From the Selling Partner API, by the application role.</td><td data-label="Sharing">Shared with the carrier.</td><td data-label="Retention">cdk-dpp default: 30&nbsp;days</td>',
    );
    expect(html).toContain(
      '<li>Opt-out <code>internetFacing</code> on <code>App/Orders/Resource</code>: written by cdk-dpp: Sellers reach the service from the allow-listed CIDRs.</li>',
    );
  });
});
