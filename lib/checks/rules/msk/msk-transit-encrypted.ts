import { CfnResource } from 'aws-cdk-lib';
import { NagRuleCompliance, NagRuleResult } from 'cdk-nag';
import { mayCarryAmazonData } from '../../data-paths';
import { Findings, isFalse, objectOf } from '../../findings';
import { propertiesOf } from '../../resolve';

/** Client-broker settings that accept plaintext connections. */
const PLAINTEXT_CLIENT_BROKER = ['PLAINTEXT', 'TLS_PLAINTEXT'];

/**
 * Compliant when an MSK cluster accepts TLS only from clients (`ClientBroker` `TLS`, the
 * default) and encrypts traffic between brokers (`InCluster`, on by default), and a Kafka
 * Connect connector reaches its cluster over TLS.
 */
export function mskTransitEncrypted(node: CfnResource): NagRuleResult {
  if (!mayCarryAmazonData(node)) return NagRuleCompliance.NOT_APPLICABLE;
  const properties = propertiesOf(node);
  const findings = new Findings(node);
  if (node.cfnResourceType === 'AWS::MSK::Cluster') {
    const inTransit = objectOf(objectOf(properties.EncryptionInfo).EncryptionInTransit);
    findings
      .check(
        inTransit.ClientBroker,
        'ClientBroker',
        (mode) => !PLAINTEXT_CLIENT_BROKER.includes(String(mode)),
        'ClientBrokerPlaintext',
      )
      .check(inTransit.InCluster, 'InCluster', (on) => !isFalse(on), 'InClusterPlaintext');
  } else if (node.cfnResourceType === 'AWS::KafkaConnect::Connector') {
    findings.check(
      objectOf(properties.KafkaClusterEncryptionInTransit).EncryptionType,
      'KafkaClusterEncryptionInTransit',
      (type) => type !== 'PLAINTEXT',
      'ClientBrokerPlaintext',
    );
  } else {
    return NagRuleCompliance.NOT_APPLICABLE;
  }
  return findings.result();
}
