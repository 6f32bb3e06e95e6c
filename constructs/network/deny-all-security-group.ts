import { Token, aws_ec2 as ec2 } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { DppMetadata } from '../common/dpp-metadata';
import { DppValidationError } from '../common/problems';
import { isPrivateCidr, isWorldOpenCidr } from './cidr';
import { plaintextPortsIn } from './ports';

const CLAUSES = ['DPP-NP-1', 'DPP-NP-9'];

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

/**
 * A security group with no ingress and no egress. Traffic is allowed only by its methods, and
 * only on TLS ports, to or from another security group or a private CIDR. A world-open CIDR
 * or a plaintext port throws (DPP-NP-1, DPP-NP-9).
 */
export class DenyAllSecurityGroup extends ec2.SecurityGroup {
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
    this.checkPort(port);
    this.addIngressRule(peer, ec2.Port.tcp(port), description ?? `TLS on ${port} from peer group`);
  }

  /** Allows TLS traffic on `port` from a private CIDR. */
  public allowTlsFromCidr(cidr: string, port: number, description?: string): void {
    this.checkPort(port);
    this.checkCidr(cidr, 'allowTlsFromCidr');
    this.addIngressRule(
      peerOf(cidr),
      ec2.Port.tcp(port),
      description ?? `TLS on ${port} from ${cidr}`,
    );
  }

  /** Allows TLS traffic on `port` to another security group. */
  public allowTlsTo(peer: ec2.ISecurityGroup, port: number, description?: string): void {
    this.checkPort(port);
    this.addEgressRule(peer, ec2.Port.tcp(port), description ?? `TLS on ${port} to peer group`);
  }

  /** Allows TLS traffic on `port` to a private CIDR. */
  public allowTlsToCidr(cidr: string, port: number, description?: string): void {
    this.checkPort(port);
    this.checkCidr(cidr, 'allowTlsToCidr');
    this.addEgressRule(
      peerOf(cidr),
      ec2.Port.tcp(port),
      description ?? `TLS on ${port} to ${cidr}`,
    );
  }

  private checkPort(port: number): void {
    if (Token.isUnresolved(port)) return;
    const plaintext = plaintextPortsIn(port, port);
    if (!Number.isInteger(port) || port < 1 || port > 65535 || plaintext.length > 0) {
      throw new DppValidationError(this.node.path, [
        `\`port\` must be a single TLS port, never a plaintext one such as 80, 21, 23 or 25 (DPP-NP-9), got: ${port}`,
      ]);
    }
  }

  private checkCidr(cidr: string, method: string): void {
    if (Token.isUnresolved(cidr)) return;
    if (isWorldOpenCidr(cidr) || !isPrivateCidr(cidr)) {
      throw new DppValidationError(this.node.path, [
        `\`${method}\` accepts only a private CIDR (10/8, 172.16/12, 192.168/16, 100.64/10, fc00::/7); ` +
          `use a peer security group or a TlsEndpoint allow-list for anything else (DPP-NP-1), got: ${cidr}`,
      ]);
    }
  }
}

function peerOf(cidr: string): ec2.IPeer {
  return cidr.includes(':') ? ec2.Peer.ipv6(cidr) : ec2.Peer.ipv4(cidr);
}
