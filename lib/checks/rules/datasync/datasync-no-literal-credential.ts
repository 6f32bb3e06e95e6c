import { CfnResource } from 'aws-cdk-lib';
import { NagRuleCompliance, NagRuleResult } from 'cdk-nag';
import { checkNoLiteralCredential, mayCarryAmazonData } from '../../data-paths';
import { Findings, objectOf } from '../../findings';
import { propertiesOf } from '../../resolve';

/** Where each DataSync location type keeps its credentials. */
const CREDENTIALS: Record<
  string,
  readonly [name: string, read: (p: Record<string, unknown>) => unknown][]
> = {
  'AWS::DataSync::LocationSMB': [
    ['Password', (p) => p.Password],
    ['KerberosKeytab', (p) => p.KerberosKeytab],
  ],
  'AWS::DataSync::LocationFSxWindows': [['Password', (p) => p.Password]],
  'AWS::DataSync::LocationFSxONTAP': [
    ['Password', (p) => objectOf(objectOf(p.Protocol).SMB).Password],
  ],
  'AWS::DataSync::LocationObjectStorage': [['SecretKey', (p) => p.SecretKey]],
  'AWS::DataSync::LocationHDFS': [['KerberosKeytab', (p) => p.KerberosKeytab]],
  'AWS::DataSync::LocationAzureBlob': [
    ['AzureBlobSasToken', (p) => objectOf(p.AzureBlobSasConfiguration).AzureBlobSasToken],
  ],
};

/** The DataSync location types that can carry a credential. */
export const DATASYNC_CREDENTIAL_TYPES: readonly string[] = Object.keys(CREDENTIALS);

/**
 * Compliant when no credential of a DataSync location (password, secret key, Kerberos keytab,
 * SAS token) is written into the template: each is a `{{resolve:secretsmanager:...}}` reference,
 * or the location reads it from Secrets Manager (`CustomSecretConfig`, `CmkSecretConfig`).
 */
export function dataSyncNoLiteralCredential(node: CfnResource): NagRuleResult {
  const credentials = CREDENTIALS[node.cfnResourceType];
  if (credentials === undefined || !mayCarryAmazonData(node)) {
    return NagRuleCompliance.NOT_APPLICABLE;
  }
  const properties = propertiesOf(node);
  const findings = new Findings(node);
  for (const [name, read] of credentials)
    checkNoLiteralCredential(findings, read(properties), name);
  return findings.result();
}
