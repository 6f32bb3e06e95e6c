import {
  Stack,
  aws_certificatemanager as acm,
  aws_cloudfront as cloudfront,
  aws_cloudfront_origins as origins,
  aws_logs as logs,
  aws_s3 as s3,
} from 'aws-cdk-lib';
import { testStack } from '../../helpers';
import { findingsOf, unresolvedString } from '../rule-helpers';

function distribution(stack: Stack, props: Partial<cloudfront.DistributionProps> = {}) {
  return new cloudfront.Distribution(stack, 'Cdn', {
    defaultBehavior: {
      origin: new origins.HttpOrigin('origin.example.com'),
      viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
    },
    ...props,
  });
}

function compliantDistribution(stack: Stack) {
  return new cloudfront.Distribution(stack, 'Cdn', {
    defaultBehavior: {
      origin: new origins.HttpOrigin('origin.example.com', {
        protocolPolicy: cloudfront.OriginProtocolPolicy.HTTPS_ONLY,
        originSslProtocols: [cloudfront.OriginSslPolicy.TLS_V1_2],
      }),
      viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.HTTPS_ONLY,
    },
    domainNames: ['shop.example.com'],
    certificate: acm.Certificate.fromCertificateArn(
      stack,
      'Cert',
      'arn:aws:acm:us-east-1:111122223333:certificate/1',
    ),
    minimumProtocolVersion: cloudfront.SecurityPolicyProtocol.TLS_V1_2_2021,
    webAclId: 'arn:aws:wafv2:us-east-1:111122223333:global/webacl/allow-list/1',
    enableLogging: true,
    logBucket: new s3.Bucket(stack, 'Logs', { objectOwnership: s3.ObjectOwnership.OBJECT_WRITER }),
  });
}

describe('CloudFrontTls', () => {
  const ID = 'CloudFrontTls';

  test('an L2 distribution redirecting HTTP on the default certificate is flagged', () => {
    const stack = testStack();
    distribution(stack);
    expect(findingsOf(stack, ID)).toEqual([
      `DPP-${ID}[DefaultCertificate]`,
      `DPP-${ID}[ViewerHttp]`,
    ]);
  });

  test('an L1 distribution allowing TLS 1.0 to viewers and origins is flagged', () => {
    const stack = testStack();
    new cloudfront.CfnDistribution(stack, 'Cdn', {
      distributionConfig: {
        enabled: true,
        defaultCacheBehavior: { targetOriginId: 'o', viewerProtocolPolicy: 'https-only' },
        viewerCertificate: { acmCertificateArn: 'arn:cert', minimumProtocolVersion: 'TLSv1' },
        origins: [
          {
            id: 'o',
            domainName: 'origin.example.com',
            customOriginConfig: {
              originProtocolPolicy: 'https-only',
              originSslProtocols: ['TLSv1', 'TLSv1.2'],
            },
          },
        ],
      },
    });
    expect(findingsOf(stack, ID)).toEqual([
      `DPP-${ID}[OriginTlsPolicy]`,
      `DPP-${ID}[ViewerTlsPolicy]`,
    ]);
  });

  test('HTTPS only with TLS 1.2 on both sides complies', () => {
    const stack = testStack();
    compliantDistribution(stack);
    expect(findingsOf(stack, ID)).toEqual([]);
  });

  test('an unresolved viewer policy is reported', () => {
    const stack = testStack();
    new cloudfront.CfnDistribution(stack, 'Cdn', {
      distributionConfig: {
        enabled: true,
        defaultCacheBehavior: {
          targetOriginId: 'o',
          viewerProtocolPolicy: unresolvedString(stack),
        },
        viewerCertificate: {
          acmCertificateArn: 'arn:cert',
          minimumProtocolVersion: 'TLSv1.2_2021',
        },
      },
    });
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[Unresolved::ViewerProtocolPolicy]`]);
  });
});

describe('CloudFrontWaf', () => {
  const ID = 'CloudFrontWaf';

  test('an L2 distribution without WAF is flagged', () => {
    const stack = testStack();
    distribution(stack);
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[NoWebAcl]`]);
  });

  test('an L1 distribution without WAF is flagged', () => {
    const stack = testStack();
    new cloudfront.CfnDistribution(stack, 'Cdn', {
      distributionConfig: {
        enabled: true,
        defaultCacheBehavior: { targetOriginId: 'o', viewerProtocolPolicy: 'https-only' },
      },
    });
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[NoWebAcl]`]);
  });

  test('a web ACL complies', () => {
    const stack = testStack();
    compliantDistribution(stack);
    expect(findingsOf(stack, ID)).toEqual([]);
  });
});

describe('CloudFrontAccessLogs', () => {
  const ID = 'CloudFrontAccessLogs';

  test('an L2 distribution without logging is flagged', () => {
    const stack = testStack();
    distribution(stack);
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[NoAccessLogs]`]);
  });

  test('an L1 distribution without logging is flagged', () => {
    const stack = testStack();
    new cloudfront.CfnDistribution(stack, 'Cdn', {
      distributionConfig: {
        enabled: true,
        defaultCacheBehavior: { targetOriginId: 'o', viewerProtocolPolicy: 'https-only' },
      },
    });
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[NoAccessLogs]`]);
  });

  test('standard logging complies', () => {
    const stack = testStack();
    compliantDistribution(stack);
    expect(findingsOf(stack, ID)).toEqual([]);
  });

  test('a logging v2 delivery source for the distribution complies', () => {
    const stack = testStack();
    const cdn = distribution(stack);
    new logs.CfnDeliverySource(stack, 'AccessLogs', {
      name: 'cdn-access-logs',
      logType: 'ACCESS_LOGS',
      resourceArn: `arn:aws:cloudfront::111122223333:distribution/${cdn.distributionId}`,
    });
    new logs.CfnDelivery(stack, 'Delivery', {
      deliverySourceName: 'cdn-access-logs',
      deliveryDestinationArn: 'arn:aws:logs:us-east-1:111122223333:delivery-destination:audit',
    });
    expect(findingsOf(stack, ID)).toEqual([]);
  });
});
