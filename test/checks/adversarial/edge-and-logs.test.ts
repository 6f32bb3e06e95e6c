import {
  App,
  CfnResource,
  Duration,
  Size,
  Stack,
  aws_apigateway as apigateway,
  aws_apigatewayv2 as apigwv2,
  aws_backup as backup,
  aws_certificatemanager as acm,
  aws_cloudfront as cloudfront,
  aws_cloudfront_origins as origins,
  aws_cloudtrail as cloudtrail,
  aws_dynamodb as dynamodb,
  aws_ec2 as ec2,
  aws_elasticloadbalancing as elb,
  aws_elasticloadbalancingv2 as elbv2,
  aws_guardduty as guardduty,
  aws_iam as iam,
  aws_kms as kms,
  aws_logs as logs,
  aws_s3 as s3,
  aws_wafv2 as wafv2,
  SecretValue,
} from 'aws-cdk-lib';
import { DataClass } from '../../../constructs/common/data-class';
import { testApp, testStack } from '../../helpers';
import { classify, findingsOf, unresolvedNumber, unresolvedString } from '../rule-helpers';

/**
 * The weaknesses of the edge, key and logging rules written in other shapes than the unit
 * tests use: L1 for L2, overrides of the rendered L2, absent properties whose service default
 * is the weakness, strings for booleans, separate resources and cross-stack references.
 */

const image = ec2.MachineImage.latestAmazonLinux2023();
const instanceType = ec2.InstanceType.of(ec2.InstanceClass.T4G, ec2.InstanceSize.MICRO);
const CERTIFICATE = 'arn:aws:acm:us-east-1:111122223333:certificate/abcd';

function isolatedVpc(stack: Stack, id = 'Vpc'): ec2.Vpc {
  return new ec2.Vpc(stack, id, {
    subnetConfiguration: [{ name: 'data', subnetType: ec2.SubnetType.PRIVATE_ISOLATED }],
    restrictDefaultSecurityGroup: true,
  });
}

function l1Of(construct: { node: { defaultChild?: unknown } }): CfnResource {
  return construct.node.defaultChild as CfnResource;
}

describe('Ec2VolumeEncrypted sees through', () => {
  const ID = 'Ec2VolumeEncrypted';

  test('an L2 volume that leaves encryption to the default is unencrypted', () => {
    const stack = testStack();
    new ec2.Volume(stack, 'Volume', { availabilityZone: 'us-east-1a', size: Size.gibibytes(8) });
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[NotEncrypted]`]);
  });

  test('an override turning off the encryption of a launch template block device', () => {
    const stack = testStack();
    const template = new ec2.LaunchTemplate(stack, 'Template', {
      blockDevices: [
        {
          deviceName: '/dev/xvda',
          volume: ec2.BlockDeviceVolume.ebs(8, {
            encrypted: true,
            kmsKey: new kms.Key(stack, 'K'),
          }),
        },
      ],
    });
    l1Of(template).addPropertyOverride(
      'LaunchTemplateData.BlockDeviceMappings.0.Ebs.Encrypted',
      'false',
    );
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[NotEncrypted]`]);
  });

  test("an L1 volume encrypted ('true') under the AWS managed key", () => {
    const stack = testStack();
    new ec2.CfnVolume(stack, 'Volume', {
      availabilityZone: 'us-east-1a',
      size: 8,
      kmsKeyId: 'alias/aws/ebs',
    }).addPropertyOverride('Encrypted', 'true');
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[AwsManagedKey]`]);
  });

  test('an instance whose encryption is a parameter is unresolved', () => {
    const stack = testStack();
    const instance = new ec2.Instance(stack, 'Host', {
      vpc: isolatedVpc(stack),
      instanceType,
      machineImage: image,
      blockDevices: [{ deviceName: '/dev/xvda', volume: ec2.BlockDeviceVolume.ebs(8) }],
    });
    l1Of(instance).addPropertyOverride(
      'BlockDeviceMappings.0.Ebs.Encrypted',
      unresolvedString(stack),
    );
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[Unresolved::Encrypted]`]);
  });

  test("compliant: an L1 volume encrypted ('true') under a key of another stack", () => {
    const app = testApp();
    const keys = new Stack(app, 'Keys');
    const key = new kms.Key(keys, 'Key');
    const stack = new Stack(app, 'Data');
    new ec2.CfnVolume(stack, 'Volume', {
      availabilityZone: 'us-east-1a',
      size: 8,
      kmsKeyId: key.keyArn,
    }).addPropertyOverride('Encrypted', 'true');
    expect(findingsOf(stack, ID)).toEqual([]);
  });
});

