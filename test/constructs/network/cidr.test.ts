import {
  isPrivateCidr,
  isWorldOpenCidr,
  parseCidr,
  publicAddressCount,
  worldOpenFamilies,
} from '../../../constructs/network/cidr';

describe('parseCidr', () => {
  test.each([
    ['10.0.0.0/8', 'IPv4', 10n << 24n, (11n << 24n) - 1n],
    ['10.1.2.3/32', 'IPv4', 0x0a010203n, 0x0a010203n],
    ['10.1.2.3/8', 'IPv4', 10n << 24n, (11n << 24n) - 1n],
    ['::/0', 'IPv6', 0n, 2n ** 128n - 1n],
    ['2001:DB8::/32', 'IPv6', 0x20010db8n << 96n, ((0x20010db8n + 1n) << 96n) - 1n],
    ['::ffff:10.0.0.1/128', 'IPv6', 0xffff0a000001n, 0xffff0a000001n],
  ])('%s', (cidr, family, first, last) => {
    expect(parseCidr(cidr)).toEqual({ family, first, last });
  });

  test.each(['10.0.0.0', '10.0.0.256/24', '10.0.0.0/33', '1::2::3/64', '2001:db8::/129', 'x'])(
    '%s is not a CIDR',
    (cidr) => {
      expect(parseCidr(cidr)).toBeUndefined();
    },
  );
});

describe('world-open ranges', () => {
  test.each([
    [['0.0.0.0/0'], ['IPv4']],
    [['::/0'], ['IPv6']],
    [['0.0.0.0/1', '128.0.0.0/1'], ['IPv4']],
    [['3.0.0.0/9', '4.0.0.0/9', '5.0.0.0/9'], ['IPv4']],
    [['3.0.0.0/8'], []],
    [['3.0.0.0/9', '3.128.0.0/9'], []],
    [['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', '100.64.0.0/10', '224.0.0.0/3'], []],
    [['fc00::/7', 'fe80::/10', 'ff00::/8'], []],
    [['2000::/3'], ['IPv6']],
    [['2001:db8::/16'], []],
    [['not-a-cidr'], []],
  ])('%j is world-open in %j', (cidrs, families) => {
    expect(worldOpenFamilies(cidrs)).toEqual(families);
  });

  test('a range denied before it is reached admits nothing', () => {
    expect(worldOpenFamilies([{ cidr: '0.0.0.0/0', except: ['0.0.0.0/0'] }])).toEqual([]);
    expect(publicAddressCount([{ cidr: '3.0.0.0/8', except: ['3.0.0.0/9'] }], 'IPv4')).toBe(
      2n ** 23n,
    );
  });

  test('overlapping ranges count once', () => {
    const cidrs = ['3.0.0.0/8', '3.1.0.0/16', '3.0.0.0/8'].map((cidr) => ({ cidr }));
    expect(publicAddressCount(cidrs, 'IPv4')).toBe(2n ** 24n);
  });

  test('a single CIDR is world-open past the threshold, and private ones are private', () => {
    expect(isWorldOpenCidr('0.0.0.0/0 ')).toBe(true);
    expect(isWorldOpenCidr('64.0.0.0/2')).toBe(true);
    expect(isWorldOpenCidr('203.0.113.0/24')).toBe(false);
    expect(isPrivateCidr('10.1.0.0/16')).toBe(true);
    expect(isPrivateCidr('fd12:3456::/32')).toBe(true);
    expect(isPrivateCidr('10.0.0.0/7')).toBe(false);
    expect(isPrivateCidr('11.0.0.0/8')).toBe(false);
  });
});
