import { loadAwsServiceSpecSync } from '@aws-cdk/aws-service-spec';

/**
 * What a CloudFormation property can govern, for the coverage test: the six concerns of the
 * Data Protection Policy that a resource's own settings decide.
 */
export enum Concern {
  /** Encryption at rest and the key that does it. */
  ENCRYPTION_AT_REST = 'encryption at rest',
  /** Encryption in transit: TLS, secure protocols, certificates. */
  ENCRYPTION_IN_TRANSIT = 'encryption in transit',
  /** Public reachability: addresses, schemes, open networks. */
  PUBLIC_REACHABILITY = 'public reachability',
  /** Retention, expiry, backups and recovery points. */
  RETENTION = 'retention and backup',
  /** Credentials held or set by the resource. */
  CREDENTIALS = 'credentials',
  /** Resource, identity or trust policies. */
  POLICY = 'policies',
}

/** The property names (the last segment of a path) that govern each concern. */
const CONCERN_PATTERNS: ReadonlyArray<readonly [Concern, RegExp]> = [
  [Concern.ENCRYPTION_AT_REST, /encrypt|kms|^sse|cmk|customermanagedkey/i],
  [Concern.ENCRYPTION_IN_TRANSIT, /tls|ssl|securetransport|transit|https|^protocols?$/i],
  [Concern.PUBLIC_REACHABILITY, /public|internetfacing|^scheme$|allowfrom|networkaccesstype/i],
  [Concern.RETENTION, /retention|expir|lifecycle|backup|snapshot|deletionprotection|pointintime/i],
  [Concern.CREDENTIALS, /password|secretstring|credential|accesskey|authtoken|masteruser|apikey/i],
  [
    Concern.POLICY,
    /^policy$|policydocument|resourcepolicy|accesspolic|assumerolepolicy|policytext|^policies$|inlinepolicy|managedpolicyarns/i,
  ],
];

/** A CloudFormation resource type and the concerns its properties govern. */
export interface GovernedType {
  /** The CloudFormation type, e.g. `AWS::SQS::Queue`. */
  readonly type: string;
  /** The concerns, each with the property paths that govern it. */
  readonly concerns: ReadonlyMap<Concern, readonly string[]>;
}

/** Every resource type of the CloudFormation specification, with its property paths. */
function propertyPathsByType(): Map<string, string[]> {
  const db = loadAwsServiceSpecSync();
  const result = new Map<string, string[]>();
  for (const resource of db.all('resource')) {
    const paths: string[] = [];
    const seen = new Set<string>();
    const walk = (properties: Record<string, { type: unknown }>, prefix: string): void => {
      for (const [name, property] of Object.entries(properties)) {
        paths.push(prefix + name);
        for (const ref of typeReferences(property.type)) {
          if (seen.has(ref)) continue;
          seen.add(ref);
          const definition = db.get('typeDefinition', ref);
          walk(definition.properties as Record<string, { type: unknown }>, `${prefix}${name}.`);
        }
      }
    };
    walk(resource.properties as Record<string, { type: unknown }>, '');
    result.set(resource.cloudFormationType, paths);
  }
  return result;
}

/** The type definitions a property type refers to, through lists, maps and unions. */
function typeReferences(type: unknown): string[] {
  if (type === null || typeof type !== 'object') return [];
  const t = type as {
    type?: string;
    reference?: { $ref: string };
    element?: unknown;
    types?: unknown[];
  };
  if (t.type === 'ref' && t.reference) return [t.reference.$ref];
  return [...typeReferences(t.element), ...(t.types ?? []).flatMap(typeReferences)];
}

let cached: { all: string[]; governed: GovernedType[] } | undefined;

function load(): { all: string[]; governed: GovernedType[] } {
  if (!cached) {
    const byType = propertyPathsByType();
    const governed: GovernedType[] = [];
    for (const [type, paths] of byType) {
      const concerns = new Map<Concern, string[]>();
      for (const path of paths) {
        const name = path.split('.').pop() ?? path;
        for (const [concern, pattern] of CONCERN_PATTERNS) {
          if (pattern.test(name)) concerns.set(concern, [...(concerns.get(concern) ?? []), path]);
        }
      }
      if (concerns.size > 0) governed.push({ type, concerns });
    }
    cached = {
      all: [...byType.keys()].sort(),
      governed: governed.sort((a, b) => a.type.localeCompare(b.type)),
    };
  }
  return cached;
}

/** Every resource type of the CloudFormation specification, sorted. */
export function allResourceTypes(): readonly string[] {
  return load().all;
}

/**
 * The resource types with at least one property that governs encryption at rest, encryption in
 * transit, public reachability, retention or backup, credentials, or a policy; sorted.
 */
export function governedResourceTypes(): readonly GovernedType[] {
  return load().governed;
}