describe('VpcFlowLogs sees through', () => {
  const ID = 'VpcFlowLogs';

  test('flow logs of the subnets only do not watch the VPC', () => {
    const stack = testStack();
    const vpc = isolatedVpc(stack);
    vpc.isolatedSubnets.forEach(
      (subnet, i) =>
        new ec2.CfnFlowLog(stack, `SubnetLog${i}`, {
          resourceId: subnet.subnetId,
          resourceType: 'Subnet',
          trafficType: 'ALL',
          logDestinationType: 's3',
          logDestination: 'arn:aws:s3:::flow-logs',
        }),
    );
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[NoFlowLog]`]);
  });

  test('an override narrowing the L2 flow log to accepted traffic', () => {
    const stack = testStack();
    const vpc = isolatedVpc(stack);
    const flowLog = vpc.addFlowLog('All', {
      destination: ec2.FlowLogDestination.toS3(new s3.Bucket(stack, 'Logs')),
    });
    l1Of(flowLog).addPropertyOverride('TrafficType', 'ACCEPT');
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[NotAllTraffic]`]);
  });

  test('a traffic type given as a parameter is unresolved, not a narrowed log', () => {
    const stack = testStack();
    const vpc = isolatedVpc(stack);
    new ec2.CfnFlowLog(stack, 'Log', {
      resourceId: vpc.vpcId,
      resourceType: 'VPC',
      trafficType: unresolvedString(stack),
      logDestinationType: 's3',
      logDestination: 'arn:aws:s3:::flow-logs',
    });
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[Unresolved::TrafficType]`]);
  });

  test('compliant: an L1 flow log of all traffic declared in another stack', () => {
    const app = testApp();
    const network = new Stack(app, 'Network');
    const vpc = isolatedVpc(network);
    const audit = new Stack(app, 'Audit');
    new ec2.CfnFlowLog(audit, 'Log', {
      resourceId: vpc.vpcId,
      resourceType: 'VPC',
      trafficType: 'ALL',
      logDestinationType: 's3',
      logDestination: 'arn:aws:s3:::flow-logs',
    });
    expect(findingsOf(network, ID)).toEqual([]);
  });
});

describe('VpcDefaultSecurityGroupRestricted sees through', () => {
  const ID = 'VpcDefaultSecurityGroupRestricted';

  test('an L1 VPC keeps the rules of its default group', () => {
    const stack = testStack();
    new ec2.CfnVPC(stack, 'Vpc', { cidrBlock: '10.0.0.0/16' });
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[DefaultSecurityGroupOpen]`]);
  });

  test('restricting the default group of one VPC does not restrict the other', () => {
    const stack = testStack();
    isolatedVpc(stack, 'Restricted');
    new ec2.Vpc(stack, 'Open', { restrictDefaultSecurityGroup: false });
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[DefaultSecurityGroupOpen]`]);
  });

  test('compliant: the feature flag restricts the default group of an L2 VPC', () => {
    const app = new App({
      builtinCloudFormationValidation: false,
      context: {
        'aws:cdk:bundling-stacks': [],
        '@aws-cdk/aws-ec2:restrictDefaultSecurityGroup': true,
      },
    });
    const stack = new Stack(app, 'Test');
    new ec2.Vpc(stack, 'Vpc');
    expect(findingsOf(stack, ID)).toEqual([]);
  });
});

function alb(stack: Stack, props: Partial<elbv2.ApplicationLoadBalancerProps> = {}) {
  return new elbv2.ApplicationLoadBalancer(stack, 'Alb', { vpc: isolatedVpc(stack), ...props });
}

describe('ElbAccessLogs sees through', () => {
  const ID = 'ElbAccessLogs';

  test('an override replacing the attributes that enabled access logs', () => {
    const stack = new Stack(testApp(), 'Test', { env: { region: 'eu-west-1' } });
    const lb = alb(stack);
    lb.logAccessLogs(new s3.Bucket(stack, 'Logs'));
    l1Of(lb).addPropertyOverride('LoadBalancerAttributes', [
      { Key: 'deletion_protection.enabled', Value: 'true' },
    ]);
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[NoAccessLogs]`]);
  });

  test('an L1 network load balancer without attributes writes no access logs', () => {
    const stack = testStack();
    new elbv2.CfnLoadBalancer(stack, 'Nlb', { type: 'network', scheme: 'internal' });
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[NoAccessLogs]`]);
  });

  test('access logs switched by a parameter are unresolved', () => {
    const stack = testStack();
    new elbv2.CfnLoadBalancer(stack, 'Alb', {
      scheme: 'internal',
      loadBalancerAttributes: [{ key: 'access_logs.s3.enabled', value: unresolvedString(stack) }],
    });
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[Unresolved::LoadBalancerAttributes]`]);
  });

  test('compliant: an L1 load balancer with the access log attributes', () => {
    const stack = testStack();
    new elbv2.CfnLoadBalancer(stack, 'Alb', {
      scheme: 'internal',
      loadBalancerAttributes: [
        { key: 'access_logs.s3.enabled', value: 'true' },
        { key: 'access_logs.s3.bucket', value: 'access-logs' },
      ],
    });
    expect(findingsOf(stack, ID)).toEqual([]);
  });
});

