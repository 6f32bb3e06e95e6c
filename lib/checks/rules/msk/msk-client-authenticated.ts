import { CfnResource } from 'aws-cdk-lib';
import { NagRuleCompliance, NagRuleResult } from 'cdk-nag';
import { mayCarryAmazonData } from '../../data-paths';
import { Findings, isFalse, isTrue, objectOf } from '../../findings';
import { propertiesOf } from '../../resolve';

/** Whether a client authentication method (`{ Enabled }`) of the template is on. */
function enabled(method: unknown): boolean {
  return isTrue(objectOf(method).Enabled);
}

/** Whether mutual TLS is on: `Enabled` true, or certificate authorities without `Enabled` false. */
export function mutualTls(tls: unknown): boolean {
  const settings = objectOf(tls);
  if (isFalse(settings.Enabled)) return false;
  const authorities = settings.CertificateAuthorityArnList;
  return isTrue(settings.Enabled) || (Array.isArray(authorities) && authorities.length > 0);
}

/**
 * Compliant when every client of an MSK cluster must authenticate (IAM, SASL/SCRAM or mutual
 * TLS) and unauthenticated access is off. A cluster without `ClientAuthentication` admits
 * unauthenticated clients; a Kafka Connect connector must not connect with `NONE`.
 */
export function mskClientAuthenticated(node: CfnResource): NagRuleResult {
  if (!mayCarryAmazonData(node)) return NagRuleCompliance.NOT_APPLICABLE;
  const properties = propertiesOf(node);
  const findings = new Findings(node);
  const auth = objectOf(properties.ClientAuthentication);
  switch (node.cfnResourceType) {
    case 'AWS::MSK::Cluster': {
      if (findings.cannotJudge(properties.ClientAuthentication)) {
        return ['Unresolved::ClientAuthentication'];
      }
      const sasl = objectOf(auth.Sasl);
      const authenticated = enabled(sasl.Iam) || enabled(sasl.Scram) || mutualTls(auth.Tls);
      findings
        .unless(authenticated, 'Unauthenticated')
        .check(
          objectOf(auth.Unauthenticated).Enabled,
          'Unauthenticated',
          (on) => !isTrue(on),
          'Unauthenticated',
        );
      break;
    }
    case 'AWS::MSK::ServerlessCluster':
      findings.check(
        objectOf(objectOf(objectOf(auth.Sasl).Iam)).Enabled,
        'ClientAuthentication',
        (on) => !isFalse(on),
        'Unauthenticated',
      );
      break;
    case 'AWS::KafkaConnect::Connector':
      findings.check(
        objectOf(properties.KafkaClusterClientAuthentication).AuthenticationType,
        'KafkaClusterClientAuthentication',
        (type) => type !== 'NONE',
        'Unauthenticated',
      );
      break;
    default:
      return NagRuleCompliance.NOT_APPLICABLE;
  }
  return findings.result();
}
