import { CfnResource } from 'aws-cdk-lib';
import { NagRuleCompliance, NagRuleResult } from 'cdk-nag';
import { Findings } from '../../findings';
import { literalText } from '../../resolve';
import { pathName, settingOf } from './data-store-profile';
import { parametersOf } from './engine-tls';
import { profileOf } from './profiles';
import { checkStoreTls } from './store-tls';

/**
 * Compliant when a store refuses plaintext connections and TLS older than 1.2: by a flag on the
 * store, or through the parameter groups it names and the parameters it holds (what they leave
 * unset takes the engine default, and the default group is the engine default).
 */
export function dataStoreTransitEncrypted(node: CfnResource): NagRuleResult {
  const transit = profileOf(node)?.transit;
  if (!transit || 'always' in transit) return NagRuleCompliance.NOT_APPLICABLE;
  const findings = new Findings(node);
  if ('flag' in transit) {
    const value = settingOf(node, transit.flag);
    findings.check(
      value,
      pathName(transit.flag.path),
      (v) => transit.accepted.includes(String(literalText(v) ?? v).toLowerCase()),
      'TlsNotForced',
    );
    return findings.result();
  }
  const engine = transit.engine ? { kind: transit.engine, version: '' } : undefined;
  const inline = transit.inline ? parametersOf(node) : undefined;
  checkStoreTls(node, findings, transit.groups, inline, engine);
  return findings.result();
}