function webAcl(stack: Stack, scope = 'REGIONAL'): wafv2.CfnWebACL {
  return new wafv2.CfnWebACL(stack, 'Acl', {
    scope,
    defaultAction: { block: {} },
    visibilityConfig: {
      cloudWatchMetricsEnabled: true,
      metricName: 'acl',
      sampledRequestsEnabled: true,
    },
  });
}

describe('ElbInternetFacingWaf sees through', () => {
  const ID = 'ElbInternetFacingWaf';

  test('an L1 load balancer without a scheme is internet-facing', () => {
    const stack = testStack();
    new elbv2.CfnLoadBalancer(stack, 'Alb', { subnets: ['subnet-1', 'subnet-2'] });
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[InternetFacingWithoutWaf]`]);
  });

  test('a web ACL associated with an internet-facing network load balancer protects nothing', () => {
    const stack = testStack();
    const nlb = new elbv2.NetworkLoadBalancer(stack, 'Nlb', {
      vpc: new ec2.Vpc(stack, 'Vpc', { restrictDefaultSecurityGroup: true }),
      internetFacing: true,
    });
    new wafv2.CfnWebACLAssociation(stack, 'Assoc', {
      resourceArn: nlb.loadBalancerArn,
      webAclArn: webAcl(stack).attrArn,
    });
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[InternetFacingWithoutWaf]`]);
  });

  test('a scheme given as a parameter is unresolved', () => {
    const stack = testStack();
    l1Of(alb(stack)).addPropertyOverride('Scheme', unresolvedString(stack));
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[Unresolved::Scheme]`]);
  });

  test('compliant: a web ACL association in another stack protects the load balancer', () => {
    const app = testApp();
    const edge = new Stack(app, 'Edge');
    const lb = new elbv2.ApplicationLoadBalancer(edge, 'Alb', {
      vpc: new ec2.Vpc(edge, 'Vpc', { restrictDefaultSecurityGroup: true }),
      internetFacing: true,
    });
    const security = new Stack(app, 'Security');
    new wafv2.CfnWebACLAssociation(security, 'Assoc', {
      resourceArn: lb.loadBalancerArn,
      webAclArn: webAcl(security).attrArn,
    });
    expect(findingsOf(edge, ID)).toEqual([]);
  });
});

describe('ClassicElbAccessLogs sees through', () => {
  const ID = 'ClassicElbAccessLogs';

  test('an L2 classic load balancer writes no access logs by default', () => {
    const stack = testStack();
    new elb.LoadBalancer(stack, 'Lb', { vpc: new ec2.Vpc(stack, 'Vpc') });
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[NoAccessLogs]`]);
  });

  test("an L1 access logging policy enabled as the string 'false'", () => {
    const stack = testStack();
    new elb.CfnLoadBalancer(stack, 'Lb', {
      listeners: [{ loadBalancerPort: '443', instancePort: '443', protocol: 'SSL' }],
      accessLoggingPolicy: { enabled: true, s3BucketName: 'access-logs' },
    }).addPropertyOverride('AccessLoggingPolicy.Enabled', 'false');
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[NoAccessLogs]`]);
  });

  test('access logging enabled by a parameter is unresolved', () => {
    const stack = testStack();
    const lb = new elb.LoadBalancer(stack, 'Lb', {
      vpc: new ec2.Vpc(stack, 'Vpc'),
      accessLoggingPolicy: { enabled: true, s3BucketName: 'access-logs' },
    });
    l1Of(lb).addPropertyOverride('AccessLoggingPolicy.Enabled', unresolvedString(stack));
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[Unresolved::AccessLoggingPolicy]`]);
  });

  test("compliant: an override enabling access logs with the string 'true'", () => {
    const stack = testStack();
    const lb = new elb.LoadBalancer(stack, 'Lb', { vpc: new ec2.Vpc(stack, 'Vpc') });
    l1Of(lb).addPropertyOverride('AccessLoggingPolicy', {
      Enabled: 'true',
      S3BucketName: 'access-logs',
    });
    expect(findingsOf(stack, ID)).toEqual([]);
  });
});

