import { Token, aws_ec2 as ec2 } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { DppMetadata } from '../common/dpp-metadata';
import { OptOut } from '../common/opt-out';
import { DppValidationError, Problems } from '../common/problems';
import { isPrivateCidr, isWorldOpenCidr, worldOpenFamilies } from './cidr';
import { Transport, plaintextPortsIn } from './ports';

const CLAUSES = ['DPP-NP-1', 'DPP-NP-9'];

/** The port TLS endpoints listen on. */
export const HTTPS_PORT = 443;

/**
 * Props of a `DenyAllSecurityGroup`.
 */
export interface DenyAllSecurityGroupProps {
  /** The VPC of the group. */
  readonly vpc: ec2.IVpc;
  /**
   * What the group protects.
   * @default 'Deny-all security group (cdk-dpp): only explicit TLS rules'
   */
  readonly description?: string;
}

/** A rule's peer, as the template will show it. */
interface PeerConfig {
  readonly cidrIp?: string;
  readonly cidrIpv6?: string;
}

/**
 * A security group with no ingress and no egress. Traffic is allowed only on TLS ports, to or
 * from another security group, an AWS-managed prefix list or a private CIDR (DPP-NP-1,
 * DPP-NP-9). The inherited `addIngressRule`/`addEgressRule` (and so `connections.allow*`)
 * apply the same rules: a world-open CIDR, all traffic, or a port range that holds a
 * plaintext port throws, and so does an ingress CIDR that, with those already admitted, adds up
 * to more public addresses than an IPv4 /8 or an IPv6 /16 (the threshold of
 * `worldOpenFamilies`, which the checks apply too). A public CIDR is accepted only through
 * `allowTlsFromPublicCidr` / `allowTlsToPublicCidr`, with a written reason that is recorded in
 * the template.
 */
export class DenyAllSecurityGroup extends ec2.SecurityGroup {
  /** Public CIDRs allowed explicitly, with a recorded reason. */
  private readonly allowListedPublicCidrs = new Set<string>();
  /** The CIDRs admitted by ingress rules so far, to refuse a world-open union of them. */
  private readonly ingressCidrs: string[] = [];

  public constructor(scope: Construct, id: string, props: DenyAllSecurityGroupProps) {
    super(scope, id, {
      vpc: props.vpc,
      description:
        props.description ?? 'Deny-all security group (cdk-dpp): only explicit TLS rules',
      allowAllOutbound: false,
      allowAllIpv6Outbound: false,
    });
    DppMetadata.of(this.node.defaultChild as ec2.CfnSecurityGroup).implementsControls(
      'DenyAllSecurityGroup',
      CLAUSES,
    );
  }

  /** Allows TLS traffic on `port` from another security group. */
  public allowTlsFrom(peer: ec2.ISecurityGroup, port: number, description?: string): void {
    this.addIngressRule(peer, tlsPort(this, port), description ?? `TLS on ${port} from peer group`);
  }

  /** Allows TLS traffic on `port` from a private CIDR. */
  public allowTlsFromCidr(cidr: string, port: number, description?: string): void {
    this.checkPrivateCidr(cidr, 'allowTlsFromCidr');
    this.addIngressRule(
      peerOf(cidr),
      tlsPort(this, port),
      description ?? `TLS on ${port} from ${cidr}`,
    );
  }

  /** Allows TLS traffic on `port` to another security group. */
  public allowTlsTo(peer: ec2.ISecurityGroup, port: number, description?: string): void {
    this.addEgressRule(peer, tlsPort(this, port), description ?? `TLS on ${port} to peer group`);
  }

  /** Allows TLS traffic on `port` to a private CIDR. */
  public allowTlsToCidr(cidr: string, port: number, description?: string): void {
    this.checkPrivateCidr(cidr, 'allowTlsToCidr');
    this.addEgressRule(
      peerOf(cidr),
      tlsPort(this, port),
      description ?? `TLS on ${port} to ${cidr}`,
    );
  }

  /** Allows HTTPS (443) to an AWS-managed prefix list, such as a gateway endpoint's. */
  public allowTlsToPrefixList(prefixListId: string, description?: string): void {
    this.addEgressRule(
      ec2.Peer.prefixList(prefixListId),
      tlsPort(this, HTTPS_PORT),
      description ?? `HTTPS to ${prefixListId}`,
    );
  }

  /**
   * Allows TLS traffic on `port` from an allow-listed public CIDR, for an internet-facing TLS
   * endpoint. The CIDR must name a bounded range (never `/0`); `allowList.reason` is recorded in
   * the template as an opt-out of DPP-NP-1's "no public access", so the auditor sees who may
   * reach the endpoint and why.
   */
  public allowTlsFromPublicCidr(
    cidr: string,
    port: number,
    allowList: OptOut,
    description?: string,
  ): void {
    this.allowListPublicCidr(cidr, 'allowTlsFromPublicCidr', allowList);
    this.addIngressRule(
      peerOf(cidr),
      tlsPort(this, port),
      description ?? `TLS on ${port} from allow-listed ${cidr}`,
    );
  }

  /**
   * Allows TLS traffic on `port` to a public CIDR outside the VPC (a partner's API with fixed
   * addresses). Never `/0`; the reason is recorded as an opt-out of DPP-NP-1.
   */
  public allowTlsToPublicCidr(
    cidr: string,
    port: number,
    allowList: OptOut,
    description?: string,
  ): void {
    this.allowListPublicCidr(cidr, 'allowTlsToPublicCidr', allowList);
    this.addEgressRule(
      peerOf(cidr),
      tlsPort(this, port),
      description ?? `TLS on ${port} to allow-listed ${cidr}`,
    );
  }

