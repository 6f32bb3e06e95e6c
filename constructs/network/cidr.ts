/**
 * Address arithmetic for firewall rules: parse IPv4 and IPv6 CIDRs, take the union of the
 * ranges a group of rules admits, and measure how much of the internet it reaches.
 *
 * A set of rules is world-open when the public addresses it admits, all rules together, are
 * more than the largest block ever delegated to one organisation: an IPv4 `/8` (IANA's legacy
 * allocations), an IPv6 `/16` (the Regional Internet Registries delegate at most a `/19` or
 * `/20` to one network). Below that, a range can still name known parties (a partner, an office
 * network); above it, it can only be a sweep of the internet. `0.0.0.0/0`, `::/0`,
 * `0.0.0.0/1` + `128.0.0.0/1` and a lone `64.0.0.0/2` are all world-open. Addresses that the
 * internet cannot send from (private, shared, loopback, link-local, multicast and reserved
 * ranges, IPv6 unique local and link-local) do not count.
 */

/** An IP address family. */
export type IpFamily = 'IPv4' | 'IPv6';

/** A parsed CIDR: its family and the first and last address of the range. */
export interface CidrRange {
  /** The address family. */
  readonly family: IpFamily;
  /** The first address of the range. */
  readonly first: bigint;
  /** The last address of the range. */
  readonly last: bigint;
}

const BITS: Record<IpFamily, number> = { IPv4: 32, IPv6: 128 };

/**
 * The most public addresses of each family a set of rules may admit before it is world-open:
 * an IPv4 `/8`, an IPv6 `/16`.
 */
export const MAX_PUBLIC_ADDRESSES: Readonly<Record<IpFamily, bigint>> = {
  IPv4: 2n ** 24n,
  IPv6: 2n ** 112n,
};

/** IPv4 ranges the internet does not route to a VPC as a source. */
const NON_PUBLIC_IPV4 = [
  '0.0.0.0/8', // "this network"
  '10.0.0.0/8', // RFC 1918
  '100.64.0.0/10', // RFC 6598 shared address space (carrier-grade NAT)
  '127.0.0.0/8', // loopback
  '169.254.0.0/16', // link-local
  '172.16.0.0/12', // RFC 1918
  '192.168.0.0/16', // RFC 1918
  '224.0.0.0/3', // multicast and reserved (224/4, 240/4)
];

/** IPv6 ranges the internet does not route to a VPC as a source. */
const NON_PUBLIC_IPV6 = [
  '::/128', // unspecified
  '::1/128', // loopback
  'fc00::/7', // unique local
  'fe80::/10', // link-local
  'ff00::/8', // multicast
];

/** The private ranges a rule may name freely: RFC 1918, RFC 6598 and IPv6 unique local. */
const PRIVATE = ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', '100.64.0.0/10', 'fc00::/7'];

function parseIpv4(text: string): bigint | undefined {
  const octets = text.split('.');
  if (octets.length !== 4 || !octets.every((o) => /^\d{1,3}$/.test(o) && Number(o) <= 255)) {
    return undefined;
  }
  return octets.reduce((acc, octet) => acc * 256n + BigInt(octet), 0n);
}

function parseIpv6(text: string): bigint | undefined {
  let address = text.toLowerCase();
  const groups: number[] = [];
  // An embedded IPv4 address (`::ffff:10.0.0.1`) stands for the last two groups.
  const dotted = /^(.*:)(\d+\.\d+\.\d+\.\d+)$/.exec(address);
  if (dotted) {
    const v4 = parseIpv4(dotted[2]);
    if (v4 === undefined) return undefined;
    address = `${dotted[1]}${(v4 >> 16n).toString(16)}:${(v4 & 0xffffn).toString(16)}`;
  }
  const halves = address.split('::');
  if (halves.length > 2) return undefined;
  const parse = (part: string): number[] | undefined => {
    if (part === '') return [];
    const parts = part.split(':');
    if (!parts.every((p) => /^[0-9a-f]{1,4}$/.test(p))) return undefined;
    return parts.map((p) => parseInt(p, 16));
  };
  const head = parse(halves[0]);
  const tail = halves.length === 2 ? parse(halves[1]) : [];
  if (head === undefined || tail === undefined) return undefined;
  const missing = 8 - head.length - tail.length;
  if (halves.length === 2 ? missing < 1 : missing !== 0) return undefined;
  groups.push(...head, ...new Array<number>(missing).fill(0), ...tail);
  return groups.reduce((acc, group) => (acc << 16n) + BigInt(group), 0n);
}

/**
 * Parses a CIDR (`10.0.0.0/8`, `2001:db8::/32`); undefined when it is not one. Host bits are
 * ignored, as the range they fall in is what the rule admits.
 */
