import { App, Duration, Lazy, aws_logs as logs } from 'aws-cdk-lib';
import {
  DppEnvironment,
  DppEnvironmentProps,
  EnvironmentProfile,
  environmentSettings,
  isCidr,
} from '../../lib';
import { TEST_OWNER } from '../helpers';

/** Props with the owner left to the tests' owner unless given. */
type Props = Omit<DppEnvironmentProps, 'owner'> & { readonly owner?: string };

function problemsOf(props: Props): string {
  try {
    environmentSettings(new App(), { owner: TEST_OWNER, ...props } as DppEnvironmentProps);
    return '';
  } catch (error) {
    return String(error);
  }
}

describe('DppEnvironment props', () => {
  test('defaults need no input but the owner', () => {
    const settings = environmentSettings(new App(), { owner: TEST_OWNER });
    expect(settings).toEqual({
      owner: TEST_OWNER,
      incidentContact: undefined,
      allowedCidrs: [],
      certificateArn: undefined,
      domainName: undefined,
      hostedZoneId: undefined,
      hostedZoneName: undefined,
      backupCopyRegion: 'us-west-2',
      piiRetention: Duration.days(30),
      amazonDataRetention: Duration.days(545),
      logRetention: logs.RetentionDays.THIRTEEN_MONTHS,
      taxArchiveRetention: Duration.days(3653),
      profile: EnvironmentProfile.PRODUCTION,
    });
  });

  test.each([
    [undefined, 'us-west-2'],
    ['us-east-1', 'us-west-2'],
    ['us-west-2', 'us-east-1'],
  ])('the default copy region of an environment in %s is %s', (region, copyRegion) => {
    const settings = environmentSettings(new App(), { owner: TEST_OWNER, env: { region } });
    expect(settings.backupCopyRegion).toBe(copyRegion);
  });

  test.each([
    [{ incidentContact: 'security@example.com' }],
    [{ allowedCidrs: ['203.0.113.0/24', '2001:db8::/32', '198.51.100.7/32'] }],
    [{ certificateArn: 'arn:aws:acm:eu-west-1:123456789012:certificate/0a1b-2c3d' }],
    [{ domainName: 'orders.seller.co.uk' }],
    [
      {
        domainName: 'orders.seller.example',
        hostedZoneId: 'Z0123',
        hostedZoneName: 'seller.example',
      },
    ],
    [{ domainName: 'seller.example', hostedZoneId: 'Z0123', hostedZoneName: 'seller.example.' }],
    [{ backupCopyRegion: 'eu-central-1', env: { region: 'eu-west-1' } }],
    [{ piiRetention: Duration.days(30) }],
    [{ piiRetention: Duration.days(1) }],
    [{ amazonDataRetention: Duration.days(545) }],
    [{ logRetention: logs.RetentionDays.ONE_YEAR }],
    [{ taxArchiveRetention: Duration.days(365) }],
    [{ customerContacts: ['changes@customer.example'], releaseVersion: '1.0.0' }],
    [{ owner: 'Orders team / EU: orders+dpp@seller.example' }],
    [{ owner: 'Équipe_commandes' }],
  ] as [Props][])('accepts %j', (props) => {
    expect(problemsOf(props)).toBe('');
  });

  test.each([
    [{ incidentContact: 'security' }, '`incidentContact` must be an e-mail address (DPP-25-IMPOC)'],
    [{ allowedCidrs: ['0.0.0.0/0'] }, '(DPP-NP-1), got: "0.0.0.0/0"'],
    [{ allowedCidrs: ['::/0'] }, '(DPP-NP-1), got: "::/0"'],
    [{ allowedCidrs: ['10.0.0.0/33'] }, '(DPP-NP-1), got: "10.0.0.0/33"'],
    [{ allowedCidrs: ['256.0.0.0/8'] }, '(DPP-NP-1), got: "256.0.0.0/8"'],
    [{ allowedCidrs: ['example.com'] }, '(DPP-NP-1), got: "example.com"'],
    [
      { certificateArn: 'arn:aws:iam::123456789012:role/x' },
      '`certificateArn` must be the ARN of an ACM certificate (DPP-NP-7)',
    ],
    [{ domainName: 'localhost' }, '`domainName` must be a fully qualified domain name (DPP-NP-7)'],
    [{ domainName: 'orders..example.com' }, '(DPP-NP-7), got: "orders..example.com"'],
    [
      {
        certificateArn: 'arn:aws:acm:eu-west-1:123456789012:certificate/0a1b-2c3d',
        domainName: 'orders.seller.example',
      },
      '`certificateArn` excludes `domainName`, `hostedZoneId` and `hostedZoneName`',
    ],
    [
      { domainName: 'orders.seller.example', hostedZoneId: 'Z0123' },
      '`hostedZoneName` must be given with the other: the zone is known by its ID and its name together (DPP-NP-7)',
    ],
    [
      { domainName: 'orders.seller.example', hostedZoneName: 'seller.example' },
      '`hostedZoneId` must be given with the other: the zone is known by its ID and its name together (DPP-NP-7)',
    ],
    [
      { hostedZoneId: 'Z0123', hostedZoneName: 'seller.example' },
      '`domainName` must be given with a hosted zone: it names the certificate the zone validates (DPP-NP-7)',
    ],
    [
      {
        domainName: 'orders.seller.example',
        hostedZoneId: '/hostedzone/Z0123',
        hostedZoneName: 'seller.example',
      },
      '`hostedZoneId` must be a Route 53 hosted zone ID',
    ],
    [
      {
        domainName: 'orders.other.example',
        hostedZoneId: 'Z0123',
        hostedZoneName: 'seller.example',
      },
      '`domainName` must be `hostedZoneName` ("seller.example") or a name under it',
    ],
    [
      { domainName: 'notseller.example', hostedZoneId: 'Z0123', hostedZoneName: 'seller.example' },
      'got: "notseller.example"',
    ],
    [{ backupCopyRegion: 'mars' }, '`backupCopyRegion` must be a region name'],
    [
      { backupCopyRegion: 'eu-west-1', env: { region: 'eu-west-1' } },
      'other than the region of the environment (DPP-25-BACKUP), got: "eu-west-1"',
    ],
    [
      { piiRetention: Duration.days(31) },
      '`piiRetention` must be at most 30 days (DPP-DR-1), got: 31 days',
    ],
    [{ piiRetention: Duration.hours(12) }, '`piiRetention` must be at least 1 days (DPP-DR-1)'],
    [
      { amazonDataRetention: Duration.days(546) },
      '`amazonDataRetention` must be at most 545 days (DPP-25-NONPII), got: 546 days',
    ],
    [
      { logRetention: logs.RetentionDays.SIX_MONTHS },
      '`logRetention` must be at least 365 days (DPP-LM-5, DPP-25-LOG), got: 180 days',
    ],
    [
      { taxArchiveRetention: Duration.days(364) },
      '`taxArchiveRetention` must be at least 365 days (DPP-DR-2), got: 364 days',
    ],
    [
      { withoutUserPool: { reason: 'not needed' } },
      '`withoutUserPool.reason` must explain the opt-out in at least 20 characters; it is recorded for the auditor (DPP-NP-6, DPP-25-LOCK), got: "not needed"',
    ],
    [
      {
        profile: EnvironmentProfile.NON_PRODUCTION,
        customerContacts: ['changes@customer.example'],
      },
      '`customerContacts` is for production only: customers are told of the patches applied to production, and a non-production environment sends no change notices; remove it or use `EnvironmentProfile.PRODUCTION` (SOC-C6), got: ["changes@customer.example"]',
    ],
    [
      { profile: EnvironmentProfile.NON_PRODUCTION, releaseVersion: '1.0.0' },
      '`releaseVersion` is for production only',
    ],
    [
      { owner: undefined },
      '`owner` is required: the team or role address that answers for the data',
    ],
    [{ owner: '' }, '`owner` must name the owner, without leading or trailing spaces (DPP-DG-2)'],
    [{ owner: '  ' }, '(DPP-DG-2), got: "  "'],
    [{ owner: ' orders-team' }, '(DPP-DG-2), got: " orders-team"'],
    [{ owner: 'orders#team' }, '`owner` must be a tag value AWS accepts'],
    [{ owner: 'aws:orders' }, 'not starting with `aws:` or `rds:` (DPP-DG-2), got: "aws:orders"'],
    [{ owner: 'RDS:orders' }, 'got: "RDS:orders"'],
    [{ owner: 'o'.repeat(257) }, '`owner` must be a tag value AWS accepts: at most 256'],
    [
      { owner: Lazy.string({ produce: () => 'orders-team' }) },
      '`owner` must be a literal: the inventory reads the owner from the synthesized template',
    ],
  ] as [Props, string][])('refuses %j', (props, message) => {
    expect(problemsOf(props)).toContain(message);
  });

  test('reports every problem at once, from the stage', () => {
    expect(
      () =>
        new DppEnvironment(new App(), 'Dpp', {
          owner: TEST_OWNER,
          incidentContact: 'nobody',
          piiRetention: Duration.days(60),
        }),
    ).toThrow(/^Dpp: `incidentContact` must be .*; `piiRetention` must be at most 30 days/);
  });

  test.each([
    ['10.0.0.0/8', true],
    ['192.168.1.1/32', true],
    ['fd00::/8', true],
    ['10.0.0.0', false],
    ['10.0.0.0/-1', false],
    ['1.2.3/24', false],
    ['fd00::/129', false],
  ])('isCidr(%s) is %s', (cidr, expected) => {
    expect(isCidr(cidr)).toBe(expected);
  });
});
