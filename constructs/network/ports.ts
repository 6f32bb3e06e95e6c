/** A transport protocol of a firewall rule. */
export type Transport = 'tcp' | 'udp';

/**
 * A well-known protocol that carries data or credentials in clear text, and where it listens.
 */
export interface PlaintextProtocol {
  /** The protocol's name. */
  readonly name: string;
  /** The first and last port it listens on. */
  readonly ports: readonly [number, number];
  /** The transports it runs over. */
  readonly transports: readonly Transport[];
  /**
   * The managed stores that serve the protocol on these ports and can be made to refuse
   * plaintext (their own TLS setting decides). Absent: the protocol is always plaintext, or
   * a server on an instance, whose TLS the template cannot show.
   */
  readonly tlsStores?: readonly string[];
  /** Why the port counts as plaintext. */
  readonly reason: string;
}

const RDS = ['AWS::RDS::DBInstance', 'AWS::RDS::DBCluster'];
const BOTH: readonly Transport[] = ['tcp', 'udp'];
const TCP: readonly Transport[] = ['tcp'];
const UDP: readonly Transport[] = ['udp'];

/**
 * The protocols no security group may open (DPP-NP-9, SOC-R6): those without encryption, and
 * those whose encryption is optional and off by default. Left out on purpose: SSH (22), RDP
 * (3389, TLS with network level authentication by default), SMTP submission (465 is implicit
 * TLS; 587 requires STARTTLS before authentication, RFC 8314), DNS (53, names rather than data;
 * Route 53 Resolver endpoints need it) and NTP (123, time only).
 */
export const PLAINTEXT_PROTOCOLS: readonly PlaintextProtocol[] = [
  { name: 'FTP', ports: [20, 21], transports: TCP, reason: 'credentials and files in clear' },
  { name: 'Telnet', ports: [23, 23], transports: TCP, reason: 'a clear-text shell' },
  { name: 'SMTP', ports: [25, 25], transports: TCP, reason: 'STARTTLS is optional' },
  { name: 'TFTP', ports: [69, 69], transports: UDP, reason: 'no authentication or encryption' },
  { name: 'HTTP', ports: [80, 80], transports: TCP, reason: 'clear-text web traffic' },
  { name: 'POP3', ports: [110, 110], transports: TCP, reason: 'clear-text mail and passwords' },
  { name: 'RPC portmapper', ports: [111, 111], transports: BOTH, reason: 'NFSv3 and RPC' },
  { name: 'IMAP', ports: [143, 143], transports: TCP, reason: 'clear-text mail and passwords' },
  {
    name: 'SNMP',
    ports: [161, 162],
    transports: BOTH,
    reason: 'v1/v2c community strings in clear; TCP per RFC 3430',
  },
  { name: 'LDAP', ports: [389, 389], transports: BOTH, reason: 'binds in clear (use 636)' },
  { name: 'rexec, rlogin, rsh', ports: [512, 514], transports: TCP, reason: 'clear-text shells' },
  { name: 'syslog', ports: [514, 514], transports: UDP, reason: 'clear-text log records' },
  {
    name: 'SQL Server',
    ports: [1433, 1433],
    transports: TCP,
    tlsStores: RDS,
    reason: 'encryption optional',
  },
  { name: 'Oracle', ports: [1521, 1521], transports: TCP, tlsStores: RDS, reason: 'TLS optional' },
  {
    name: 'NFS',
    ports: [2049, 2049],
    transports: BOTH,
    tlsStores: ['AWS::EFS::FileSystem'],
    reason: 'clear unless the client mounts with TLS',
  },
  { name: 'MySQL', ports: [3306, 3306], transports: TCP, tlsStores: RDS, reason: 'TLS optional' },
  {
    name: 'PostgreSQL',
    ports: [5432, 5432],
    transports: TCP,
    tlsStores: RDS,
    reason: 'TLS optional',
  },
  { name: 'VNC', ports: [5900, 5900], transports: TCP, reason: 'RFB sessions in clear' },
  {
    name: 'Redis',
    ports: [6379, 6379],
    transports: TCP,
    tlsStores: [
      'AWS::ElastiCache::ReplicationGroup',
      'AWS::ElastiCache::CacheCluster',
      'AWS::ElastiCache::ServerlessCache',
      'AWS::MemoryDB::Cluster',
    ],
    reason: 'clear unless transit encryption is on',
  },
  { name: 'HTTP alternate', ports: [8000, 8000], transports: TCP, reason: 'clear-text web' },
  { name: 'HTTP alternate', ports: [8080, 8080], transports: TCP, reason: 'clear-text web' },
  { name: 'Elasticsearch', ports: [9200, 9200], transports: TCP, reason: 'HTTP REST API' },
  {
    name: 'Memcached',
    ports: [11211, 11211],
    transports: BOTH,
    tlsStores: ['AWS::ElastiCache::CacheCluster', 'AWS::ElastiCache::ServerlessCache'],
    reason: 'clear unless transit encryption is on',
  },
  {
    name: 'MongoDB',
    ports: [27017, 27017],
    transports: TCP,
    tlsStores: ['AWS::DocDB::DBCluster'],
    reason: 'TLS off by default outside DocumentDB',
  },
];

/** Whether a protocol of the table runs over `transport` on a port within [from, to]. */
function within(
  protocol: PlaintextProtocol,
  from: number,
  to: number,
  transports: readonly Transport[],
): boolean {
  return (
    protocol.transports.some((t) => transports.includes(t)) &&
    protocol.ports[0] <= to &&
    protocol.ports[1] >= from
  );
}

/**
 * The protocols of the table reachable through a rule opening [from, to] over `transports`,
 * always-plaintext and TLS-capable alike.
 */
export function plaintextProtocolsIn(
  from: number,
  to: number,
  transports: readonly Transport[] = BOTH,
): PlaintextProtocol[] {
  return PLAINTEXT_PROTOCOLS.filter((p) => within(p, from, to, transports));
}

/** The ports a protocol of the table listens on, within [from, to]. */
export function portsOf(protocol: PlaintextProtocol, from: number, to: number): number[] {
  const ports: number[] = [];
  for (
    let port = Math.max(from, protocol.ports[0]);
    port <= Math.min(to, protocol.ports[1]);
    port++
  ) {
    ports.push(port);
  }
  return ports;
}

/**
 * The ports of protocols that are plaintext wherever they run (no managed store can make them
 * refuse clear text), over TCP or UDP.
 */
export const PLAINTEXT_PORTS: readonly number[] = [
  ...new Set(
    PLAINTEXT_PROTOCOLS.filter((p) => p.tlsStores === undefined).flatMap((p) =>
      portsOf(p, 0, 65535),
    ),
  ),
].sort((a, b) => a - b);

/**
 * The ports of always-plaintext protocols within [from, to] over `transports` (both by
 * default). A TLS-capable port (5432, 6379...) is not among them: whether it is plaintext
 * depends on the store behind it.
 */
export function plaintextPortsIn(
  from: number,
  to: number,
  transports: readonly Transport[] = BOTH,
): number[] {
  const ports = plaintextProtocolsIn(from, to, transports)
    .filter((p) => p.tlsStores === undefined)
    .flatMap((p) => portsOf(p, from, to));
  return [...new Set(ports)].sort((a, b) => a - b);
}
