import { aws_ec2 as ec2, aws_logs as logs } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { DataVpc, DenyAllSecurityGroup, PiiKey } from '../../../lib';
import { allPacks, findings, testStack } from '../../helpers';

const REASON = 'The order service calls the Selling Partner API on the internet';

describe('DataVpc', () => {
  test('isolated subnets only: no internet gateway, no NAT gateway, no public IPs', () => {
    const stack = testStack();
    new DataVpc(stack, 'Vpc');
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::EC2::VPC', { CidrBlock: '10.16.0.0/16' });
    template.resourceCountIs('AWS::EC2::InternetGateway', 0);
    template.resourceCountIs('AWS::EC2::NatGateway', 0);
    template.resourceCountIs('AWS::EC2::Subnet', 2);
    for (const subnet of Object.values(template.findResources('AWS::EC2::Subnet'))) {
      expect(subnet.Properties.MapPublicIpOnLaunch).toBe(false);
    }
    const routes = template.findResources('AWS::EC2::Route');
    expect(Object.keys(routes)).toEqual([]);
  });

  test('the default security group is stripped of every rule', () => {
    const stack = testStack();
    new DataVpc(stack, 'Vpc');
    Template.fromStack(stack).hasResourceProperties('Custom::VpcRestrictDefaultSG', {
      DefaultSecurityGroupId: {
        'Fn::GetAtt': [Match.stringLikeRegexp('^Vpc'), 'DefaultSecurityGroup'],
      },
    });
  });

  test('the function that strips the default security group logs to a PiiFreeLogGroup, once per stack', () => {
    const stack = testStack();
    const vpc = new DataVpc(stack, 'Vpc');
    const second = new DataVpc(stack, 'Second', { cidr: '10.17.0.0/16' });
    const template = Template.fromStack(stack);
    const handler = stack.resolve(
      (vpc.defaultSecurityGroupLogGroup?.node.defaultChild as logs.CfnLogGroup).logicalId,
    ) as string;
    template.hasResourceProperties('AWS::Lambda::Function', {
      LoggingConfig: { LogGroup: { Ref: handler } },
    });
    expect(second.defaultSecurityGroupLogGroup).toBeUndefined();
    expect(findings(stack).filter((f) => f.rule.startsWith('DPP-LambdaLogGroupExplicit'))).toEqual(
      [],
    );
  });

  test('flow logs of all traffic go to an encrypted log group kept 13 months', () => {
    const stack = testStack();
    new DataVpc(stack, 'Vpc');
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::EC2::FlowLog', {
      ResourceType: 'VPC',
      TrafficType: 'ALL',
      LogDestinationType: 'cloud-watch-logs',
      LogGroupName: { Ref: Match.stringLikeRegexp('^VpcFlowLogGroup') },
      DeliverLogsPermissionArn: {
        'Fn::GetAtt': [Match.stringLikeRegexp('^VpcFlowLogRole'), 'Arn'],
      },
    });
    template.hasResource('AWS::Logs::LogGroup', {
      DeletionPolicy: 'Retain',
      Properties: Match.objectLike({
        RetentionInDays: 400,
        KmsKeyId: { 'Fn::GetAtt': [Match.stringLikeRegexp('^VpcFlowLogKey'), 'Arn'] },
      }),
    });
    template.hasResourceProperties('AWS::IAM::ManagedPolicy', {
      PolicyDocument: {
        Statement: [
          {
            Action: ['logs:CreateLogStream', 'logs:PutLogEvents', 'logs:DescribeLogStreams'],
            Effect: 'Allow',
            Resource: { 'Fn::GetAtt': [Match.stringLikeRegexp('^VpcFlowLogGroup'), 'Arn'] },
          },
        ],
      },
    });
    template.hasResourceProperties('AWS::IAM::Role', {
      AssumeRolePolicyDocument: {
        Statement: [
          Match.objectLike({
            Principal: { Service: 'vpc-flow-logs.amazonaws.com' },
            Condition: { StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } } },
          }),
        ],
      },
    });
  });

  test('gateway endpoints for S3 and DynamoDB admit only this account', () => {
    const stack = testStack();
    const vpc = new DataVpc(stack, 'Vpc');
    const template = Template.fromStack(stack);
    for (const [service, endpoint] of [
      ['s3', vpc.s3Endpoint],
      ['dynamodb', vpc.dynamoDbEndpoint],
    ] as const) {
      const resource =
        template.toJSON().Resources[stack.getLogicalId(endpoint.node.defaultChild as never)];
      expect(resource.Properties.VpcEndpointType).toBe('Gateway');
      expect(resource.Properties.PolicyDocument.Statement).toEqual([
        {
          Sid: 'OnlyThisAccountsPrincipals',
          Effect: 'Allow',
          Principal: { AWS: '*' },
          Action: `${service}:*`,
          Resource: '*',
          Condition: { StringEquals: { 'aws:PrincipalAccount': { Ref: 'AWS::AccountId' } } },
        },
      ]);
    }
  });

  test('looks up the prefix list of each gateway endpoint, for security groups that reach it', () => {
    const stack = testStack();
    const vpc = new DataVpc(stack, 'Vpc');
    const group = new DenyAllSecurityGroup(stack, 'Workload', { vpc });
    group.allowTlsToPrefixList(vpc.s3PrefixListId);
    group.allowTlsToPrefixList(vpc.dynamoDbPrefixListId);
    expect(vpc.s3PrefixListId).toBe(vpc.s3PrefixListId);
    const template = Template.fromStack(stack);
    // Each lookup's call, with the region token written as REGION, by its logical id.
    const calls = Object.entries(template.findResources('Custom::AWS')).map(([id, lookup]) => {
      const [, parts] = (lookup.Properties.Create as { 'Fn::Join': [string, unknown[]] })[
        'Fn::Join'
      ];
      const text = parts.map((p) => (typeof p === 'string' ? p : 'REGION')).join('');
      return [id, JSON.parse(text) as { parameters: { Filters: { Values: string[] }[] } }] as const;
    });
    expect(calls.map(([, call]) => call.parameters.Filters[0].Values[0]).sort()).toEqual([
      'com.amazonaws.REGION.dynamodb',
      'com.amazonaws.REGION.s3',
    ]);
    for (const [id, call] of calls) {
      expect(call).toEqual({
        service: 'EC2',
        action: 'describeManagedPrefixLists',
        parameters: { Filters: [{ Name: 'prefix-list-name', Values: [expect.any(String)] }] },
        physicalResourceId: { responsePath: 'PrefixLists.0.PrefixListId' },
        outputPaths: ['PrefixLists.0.PrefixListId'],
      });
      template.hasResourceProperties('AWS::EC2::SecurityGroupEgress', {
        DestinationPrefixListId: { 'Fn::GetAtt': [id, 'PrefixLists.0.PrefixListId'] },
        IpProtocol: 'tcp',
        FromPort: 443,
        ToPort: 443,
      });
    }
    const grants = Object.values(template.findResources('AWS::IAM::ManagedPolicy')).flatMap(
      (policy) => policy.Properties.PolicyDocument.Statement as { Action: unknown }[],
    );
    expect(grants.filter((s) => String(s.Action).includes('DescribeManagedPrefixLists'))).toEqual([
      { Action: 'ec2:DescribeManagedPrefixLists', Effect: 'Allow', Resource: '*' },
    ]);
    expect(findings(stack, allPacks())).toEqual([]);
  });

  test('looks up no prefix list that nothing uses', () => {
    const stack = testStack();
    new DataVpc(stack, 'Vpc');
    Template.fromStack(stack).resourceCountIs('Custom::AWS', 0);
  });

  test('interface endpoints for KMS, Secrets Manager, Logs and STS, private DNS, HTTPS from the VPC only', () => {
    const stack = testStack();
    const vpc = new DataVpc(stack, 'Vpc');
    const template = Template.fromStack(stack);
    expect(Object.keys(vpc.interfaceEndpoints).sort()).toEqual([
      'kms',
      'logs',
      'secretsmanager',
      'sts',
    ]);
    const endpoints = Object.values(
      template.findResources('AWS::EC2::VPCEndpoint', {
        Properties: { VpcEndpointType: 'Interface' },
      }),
    );
    expect(endpoints).toHaveLength(4);
    for (const endpoint of endpoints) {
      expect(endpoint.Properties.PrivateDnsEnabled).toBe(true);
      expect(endpoint.Properties.SecurityGroupIds).toEqual([
        { 'Fn::GetAtt': [expect.stringMatching(/^VpcEndpointSecurityGroup/), 'GroupId'] },
      ]);
      expect(endpoint.Properties.PolicyDocument.Statement[0].Condition).toEqual({
        StringEquals: { 'aws:PrincipalAccount': { Ref: 'AWS::AccountId' } },
      });
    }
    template.hasResourceProperties('AWS::EC2::SecurityGroup', {
      GroupDescription: 'Interface endpoints (cdk-dpp): HTTPS from the VPC only',
      SecurityGroupIngress: [
        {
          CidrIp: '10.16.0.0/16',
          Description: 'HTTPS from the VPC',
          FromPort: 443,
          IpProtocol: 'tcp',
          ToPort: 443,
        },
      ],
    });
  });

  test('internetEgress adds public and egress subnets with NAT, and records the opt-out', () => {
    const stack = testStack();
    new DataVpc(stack, 'Vpc', { internetEgress: { reason: REASON } });
    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::EC2::InternetGateway', 1);
    template.resourceCountIs('AWS::EC2::NatGateway', 2);
    template.resourceCountIs('AWS::EC2::Subnet', 6);
    for (const subnet of Object.values(template.findResources('AWS::EC2::Subnet'))) {
      expect(subnet.Properties.MapPublicIpOnLaunch).toBe(false);
    }
    template.hasResource('AWS::EC2::VPC', {
      Metadata: {
        'cdk-dpp': Match.objectLike({
          optOuts: [
            { setting: 'internetEgress', clauses: ['DPP-NP-1', 'DPP-NP-5'], reason: REASON },
          ],
        }),
      },
    });
  });

  test('a given key and retention are used', () => {
    const stack = testStack();
    const key = new PiiKey(stack, 'Shared');
    new DataVpc(stack, 'Vpc', {
      encryptionKey: key,
      flowLogRetention: logs.RetentionDays.TWO_YEARS,
    });
    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::KMS::Key', 1);
    template.hasResourceProperties('AWS::Logs::LogGroup', {
      RetentionInDays: 731,
      KmsKeyId: { 'Fn::GetAtt': [Match.stringLikeRegexp('^Shared'), 'Arn'] },
    });
  });

  test.each([
    [
      'cidr',
      { cidr: '8.8.0.0/16' },
      '`cidr` must be a private range (10/8, 172.16/12, 192.168/16, 100.64/10) (DPP-NP-1), got: 8.8.0.0/16',
    ],
    ['maxAzs', { maxAzs: 1 }, '`maxAzs` must be between 2 and 6 (DPP-DR-4), got: 1'],
    ['maxAzs', { maxAzs: 7 }, '`maxAzs` must be between 2 and 6 (DPP-DR-4), got: 7'],
    [
      'interfaceEndpointAzs',
      { interfaceEndpointAzs: 0 },
      '`interfaceEndpointAzs` must be between 1 and 2 (DPP-NP-8), got: 0',
    ],
    [
      'interfaceEndpointAzs',
      { maxAzs: 3, interfaceEndpointAzs: 4 },
      '`interfaceEndpointAzs` must be between 1 and 3 (DPP-NP-8), got: 4',
    ],
    [
      'internetEgress',
      { internetEgress: { reason: 'short' } },
      '`internetEgress.reason` must explain the opt-out in at least 20 characters; it is recorded for the auditor (DPP-NP-1, DPP-NP-5), got: "short"',
    ],
  ])('bad %s throws', (_prop, props, message) => {
    const stack = testStack();
    expect(() => new DataVpc(stack, 'Vpc', props)).toThrow(message);
  });

  test('interfaceEndpointAzs places every interface endpoint in the first zones only', () => {
    const stack = testStack();
    const vpc = new DataVpc(stack, 'Vpc', { interfaceEndpointAzs: 1 });
    const [first] = vpc.selectSubnets(vpc.dataSubnets).subnets;
    const endpoints = Template.fromStack(stack).findResources('AWS::EC2::VPCEndpoint', {
      Properties: { VpcEndpointType: 'Interface' },
    });
    expect(Object.keys(endpoints)).toHaveLength(4);
    for (const endpoint of Object.values(endpoints)) {
      expect(endpoint.Properties.SubnetIds).toEqual([
        { Ref: stack.resolve((first.node.defaultChild as ec2.CfnSubnet).logicalId) },
      ]);
    }
    expect(vpc.interfaceEndpointSubnets.subnets).toEqual([first]);
  });

  test('by default the interface endpoints span every zone of the VPC', () => {
    const stack = testStack();
    const vpc = new DataVpc(stack, 'Vpc');
    for (const endpoint of Object.values(
      Template.fromStack(stack).findResources('AWS::EC2::VPCEndpoint', {
        Properties: { VpcEndpointType: 'Interface' },
      }),
    )) {
      expect(endpoint.Properties.SubnetIds).toHaveLength(2);
    }
    expect(vpc.interfaceEndpointSubnets.subnets).toHaveLength(2);
  });

  test('flow log retention under a year throws', () => {
    const stack = testStack();
    expect(
      () => new DataVpc(stack, 'Vpc', { flowLogRetention: logs.RetentionDays.ONE_MONTH }),
    ).toThrow('(DPP-LM-5, DPP-25-LOG), got: 30 days');
  });

  test('implements its clauses', () => {
    const stack = testStack();
    new DataVpc(stack, 'Vpc');
    Template.fromStack(stack).hasResource('AWS::EC2::VPC', {
      Metadata: {
        'cdk-dpp': {
          construct: 'DataVpc',
          implements: ['DPP-LM-1', 'DPP-NP-1', 'DPP-NP-5', 'DPP-NP-8', 'SOC-R2'],
        },
      },
    });
  });

  test('default VPC has zero findings from every pack', () => {
    const stack = testStack();
    new DataVpc(stack, 'Vpc');
    expect(findings(stack, allPacks())).toEqual([]);
  });

  test('VPC with internet egress has zero findings from every pack', () => {
    const stack = testStack();
    new DataVpc(stack, 'Vpc', { internetEgress: { reason: REASON } });
    expect(findings(stack, allPacks())).toEqual([]);
  });
});
