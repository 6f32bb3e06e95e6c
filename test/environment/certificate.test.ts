import { Match, Template } from 'aws-cdk-lib/assertions';
import { DppEnvironment } from '../../lib';
import { TEST_OWNER } from '../helpers';
import { environmentApp } from './environment-app';

describe('the endpoint certificate for a named domain', () => {
  // One synthesis for both paths: the certificate differs, nothing else does.
  const app = environmentApp(false);
  const zoned = new DppEnvironment(app, 'Zoned', {
    owner: TEST_OWNER,
    domainName: 'orders.seller.example',
    hostedZoneId: 'Z0123456789ABCDEFGHIJ',
    hostedZoneName: 'seller.example',
  });
  const manual = new DppEnvironment(app, 'Manual', {
    owner: TEST_OWNER,
    domainName: 'orders.seller.example',
  });
  app.synth({ validateOnSynthesis: false });

  test('with a hosted zone, ACM validates the certificate through that zone by itself', () => {
    const template = Template.fromStack(zoned.application);
    template.resourceCountIs('AWS::CertificateManager::Certificate', 1);
    template.hasResourceProperties('AWS::CertificateManager::Certificate', {
      DomainName: 'orders.seller.example',
      ValidationMethod: 'DNS',
      DomainValidationOptions: [
        { DomainName: 'orders.seller.example', HostedZoneId: 'Z0123456789ABCDEFGHIJ' },
      ],
    });
    expect(template.toJSON().Parameters).not.toHaveProperty('DomainName');
  });

  test('without a zone, the certificate is requested for the domain and waits for its DNS record', () => {
    const template = Template.fromStack(manual.application);
    template.hasResourceProperties('AWS::CertificateManager::Certificate', {
      DomainName: 'orders.seller.example',
      ValidationMethod: 'DNS',
      DomainValidationOptions: Match.absent(),
    });
    expect(template.toJSON().Parameters).not.toHaveProperty('HostedZoneId');
  });

  test('the listener uses the certificate of its own template', () => {
    for (const environment of [zoned, manual]) {
      const template = Template.fromStack(environment.application);
      const [certificate] = Object.keys(
        template.findResources('AWS::CertificateManager::Certificate'),
      );
      template.hasResourceProperties('AWS::ElasticLoadBalancingV2::Listener', {
        Certificates: [{ CertificateArn: { Ref: certificate } }],
      });
    }
  });
});
