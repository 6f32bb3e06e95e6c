import { readFileSync } from 'fs';
import { judgedResourceTypes, OUT_OF_SCOPE } from '../../../lib/checks/coverage';
import { DATA_STORE_TYPES } from '../../../lib/checks/data-stores';
import { DPP_RULES } from '../../../lib/checks/rule-table';
import {
  COVERAGE_DOCUMENT_PATH,
  coverageDocument,
  RULES_PATH,
  withCoverageSection,
} from './coverage-markdown';
import { allResourceTypes, governedResourceTypes } from './governed-types';

describe('coverage of the CloudFormation specification', () => {
  const specTypes = new Set(allResourceTypes());
  const judged = new Set(judgedResourceTypes());

  test('the specification is read: it has the types of the services the pack knows', () => {
    expect(specTypes.size).toBeGreaterThan(1500);
    const governed = governedResourceTypes().map((g) => g.type);
    expect(governed).toEqual(
      expect.arrayContaining(['AWS::S3::Bucket', 'AWS::SQS::Queue', 'AWS::RDS::DBCluster']),
    );
    expect(governed).not.toContain('AWS::CloudFormation::WaitConditionHandle');
  });

  test('every governed type is judged by a rule or listed as out of scope with a reason', () => {
    const neither = governedResourceTypes()
      .map((g) => g.type)
      .filter((t) => !judged.has(t) && OUT_OF_SCOPE[t] === undefined);
    expect(neither).toEqual([]);
  });

  test('no type is both judged and out of scope', () => {
    expect(Object.keys(OUT_OF_SCOPE).filter((t) => judged.has(t))).toEqual([]);
  });

  test('every type a rule judges or the table lists exists in the specification', () => {
    const unknown = [...judged, ...Object.keys(OUT_OF_SCOPE)].filter((t) => !specTypes.has(t));
    expect(unknown).toEqual([]);
  });

  test('every rule judges at least one type', () => {
    expect(DPP_RULES.filter((r) => r.resourceTypes.length === 0).map((r) => r.id)).toEqual([]);
  });

  test('the out-of-scope table lists only governed types, each with a one-line reason', () => {
    const governed = new Set(governedResourceTypes().map((g) => g.type));
    expect(Object.keys(OUT_OF_SCOPE).filter((t) => !governed.has(t))).toEqual([]);
    for (const reason of Object.values(OUT_OF_SCOPE)) {
      expect(reason).toMatch(/^[A-Z].{20,250}\.$/);
      expect(reason).not.toContain('\n');
    }
  });

  test('a data store is never out of scope, and every data store is judged', () => {
    expect(DATA_STORE_TYPES.filter((t) => OUT_OF_SCOPE[t] !== undefined)).toEqual([]);
    expect(DATA_STORE_TYPES.filter((t) => !judged.has(t))).toEqual([]);
  });

  test('RULES.md states the current counts and docs/coverage.md is current', () => {
    // Prettier aligns the tables of RULES.md: compare them cell by cell.
    const cells = (text: string) =>
      text.split('\n').map((l) => l.replace(/\s+/g, ' ').replace(/-{3,}/g, '---'));
    const rules = readFileSync(RULES_PATH, 'utf8');
    expect(cells(withCoverageSection(rules))).toEqual(cells(rules));
    expect(readFileSync(COVERAGE_DOCUMENT_PATH, 'utf8')).toBe(coverageDocument());
  });
});
