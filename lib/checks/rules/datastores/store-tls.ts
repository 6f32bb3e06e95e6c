import { CfnResource } from 'aws-cdk-lib';
import { Findings } from '../../findings';
import { literalText, propertiesOf, referencedResource } from '../../resolve';
import {
  Engine,
  engineDefaults,
  engineOf,
  Parameters,
  parametersOf,
  tlsSettings,
} from './engine-tls';

/** The finding when a store accepts plaintext connections. */
export const TLS_NOT_FORCED = 'TlsNotForced';
/** The finding when a store accepts TLS older than 1.2. */
export const TLS_BELOW_12 = 'TlsBelow12';

/**
 * Judges the TLS a store enforces through the groups it names (`groupProperties`, in order) and
 * the parameters it holds itself (`inline`), falling back to the engine's defaults for what
 * they leave unset:
 * - a group that weakens TLS explicitly carries the finding itself (ParameterGroupTls), so the
 *   store does not repeat it;
 * - a group the synth cannot follow is `Unresolved::<property>` (named by a literal, it is
 *   judged as not forcing TLS: nothing shows what it holds), except a default group
 *   (`default.<family>`), which holds the engine defaults;
 * - what is left to the defaults is judged on the store, whose engine decides them.
 */
export function checkStoreTls(
  node: CfnResource,
  findings: Findings,
  groupProperties: readonly string[],
  inline?: Parameters,
  engine: Engine = engineOf(propertiesOf(node)),
): void {
  const properties = propertiesOf(node);
  let force: string = 'default';
  let minimum: string = 'default';
  const merge = (parameters: Parameters, weakIsHere: boolean): void => {
    const settings = tlsSettings(parameters, engine);
    if (weakIsHere) settings.unresolved.forEach((name) => findings.add(`Unresolved::${name}`));
    // A parameter that cannot be resolved is reported where it is written; the store defers.
    const unresolved = settings.unresolved.length > 0;
    const explicit = (setting: string) =>
      unresolved || (setting === 'weak' && !weakIsHere) ? 'elsewhere' : setting;
    if (force === 'default') force = explicit(settings.force);
    if (minimum === 'default') minimum = explicit(settings.minimum);
  };
  for (const property of groupProperties) {
    const value = properties[property];
    if (value === undefined) continue;
    // A default group (`default.postgres16`) holds the engine defaults.
    if (literalText(value)?.startsWith('default.')) continue;
    const group = referencedResource(node, value);
    if (!group) {
      findings.check(value, property, () => false, TLS_NOT_FORCED);
      return;
    }
    merge(parametersOf(group), false);
  }
  if (inline) merge(inline, true);
  const defaults = engineDefaults(engine);
  findings.unless(
    force === 'secure' || force === 'elsewhere' || (force === 'default' && defaults.force),
    TLS_NOT_FORCED,
  );
  findings.unless(
    minimum === 'secure' || minimum === 'elsewhere' || (minimum === 'default' && defaults.minimum),
    TLS_BELOW_12,
  );
}
