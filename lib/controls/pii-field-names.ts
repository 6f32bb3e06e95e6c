/**
 * Names of the personal data an SP-API order carries (the restricted data the DPP calls PII:
 * the buyer's name, e-mail, phone and tax details, shipping and delivery addresses, gift
 * messages), written lower-case without separators. A store declared to hold no PII whose
 * name, key or declared fields contain one of them contradicts its own declaration.
 */
export const PII_FIELD_NAMES: readonly string[] = [
  'pii',
  'buyer',
  'recipient',
  'shippingaddress',
  'deliveryaddress',
  'billingaddress',
  'postaladdress',
  'phonenumber',
  'emailaddress',
  'customername',
  'customeremail',
  'giftmessage',
  'taxinfo',
  'taxregistration',
];

/** The PII field names that a name holds, compared without case and separators. */
export function piiFieldNamesIn(name: string): string[] {
  const normalized = name.toLowerCase().replace(/[^a-z0-9]/g, '');
  return PII_FIELD_NAMES.filter((field) => normalized.includes(field));
}
