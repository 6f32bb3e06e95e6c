import { CfnResource } from 'aws-cdk-lib';
import { NagRuleCompliance, NagRuleResult } from 'cdk-nag';
import {
  PlaintextProtocol,
  Transport,
  plaintextProtocolsIn,
  portsOf,
} from '../../../../constructs/network/ports';
import { Findings, isFalse, objectOf } from '../../findings';
import { isIntrinsic, propertiesOf, referencedResource } from '../../resolve';
import { deniesInsecureTransport } from '../../resource-policies';
import { IngressRule, ingressOfGroup, storesBehind } from './security-group-rules';

/** The transports an `IpProtocol` opens: names and numbers alike; none for ICMP and others. */
function transportsOf(protocol: string): readonly Transport[] {
  switch (protocol.toLowerCase()) {
    case '-1':
    case 'all':
      return ['tcp', 'udp'];
    case 'tcp':
    case '6':
      return ['tcp'];
    case 'udp':
    case '17':
      return ['udp'];
    default:
      return [];
  }
}

/** The ports a rule opens, [from, to]; every port for all traffic or an unset or -1 range. */
function portRange(rule: Record<string, unknown>, protocol: string): [number, number] {
  const all = transportsOf(protocol).length === 2 || rule.FromPort === undefined;
  const from = Number(rule.FromPort);
  if (all || from === -1) return [0, 65535];
  const to = rule.ToPort === undefined ? from : Number(rule.ToPort);
  return [from, to === -1 ? 65535 : to];
}

/**
 * Whether a store refuses plaintext on its port by a setting this rule can read: an EFS file
 * system whose policy denies mounts without TLS, a DocumentDB cluster whose parameter group does
 * not disable TLS, a MemoryDB cluster with TLS. Databases and caches are judged by their own TLS
 * rules (RdsTlsEnforced, ElastiCacheTransitEncrypted), so the port itself passes here.
 */
function storeRefusesPlaintext(store: CfnResource): boolean {
  const properties = propertiesOf(store);
  switch (store.cfnResourceType) {
    case 'AWS::EFS::FileSystem':
      return deniesInsecureTransport(
        [properties.FileSystemPolicy],
        'elasticfilesystem:ClientMount',
      );
    case 'AWS::EFS::MountTarget':
      return false;
    case 'AWS::MemoryDB::Cluster':
      return !isFalse(properties.TLSEnabled) && !isIntrinsic(properties.TLSEnabled);
    case 'AWS::DocDB::DBCluster': {
      const name = properties.DBClusterParameterGroupName;
      if (name === undefined) return true; // default.docdb*: tls enabled
      const group = referencedResource(store, name);
      if (group?.cfnResourceType !== 'AWS::DocDB::DBClusterParameterGroup') return false;
      const tls = objectOf(propertiesOf(group).Parameters).tls;
      return tls === undefined || (typeof tls === 'string' && tls !== 'disabled');
    }
    default:
      return true;
  }
}

/**
 * Whether a TLS-capable protocol is closed to plaintext on this group: the group fronts at least
 * one store that serves the protocol, and every such store refuses plaintext.
 */
function servedOverTls(protocol: PlaintextProtocol, stores: CfnResource[]): boolean {
  if (protocol.tlsStores === undefined) return false;
  const serving = stores.filter((s) => protocol.tlsStores?.includes(s.cfnResourceType));
  return serving.length > 0 && serving.every(storeRefusesPlaintext);
}

/** `20-21,23,80`: ports listed, consecutive ones as ranges. */
function portList(ports: readonly number[]): string {
  const sorted = [...new Set(ports)].sort((a, b) => a - b);
  const parts: string[] = [];
  for (let i = 0; i < sorted.length; i++) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j] + 1) j++;
    parts.push(j === i ? String(sorted[i]) : `${sorted[i]}-${sorted[j]}`);
    i = j;
  }
  return parts.join(',');
}

/** The plaintext ports one rule opens, and whether it could be read. */
function plaintextPortsOf(
  { rule, declaredBy }: IngressRule,
  findings: Findings,
  stores: () => CfnResource[],
): number[] {
  const unresolved = (v: unknown): boolean =>
    isIntrinsic(v) && referencedResource(declaredBy, v) === undefined;
  if (unresolved(rule.IpProtocol)) {
    findings.add('Unresolved::IpProtocol');
    return [];
  }
  const protocol = String(rule.IpProtocol);
  const transports = transportsOf(protocol);
  if (transports.length === 0) return [];
  if (transports.length === 1 && (unresolved(rule.FromPort) || unresolved(rule.ToPort))) {
    findings.add('Unresolved::Port');
    return [];
  }
  const [from, to] = portRange(rule, protocol);
  return plaintextProtocolsIn(from, to, transports)
    .filter((p) => !servedOverTls(p, stores()))
    .flatMap((p) => portsOf(p, from, to));
}

/**
 * Compliant when no ingress rule of a security group (inline, or standalone anywhere in the
 * app) opens the port of a plaintext protocol, even from a trusted source: always-plaintext
 * protocols (HTTP, FTP, Telnet...) anywhere, and TLS-capable ones (PostgreSQL, Redis, NFS...)
 * unless the group fronts only stores that refuse plaintext. A range or all traffic opens every
 * port it holds; the group gets one finding listing them.
 */
export function securityGroupNoPlaintextPorts(node: CfnResource): NagRuleResult {
  const ingress = ingressOfGroup(node);
  if (!ingress) return NagRuleCompliance.NOT_APPLICABLE;
  const findings = new Findings(node);
  let stores: CfnResource[] | undefined;
  const behind = (): CfnResource[] => (stores ??= storesBehind(node, ingress.target));
  const ports = ingress.rules.flatMap((rule) => plaintextPortsOf(rule, findings, behind));
  if (ports.length > 0) findings.add(`PlaintextPorts::${portList(ports)}`);
  return findings.result();
}
