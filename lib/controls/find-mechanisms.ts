import { MechanismEvidence, TemplateReferences, TemplateResource } from './mechanism';
import { SUPPORTED_CLAUSE_MECHANISMS } from './mechanisms';

/**
 * For every supported clause, in catalog order, the mechanisms the app holds (with the resources
 * that provide them) and those it misses. A mechanism is present when at least one resource of
 * one of its provider types matches that provider's predicate. Resources are listed in the order
 * given.
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
    const found = mechanisms.map((mechanism) => ({
      mechanism,
      resources: resources.filter((r) =>
        mechanism.providers.some(
          (p) => p.type === r.type && (p.matches?.(r, referencesIn(r.stack)) ?? true),
        ),
      ),
    }));
    return {
      clause,
      present: found.filter((f) => f.resources.length > 0),
      missing: found.filter((f) => f.resources.length === 0).map((f) => f.mechanism),
    };
  });
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