describe('ApiGatewayTls sees through', () => {
  const ID = 'ApiGatewayTls';

  test('an L1 REST custom domain without a security policy', () => {
    const stack = testStack();
    new apigateway.CfnDomainName(stack, 'Domain', {
      domainName: 'api.example.com',
      regionalCertificateArn: CERTIFICATE,
    });
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[SecurityPolicyUnset]`]);
  });

  test('an override downgrading the L2 domain to TLS 1.0', () => {
    const stack = testStack();
    const domain = new apigateway.DomainName(stack, 'Domain', {
      domainName: 'api.example.com',
      certificate: acm.Certificate.fromCertificateArn(stack, 'Cert', CERTIFICATE),
      securityPolicy: apigateway.SecurityPolicy.TLS_1_2,
    });
    l1Of(domain).addPropertyOverride('SecurityPolicy', 'TLS_1_0');
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[OldTlsPolicy]`]);
  });

  test('a private REST custom domain (DomainNameV2) on TLS 1.0', () => {
    const stack = testStack();
    new apigateway.CfnDomainNameV2(stack, 'Private', {
      domainName: 'api.internal.example.com',
      certificateArn: CERTIFICATE,
      endpointConfiguration: { types: ['PRIVATE'] },
      securityPolicy: 'TLS_1_0',
    });
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[OldTlsPolicy]`]);
  });

  test('an HTTP API domain with a parameter policy is unresolved', () => {
    const stack = testStack();
    new apigwv2.CfnDomainName(stack, 'Domain', {
      domainName: 'api.example.com',
      domainNameConfigurations: [
        { certificateArn: CERTIFICATE, securityPolicy: unresolvedString(stack) },
      ],
    });
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[Unresolved::SecurityPolicy]`]);
  });

  test('compliant: an L1 HTTP API domain on TLS 1.2', () => {
    const stack = testStack();
    new apigwv2.CfnDomainName(stack, 'Domain', {
      domainName: 'api.example.com',
      domainNameConfigurations: [{ certificateArn: CERTIFICATE, securityPolicy: 'TLS_1_2' }],
    });
    expect(findingsOf(stack, ID)).toEqual([]);
  });
});

function restApi(stack: Stack, props: apigateway.RestApiProps = {}): apigateway.RestApi {
  const api = new apigateway.RestApi(stack, 'Api', props);
  api.root.addMethod('GET', new apigateway.MockIntegration());
  return api;
}

describe('ApiGatewayAccessLogs sees through', () => {
  const ID = 'ApiGatewayAccessLogs';

  test('the default stage of an L2 HTTP API writes no access logs', () => {
    const stack = testStack();
    new apigwv2.HttpApi(stack, 'Http');
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[NoAccessLogs]`]);
  });

  test('a deletion override removing the access log setting of the L2 stage', () => {
    const stack = testStack();
    const api = restApi(stack, {
      deployOptions: {
        accessLogDestination: new apigateway.LogGroupLogDestination(
          new logs.LogGroup(stack, 'AccessLogs'),
        ),
      },
    });
    l1Of(api.deploymentStage).addDeletionOverride('Properties.AccessLogSetting');
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[NoAccessLogs]`]);
  });

  test('compliant: an L1 WebSocket stage logging to a log group of another stack', () => {
    const app = testApp();
    const audit = new Stack(app, 'Audit');
    const group = new logs.LogGroup(audit, 'AccessLogs');
    const stack = new Stack(app, 'Api');
    new apigwv2.CfnStage(stack, 'Stage', {
      apiId: 'abc123',
      stageName: 'prod',
      accessLogSettings: { destinationArn: group.logGroupArn, format: '$context.requestId' },
    });
    expect(findingsOf(stack, ID)).toEqual([]);
  });
});

describe('ApiGatewayWaf sees through', () => {
  const ID = 'ApiGatewayWaf';

  test('an L1 REST API without an endpoint configuration is edge-optimized and public', () => {
    const stack = testStack();
    const api = new apigateway.CfnRestApi(stack, 'Api', { name: 'api' });
    new apigateway.CfnStage(stack, 'Stage', {
      restApiId: api.ref,
      deploymentId: 'dep123',
      stageName: 'prod',
    });
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[PublicWithoutWaf]`]);
  });

  test('an override turning the private L2 API regional', () => {
    const stack = testStack();
    const api = restApi(stack, { endpointTypes: [apigateway.EndpointType.PRIVATE] });
    l1Of(api).addPropertyOverride('EndpointConfiguration.Types', ['REGIONAL']);
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[PublicWithoutWaf]`]);
  });

  test('a web ACL on another stage does not protect this one', () => {
    const stack = testStack();
    const api = restApi(stack);
    const other = new apigateway.Stage(stack, 'Other', {
      deployment: new apigateway.Deployment(stack, 'Deployment', { api }),
      stageName: 'other',
    });
    new wafv2.CfnWebACLAssociation(stack, 'Assoc', {
      resourceArn: other.stageArn,
      webAclArn: webAcl(stack).attrArn,
    });
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[PublicWithoutWaf]`]);
  });

  test('a stage of an API the app does not declare is unresolved', () => {
    const stack = testStack();
    new apigateway.CfnStage(stack, 'Stage', {
      restApiId: unresolvedString(stack),
      deploymentId: 'dep123',
      stageName: 'prod',
    });
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[Unresolved::RestApiId]`]);
  });

  test('compliant: a web ACL association of another stack protects the stage', () => {
    const app = testApp();
    const edge = new Stack(app, 'Edge');
    const api = restApi(edge);
    const security = new Stack(app, 'Security');
    new wafv2.CfnWebACLAssociation(security, 'Assoc', {
      resourceArn: api.deploymentStage.stageArn,
      webAclArn: webAcl(security).attrArn,
    });
    expect(findingsOf(edge, ID)).toEqual([]);
  });
});

