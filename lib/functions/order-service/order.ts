/** Where an order ships to, as the SP-API `Address` gives it. */
export interface ShippingAddress {
  readonly addressLine1: string;
  readonly addressLine2?: string;
  readonly city: string;
  readonly stateOrRegion?: string;
  readonly postalCode: string;
  readonly countryCode: string;
}

/** One line of an order. */
export interface OrderItem {
  readonly sellerSku: string;
  readonly quantity: number;
  readonly title?: string;
}

/** An SP-API order as the service receives it: the buyer's PII and the items to ship. */
export interface Order {
  readonly orderId: string;
  readonly buyerName: string;
  readonly buyerEmail: string;
  readonly shippingAddress: ShippingAddress;
  readonly phone: string;
  readonly items: OrderItem[];
}

/** The fields of an order that hold the buyer's PII: each is stored field-encrypted. */
export const PII_FIELDS = ['buyerName', 'buyerEmail', 'shippingAddress', 'phone'] as const;

/** One PII field of an order. */
export type PiiField = (typeof PII_FIELDS)[number];

/**
 * An Amazon order id (`123-1234567-1234567`). Only ids of this shape are accepted, stored and
 * logged: a log line naming an order id can never carry anything else.
 */
export const ORDER_ID_PATTERN = /^\d{3}-\d{7}-\d{7}$/;

/** The most lines one order may have. */
export const MAX_ITEMS = 100;

/** The longest text any one field may hold. */
const MAX_TEXT_LENGTH = 1000;

/** Why a request was refused. Its message names fields, never the values received. */
export class InvalidOrderError extends Error {
  public constructor(message: string) {
    super(message);
    this.name = 'InvalidOrderError';
  }
}

/**
 * The order in a request body, checked field by field; throws an `InvalidOrderError` that lists
 * every missing or malformed field, by name only (the values are PII).
 */
export function parseOrder(body: string): Order {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    // The parser's own message quotes the body: it is never passed on.
    throw new InvalidOrderError('the body must be a JSON object');
  }
  if (!isRecord(parsed)) throw new InvalidOrderError('the body must be a JSON object');
  const problems: string[] = [];
  if (typeof parsed.orderId !== 'string' || !ORDER_ID_PATTERN.test(parsed.orderId)) {
    problems.push('`orderId` must be an Amazon order id (123-1234567-1234567)');
  }
  for (const field of ['buyerName', 'phone'] as const) {
    if (!isText(parsed[field])) problems.push(`\`${field}\` must be a non-empty string`);
  }
  if (!isText(parsed.buyerEmail) || !/^[^@\s]+@[^@\s]+$/.test(parsed.buyerEmail)) {
    problems.push('`buyerEmail` must be an e-mail address');
  }
  problems.push(...addressProblems(parsed.shippingAddress));
  problems.push(...itemProblems(parsed.items));
  if (problems.length > 0) throw new InvalidOrderError(problems.join('; '));
  const address = parsed.shippingAddress as unknown as ShippingAddress;
  return {
    orderId: parsed.orderId as string,
    buyerName: parsed.buyerName as string,
    buyerEmail: parsed.buyerEmail as string,
    phone: parsed.phone as string,
    shippingAddress: {
      addressLine1: address.addressLine1,
      ...(address.addressLine2 !== undefined && { addressLine2: address.addressLine2 }),
      city: address.city,
      ...(address.stateOrRegion !== undefined && { stateOrRegion: address.stateOrRegion }),
      postalCode: address.postalCode,
      countryCode: address.countryCode,
    },
    items: (parsed.items as OrderItem[]).map((item) => ({
      sellerSku: item.sellerSku,
      quantity: item.quantity,
      ...(item.title !== undefined && { title: item.title }),
    })),
  };
}

function addressProblems(address: unknown): string[] {
  if (!isRecord(address)) return ['`shippingAddress` must be an object'];
  const problems: string[] = [];
  for (const field of ['addressLine1', 'city', 'postalCode'] as const) {
    if (!isText(address[field])) {
      problems.push(`\`shippingAddress.${field}\` must be a non-empty string`);
    }
  }
  for (const field of ['addressLine2', 'stateOrRegion'] as const) {
    if (address[field] !== undefined && !isText(address[field])) {
      problems.push(`\`shippingAddress.${field}\` must be a non-empty string when given`);
    }
  }
  if (typeof address.countryCode !== 'string' || !/^[A-Z]{2}$/.test(address.countryCode)) {
    problems.push('`shippingAddress.countryCode` must be an ISO 3166 two-letter code');
  }
  return problems;
}

function itemProblems(items: unknown): string[] {
  if (!Array.isArray(items) || items.length === 0 || items.length > MAX_ITEMS) {
    return [`\`items\` must be a list of 1 to ${MAX_ITEMS} lines`];
  }
  const problems: string[] = [];
  items.forEach((item: unknown, index) => {
    const at = `\`items[${index}]`;
    if (!isRecord(item)) {
      problems.push(`${at}\` must be an object`);
      return;
    }
    if (!isText(item.sellerSku)) problems.push(`${at}.sellerSku\` must be a non-empty string`);
    if (!Number.isInteger(item.quantity) || (item.quantity as number) < 1) {
      problems.push(`${at}.quantity\` must be a positive integer`);
    }
    if (item.title !== undefined && !isText(item.title)) {
      problems.push(`${at}.title\` must be a non-empty string when given`);
    }
  });
  return problems;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isText(value: unknown): value is string {
  return typeof value === 'string' && value.trim().length > 0 && value.length <= MAX_TEXT_LENGTH;
}
