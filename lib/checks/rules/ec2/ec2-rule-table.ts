import { NagMessageLevel } from 'cdk-nag';
import { DppRule } from '../../dpp-rule';
import { PLACEMENTS, dataTierIsolated } from './data-tier-isolated';
import { PUBLIC_ADDRESS_TYPES, ec2NoPublicIp } from './ec2-no-public-ip';
import { ec2VolumeEncrypted } from './ec2-volume-encrypted';
import { networkAclNoWorldIngress } from './network-acl-no-world-ingress';
import { securityGroupNoPlaintextPorts } from './security-group-no-plaintext-ports';
import { securityGroupNoWorldIngress } from './security-group-no-world-ingress';
import { INGRESS_TYPES } from './security-group-rules';
import { vpcDefaultSecurityGroupRestricted } from './vpc-default-security-group-restricted';
import { vpcEndpointPolicyRestricted } from './vpc-endpoint-policy-restricted';
import { vpcFlowLogs } from './vpc-flow-logs';

const { ERROR, WARN } = NagMessageLevel;

/** The EC2, EBS and VPC rules. */
export const EC2_RULES: readonly DppRule[] = [
  {
    id: 'Ec2VolumeEncrypted',
    level: ERROR,
    waivable: false,
    resourceTypes: ['AWS::EC2::Volume', 'AWS::EC2::Instance', 'AWS::EC2::LaunchTemplate'],
    clauses: ['DPP-ES-1', 'DPP-ES-2', 'SOC-R5'],
    summary:
      'An EBS volume (standalone, or a block device of an instance or launch template) is not encrypted with a customer-managed KMS key',
    causes: {
      RootVolumeNotEncrypted:
        'The instance has no block device mappings, so its root volume is encrypted only if the account encrypts EBS by default, which the template cannot show',
      NotEncrypted:
        'An EBS volume (standalone or a block device) is not encrypted (`Encrypted` is not true)',
      NoCustomerManagedKey:
        'The encrypted EBS volume names no KMS key, so EBS uses the AWS managed key `aws/ebs`: the developer does not control the key',
      AwsManagedKey:
        'The encrypted EBS volume uses an AWS managed key (`alias/aws/...`), which the developer cannot control, instead of a customer-managed key',
    },
    explanation: 'PII at rest is encrypted under keys the developer controls and rotates.',
    fix: 'declare every block device with `BlockDeviceVolume.ebs(size, { encrypted: true, kmsKey })`.',
    check: ec2VolumeEncrypted,
  },
  {
    id: 'Ec2NoPublicIp',
    level: ERROR,
    resourceTypes: PUBLIC_ADDRESS_TYPES,
    clauses: ['DPP-NP-1'],
    summary:
      'Something gets a public address: a subnet gives one to every instance, or an instance, launch template, launch configuration, fleet, ECS task or Elastic IP asks for one',
    causes: {
      MapPublicIpOnLaunch:
        'The subnet gives a public IPv4 address to every instance launched in it',
      Ipv6OnLaunch:
        'The subnet gives an IPv6 address to every instance launched in it and routes IPv6 to an internet gateway, so each is reachable from the internet',
      PublicIp:
        'A network interface, launch configuration or ECS task asks for a public IP address',
      ElasticIp: 'An Elastic IP address is attached to an instance or a network interface',
    },
    explanation: 'Nothing is publicly reachable; the data tier has no public addresses.',
    fix:
      'use isolated or private subnets (`mapPublicIpOnLaunch: false`), ' +
      '`associatePublicIpAddress: false`, `assignPublicIp: false`, and no Elastic IPs on hosts.',
    check: ec2NoPublicIp,
  },
  {
    id: 'DataTierIsolated',
    level: ERROR,
    waivable: false,
    resourceTypes: Object.keys(PLACEMENTS),
    clauses: ['DPP-NP-1'],
    summary: 'A data store sits in a subnet with a route to the internet',
    causes: {
      SubnetRoutesToInternet:
        'A subnet of the data store routes the internet (0.0.0.0/0 or ::/0) to an internet, NAT or egress-only gateway',
      DefaultVpc:
        'The data store names no subnets, so it lands in the default VPC, whose subnets route to the internet',
    },
    explanation: 'The data tier lives in isolated subnets, with no route to or from the internet.',
    fix: 'place the store in isolated subnets (`SubnetType.PRIVATE_ISOLATED`, the data subnets of DataVpc).',
    check: dataTierIsolated,
  },
  {
    id: 'SecurityGroupNoWorldIngress',
    level: ERROR,
    resourceTypes: INGRESS_TYPES,
    clauses: ['DPP-NP-1'],
    summary:
      'The ingress of a security group, all its rules together, admits the internet (more public addresses than an IPv4 /8 or an IPv6 /16)',
    causes: {
      WorldOpenIpv4:
        'The ingress rules of the group, inline and standalone together, admit more public IPv4 addresses than a /8 (such as 0.0.0.0/0, or 0.0.0.0/1 and 128.0.0.0/1)',
      WorldOpenIpv6:
        'The ingress rules of the group, inline and standalone together, admit more public IPv6 addresses than a /16 (such as ::/0)',
    },
    explanation:
      'The firewall turns away unknown addresses; a range larger than any one organisation holds names no known party.',
    fix:
      'allow a peer security group or a private CIDR (DenyAllSecurityGroup.allowTlsFrom), and put ' +
      'internet-facing endpoints behind a WAF IP allow-list (TlsLoadBalancer, TlsRestApi).',
    check: securityGroupNoWorldIngress,
  },
  {
    id: 'SecurityGroupNoPlaintextPorts',
    level: ERROR,
    resourceTypes: INGRESS_TYPES,
    clauses: ['DPP-NP-9', 'SOC-R6'],
    summary:
      'A security group opens the port of a plaintext protocol (HTTP, FTP, Telnet, SMTP, LDAP, VNC...), or of a TLS-capable one (PostgreSQL, Redis, NFS...) not fronting a store that refuses plaintext',
    causes: {
      PlaintextPorts:
        'The ingress rules of the group (a port, a range or all traffic) open these ports of plaintext protocols',
    },
    explanation:
      'Channels without encryption are disabled even when unused; a database or cache port is fine only in front of a store that forces TLS.',
    fix: 'open TLS ports only (443, or a database port of a store that forces TLS), one port per rule.',
    check: securityGroupNoPlaintextPorts,
  },
  {
    id: 'NetworkAclNoWorldIngress',
    level: ERROR,
    resourceTypes: ['AWS::EC2::NetworkAcl', 'AWS::EC2::NetworkAclEntry'],
    clauses: ['DPP-NP-1'],
    summary:
      'The inbound entries of a network ACL, all together, allow the internet (more public addresses than an IPv4 /8 or an IPv6 /16)',
    causes: {
      WorldOpenIngress:
        'The inbound allow entries of the ACL, less what lower-numbered entries deny, admit more public addresses than an IPv4 /8 or an IPv6 /16',
    },
    explanation: 'The firewall turns away unknown addresses.',
    fix: 'allow inbound traffic from the VPC or peer CIDRs only.',
    check: networkAclNoWorldIngress,
  },
  {
    id: 'VpcFlowLogs',
    level: ERROR,
    resourceTypes: ['AWS::EC2::VPC'],
    clauses: ['DPP-LM-1', 'SOC-R2'],
    summary: 'The VPC has no flow log of all its traffic',
    causes: {
      NoFlowLog: 'No flow log of the app watches the VPC',
      NotAllTraffic:
        'The flow logs of the VPC record only accepted or only rejected traffic, not ALL',
    },
    explanation: 'Intrusion attempts and network traffic are logged and monitored.',
    fix: 'add `flowLogs: { all: { trafficType: FlowLogTrafficType.ALL, destination } }`, or use DataVpc.',
    check: vpcFlowLogs,
  },
  {
    id: 'VpcDefaultSecurityGroupRestricted',
    level: ERROR,
    resourceTypes: ['AWS::EC2::VPC'],
    clauses: ['DPP-NP-1'],
    summary: 'The default security group of the VPC keeps its rules',
    causes: {
      DefaultSecurityGroupOpen:
        'No custom resource of the stack strips the rules of the default security group (`restrictDefaultSecurityGroup`)',
    },
    explanation:
      'The default group lets every member talk to every other; anything placed in it by mistake is open.',
    fix: 'set `restrictDefaultSecurityGroup: true` on the VPC, or use DataVpc.',
    check: vpcDefaultSecurityGroupRestricted,
  },
  {
    id: 'VpcEndpointPolicyRestricted',
    level: WARN,
    resourceTypes: ['AWS::EC2::VPCEndpoint'],
    clauses: ['DPP-NP-5'],
    summary:
      'The VPC endpoint of a data service (S3, DynamoDB) lets everyone reach every bucket or table, in any account',
    causes: {
      FullAccessPolicy:
        'The endpoint has no policy (the default allows everything) or a statement allowing everyone on `*` without a condition on the account, organisation or endpoint',
    },
    explanation:
      'The data perimeter keeps Amazon data inside the account: an open endpoint lets a stolen credential or a compromised host copy it to any bucket or table.',
    fix: 'add an endpoint policy limited to the account (`aws:PrincipalAccount`), or use DataVpc, which does.',
    check: vpcEndpointPolicyRestricted,
  },
];