function l2Distribution(stack: Stack, props: Partial<cloudfront.DistributionProps> = {}) {
  return new cloudfront.Distribution(stack, 'Cdn', {
    defaultBehavior: {
      origin: new origins.HttpOrigin('origin.example.com'),
      viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.HTTPS_ONLY,
    },
    domainNames: ['www.example.com'],
    certificate: acm.Certificate.fromCertificateArn(stack, 'Cert', CERTIFICATE),
    ...props,
  });
}

const L1_CONFIG = {
  enabled: true,
  origins: [
    {
      id: 'origin',
      domainName: 'origin.example.com',
      customOriginConfig: { originProtocolPolicy: 'https-only', originSslProtocols: ['TLSv1.2'] },
    },
  ],
  defaultCacheBehavior: {
    targetOriginId: 'origin',
    viewerProtocolPolicy: 'https-only',
    cachePolicyId: '658327ea-f89d-4fab-a63d-7e88639e58f6',
  },
  viewerCertificate: {
    acmCertificateArn: CERTIFICATE,
    sslSupportMethod: 'sni-only',
    minimumProtocolVersion: 'TLSv1.2_2021',
  },
};

describe('CloudFrontTls sees through', () => {
  const ID = 'CloudFrontTls';

  test('an L1 distribution without a viewer certificate uses the default one', () => {
    const stack = testStack();
    new cloudfront.CfnDistribution(stack, 'Cdn', {
      distributionConfig: { ...L1_CONFIG, viewerCertificate: undefined },
    });
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[DefaultCertificate]`]);
  });

  test('an override lowering the viewer TLS floor of the L2 distribution', () => {
    const stack = testStack();
    l1Of(l2Distribution(stack)).addPropertyOverride(
      'DistributionConfig.ViewerCertificate.MinimumProtocolVersion',
      'TLSv1',
    );
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[ViewerTlsPolicy]`]);
  });

  test('an L2 HTTP origin reached with the viewer protocol, and an extra HTTP behavior', () => {
    const stack = testStack();
    const cdn = l2Distribution(stack, {
      defaultBehavior: {
        origin: new origins.HttpOrigin('origin.example.com', {
          protocolPolicy: cloudfront.OriginProtocolPolicy.MATCH_VIEWER,
        }),
        viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.HTTPS_ONLY,
      },
    });
    cdn.addBehavior('/legacy/*', new origins.HttpOrigin('legacy.example.com'), {
      viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
    });
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[OriginHttp]`, `DPP-${ID}[ViewerHttp]`]);
  });

  test('a viewer TLS floor given as a parameter is unresolved', () => {
    const stack = testStack();
    new cloudfront.CfnDistribution(stack, 'Cdn', {
      distributionConfig: {
        ...L1_CONFIG,
        viewerCertificate: {
          ...L1_CONFIG.viewerCertificate,
          minimumProtocolVersion: unresolvedString(stack),
        },
      },
    });
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[Unresolved::MinimumProtocolVersion]`]);
  });

  test('compliant: an L1 distribution on HTTPS and TLS 1.2 end to end', () => {
    const stack = testStack();
    new cloudfront.CfnDistribution(stack, 'Cdn', { distributionConfig: L1_CONFIG });
    expect(findingsOf(stack, ID)).toEqual([]);
  });
});

