import {
  App,
  Duration,
  LegacyStackSynthesizer,
  Stack,
  aws_ec2 as ec2,
  aws_iam as iam,
} from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { DataVpc, DenyAllSecurityGroup, PiiDatabase, PiiDatabaseProps } from '../../../lib';
import { allPacks, testStack, owned } from '../../helpers';
import { constructFindings } from './composition';

const DATA = { purpose: 'Invoices for shipped orders', piiFields: ['buyerName', 'billingAddress'] };

function setup(props: Partial<PiiDatabaseProps> = {}) {
  const stack = testStack();
  const vpc = new DataVpc(stack, 'Vpc');
  const database = new PiiDatabase(stack, 'Db', { vpc, data: DATA, ...props });
  return { stack, vpc, database };
}

function instance(template: Template) {
  return Object.values(template.findResources('AWS::RDS::DBInstance'))[0];
}

describe('PiiDatabase', () => {
  test('private, encrypted, IAM auth, RDS-managed secret under the key, backups, retained', () => {
    const { stack } = setup();
    const db = instance(Template.fromStack(stack));
    // Named, so deleted by the rollback of its own creation and retained on every other delete.
    expect(db.DeletionPolicy).toBe('RetainExceptOnCreate');
    expect(db.UpdateReplacePolicy).toBe('Retain');
    const key = { 'Fn::GetAtt': [expect.stringMatching(/^DbKey/), 'Arn'] };
    expect(db.Properties).toEqual(
      expect.objectContaining({
        Engine: 'postgres',
        EngineVersion: '17',
        PubliclyAccessible: false,
        MultiAZ: true,
        StorageEncrypted: true,
        KmsKeyId: key,
        EnableIAMDatabaseAuthentication: true,
        ManageMasterUserPassword: true,
        MasterUsername: 'dppadmin',
        MasterUserSecret: { KmsKeyId: key },
        BackupRetentionPeriod: 7,
        DeleteAutomatedBackups: false,
        DeletionProtection: true,
        AutoMinorVersionUpgrade: true,
        CopyTagsToSnapshot: true,
        EnableCloudwatchLogsExports: ['postgresql', 'upgrade'],
        Port: '5433',
        DBInstanceIdentifier: 'test-db',
        CACertificateIdentifier: 'rds-ca-rsa2048-g1',
        Tags: [{ Key: 'dpp:data-class', Value: 'pii' }],
      }),
    );
    expect(db.Properties.MasterUserPassword).toBeUndefined();
  });

  test('no password can be passed: no literal in the template, no Secrets Manager secret to leak', () => {
    const { stack } = setup();
    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::SecretsManager::Secret', 0);
    expect(JSON.stringify(template.toJSON())).not.toMatch(/"MasterUserPassword"/);
  });

  test('TLS 1.2+ forced and sessions logged by the parameter group', () => {
    const { stack } = setup();
    Template.fromStack(stack).hasResourceProperties('AWS::RDS::DBParameterGroup', {
      Family: 'postgres17',
      Parameters: {
        'rds.force_ssl': '1',
        ssl_min_protocol_version: 'TLSv1.2',
        log_connections: '1',
        log_disconnections: '1',
        log_statement: 'ddl',
      },
    });
  });

  test('in the isolated subnets behind a deny-all security group', () => {
    const { stack } = setup();
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::RDS::DBSubnetGroup', {
      SubnetIds: [
        { Ref: Match.stringLikeRegexp('^VpcDataSubnet1') },
        { Ref: Match.stringLikeRegexp('^VpcDataSubnet2') },
      ],
    });
    expect(instance(template).Properties.VPCSecurityGroups).toEqual([
      { 'Fn::GetAtt': [expect.stringMatching(/^DbSecurityGroup/), 'GroupId'] },
    ]);
    template.hasResourceProperties('AWS::EC2::SecurityGroup', {
      GroupDescription: 'PII database Db (cdk-dpp): TLS on 5433 from named groups only',
      SecurityGroupIngress: Match.absent(),
    });
  });

  test('logs are exported to KMS-encrypted, PII-masked groups kept 13 months, created first', () => {
    const { stack } = setup();
    const template = Template.fromStack(stack);
    for (const log of ['postgresql', 'upgrade']) {
      template.hasResource('AWS::Logs::LogGroup', {
        DeletionPolicy: 'RetainExceptOnCreate',
        UpdateReplacePolicy: 'Retain',
        Properties: Match.objectLike({
          LogGroupName: `/aws/rds/instance/test-db/${log}`,
          RetentionInDays: 400,
          KmsKeyId: { 'Fn::GetAtt': [Match.stringLikeRegexp('^DbKey'), 'Arn'] },
          DataProtectionPolicy: Match.objectLike({ Name: 'cdk-dpp-mask-pii' }),
        }),
      });
    }
    expect(instance(template).DependsOn).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^DbLogspostgresql/),
        expect.stringMatching(/^DbLogsupgrade/),
      ]),
    );
  });

  test('the deployment role may use the key only through Secrets Manager', () => {
    const { stack } = setup();
    const keys = Template.fromStack(stack).findResources('AWS::KMS::Key');
    const key = Object.entries(keys).find(([id]) => id.startsWith('DbKey'))?.[1];
    const statement = key?.Properties.KeyPolicy.Statement.find(
      (s: { Sid?: string }) => s.Sid === 'DeployerUseThroughSecretsManager',
    );
    expect(statement).toEqual({
      Sid: 'DeployerUseThroughSecretsManager',
      Effect: 'Allow',
      Principal: {
        AWS: {
          'Fn::Sub':
            'arn:${AWS::Partition}:iam::${AWS::AccountId}:role/cdk-hnb659fds-cfn-exec-role-${AWS::AccountId}-${AWS::Region}',
        },
      },
      Action: ['kms:Decrypt', 'kms:GenerateDataKey'],
      Resource: '*',
      Condition: {
        StringEquals: {
          'kms:ViaService': {
            'Fn::Join': ['', ['secretsmanager.', { Ref: 'AWS::Region' }, '.amazonaws.com']],
          },
        },
      },
    });
  });

  test('without the DefaultStackSynthesizer the deployment role must be named', () => {
    const app = new App();
    const stack = new Stack(app, 'Legacy', { synthesizer: new LegacyStackSynthesizer() });
    const vpc = new DataVpc(stack, 'Vpc');
    expect(() => new PiiDatabase(stack, 'Db', { vpc, data: DATA })).toThrow(
      '`deploymentRoleArn` must name the role that deploys the stack when it does not use the DefaultStackSynthesizer (DPP-ES-2), got: undefined',
    );
    new PiiDatabase(stack, 'Named', {
      vpc,
      data: DATA,
      deploymentRoleArn: 'arn:aws:iam::111122223333:role/deployer',
    });
  });

  test('connections and allowConnectionsFrom use the literal port', () => {
    const { stack, vpc, database } = setup();
    const app = new DenyAllSecurityGroup(stack, 'App', { vpc });
    database.allowConnectionsFrom(app);
    const client = new DenyAllSecurityGroup(stack, 'Client', { vpc });
    database.connections.allowDefaultPortFrom(client);
    const template = Template.fromStack(stack);
    const ingress = Object.values(template.findResources('AWS::EC2::SecurityGroupIngress'));
    expect(ingress.map((r) => [r.Properties.FromPort, r.Properties.ToPort])).toEqual([
      [5433, 5433],
      [5433, 5433],
    ]);
  });

  test('grantRead lets a role connect as the reader user with IAM and records it', () => {
    const { stack, database } = setup();
    const reader = new iam.Role(stack, 'Reader', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
    });
    database.grantRead(reader);
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::IAM::Policy', {
      Roles: [{ Ref: Match.stringLikeRegexp('^Reader') }],
      PolicyDocument: {
        Statement: [
          {
            Action: 'rds-db:connect',
            Effect: 'Allow',
            Resource: {
              'Fn::Join': [
                '',
                Match.arrayWith([
                  ':rds-db:',
                  { 'Fn::GetAtt': [Match.stringLikeRegexp('^Db'), 'DbiResourceId'] },
                  '/pii_reader',
                ]),
              ],
            },
          },
        ],
      },
    });
    expect(instance(template).Metadata['cdk-dpp'].data.readers).toEqual(['Test/Reader']);
  });

  test('grantReadData and grantWriteData connect as pii_reader and pii_writer', () => {
    const { stack, database } = setup();
    const app = new iam.Role(stack, 'App', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
    });
    database.grantReadData(app);
    database.grantWriteData(app);
    const template = Template.fromStack(stack);
    const policy = Object.values(template.findResources('AWS::IAM::Policy')).find((p) =>
      p.Properties.Roles[0].Ref.startsWith('App'),
    );
    const users = policy?.Properties.PolicyDocument.Statement.map(
      (statement: { Resource: { 'Fn::Join': [string, unknown[]] } }) =>
        statement.Resource['Fn::Join'][1].at(-1),
    );
    expect(users).toEqual(['/pii_reader', '/pii_writer']);
    expect(instance(template).Metadata['cdk-dpp'].data.readers).toEqual(['Test/App']);
  });

  test('declares its data', () => {
    const { stack } = setup({ retention: Duration.days(20), backupRetention: Duration.days(10) });
    expect(instance(Template.fromStack(stack)).Metadata['cdk-dpp']).toEqual({
      construct: 'PiiDatabase',
      implements: [
        'DPP-25-CRED',
        'DPP-DG-3',
        'DPP-DR-4',
        'DPP-ES-1',
        'DPP-LM-2',
        'DPP-NP-1',
        'DPP-NP-2',
        'DPP-NP-7',
        'DPP-NP-9',
        'SOC-C5',
      ],
      data: expect.objectContaining({
        dataClass: 'pii',
        piiFields: ['buyerName', 'billingAddress'],
        retentionDays: 20,
        disposal:
          'The application deletes rows 20 days after shipment; automated backups expire after 10 days.',
        erasure:
          "Delete the person's rows by key (DELETE ... WHERE); automated backups holding them age out after the backup retention.",
      }),
    });
  });

  test.each([
    [
      { backupRetention: Duration.days(6) },
      '`backupRetention` must be at least 7 days (DPP-DR-4), got: 6 days',
    ],
    [
      { backupRetention: Duration.days(36) },
      '`backupRetention` must be at most 35 days (DPP-DR-4), got: 36 days',
    ],
    [
      { retention: Duration.days(31) },
      '`retention` must be at most 30 days (DPP-DR-1), got: 31 days',
    ],
    [
      { data: { purpose: 'Invoices' } },
      '`data.piiFields` must name at least one PII field the store holds (DPP-DG-3), got: []',
    ],
  ])('bad props %p throw', (props, message) => {
    expect(() => setup(props as Partial<PiiDatabaseProps>)).toThrow(message);
  });

  test.each([7, 35])('backupRetention of %i days is accepted', (days) => {
    const { stack } = setup({ backupRetention: Duration.days(days) });
    expect(instance(Template.fromStack(stack)).Properties.BackupRetentionPeriod).toBe(days);
  });

  test('the instance type and engine can be chosen', () => {
    const { stack } = setup({
      instanceType: ec2.InstanceType.of(ec2.InstanceClass.M7G, ec2.InstanceSize.LARGE),
    });
    expect(instance(Template.fromStack(stack)).Properties.DBInstanceClass).toBe('db.m7g.large');
  });

  test('default database has zero findings from every pack', () => {
    const { stack } = setup();
    expect(constructFindings(owned(stack), allPacks())).toEqual([]);
  });
});
