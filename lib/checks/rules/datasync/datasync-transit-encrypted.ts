import { CfnResource } from 'aws-cdk-lib';
import { NagRuleCompliance, NagRuleResult } from 'cdk-nag';
import { mayCarryAmazonData } from '../../data-paths';
import { Findings, objectOf } from '../../findings';
import { propertiesOf } from '../../resolve';

/** The DataSync location types this rule judges. */
export const DATASYNC_LOCATION_TYPES: readonly string[] = [
  'AWS::DataSync::LocationEFS',
  'AWS::DataSync::LocationNFS',
  'AWS::DataSync::LocationSMB',
  'AWS::DataSync::LocationHDFS',
  'AWS::DataSync::LocationObjectStorage',
  'AWS::DataSync::LocationFSxONTAP',
  'AWS::DataSync::LocationFSxOpenZFS',
];

/** Judges an SMB mount: only SMB 3 encrypts; `AUTOMATIC` (the default) may settle on SMB 2.1. */
function checkSmb(findings: Findings, mountOptions: unknown): void {
  findings.check(
    objectOf(mountOptions).Version ?? 'AUTOMATIC',
    'MountOptions',
    (version) => version === 'SMB3',
    'NoSmb3',
  );
}

/**
 * Compliant when DataSync reaches a location over an encrypted protocol: EFS with `TLS1_2` (the
 * default is `NONE`), SMB pinned to SMB 3, HDFS with `PRIVACY` protection (the default), object
 * storage over HTTPS (the default). NFS has no encryption, so an NFS location is reported.
 */
export function dataSyncTransitEncrypted(node: CfnResource): NagRuleResult {
  if (!DATASYNC_LOCATION_TYPES.includes(node.cfnResourceType) || !mayCarryAmazonData(node)) {
    return NagRuleCompliance.NOT_APPLICABLE;
  }
  const properties = propertiesOf(node);
  const findings = new Findings(node);
  switch (node.cfnResourceType) {
    case 'AWS::DataSync::LocationEFS':
      findings.check(
        properties.InTransitEncryption ?? 'NONE',
        'InTransitEncryption',
        (mode) => mode === 'TLS1_2',
        'NoTls',
      );
      break;
    case 'AWS::DataSync::LocationNFS':
    case 'AWS::DataSync::LocationFSxOpenZFS':
      findings.add('PlaintextNfs');
      break;
    case 'AWS::DataSync::LocationSMB':
      checkSmb(findings, properties.MountOptions);
      break;
    case 'AWS::DataSync::LocationFSxONTAP': {
      const protocol = objectOf(properties.Protocol);
      if (protocol.NFS !== undefined) findings.add('PlaintextNfs');
      if (protocol.SMB !== undefined) checkSmb(findings, objectOf(protocol.SMB).MountOptions);
      break;
    }
    case 'AWS::DataSync::LocationHDFS': {
      const qop = objectOf(properties.QopConfiguration);
      for (const setting of ['DataTransferProtection', 'RpcProtection']) {
        findings.check(
          qop[setting] ?? 'PRIVACY',
          setting,
          (level) => level === 'PRIVACY',
          'NoPrivacy',
        );
      }
      break;
    }
    default:
      findings.check(
        properties.ServerProtocol ?? 'HTTPS',
        'ServerProtocol',
        (protocol) => protocol === 'HTTPS',
        'PlaintextHttp',
      );
  }
  return findings.result();
}
