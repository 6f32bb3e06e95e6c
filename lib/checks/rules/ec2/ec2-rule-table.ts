import { NagMessageLevel } from 'cdk-nag';
import { DppRule } from '../../dpp-rule';
import { ec2NoPublicIp } from './ec2-no-public-ip';
import { ec2VolumeEncrypted } from './ec2-volume-encrypted';
import { networkAclNoWorldIngress } from './network-acl-no-world-ingress';
import { securityGroupNoPlaintextPorts } from './security-group-no-plaintext-ports';
import { securityGroupNoWorldIngress } from './security-group-no-world-ingress';
import { INGRESS_TYPES } from './security-group-rules';
import { vpcDefaultSecurityGroupRestricted } from './vpc-default-security-group-restricted';
import { vpcFlowLogs } from './vpc-flow-logs';

const { ERROR } = NagMessageLevel;

/** The EC2, EBS and VPC rules. */
export const EC2_RULES: readonly DppRule[] = [
  {
    id: 'Ec2VolumeEncrypted',
    level: ERROR,
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
    resourceTypes: ['AWS::EC2::Subnet', 'AWS::EC2::Instance', 'AWS::EC2::LaunchTemplate'],
    clauses: ['DPP-NP-1'],
    summary:
      'An instance or launch template asks for a public IP address, or a subnet gives one to every instance',
    causes: {
      MapPublicIpOnLaunch: 'The subnet gives every instance launched in it a public IP address',
      PublicIp:
        'A network interface of the instance or launch template is given a public IP address',
    },
    explanation: 'Nothing is publicly reachable; the data tier has no public addresses.',
    fix:
      'use isolated or private subnets (`mapPublicIpOnLaunch: false`) and ' +
      '`associatePublicIpAddress: false`.',
    check: ec2NoPublicIp,
  },
  {
    id: 'SecurityGroupNoWorldIngress',
    level: ERROR,
    resourceTypes: INGRESS_TYPES,
    clauses: ['DPP-NP-1'],
    summary: 'A security group rule admits traffic from 0.0.0.0/0 or ::/0',
    causes: {
      WorldOpenIpv4: 'An ingress rule admits traffic from every IPv4 address (0.0.0.0/0)',
      WorldOpenIpv6: 'An ingress rule admits traffic from every IPv6 address (::/0)',
    },
    explanation: 'The firewall turns away unknown addresses.',
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
      'A security group rule opens the port of a plaintext protocol (HTTP, FTP, Telnet, SMTP, POP3, IMAP...)',
    causes: {
      PlaintextPort: 'An ingress rule opens the port of a plaintext protocol',
    },
    explanation: 'Channels without encryption are disabled even when unused.',
    fix: 'open TLS ports only (443, 5432 with TLS forced...), one port per rule.',
    check: securityGroupNoPlaintextPorts,
  },
  {
    id: 'NetworkAclNoWorldIngress',
    level: ERROR,
    resourceTypes: ['AWS::EC2::NetworkAclEntry'],
    clauses: ['DPP-NP-1'],
    summary: 'A network ACL entry allows inbound traffic from 0.0.0.0/0 or ::/0',
    causes: {
      WorldOpenIngress: 'The network ACL entry allows inbound traffic from every address',
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
];
