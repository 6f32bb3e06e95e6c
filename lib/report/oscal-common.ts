import { createHash } from 'crypto';
import { EvidenceReport, TemplateDigest } from './evidence-report';

/** The OSCAL version both exports conform to. */
export const OSCAL_VERSION = '1.1.2';

/**
 * The namespace of every property cdk-dpp adds to its OSCAL exports (`status`, `kind`, `rule`...),
 * so OSCAL tools tell them from the properties NIST defines.
 */
export const OSCAL_NAMESPACE = 'urn:cdk-dpp:oscal';

/** The UUID namespace all cdk-dpp OSCAL identifiers are derived from (RFC 4122 version 5). */
const UUID_NAMESPACE = '3b0c52a4-7f51-4c2e-9a65-0d6c1f7e8b21';

/** A JSON object of an OSCAL document. */
export type OscalJson = Record<string, unknown>;

/** Gives the UUID of a named part of a document; the same names give the same UUID. */
export type OscalId = (...parts: string[]) => string;

/**
 * The UUIDs of a report's OSCAL documents: name-based, seeded with the stacks and the hashes of
 * their templates, so the same assembly gives the same identifiers and another assembly others.
 */
export function oscalIds(report: EvidenceReport): OscalId {
  const seed = report.summary.templates.map((t) => `${t.stack}:${t.sha256}`).join('|');
  return (...parts) => uuidV5([seed, ...parts].join('|'));
}

/** The UUID of the back-matter resource of a template. */
export function templateResourceId(id: OscalId, template: TemplateDigest): string {
  return id('template', template.stack);
}

/** Every template as a back-matter resource carrying its file and SHA-256 hash. */
export function templateResources(report: EvidenceReport, id: OscalId): OscalJson[] {
  return report.summary.templates.map((t) => ({
    uuid: templateResourceId(id, t),
    title: `CloudFormation template of stack ${t.stack}`,
    description: `${t.resources} resources.`,
    rlinks: [
      {
        href: t.file,
        'media-type': 'application/json',
        hashes: [{ algorithm: 'SHA-256', value: t.sha256 }],
      },
    ],
  }));
}

/**
 * A cdk-dpp property. OSCAL property values are one line without leading or trailing space, so
 * runs of white space become one space; an empty value gives no property.
 */
export function cdkDppProps(values: ReadonlyArray<[string, string | undefined]>): OscalJson {
  const props = values.flatMap(([name, value]) => {
    const line = (value ?? '').replace(/\s+/g, ' ').trim();
    return line === '' ? [] : [{ name, ns: OSCAL_NAMESPACE, value: line }];
  });
  return nonEmpty('props', props);
}

/** `{ key: items }`, or nothing when there are no items (OSCAL arrays hold at least one). */
export function nonEmpty(key: string, items: readonly unknown[]): OscalJson {
  return items.length > 0 ? { [key]: items } : {};
}

/** A name-based (version 5, SHA-1) UUID in the cdk-dpp namespace. */
function uuidV5(name: string): string {
  const namespace = Buffer.from(UUID_NAMESPACE.replace(/-/g, ''), 'hex');
  const bytes = createHash('sha1').update(namespace).update(name, 'utf8').digest().subarray(0, 16);
  bytes[6] = (bytes[6] & 0x0f) | 0x50;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return [
    hex.slice(0, 8),
    hex.slice(8, 12),
    hex.slice(12, 16),
    hex.slice(16, 20),
    hex.slice(20),
  ].join('-');
}
