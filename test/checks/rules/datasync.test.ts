import { aws_datasync as datasync, aws_secretsmanager as sm, Stack } from 'aws-cdk-lib';
import { DataClass } from '../../../constructs/common/data-class';
import { testStack } from '../../helpers';
import { classify, findingsOf, unresolvedString } from '../rule-helpers';

const AGENT = 'arn:aws:datasync:eu-west-1:111122223333:agent/agent-1';
const EC2 = {
  securityGroupArns: ['arn:aws:ec2:eu-west-1:111122223333:security-group/sg-1'],
  subnetArn: 'arn:aws:ec2:eu-west-1:111122223333:subnet/subnet-1',
};

/** An EFS location with the given in-transit encryption. */
function efsLocation(stack: Stack, inTransitEncryption?: string): datasync.CfnLocationEFS {
  return new datasync.CfnLocationEFS(stack, 'Efs', {
    ec2Config: EC2,
    efsFilesystemArn: 'arn:aws:elasticfilesystem:eu-west-1:111122223333:file-system/fs-1',
    inTransitEncryption,
  });
}

/** An SMB location pinned to `version`, or negotiating when undefined. */
function smbLocation(stack: Stack, version?: string, password?: string): void {
  new datasync.CfnLocationSMB(stack, 'Smb', {
    agentArns: [AGENT],
    serverHostname: 'files.example.internal',
    subdirectory: '/share',
    user: 'sync',
    password,
    mountOptions: version === undefined ? undefined : { version },
  });
}

describe('DataSyncTransitEncrypted', () => {
  const ID = 'DataSyncTransitEncrypted';

  test('an EFS location with the default (no TLS) is flagged; TLS1_2 complies', () => {
    const stack = testStack();
    efsLocation(stack);
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[NoTls]`]);
    const other = testStack('Other');
    efsLocation(other, 'TLS1_2');
    expect(findingsOf(other, ID)).toEqual([]);
  });

  test('an NFS location is flagged', () => {
    const stack = testStack();
    new datasync.CfnLocationNFS(stack, 'Nfs', {
      onPremConfig: { agentArns: [AGENT] },
      serverHostname: 'nfs.example.internal',
      subdirectory: '/exports',
    });
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[PlaintextNfs]`]);
  });

  test.each([undefined, 'AUTOMATIC', 'SMB2'])('an SMB location with %s is flagged', (version) => {
    const stack = testStack();
    smbLocation(stack, version);
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[NoSmb3]`]);
  });

  test('an SMB location pinned to SMB3 complies', () => {
    const stack = testStack();
    smbLocation(stack, 'SMB3');
    expect(findingsOf(stack, ID)).toEqual([]);
  });

  test('an HDFS location without privacy protection is flagged; the default complies', () => {
    const hdfs = (qopConfiguration?: datasync.CfnLocationHDFS.QopConfigurationProperty) => {
      const stack = testStack();
      new datasync.CfnLocationHDFS(stack, 'Hdfs', {
        agentArns: [AGENT],
        authenticationType: 'SIMPLE',
        simpleUser: 'hdfs',
        nameNodes: [{ hostname: 'namenode', port: 8020 }],
        qopConfiguration,
      });
      return findingsOf(stack, ID);
    };
    expect(hdfs({ dataTransferProtection: 'AUTHENTICATION' })).toEqual([`DPP-${ID}[NoPrivacy]`]);
    expect(hdfs()).toEqual([]);
  });

  test('object storage over HTTP is flagged', () => {
    const stack = testStack();
    new datasync.CfnLocationObjectStorage(stack, 'Objects', {
      agentArns: [AGENT],
      bucketName: 'archive',
      serverHostname: 'minio.example.internal',
      serverProtocol: 'HTTP',
    });
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[PlaintextHttp]`]);
  });

  test('FSx for ONTAP over NFS is flagged', () => {
    const stack = testStack();
    new datasync.CfnLocationFSxONTAP(stack, 'Ontap', {
      securityGroupArns: EC2.securityGroupArns,
      storageVirtualMachineArn:
        'arn:aws:fsx:eu-west-1:111122223333:storage-virtual-machine/fs-1/svm-1',
      protocol: { nfs: { mountOptions: { version: 'NFS3' } } },
    });
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[PlaintextNfs]`]);
  });

  test('an unresolved setting is reported; a no-amazon-data location is not judged', () => {
    const stack = testStack();
    efsLocation(stack, unresolvedString(stack));
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[Unresolved::InTransitEncryption]`]);
    const other = testStack('Other');
    classify(efsLocation(other), DataClass.NO_AMAZON_DATA);
    expect(findingsOf(other, ID)).toEqual([]);
  });
});

describe('DataSyncNoLiteralCredential', () => {
  const ID = 'DataSyncNoLiteralCredential';

  test('a literal SMB password is flagged; a Secrets Manager reference complies', () => {
    const stack = testStack();
    smbLocation(stack, 'SMB3', 'hunter22');
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[LiteralPassword::Password]`]);
    const other = testStack('Other');
    smbLocation(other, 'SMB3', new sm.Secret(other, 'Secret').secretValue.unsafeUnwrap());
    expect(findingsOf(other, ID)).toEqual([]);
  });

  test('an object storage secret key from a parameter is flagged', () => {
    const stack = testStack();
    new datasync.CfnLocationObjectStorage(stack, 'Objects', {
      agentArns: [AGENT],
      bucketName: 'archive',
      serverHostname: 'minio.example.internal',
      accessKey: 'sync',
      secretKey: unresolvedString(stack),
    });
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[LiteralPassword::SecretKey]`]);
  });

  test('a location without a credential complies', () => {
    const stack = testStack();
    smbLocation(stack, 'SMB3');
    expect(findingsOf(stack, ID)).toEqual([]);
  });
});