  /** Adds an ingress rule after checking it against DPP-NP-1 and DPP-NP-9. */
  public override addIngressRule(
    peer: ec2.IPeer,
    connection: ec2.Port,
    description?: string,
    remoteRule?: boolean,
  ): void {
    const config = peer.toIngressRuleConfig() as PeerConfig;
    this.checkRule('addIngressRule', config, connection);
    const cidr = config.cidrIp ?? config.cidrIpv6;
    if (cidr !== undefined && !Token.isUnresolved(cidr)) {
      const problems = new Problems(this);
      problems.check(
        worldOpenFamilies([...this.ingressCidrs, cidr]).length === 0,
        'addIngressRule.peer',
        'must not, with the CIDRs already admitted, open the group to the internet',
        ['DPP-NP-1'],
        `${cidr} after ${this.ingressCidrs.join(', ')}`,
      );
      problems.throwIfAny();
      this.ingressCidrs.push(cidr);
    }
    super.addIngressRule(peer, connection, description, remoteRule);
  }

  /** Adds an egress rule after checking it against DPP-NP-1 and DPP-NP-9. */
  public override addEgressRule(
    peer: ec2.IPeer,
    connection: ec2.Port,
    description?: string,
    remoteRule?: boolean,
  ): void {
    this.checkRule('addEgressRule', peer.toEgressRuleConfig() as PeerConfig, connection);
    super.addEgressRule(peer, connection, description, remoteRule);
  }

  private checkRule(method: string, peer: PeerConfig, connection: ec2.Port): void {
    const problems = new Problems(this);
    const cidr = peer.cidrIp ?? peer.cidrIpv6;
    if (cidr !== undefined && !Token.isUnresolved(cidr)) {
      problems.check(
        !isWorldOpenCidr(cidr),
        `${method}.peer`,
        'must never be open to the world; name a security group or a private CIDR',
        ['DPP-NP-1'],
        cidr,
      );
      problems.check(
        isWorldOpenCidr(cidr) || isPrivateCidr(cidr) || this.allowListedPublicCidrs.has(cidr),
        `${method}.peer`,
        'must be a private CIDR; allow a public one with `allowTlsFromPublicCidr` and a reason',
        ['DPP-NP-1'],
        cidr,
      );
    }
    const rule = connection.toRuleJson() as {
      ipProtocol: string;
      fromPort?: number;
      toPort?: number;
    };
    const { ipProtocol, fromPort, toPort } = rule;
    if (ipProtocol === '-1') {
      problems.add(
        `${method}.connection`,
        'must name TLS ports, never all traffic',
        ['DPP-NP-9'],
        connection.toString(),
      );
    } else if (
      (ipProtocol === 'tcp' || ipProtocol === 'udp') &&
      fromPort !== undefined &&
      toPort !== undefined &&
      !Token.isUnresolved(fromPort) &&
      !Token.isUnresolved(toPort)
    ) {
      const plaintext = plaintextPortsIn(fromPort, toPort, [ipProtocol as Transport]);
      problems.check(
        plaintext.length === 0,
        `${method}.connection`,
        'must not open a plaintext port',
        ['DPP-NP-9'],
        `${connection.toString()} (holds ${plaintext.join(', ')})`,
      );
    }
    problems.throwIfAny();
  }

  private checkPrivateCidr(cidr: string, method: string): void {
    if (Token.isUnresolved(cidr)) return;
    if (isWorldOpenCidr(cidr) || !isPrivateCidr(cidr)) {
      throw new DppValidationError(this.node.path, [
        `\`${method}\` accepts only a private CIDR (10/8, 172.16/12, 192.168/16, 100.64/10, fc00::/7); ` +
          `use a peer security group, or allowTlsFromPublicCidr with a reason, for anything else (DPP-NP-1), got: ${cidr}`,
      ]);
    }
  }

  private allowListPublicCidr(cidr: string, method: string, allowList: OptOut): void {
    const problems = new Problems(this);
    problems.optOutReason('allowList', allowList, ['DPP-NP-1']);
    if (!Token.isUnresolved(cidr)) {
      problems.check(
        !isWorldOpenCidr(cidr) && isCidr(cidr),
        method,
        'accepts a bounded CIDR only: never `0.0.0.0/0` or `::/0`, nor more public addresses than an IPv4 /8 or an IPv6 /16',
        ['DPP-NP-1'],
        cidr,
      );
    }
    problems.throwIfAny();
    this.allowListedPublicCidrs.add(cidr);
    DppMetadata.of(this.node.defaultChild as ec2.CfnSecurityGroup).addOptOut({
      setting: `${method}(${cidr})`,
      clauses: ['DPP-NP-1'],
      reason: allowList.reason,
    });
  }
}

/** A single TCP port, checked to be a TLS port (DPP-NP-9). */
function tlsPort(scope: Construct, port: number): ec2.Port {
  if (!Token.isUnresolved(port)) {
    const problems = new Problems(scope);
    problems.check(
      Number.isInteger(port) &&
        port >= 1 &&
        port <= 65535 &&
        plaintextPortsIn(port, port, ['tcp']).length === 0,
      'port',
      'must be a single TLS port, never a plaintext one such as 80, 21, 23 or 25',
      ['DPP-NP-9'],
      String(port),
    );
    problems.throwIfAny();
  }
  return ec2.Port.tcp(port);
}

function isCidr(cidr: string): boolean {
  return /^[0-9a-fA-F:.]+\/\d{1,3}$/.test(cidr.trim());
}

function peerOf(cidr: string): ec2.IPeer {
  return cidr.includes(':') ? ec2.Peer.ipv6(cidr) : ec2.Peer.ipv4(cidr);
}