describe('CloudFrontWaf sees through', () => {
  const ID = 'CloudFrontWaf';

  test('an empty web ACL id names no web ACL', () => {
    const stack = testStack();
    l2Distribution(stack, { webAclId: '' });
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[NoWebAcl]`]);
  });

  test('a deletion override removing the web ACL of the L2 distribution', () => {
    const stack = testStack();
    const cdn = l2Distribution(stack, { webAclId: webAcl(stack, 'CLOUDFRONT').attrArn });
    l1Of(cdn).addDeletionOverride('Properties.DistributionConfig.WebACLId');
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[NoWebAcl]`]);
  });

  test('a web ACL id given as a parameter is unresolved', () => {
    const stack = testStack();
    l2Distribution(stack, { webAclId: unresolvedString(stack) });
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[Unresolved::WebACLId]`]);
  });

  test('compliant: an L1 distribution naming a web ACL of the app', () => {
    const stack = testStack();
    new cloudfront.CfnDistribution(stack, 'Cdn', {
      distributionConfig: { ...L1_CONFIG, webAclId: webAcl(stack, 'CLOUDFRONT').attrArn },
    });
    expect(findingsOf(stack, ID)).toEqual([]);
  });
});

describe('CloudFrontAccessLogs sees through', () => {
  const ID = 'CloudFrontAccessLogs';

  function source(stack: Stack, cdn: cloudfront.Distribution): logs.CfnDeliverySource {
    return new logs.CfnDeliverySource(stack, 'Source', {
      name: 'cdn-access-logs',
      logType: 'ACCESS_LOGS',
      resourceArn: `arn:aws:cloudfront::111122223333:distribution/${cdn.distributionId}`,
    });
  }

  test('a delivery source that no delivery sends anywhere logs nothing', () => {
    const stack = testStack();
    source(stack, l2Distribution(stack));
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[NoAccessLogs]`]);
  });

  test('a deletion override removing the standard logging of the L2 distribution', () => {
    const stack = testStack();
    const cdn = l2Distribution(stack, {
      enableLogging: true,
      logBucket: s3.Bucket.fromBucketName(stack, 'Logs', 'cdn-logs'),
    });
    l1Of(cdn).addDeletionOverride('Properties.DistributionConfig.Logging');
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[NoAccessLogs]`]);
  });

  test('compliant: a delivery source with a delivery referring to it', () => {
    const stack = testStack();
    const delivery = new logs.CfnDelivery(stack, 'Delivery', {
      deliverySourceName: source(stack, l2Distribution(stack)).ref,
      deliveryDestinationArn: 'arn:aws:logs:us-east-1:111122223333:delivery-destination:audit',
    });
    expect(delivery).toBeDefined();
    expect(findingsOf(stack, ID)).toEqual([]);
  });
});

describe('KmsKeyPolicyNoPublic sees through', () => {
  const ID = 'KmsKeyPolicyNoPublic';

  test('a NotPrincipal allows everyone but the principals it names', () => {
    const stack = testStack();
    new kms.CfnKey(stack, 'Key', {
      keyPolicy: {
        Version: '2012-10-17',
        Statement: [
          {
            Effect: 'Allow',
            NotPrincipal: { AWS: 'arn:aws:iam::111122223333:role/Blocked' },
            Action: 'kms:Decrypt',
            Resource: '*',
          },
        ],
      },
    });
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[EveryonePrincipal]`]);
  });

  test('a star principal added to the L2 key policy among named ones', () => {
    const stack = testStack();
    new kms.Key(stack, 'Key').addToResourcePolicy(
      new iam.PolicyStatement({
        actions: ['kms:Decrypt'],
        resources: ['*'],
        principals: [new iam.AccountRootPrincipal(), new iam.ArnPrincipal('*')],
      }),
    );
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[EveryonePrincipal]`]);
  });

  test('a key policy given as a parameter is unresolved', () => {
    const stack = testStack();
    const key = new kms.Key(stack, 'Key');
    l1Of(key).addPropertyOverride('KeyPolicy', unresolvedString(stack));
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[Unresolved::KeyPolicy]`]);
  });

  test('compliant: an L1 key policy that denies everyone and allows the account', () => {
    const stack = testStack();
    new kms.CfnKey(stack, 'Key', {
      keyPolicy: {
        Version: '2012-10-17',
        Statement: [
          {
            Effect: 'Allow',
            Principal: { AWS: 'arn:aws:iam::111122223333:root' },
            Action: 'kms:*',
            Resource: '*',
          },
          // A Deny to everyone takes access away; it grants nothing.
          {
            Effect: 'Deny',
            Principal: '*',
            Action: 'kms:Decrypt',
            Resource: '*',
            Condition: { Bool: { 'aws:SecureTransport': 'false' } },
          },
        ],
      },
    });
    expect(findingsOf(stack, ID)).toEqual([]);
  });
});

