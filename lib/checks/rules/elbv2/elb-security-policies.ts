/** A TLS protocol version, as a load balancer security policy names the oldest it accepts. */
export type TlsVersion = 'SSLv3' | 'TLSv1' | 'TLSv1.1' | 'TLSv1.2' | 'TLSv1.3';

const ORDER: readonly TlsVersion[] = ['SSLv3', 'TLSv1', 'TLSv1.1', 'TLSv1.2', 'TLSv1.3'];

/**
 * The predefined Elastic Load Balancing security policies (application, network and classic
 * load balancers) and the oldest protocol each accepts, from the ELB documentation. A name not
 * in the table cannot be judged and is a finding: add it here with its oldest protocol.
 */
export const ELB_SECURITY_POLICIES: Readonly<Record<string, TlsVersion>> = {
  // TLS 1.3 policies (2021-06), FIPS (2023-04) and post-quantum (2025-09).
  'ELBSecurityPolicy-TLS13-1-3-2021-06': 'TLSv1.3',
  'ELBSecurityPolicy-TLS13-1-3-PQ-2025-09': 'TLSv1.3',
  'ELBSecurityPolicy-TLS13-1-3-FIPS-2023-04': 'TLSv1.3',
  'ELBSecurityPolicy-TLS13-1-3-FIPS-PQ-2025-09': 'TLSv1.3',
  'ELBSecurityPolicy-TLS13-1-2-2021-06': 'TLSv1.2',
  'ELBSecurityPolicy-TLS13-1-2-Res-2021-06': 'TLSv1.2',
  'ELBSecurityPolicy-TLS13-1-2-Ext1-2021-06': 'TLSv1.2',
  'ELBSecurityPolicy-TLS13-1-2-Ext2-2021-06': 'TLSv1.2',
  'ELBSecurityPolicy-TLS13-1-2-PQ-2025-09': 'TLSv1.2',
  'ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09': 'TLSv1.2',
  'ELBSecurityPolicy-TLS13-1-2-Ext1-PQ-2025-09': 'TLSv1.2',
  'ELBSecurityPolicy-TLS13-1-2-Ext2-PQ-2025-09': 'TLSv1.2',
  'ELBSecurityPolicy-TLS13-1-2-FIPS-2023-04': 'TLSv1.2',
  'ELBSecurityPolicy-TLS13-1-2-Res-FIPS-2023-04': 'TLSv1.2',
  'ELBSecurityPolicy-TLS13-1-2-Ext0-FIPS-2023-04': 'TLSv1.2',
  'ELBSecurityPolicy-TLS13-1-2-Ext1-FIPS-2023-04': 'TLSv1.2',
  'ELBSecurityPolicy-TLS13-1-2-Ext2-FIPS-2023-04': 'TLSv1.2',
  'ELBSecurityPolicy-TLS13-1-2-FIPS-PQ-2025-09': 'TLSv1.2',
  'ELBSecurityPolicy-TLS13-1-2-Res-FIPS-PQ-2025-09': 'TLSv1.2',
  'ELBSecurityPolicy-TLS13-1-2-Ext0-FIPS-PQ-2025-09': 'TLSv1.2',
  'ELBSecurityPolicy-TLS13-1-2-Ext1-FIPS-PQ-2025-09': 'TLSv1.2',
  'ELBSecurityPolicy-TLS13-1-2-Ext2-FIPS-PQ-2025-09': 'TLSv1.2',
  'ELBSecurityPolicy-TLS13-1-1-2021-06': 'TLSv1.1',
  'ELBSecurityPolicy-TLS13-1-1-FIPS-2023-04': 'TLSv1.1',
  'ELBSecurityPolicy-TLS13-1-0-2021-06': 'TLSv1',
  'ELBSecurityPolicy-TLS13-1-0-PQ-2025-09': 'TLSv1',
  'ELBSecurityPolicy-TLS13-1-0-FIPS-2023-04': 'TLSv1',
  'ELBSecurityPolicy-TLS13-1-0-FIPS-PQ-2025-09': 'TLSv1',
  // Forward secrecy policies.
  'ELBSecurityPolicy-FS-1-2-Res-2020-10': 'TLSv1.2',
  'ELBSecurityPolicy-FS-1-2-Res-2019-08': 'TLSv1.2',
  'ELBSecurityPolicy-FS-1-2-2019-08': 'TLSv1.2',
  'ELBSecurityPolicy-FS-1-1-2019-08': 'TLSv1.1',
  'ELBSecurityPolicy-FS-2018-06': 'TLSv1',
  // TLS 1.2 and older policies.
  'ELBSecurityPolicy-TLS-1-2-Ext-2018-06': 'TLSv1.2',
  'ELBSecurityPolicy-TLS-1-2-2017-01': 'TLSv1.2',
  'ELBSecurityPolicy-TLS-1-1-2017-01': 'TLSv1.1',
  'ELBSecurityPolicy-TLS-1-0-2015-04': 'TLSv1',
  'ELBSecurityPolicy-2016-08': 'TLSv1',
  'ELBSecurityPolicy-2015-05': 'TLSv1',
  // Classic Load Balancer policies that accept SSL 3.0 or TLS 1.0.
  'ELBSecurityPolicy-2015-03': 'TLSv1',
  'ELBSecurityPolicy-2015-02': 'TLSv1',
  'ELBSecurityPolicy-2014-10': 'TLSv1',
  'ELBSecurityPolicy-2014-01': 'SSLv3',
  'ELBSecurityPolicy-2011-08': 'SSLv3',
  'ELBSample-ELBDefaultCipherPolicy': 'SSLv3',
  'ELBSample-OpenSSLDefaultCipherPolicy': 'SSLv3',
};

/**
 * The policy a listener gets when it names none: `ELBSecurityPolicy-2016-08`, which accepts
 * TLS 1.0 (the console now picks a TLS 1.3 policy; CloudFormation and the API do not).
 */
export const DEFAULT_ELB_SECURITY_POLICY = 'ELBSecurityPolicy-2016-08';

/** Whether a TLS version is 1.2 or newer. */
export function isTls12OrNewer(version: TlsVersion): boolean {
  return ORDER.indexOf(version) >= ORDER.indexOf('TLSv1.2');
}

/**
 * What a listener's security policy allows: `tls12` when it accepts TLS 1.2 or newer only,
 * `old` when it accepts anything older, `unknown` when the table does not know the name.
 */
export function judgePolicy(name: string): 'tls12' | 'old' | 'unknown' {
  const oldest = Object.hasOwn(ELB_SECURITY_POLICIES, name)
    ? ELB_SECURITY_POLICIES[name]
    : undefined;
  if (oldest === undefined) return 'unknown';
  return isTls12OrNewer(oldest) ? 'tls12' : 'old';
}
