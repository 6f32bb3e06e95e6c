import { aws_transfer as transfer } from 'aws-cdk-lib';
import { DataClass } from '../../../constructs/common/data-class';
import { testStack } from '../../helpers';
import { classify, findingsOf, unresolvedString } from '../rule-helpers';

const CURRENT = 'TransferSecurityPolicy-2024-01';
const VPC_ENDPOINT: transfer.CfnServer.EndpointDetailsProperty = {
  vpcId: 'vpc-1',
  subnetIds: ['subnet-1'],
  securityGroupIds: ['sg-1'],
};

describe('TransferTransitEncrypted', () => {
  const ID = 'TransferTransitEncrypted';

  test('a server with every default (SFTP, the 2018 policy) is flagged for its policy', () => {
    const stack = testStack();
    new transfer.CfnServer(stack, 'Server', {});
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[OldSecurityPolicy]`]);
  });

  test('a server offering FTP is flagged', () => {
    const stack = testStack();
    new transfer.CfnServer(stack, 'Server', {
      protocols: ['SFTP', 'FTP'],
      securityPolicyName: CURRENT,
      endpointType: 'VPC',
      endpointDetails: VPC_ENDPOINT,
    });
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[PlaintextFtp]`]);
  });

  test.each(['TransferSecurityPolicy-2020-06', 'TransferSecurityPolicy-FIPS-2020-06'])(
    'the older policy %s is flagged',
    (securityPolicyName) => {
      const stack = testStack();
      new transfer.CfnServer(stack, 'Server', { securityPolicyName });
      expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[OldSecurityPolicy]`]);
    },
  );

  test('SFTP and FTPS with a current policy comply; a no-amazon-data server is not judged', () => {
    const stack = testStack();
    new transfer.CfnServer(stack, 'Server', {
      protocols: ['SFTP', 'FTPS'],
      securityPolicyName: 'TransferSecurityPolicy-FIPS-2024-05',
      certificate: 'arn:aws:acm:eu-west-1:111122223333:certificate/1',
    });
    expect(findingsOf(stack, ID)).toEqual([]);
    const other = testStack('Other');
    classify(new transfer.CfnServer(other, 'Server', {}), DataClass.NO_AMAZON_DATA);
    expect(findingsOf(other, ID)).toEqual([]);
  });

  test('an unresolved policy is reported', () => {
    const stack = testStack();
    new transfer.CfnServer(stack, 'Server', { securityPolicyName: unresolvedString(stack) });
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[Unresolved::SecurityPolicyName]`]);
  });

  test('an AS2 connector over http:// is flagged; https:// and sftp:// comply', () => {
    const connector = (url: string) => {
      const stack = testStack();
      new transfer.CfnConnector(stack, 'Connector', {
        accessRole: 'arn:aws:iam::111122223333:role/transfer',
        url,
      });
      return findingsOf(stack, ID);
    };
    expect(connector('http://partner.example.com/as2')).toEqual([`DPP-${ID}[PlaintextUrl]`]);
    expect(connector('https://partner.example.com/as2')).toEqual([]);
    expect(connector('sftp://partner.example.com')).toEqual([]);
  });
});

describe('TransferServerNotPublic', () => {
  const ID = 'TransferServerNotPublic';

  test('a server with the default (PUBLIC) endpoint is flagged, and an explicit PUBLIC one', () => {
    const stack = testStack();
    new transfer.CfnServer(stack, 'Server', {});
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[PublicEndpoint]`]);
    const other = testStack('Other');
    new transfer.CfnServer(other, 'Server', { endpointType: 'PUBLIC' });
    expect(findingsOf(other, ID)).toEqual([`DPP-${ID}[PublicEndpoint]`]);
  });

  test('a VPC endpoint complies', () => {
    const stack = testStack();
    new transfer.CfnServer(stack, 'Server', { endpointType: 'VPC', endpointDetails: VPC_ENDPOINT });
    expect(findingsOf(stack, ID)).toEqual([]);
  });

  test('an unresolved endpoint type is reported', () => {
    const stack = testStack();
    new transfer.CfnServer(stack, 'Server', { endpointType: unresolvedString(stack) });
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[Unresolved::EndpointType]`]);
  });
});

describe('TransferTransitEncrypted protocols', () => {
  const ID = 'TransferTransitEncrypted';

  test('a protocol list with a parameter cannot be judged', () => {
    const stack = testStack();
    new transfer.CfnServer(stack, 'Server', {
      protocols: ['SFTP', unresolvedString(stack)],
      securityPolicyName: CURRENT,
    });
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[Unresolved::Protocols]`]);
  });
});
