/**
 * The fixed-cost table of docs/cost.md, read and checked against the resources of a synthesized
 * environment of each profile. The environment test of the profiles calls
 * `describeCostPage` with its own synth, so the page costs no synthesis of its own.
 */
import * as fs from 'fs';
import * as path from 'path';
import { EnvironmentProfile } from '../../lib';

type Json = Record<string, unknown>;
/** A resource of a synthesized template. */
export type Resource = { Type: string; Properties?: Json };

const COST_PAGE = path.join(__dirname, '..', '..', 'docs', 'cost.md');
/** The placeholder of a price no stored page gave. */
const NOT_FOUND = 'not found';

/** One line of the fixed-cost table of docs/cost.md. */
interface CostLine {
  readonly item: string;
  readonly counts: Record<EnvironmentProfile, number>;
  readonly perUnit: number | undefined;
  readonly monthly: Record<EnvironmentProfile, number | undefined>;
}

function amount(cell: string): number | undefined {
  const text = cell.replace(/\*/g, '').trim();
  return text === NOT_FOUND ? undefined : Number(text);
}

/** The rows of the table under "## Fixed monthly cost", the total apart. */
function costTable(): { lines: CostLine[]; total: Record<EnvironmentProfile, number> } {
  const markdown = fs.readFileSync(COST_PAGE, 'utf8');
  const section = markdown.split('## Fixed monthly cost')[1].split('\n## ')[0];
  const rows = section
    .split('\n')
    .filter((line) => line.startsWith('|'))
    .slice(2)
    .map((line) =>
      line
        .split('|')
        .slice(1, -1)
        .map((cell) => cell.trim()),
    );
  const lines = rows
    .filter(([item]) => item !== '**Total**')
    .map(
      ([item, production, nonProduction, , perUnit, productionMonthly, nonProductionMonthly]) => ({
        item,
        counts: {
          [EnvironmentProfile.PRODUCTION]: Number(production),
          [EnvironmentProfile.NON_PRODUCTION]: Number(nonProduction),
        },
        perUnit: amount(perUnit),
        monthly: {
          [EnvironmentProfile.PRODUCTION]: amount(productionMonthly),
          [EnvironmentProfile.NON_PRODUCTION]: amount(nonProductionMonthly),
        },
      }),
    );
  const total = rows.find(([item]) => item === '**Total**') as string[];
  return {
    lines,
    total: {
      [EnvironmentProfile.PRODUCTION]: amount(total[5]) as number,
      [EnvironmentProfile.NON_PRODUCTION]: amount(total[6]) as number,
    },
  };
}

/** How each line of the table is counted in the resources of every stack of one environment. */
const COUNTERS: Record<string, (resources: Resource[]) => number> = {
  'Interface VPC endpoint, per zone': (rs) =>
    sum(
      of(rs, 'AWS::EC2::VPCEndpoint', (p) => p.VpcEndpointType === 'Interface'),
      (p) => (p.SubnetIds as unknown[]).length,
    ),
  'Gateway VPC endpoint': (rs) =>
    of(rs, 'AWS::EC2::VPCEndpoint', (p) => p.VpcEndpointType === 'Gateway').length,
  'NAT gateway': (rs) => of(rs, 'AWS::EC2::NatGateway').length,
  'RDS db.t4g.medium, Multi-AZ': (rs) => databases(rs, 'db.t4g.medium').length,
  'RDS db.t4g.small, Multi-AZ': (rs) => databases(rs, 'db.t4g.small').length,
  'RDS gp3 storage, Multi-AZ (GiB)': (rs) =>
    sum(
      of(rs, 'AWS::RDS::DBInstance', (p) => p.MultiAZ === true && p.StorageType === 'gp3'),
      (p) => Number(p.AllocatedStorage),
    ),
  'RDS backup storage up to the storage (GiB)': (rs) =>
    sum(of(rs, 'AWS::RDS::DBInstance'), (p) => Number(p.AllocatedStorage)),
  'RDS Performance Insights': (rs) =>
    of(rs, 'AWS::RDS::DBInstance', (p) => p.EnablePerformanceInsights === true).length,
  'Application Load Balancer': (rs) =>
    of(rs, 'AWS::ElasticLoadBalancingV2::LoadBalancer', (p) => p.Type === 'application').length,
  'WAF web ACL': (rs) => of(rs, 'AWS::WAFv2::WebACL').length,
  'WAF rule': (rs) => sum(of(rs, 'AWS::WAFv2::WebACL'), (p) => (p.Rules as unknown[]).length),
  'KMS customer managed key': (rs) => of(rs, 'AWS::KMS::Key').length,
  'CloudWatch alarm, static threshold': (rs) =>
    of(rs, 'AWS::CloudWatch::Alarm', (p) => !isAnomalyAlarm(p)).length,
  'CloudWatch alarm, anomaly detection': (rs) =>
    of(rs, 'AWS::CloudWatch::Alarm', isAnomalyAlarm).length,
  'CloudWatch dashboard': (rs) => of(rs, 'AWS::CloudWatch::Dashboard').length,
  'Secrets Manager secret': (rs) =>
    of(rs, 'AWS::SecretsManager::Secret').length +
    of(rs, 'AWS::RDS::DBInstance', (p) => p.ManageMasterUserPassword === true).length,
  'IAM role analyzed for unused access': (rs) =>
    of(rs, 'AWS::AccessAnalyzer::Analyzer', (p) => p.Type === 'ACCOUNT_UNUSED_ACCESS').length *
    of(rs, 'AWS::IAM::Role').length,
  'AWS Config rule, daily': (rs) =>
    of(rs, 'AWS::Config::ConfigRule', (p) => p.MaximumExecutionFrequency === 'TwentyFour_Hours')
      .length,
  'CloudWatch custom metric, put by a function': (rs) => putMetrics(rs).size,
  'Inspector: Lambda function scanned': (rs) =>
    of(rs, 'Custom::AWS', (p) => /"service":"Inspector2".*"LAMBDA"/.test(String(p.Create))).length *
    of(rs, 'AWS::Lambda::Function').length,
};