describe('IamNoUsersOrKeys sees through', () => {
  const ID = 'IamNoUsersOrKeys';

  test('an override giving an L2 user a console password', () => {
    const stack = testStack();
    const user = new iam.User(stack, 'User');
    l1Of(user).addPropertyOverride('LoginProfile', { Password: unresolvedString(stack) });
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[ConsolePassword]`]);
  });

  test('an inactive L1 access key of a user of another stack is still long-lived', () => {
    const app = testApp();
    const people = new Stack(app, 'People');
    const user = new iam.User(people, 'User');
    const stack = new Stack(app, 'Keys');
    new iam.CfnAccessKey(stack, 'Key', { userName: user.userName, status: 'Inactive' });
    expect(findingsOf(people, ID)).toEqual([]);
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[LongLivedAccessKey]`]);
  });

  test('an L2 user with a password from Secrets Manager', () => {
    const stack = testStack();
    new iam.User(stack, 'User', {
      password: SecretValue.secretsManager('console-password'),
    });
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[ConsolePassword]`]);
  });

  test('compliant: an L1 user without a password or keys', () => {
    // A user that can neither sign in nor hold keys has no long-lived credential to lose.
    const stack = testStack();
    new iam.CfnUser(stack, 'User', { path: '/service/' });
    expect(findingsOf(stack, ID)).toEqual([]);
  });
});

describe('LogGroupRetention sees through', () => {
  const ID = 'LogGroupRetention';

  test('an L1 log group without retention keeps events forever', () => {
    const stack = testStack();
    new logs.CfnLogGroup(stack, 'Group', {});
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[RetentionInfinite]`]);
  });

  test("an override shortening the L2 retention to the string '30'", () => {
    const stack = testStack();
    const group = new logs.LogGroup(stack, 'Group', { retention: logs.RetentionDays.ONE_YEAR });
    l1Of(group).addPropertyOverride('RetentionInDays', '30');
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[RetentionTooShort]`]);
  });

  test('a deletion override of the L2 retention keeps events forever', () => {
    const stack = testStack();
    const group = new logs.LogGroup(stack, 'Group', { retention: logs.RetentionDays.ONE_YEAR });
    l1Of(group).addDeletionOverride('Properties.RetentionInDays');
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[RetentionInfinite]`]);
  });

  test('a retention given as a parameter is unresolved', () => {
    const stack = testStack();
    new logs.CfnLogGroup(stack, 'Group', {
      retentionInDays: unresolvedNumber(stack),
    });
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[Unresolved::RetentionInDays]`]);
  });

  test("compliant: an L1 retention of two years as the string '731'", () => {
    const stack = testStack();
    new logs.CfnLogGroup(stack, 'Group', {}).addPropertyOverride('RetentionInDays', '731');
    expect(findingsOf(stack, ID)).toEqual([]);
  });
});

describe('LogGroupKmsEncrypted sees through', () => {
  const ID = 'LogGroupKmsEncrypted';

  test('an L1 log group without a key uses keys CloudWatch Logs owns', () => {
    const stack = testStack();
    new logs.CfnLogGroup(stack, 'Group', { retentionInDays: 365 });
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[NoCustomerManagedKey]`]);
  });

  test('a deletion override removing the key of the L2 log group', () => {
    const stack = testStack();
    const group = new logs.LogGroup(stack, 'Group', { encryptionKey: new kms.Key(stack, 'Key') });
    l1Of(group).addDeletionOverride('Properties.KmsKeyId');
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[NoCustomerManagedKey]`]);
  });

  test('a key given as a parameter is unresolved', () => {
    const stack = testStack();
    new logs.CfnLogGroup(stack, 'Group', { kmsKeyId: unresolvedString(stack) });
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[Unresolved::KmsKeyId]`]);
  });

  test('compliant: an L1 log group under a key of another stack', () => {
    const app = testApp();
    const keys = new Stack(app, 'Keys');
    const key = new kms.Key(keys, 'Key');
    const stack = new Stack(app, 'Logs');
    new logs.CfnLogGroup(stack, 'Group', { kmsKeyId: key.keyArn });
    expect(findingsOf(stack, ID)).toEqual([]);
  });
});

describe('BackupPlanCrossRegionCopy sees through', () => {
  const ID = 'BackupPlanCrossRegionCopy';

  test('a copy to a vault of the same stack stays in its region', () => {
    const stack = testStack();
    const plan = new backup.BackupPlan(stack, 'Plan');
    plan.addRule(
      new backup.BackupPlanRule({
        ruleName: 'Daily',
        copyActions: [{ destinationBackupVault: new backup.BackupVault(stack, 'Copy') }],
      }),
    );
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[SameRegionCopy::Daily]`]);
  });

  test('a copy to a vault of another stack in the same region stays in the region', () => {
    const app = testApp();
    const env = { account: '111122223333', region: 'eu-west-1' };
    const vaults = new Stack(app, 'Vaults', { env });
    const copy = new backup.BackupVault(vaults, 'Copy');
    const stack = new Stack(app, 'Plans', { env });
    new backup.CfnBackupPlan(stack, 'Plan', {
      backupPlan: {
        backupPlanName: 'plan',
        backupPlanRule: [
          {
            ruleName: 'Daily',
            targetBackupVault: 'primary',
            copyActions: [{ destinationBackupVaultArn: copy.backupVaultArn }],
          },
        ],
      },
    });
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[SameRegionCopy::Daily]`]);
  });

  test('an L2 rule added without copy actions copies nowhere', () => {
    const stack = testStack();
    new backup.BackupPlan(stack, 'Plan').addRule(
      new backup.BackupPlanRule({ ruleName: 'Weekly', deleteAfter: Duration.days(35) }),
    );
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[NoCopy::Weekly]`]);
  });

  test('a destination given as a parameter is unresolved', () => {
    const stack = testStack();
    new backup.CfnBackupPlan(stack, 'Plan', {
      backupPlan: {
        backupPlanName: 'plan',
        backupPlanRule: [
          {
            ruleName: 'Daily',
            targetBackupVault: 'primary',
            copyActions: [{ destinationBackupVaultArn: unresolvedString(stack) }],
          },
        ],
      },
    });
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[Unresolved::DestinationBackupVaultArn]`]);
  });

  test('compliant: an L1 plan copying to a literal vault ARN of another region', () => {
    const stack = new Stack(testApp(), 'Plans', { env: { region: 'eu-west-1' } });
    new backup.CfnBackupPlan(stack, 'Plan', {
      backupPlan: {
        backupPlanName: 'plan',
        backupPlanRule: [
          {
            ruleName: 'Daily',
            targetBackupVault: 'primary',
            copyActions: [
              {
                destinationBackupVaultArn:
                  'arn:aws:backup:eu-central-1:111122223333:backup-vault:copy',
              },
            ],
          },
        ],
      },
    });
    expect(findingsOf(stack, ID)).toEqual([]);
  });
});