export function parseCidr(cidr: string): CidrRange | undefined {
  const match = /^([0-9a-fA-F:.]+)\/(\d{1,3})$/.exec(cidr.trim());
  if (!match) return undefined;
  const family: IpFamily = match[1].includes(':') ? 'IPv6' : 'IPv4';
  const prefix = Number(match[2]);
  const bits = BITS[family];
  if (prefix > bits) return undefined;
  const address = family === 'IPv4' ? parseIpv4(match[1]) : parseIpv6(match[1]);
  if (address === undefined) return undefined;
  const size = 1n << BigInt(bits - prefix);
  const first = (address / size) * size;
  return { family, first, last: first + size - 1n };
}

/** Merges ranges of one family into sorted, disjoint ranges. */
function union(ranges: readonly CidrRange[]): [bigint, bigint][] {
  const sorted = [...ranges].sort((a, b) => (a.first < b.first ? -1 : a.first > b.first ? 1 : 0));
  const merged: [bigint, bigint][] = [];
  for (const { first, last } of sorted) {
    const previous = merged[merged.length - 1];
    if (previous && first <= previous[1] + 1n) {
      if (last > previous[1]) previous[1] = last;
    } else {
      merged.push([first, last]);
    }
  }
  return merged;
}

const NON_PUBLIC: Record<IpFamily, [bigint, bigint][]> = {
  IPv4: union(NON_PUBLIC_IPV4.map((c) => parseCidr(c) as CidrRange)),
  IPv6: union(NON_PUBLIC_IPV6.map((c) => parseCidr(c) as CidrRange)),
};

/** How many addresses of `[first, last]` fall inside the sorted, disjoint `ranges`. */
function overlap(first: bigint, last: bigint, ranges: [bigint, bigint][]): bigint {
  let count = 0n;
  for (const [a, b] of ranges) {
    const low = a > first ? a : first;
    const high = b < last ? b : last;
    if (low <= high) count += high - low + 1n;
  }
  return count;
}

/** The ranges of `[first, last]` outside the sorted, disjoint `ranges`. */
function subtract(first: bigint, last: bigint, ranges: [bigint, bigint][]): [bigint, bigint][] {
  const left: [bigint, bigint][] = [];
  let start = first;
  for (const [a, b] of ranges) {
    if (b < start || a > last) continue;
    if (a > start) left.push([start, a - 1n]);
    start = b + 1n;
    if (start > last) return left;
  }
  left.push([start, last]);
  return left;
}

/** A range a rule admits, less the ranges that rules evaluated before it deny. */
export interface AdmittedCidr {
  /** The CIDR the rule admits. */
  readonly cidr: string;
  /** CIDRs denied before this rule is reached (network ACL entries with lower numbers). */
  readonly except?: readonly string[];
}

/** Sorted, disjoint ranges of the CIDRs of one family. */
function rangesOf(cidrs: readonly string[], family: IpFamily): [bigint, bigint][] {
  return union(
    cidrs.map(parseCidr).filter((r): r is CidrRange => r !== undefined && r.family === family),
  );
}

/**
 * How many public addresses of `family` the rules admit together (the size of their union, less
 * what is denied before each, less the addresses the internet cannot send from). CIDRs that do
 * not parse count for nothing.
 */
export function publicAddressCount(admitted: readonly AdmittedCidr[], family: IpFamily): bigint {
  const pieces: CidrRange[] = [];
  for (const { cidr, except = [] } of admitted) {
    const range = parseCidr(cidr);
    if (range === undefined || range.family !== family) continue;
    for (const [first, last] of subtract(range.first, range.last, rangesOf(except, family))) {
      pieces.push({ family, first, last });
    }
  }
  let count = 0n;
  for (const [first, last] of union(pieces)) {
    count += last - first + 1n - overlap(first, last, NON_PUBLIC[family]);
  }
  return count;
}

/**
 * The address families in which the rules, all together, admit more public addresses than one
 * organisation can hold (see `MAX_PUBLIC_ADDRESSES`): the families that are world-open.
 */
export function worldOpenFamilies(admitted: readonly (string | AdmittedCidr)[]): IpFamily[] {
  const rules = admitted.map((a) => (typeof a === 'string' ? { cidr: a } : a));
  return (['IPv4', 'IPv6'] as const).filter(
    (family) => publicAddressCount(rules, family) > MAX_PUBLIC_ADDRESSES[family],
  );
}

/**
 * Whether a CIDR opens a rule to the internet: `0.0.0.0/0`, `::/0`, or any range holding more
 * public addresses than an IPv4 `/8` or an IPv6 `/16`.
 */
export function isWorldOpenCidr(cidr: string): boolean {
  return worldOpenFamilies([cidr]).length > 0;
}

/** Whether a CIDR lies inside a private range: RFC 1918, RFC 6598, or IPv6 unique local `fc00::/7`. */
export function isPrivateCidr(cidr: string): boolean {
  const range = parseCidr(cidr);
  if (!range) return false;
  return PRIVATE.map((c) => parseCidr(c) as CidrRange).some(
    (p) => p.family === range.family && p.first <= range.first && range.last <= p.last,
  );
}