/**
 * The custom metrics the alarms read that no metric filter of the app publishes: those a function
 * puts with PutMetricData on every run, billed every month whatever happens.
 */
function putMetrics(resources: Resource[]): Set<string> {
  const filtered = new Set(
    of(resources, 'AWS::Logs::MetricFilter').flatMap((p) =>
      (p.MetricTransformations as Json[]).map((t) => `${t.MetricNamespace}/${t.MetricName}`),
    ),
  );
  return new Set(
    of(resources, 'AWS::CloudWatch::Alarm', (p) => typeof p.Namespace === 'string')
      .filter((p) => !String(p.Namespace).startsWith('AWS/'))
      .filter((p) => !filtered.has(`${p.Namespace}/${p.MetricName}`))
      .map((p) => `${p.Namespace}/${p.MetricName}/${JSON.stringify(p.Dimensions ?? [])}`),
  );
}

function of(
  resources: Resource[],
  type: string,
  where: (properties: Json) => boolean = () => true,
): Json[] {
  return resources
    .filter((r) => r.Type === type)
    .map((r) => r.Properties ?? {})
    .filter(where);
}

function sum(properties: Json[], value: (properties: Json) => number): number {
  return properties.reduce((total, p) => total + value(p), 0);
}

function databases(resources: Resource[], instanceClass: string): Json[] {
  return of(
    resources,
    'AWS::RDS::DBInstance',
    (p) => p.DBInstanceClass === instanceClass && p.MultiAZ === true,
  );
}

function isAnomalyAlarm(properties: Json): boolean {
  return JSON.stringify(properties.Metrics ?? []).includes('ANOMALY_DETECTION_BAND');
}

/**
 * The tests of docs/cost.md on the resources of every stack of the environment of each profile.
 */
export function describeCostPage(resourcesOf: (profile: EnvironmentProfile) => Resource[]): void {
  describe('docs/cost.md', () => {
    const resources = {
      [EnvironmentProfile.PRODUCTION]: resourcesOf(EnvironmentProfile.PRODUCTION),
      [EnvironmentProfile.NON_PRODUCTION]: resourcesOf(EnvironmentProfile.NON_PRODUCTION),
    };
    const { lines, total } = costTable();
    const profiles = [EnvironmentProfile.PRODUCTION, EnvironmentProfile.NON_PRODUCTION];

    test('every line of the fixed-cost table is one the test counts, and every counter has a line', () => {
      expect(lines.map((l) => l.item).sort()).toEqual(Object.keys(COUNTERS).sort());
    });

    test.each(profiles)('the %s counts are those of the synthesized templates', (profile) => {
      const documented = Object.fromEntries(lines.map((l) => [l.item, l.counts[profile]]));
      const counted = Object.fromEntries(
        Object.entries(COUNTERS).map(([item, count]) => [item, count(resources[profile])]),
      );
      expect(documented).toEqual(counted);
    });

    test.each(profiles)(
      'the %s cost of every line is its count times its unit price',
      (profile) => {
        for (const line of lines) {
          const expected =
            line.perUnit === undefined ? undefined : line.counts[profile] * line.perUnit;
          if (expected === undefined) {
            expect(line.monthly[profile]).toBeUndefined();
          } else {
            expect({ item: line.item, monthly: line.monthly[profile] }).toEqual({
              item: line.item,
              monthly: expect.closeTo(expected, 2),
            });
          }
        }
      },
    );

    test.each(profiles)('the %s total is the sum of the lines with a price', (profile) => {
      const lineSum = lines.reduce((s, l) => s + (l.monthly[profile] ?? 0), 0);
      expect(total[profile]).toBeCloseTo(lineSum, 2);
    });

    test('the database stays Multi-AZ and the profile changes the totals as documented', () => {
      for (const profile of profiles) {
        expect(of(resources[profile], 'AWS::RDS::DBInstance', (p) => p.MultiAZ !== true)).toEqual(
          [],
        );
      }
      expect(total[EnvironmentProfile.NON_PRODUCTION]).toBeLessThan(
        total[EnvironmentProfile.PRODUCTION],
      );
    });
  });
}
