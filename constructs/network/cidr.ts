/** IPv4 blocks reserved for private networks (RFC 1918) and shared address space (RFC 6598). */
const PRIVATE_IPV4: readonly [number, number][] = [
  [ipv4ToInt('10.0.0.0'), 8],
  [ipv4ToInt('172.16.0.0'), 12],
  [ipv4ToInt('192.168.0.0'), 16],
  [ipv4ToInt('100.64.0.0'), 10],
];

function ipv4ToInt(address: string): number {
  return address.split('.').reduce((acc, octet) => acc * 256 + Number(octet), 0);
}

/** Whether a CIDR opens a rule to every address (`0.0.0.0/0`, `::/0`). */
export function isWorldOpenCidr(cidr: string): boolean {
  return /\/0$/.test(cidr.trim());
}

/** Whether a CIDR lies inside a private range: RFC 1918, RFC 6598, or IPv6 unique local `fc00::/7`. */
export function isPrivateCidr(cidr: string): boolean {
  const [address, prefixText] = cidr.trim().split('/');
  const prefix = Number(prefixText);
  if (!address || !Number.isInteger(prefix)) return false;
  if (address.includes(':')) {
    return prefix >= 7 && /^f[cd][0-9a-f]{0,2}:/i.test(address);
  }
  if (!/^\d{1,3}(\.\d{1,3}){3}$/.test(address) || prefix < 0 || prefix > 32) return false;
  const value = ipv4ToInt(address);
  return PRIVATE_IPV4.some(([base, bits]) => {
    if (prefix < bits) return false;
    const size = 2 ** (32 - bits);
    return Math.floor(value / size) === Math.floor(base / size);
  });
}
