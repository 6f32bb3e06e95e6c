import * as fs from 'fs';
import { CONTROLS } from '../../lib/controls';
import {
  buildEvidenceReport,
  EvidenceReport,
  readCloudAssembly,
  renderHtml,
  renderMarkdown,
} from '../../lib/report';
import { synthAssembly, violatingApp } from './fixture-assembly';

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
    for (const reference of references) expect(reference).toMatch(/^#[A-Za-z0-9-]+$/);
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
    // <wbr> only marks where a long word may break.
    expect(page.replace(/<wbr>/g, '')).toContain(
      '&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;q&quot;',
    );
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
