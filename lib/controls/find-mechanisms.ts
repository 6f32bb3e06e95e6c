import {
  AdoptedMechanism,
  Mechanism,
  MechanismEvidence,
  TemplateReferences,
  TemplateResource,
} from './mechanism';
import { SUPPORTED_CLAUSE_MECHANISMS } from './mechanisms';
import { objectOf, listOf, textOf } from './template-values';

/**
 * For every supported clause, in catalog order, the mechanisms the app holds (with the resources
 * that provide them) and those it misses. A mechanism is present when at least one resource of
 * one of its provider types matches that provider's predicate; one that asks for `everyResource`,
 * when every resource of its provider types matches and there is at least one. A mechanism no resource provides
 * is adopted when a resource's cdk-dpp metadata records an opt-out under one of its `adoptedWith`
 * settings (the operator's statement that the service runs elsewhere), and missing otherwise. A
 * mechanism `requiredWhere` a type is left out in an app without a resource of that type, and
 * missing when one of them does not match.
 * Resources are listed in the order given.
 */
export function findMechanisms(resources: readonly TemplateResource[]): MechanismEvidence[] {
  const typesByStack = new Map<string, Map<string, string>>();
  for (const r of resources) {
    const types = typesByStack.get(r.stack) ?? new Map<string, string>();
    types.set(r.logicalId, r.type);
    typesByStack.set(r.stack, types);
  }
  const referencesIn = (stack: string): TemplateReferences => ({
    typeOf: (value) => {
      const target = referencedLogicalId(value);
      return target === undefined ? undefined : typesByStack.get(stack)?.get(target);
    },
  });
  return SUPPORTED_CLAUSE_MECHANISMS.map(({ clause, mechanisms }) => {
    const found = mechanisms
      .filter(
        (m) => m.requiredWhere === undefined || resources.some((r) => r.type === m.requiredWhere),
      )
      .map((mechanism) => {
        const candidates = resources.filter((r) =>
          mechanism.providers.some((p) => p.type === r.type),
        );
        const matching = candidates.filter((r) =>
          mechanism.providers.some(
            (p) => p.type === r.type && (p.matches?.(r, referencesIn(r.stack)) ?? true),
          ),
        );
        const unmatched = resources.filter(
          (r) => r.type === mechanism.requiredWhere && !matching.includes(r),
        );
        const everyOne = mechanism.everyResource !== true || matching.length === candidates.length;
        return { mechanism, resources: unmatched.length > 0 || !everyOne ? [] : matching };
      });
    const absent = found.filter((f) => f.resources.length === 0).map((f) => f.mechanism);
    const adopted = absent
      .map((mechanism) => adoptionOf(mechanism, resources))
      .filter((a): a is AdoptedMechanism => a !== undefined);
    return {
      clause,
      present: found.filter((f) => f.resources.length > 0),
      adopted,
      missing: absent.filter((m) => !adopted.some((a) => a.mechanism === m)),
    };
  });
}

/** The recorded adoption of a mechanism's service, if a resource records one. */
function adoptionOf(
  mechanism: Mechanism,
  resources: readonly TemplateResource[],
): AdoptedMechanism | undefined {
  const settings = mechanism.adoptedWith ?? [];
  if (settings.length === 0) return undefined;
  const records = resources.flatMap((resource) =>
    listOf(objectOf(objectOf(resource.metadata)['cdk-dpp']).optOuts)
      .map(objectOf)
      .filter((o) => settings.includes(textOf(o.setting)) && textOf(o.reason).trim() !== '')
      .map((o) => ({ resource, reason: textOf(o.reason) })),
  );
  if (records.length === 0) return undefined;
  return {
    mechanism,
    resources: [...new Set(records.map((r) => r.resource))],
    reasons: records.map((r) => r.reason),
  };
}

/** The logical ID a `{ Ref }` or `{ 'Fn::GetAtt' }` names, when the value is one. */
function referencedLogicalId(value: unknown): string | undefined {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return undefined;
  const object = value as Record<string, unknown>;
  if (typeof object.Ref === 'string') return object.Ref;
  const getAtt = object['Fn::GetAtt'];
  if (Array.isArray(getAtt) && typeof getAtt[0] === 'string') return getAtt[0];
  if (typeof getAtt === 'string') return getAtt.split('.')[0];
  return undefined;
}
