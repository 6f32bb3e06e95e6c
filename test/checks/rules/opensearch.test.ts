import {
  Stack,
  aws_ec2 as ec2,
  aws_kms as kms,
  aws_opensearchservice as opensearch,
} from 'aws-cdk-lib';
import { testStack } from '../../helpers';
import { findingsOf, unresolvedString } from '../rule-helpers';

const version = opensearch.EngineVersion.OPENSEARCH_2_17;

function compliantDomain(stack: Stack) {
  const vpc = new ec2.Vpc(stack, 'Vpc', {
    subnetConfiguration: [{ name: 'data', subnetType: ec2.SubnetType.PRIVATE_ISOLATED }],
  });
  return new opensearch.Domain(stack, 'Search', {
    version,
    vpc,
    vpcSubnets: [{ subnetType: ec2.SubnetType.PRIVATE_ISOLATED }],
    zoneAwareness: { enabled: true },
    capacity: { dataNodes: 2, multiAzWithStandbyEnabled: false },
    nodeToNodeEncryption: true,
    enforceHttps: true,
    tlsSecurityPolicy: opensearch.TLSSecurityPolicy.TLS_1_2,
    encryptionAtRest: { enabled: true, kmsKey: new kms.Key(stack, 'Key') },
  });
}

describe('OpenSearchTransitEncrypted', () => {
  const ID = 'OpenSearchTransitEncrypted';

  test('an L2 domain with defaults is flagged (its default TLS policy is already 1.2)', () => {
    const stack = testStack();
    new opensearch.Domain(stack, 'Search', { version });
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[EnforceHttps]`, `DPP-${ID}[NodeToNode]`]);
  });

  test('an L1 domain with the TLS 1.0 policy is flagged', () => {
    const stack = testStack();
    new opensearch.CfnDomain(stack, 'Search', {
      nodeToNodeEncryptionOptions: { enabled: true },
      domainEndpointOptions: {
        enforceHttps: true,
        tlsSecurityPolicy: 'Policy-Min-TLS-1-0-2019-07',
      },
    });
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[TlsPolicy]`]);
  });

  test('a compliant domain passes', () => {
    const stack = testStack();
    compliantDomain(stack);
    expect(findingsOf(stack, ID)).toEqual([]);
  });

  test('an unresolved policy is reported', () => {
    const stack = testStack();
    new opensearch.CfnDomain(stack, 'Search', {
      nodeToNodeEncryptionOptions: { enabled: true },
      domainEndpointOptions: { enforceHttps: true, tlsSecurityPolicy: unresolvedString(stack) },
    });
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[Unresolved::TLSSecurityPolicy]`]);
  });
});

describe('OpenSearchKmsEncrypted', () => {
  const ID = 'OpenSearchKmsEncrypted';

  test('an L2 domain without encryption at rest is flagged', () => {
    const stack = testStack();
    new opensearch.Domain(stack, 'Search', { version });
    // Unencrypted is one weakness: the key is not judged as well.
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[NoEncryptionAtRest]`]);
  });

  test('an L1 domain encrypted with the AWS managed key is flagged', () => {
    const stack = testStack();
    new opensearch.CfnDomain(stack, 'Search', { encryptionAtRestOptions: { enabled: true } });
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[NoCustomerManagedKey]`]);
  });

  test('a customer-managed key complies', () => {
    const stack = testStack();
    compliantDomain(stack);
    expect(findingsOf(stack, ID)).toEqual([]);
  });

  test('an unresolved key is reported', () => {
    const stack = testStack();
    new opensearch.CfnDomain(stack, 'Search', {
      encryptionAtRestOptions: { enabled: true, kmsKeyId: unresolvedString(stack) },
    });
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[Unresolved::KmsKeyId]`]);
  });
});

describe('OpenSearchInVpc', () => {
  const ID = 'OpenSearchInVpc';

  test('an L2 domain without a VPC is flagged', () => {
    const stack = testStack();
    new opensearch.Domain(stack, 'Search', { version });
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[PublicEndpoint]`]);
  });

  test('an L1 domain without VPC options is flagged', () => {
    const stack = testStack();
    new opensearch.CfnDomain(stack, 'Search', {});
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[PublicEndpoint]`]);
  });

  test('a domain in VPC subnets complies', () => {
    const stack = testStack();
    compliantDomain(stack);
    expect(findingsOf(stack, ID)).toEqual([]);
  });

  test('unresolved subnets are reported', () => {
    const stack = testStack();
    new opensearch.CfnDomain(stack, 'Search', {
      vpcOptions: {
        subnetIds: { 'Fn::Split': [',', unresolvedString(stack)] } as unknown as string[],
      },
    });
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[Unresolved::VPCOptions]`]);
  });
});
