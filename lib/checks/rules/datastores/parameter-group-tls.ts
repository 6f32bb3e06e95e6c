import { CfnResource } from 'aws-cdk-lib';
import { NagRuleResult } from 'cdk-nag';
import { Findings } from '../../findings';
import { propertiesOf } from '../../resolve';
import { engineOf, parametersOf, tlsSettings } from './engine-tls';
import { TLS_BELOW_12, TLS_NOT_FORCED } from './store-tls';

/**
 * Compliant when a parameter or option group does not weaken TLS: no parameter it sets lets its
 * databases accept plaintext or TLS older than 1.2. What it leaves unset is judged on the stores
 * that use it, whose engine version decides the default.
 */
export function parameterGroupTls(node: CfnResource): NagRuleResult {
  const settings = tlsSettings(parametersOf(node), engineOf(propertiesOf(node)));
  const findings = new Findings(node);
  settings.unresolved.forEach((name) => findings.add(`Unresolved::${name}`));
  const detail = settings.weakParameter ? `::${settings.weakParameter}` : '';
  if (settings.force === 'weak') return findings.add(`${TLS_NOT_FORCED}${detail}`).result();
  if (settings.minimum === 'weak') findings.add(`${TLS_BELOW_12}${detail}`);
  return findings.result();
}
