import { CfnResource } from 'aws-cdk-lib';
import { NagRuleCompliance, NagRuleResult } from 'cdk-nag';
import { checkSecureUrl, mayCarryAmazonData } from '../../data-paths';
import { Findings } from '../../findings';
import { asList } from '../../policy-document';
import { propertiesOf } from '../../resolve';

/** The security policy CloudFormation gives a server that names none. */
const DEFAULT_SECURITY_POLICY = 'TransferSecurityPolicy-2018-11';

/**
 * The first year of the security policies that offer only current algorithms; the earlier ones
 * (2018-11, 2020-06, 2022-03) still allow SHA-1 and CBC suites.
 */
const CURRENT_POLICY_YEAR = 2023;

/** Whether a security policy name dates from the current generation. */
function isCurrentPolicy(name: unknown): boolean {
  const year = /-(\d{4})-\d{2}$/.exec(String(name));
  return year !== null && Number(year[1]) >= CURRENT_POLICY_YEAR;
}

/**
 * Compliant when a Transfer Family server offers no plaintext FTP and uses a current security
 * policy (CloudFormation's default is the 2018 one), and a connector reaches its partner over
 * `https://` (AS2) or `sftp://`.
 */
export function transferTransitEncrypted(node: CfnResource): NagRuleResult {
  if (!mayCarryAmazonData(node)) return NagRuleCompliance.NOT_APPLICABLE;
  const properties = propertiesOf(node);
  const findings = new Findings(node);
  if (node.cfnResourceType === 'AWS::Transfer::Server') {
    const protocols = findings.cannotJudge(properties.Protocols)
      ? [properties.Protocols]
      : asList(properties.Protocols);
    for (const protocol of protocols) {
      findings.check(protocol, 'Protocols', (p) => p !== 'FTP', 'PlaintextFtp');
    }
    findings.check(
      properties.SecurityPolicyName ?? DEFAULT_SECURITY_POLICY,
      'SecurityPolicyName',
      isCurrentPolicy,
      'OldSecurityPolicy',
    );
  } else if (node.cfnResourceType === 'AWS::Transfer::Connector') {
    checkSecureUrl(findings, properties.Url, 'Url', ['https', 'sftp'], 'PlaintextUrl');
  } else {
    return NagRuleCompliance.NOT_APPLICABLE;
  }
  return findings.result();
}
