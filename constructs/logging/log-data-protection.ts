import { aws_logs as logs } from 'aws-cdk-lib';

/**
 * The managed data identifiers a log data protection policy audits and masks: the personal
 * data of an SP-API order (names, addresses, e-mail, phone numbers, postal codes, the buyer tax
 * IDs of Brazilian orders), payment card data and the credentials an application might print by
 * mistake (DPP-LM-4).
 */
export const LOG_PII_IDENTIFIERS: readonly logs.DataIdentifier[] = [
  logs.DataIdentifier.NAME,
  logs.DataIdentifier.ADDRESS,
  logs.DataIdentifier.EMAILADDRESS,
  logs.DataIdentifier.PHONENUMBER_US,
  logs.DataIdentifier.PHONENUMBER_GB,
  logs.DataIdentifier.PHONENUMBER_DE,
  logs.DataIdentifier.PHONENUMBER_FR,
  logs.DataIdentifier.PHONENUMBER_ES,
  logs.DataIdentifier.PHONENUMBER_IT,
  logs.DataIdentifier.PHONENUMBER_BR,
  logs.DataIdentifier.ZIPCODE_US,
  logs.DataIdentifier.POSTALCODE_CA,
  logs.DataIdentifier.CEPCODE_BR,
  logs.DataIdentifier.CPFCODE_BR,
  logs.DataIdentifier.CNPJ_BR,
  logs.DataIdentifier.CREDITCARDNUMBER,
  logs.DataIdentifier.CREDITCARDEXPIRATION,
  logs.DataIdentifier.CREDITCARDSECURITYCODE,
  logs.DataIdentifier.AWSSECRETKEY,
  logs.DataIdentifier.OPENSSHPRIVATEKEY,
  logs.DataIdentifier.PGPPRIVATEKEY,
  logs.DataIdentifier.PKCSPRIVATEKEY,
  logs.DataIdentifier.PUTTYPRIVATEKEY,
];

/**
 * A CloudWatch Logs data protection policy that audits and masks PII in log events (DPP-LM-4).
 * Pass it as `dataProtectionPolicy` to any `logs.LogGroup`.
 */
export function piiLogDataProtectionPolicy(): logs.DataProtectionPolicy {
  return new logs.DataProtectionPolicy({
    name: 'cdk-dpp-mask-pii',
    description: 'Audits and masks Amazon customer PII and credentials in log events (DPP-LM-4)',
    identifiers: [...LOG_PII_IDENTIFIERS],
  });
}
