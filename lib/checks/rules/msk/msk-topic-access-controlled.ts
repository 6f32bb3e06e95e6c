import { CfnResource } from 'aws-cdk-lib';
import { NagRuleCompliance, NagRuleResult } from 'cdk-nag';
import { mayCarryAmazonData } from '../../data-paths';
import { Findings, isTrue, objectOf } from '../../findings';
import { literalText, propertiesOf, referencedResource } from '../../resolve';
import { mutualTls } from './msk-client-authenticated';

/** A line of a broker configuration that sets `allow.everyone.if.no.acl.found`. */
const ALLOW_EVERYONE =
  /^[ \t]*allow\.everyone\.if\.no\.acl\.found[ \t]*[=: \t][ \t]*(\S*)[ \t]*\r?$/gm;

/**
 * Whether broker properties deny a topic without ACLs to every client but super users: the
 * last line that sets `allow.everyone.if.no.acl.found` (the one Kafka keeps) says false.
 */
function deniesWithoutAcl(serverProperties: string): boolean {
  const values = [...serverProperties.matchAll(ALLOW_EVERYONE)].map((m) => m[1].toLowerCase());
  return values.length > 0 && values[values.length - 1] === 'false';
}

/** Whether SASL/SCRAM or mutual TLS clients, whom Kafka ACLs govern, may connect. */
function usesKafkaAcls(auth: Record<string, unknown>): boolean {
  return isTrue(objectOf(objectOf(auth.Sasl).Scram).Enabled) || mutualTls(auth.Tls);
}

/**
 * Compliant when an MSK cluster whose clients authenticate with SASL/SCRAM or mutual TLS (and are
 * authorized by Kafka ACLs) runs a configuration of the app with
 * `allow.everyone.if.no.acl.found=false`. MSK's default configuration sets it to true: any
 * authenticated client reads and writes every topic that has no ACL. IAM clients are authorized
 * by IAM policies instead.
 */
export function mskTopicAccessControlled(node: CfnResource): NagRuleResult {
  if (node.cfnResourceType !== 'AWS::MSK::Cluster' || !mayCarryAmazonData(node)) {
    return NagRuleCompliance.NOT_APPLICABLE;
  }
  const properties = propertiesOf(node);
  if (!usesKafkaAcls(objectOf(properties.ClientAuthentication))) {
    return NagRuleCompliance.NOT_APPLICABLE;
  }
  const arn = objectOf(properties.ConfigurationInfo).Arn;
  const findings = new Findings(node);
  if (arn === undefined) return findings.add('AllowEveryoneWithoutAcl').result();
  const configuration = referencedResource(node, arn);
  if (configuration?.cfnResourceType !== 'AWS::MSK::Configuration') {
    return ['Unresolved::ConfigurationInfo'];
  }
  const serverProperties = literalText(propertiesOf(configuration).ServerProperties);
  if (serverProperties === undefined) return ['Unresolved::ServerProperties'];
  return findings.unless(deniesWithoutAcl(serverProperties), 'AllowEveryoneWithoutAcl').result();
}