function piiGlobalTable(stack: Stack): dynamodb.TableV2 {
  return classify(
    new dynamodb.TableV2(stack, 'Global', {
      partitionKey: { name: 'pk', type: dynamodb.AttributeType.STRING },
      replicas: [{ region: 'eu-central-1' }],
    }),
    DataClass.PII,
  );
}

describe('PiiAppGuardDuty sees through', () => {
  const ID = 'PiiAppGuardDuty';

  test("an L1 detector enabled as the string 'false'", () => {
    const stack = testStack();
    classify(new s3.Bucket(stack, 'Bucket'), DataClass.PII);
    new guardduty.CfnDetector(stack, 'Detector', { enable: true }).addPropertyOverride(
      'Enable',
      'false',
    );
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[NoGuardDuty]`]);
  });

  test('a PII global table is a PII store too', () => {
    const stack = new Stack(testApp(), 'Test', { env: { region: 'eu-west-1' } });
    piiGlobalTable(stack);
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[NoGuardDuty]`]);
  });

  test('a detector enabled by a parameter is unresolved', () => {
    const stack = testStack();
    classify(new s3.Bucket(stack, 'Bucket'), DataClass.PII);
    const detector = new guardduty.CfnDetector(stack, 'Detector', { enable: true });
    detector.addPropertyOverride('Enable', unresolvedString(stack));
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[Unresolved::Enable]`]);
  });

  test('compliant: a detector in another stack of the app', () => {
    const app = testApp();
    const data = new Stack(app, 'Data');
    classify(new s3.Bucket(data, 'Bucket'), DataClass.PII);
    new guardduty.CfnDetector(new Stack(app, 'Baseline'), 'Detector', { enable: true });
    expect(findingsOf(data, ID)).toEqual([]);
  });
});

describe('PiiStoreAccessLogged sees through', () => {
  const ID = 'PiiStoreAccessLogged';

  function advancedTrail(stack: Stack, arns: Record<string, unknown>, isLogging = true) {
    return new cloudtrail.CfnTrail(stack, 'Trail', {
      isLogging,
      s3BucketName: 'audit',
      advancedEventSelectors: [
        {
          fieldSelectors: [
            { field: 'eventCategory', equalTo: ['Data'] },
            { field: 'resources.type', equalTo: ['AWS::DynamoDB::Table'] },
            { field: 'resources.ARN', ...arns },
          ],
        },
      ],
    });
  }

  test('a PII global table without data events is judged', () => {
    const stack = new Stack(testApp(), 'Test', { env: { region: 'eu-west-1' } });
    piiGlobalTable(stack);
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[NoDataEvents]`]);
  });

  test('a selector that excludes the table (NotEquals) does not log it', () => {
    const stack = new Stack(testApp(), 'Test', { env: { region: 'eu-west-1' } });
    const table = piiGlobalTable(stack);
    advancedTrail(stack, { notEquals: [table.tableArn] });
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[NoDataEvents]`]);
  });

  test('a trail that is not logging logs nothing it selects', () => {
    const stack = new Stack(testApp(), 'Test', { env: { region: 'eu-west-1' } });
    const table = piiGlobalTable(stack);
    advancedTrail(stack, { equalTo: [table.tableArn] }, false);
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[NoDataEvents]`]);
  });

  test('compliant: data events of the global table by its ARN', () => {
    const stack = new Stack(testApp(), 'Test', { env: { region: 'eu-west-1' } });
    const table = piiGlobalTable(stack);
    advancedTrail(stack, { equalTo: [table.tableArn] });
    expect(findingsOf(stack, ID)).toEqual([]);
  });

  test('compliant: an L1 bucket writing server access logs', () => {
    const stack = testStack();
    classify(
      new s3.CfnBucket(stack, 'Bucket', {
        loggingConfiguration: { destinationBucketName: 'access-logs' },
      }),
      DataClass.PII,
    );
    expect(findingsOf(stack, ID)).toEqual([]);
  });
});
