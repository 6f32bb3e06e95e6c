import { App, Validations } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { DppChecks, DppEnvironment, EnvironmentProfile } from '../../lib';
import {
  AssemblyContents,
  EvidenceReport,
  buildEvidenceReport,
  readCloudAssembly,
} from '../../lib/report';
import { Resource, describeCostPage } from '../docs/cost-page';
import { TEST_OWNER } from '../helpers';
import { environmentApp, stacksOf } from './environment-app';

type Json = Record<string, unknown>;

/**
 * One profile of the environment, synthesized with the DPP pack and read back as the report
 * does; `judgements` is the pack's record of what every rule concluded (`cdk-dpp-judgements.json`).
 */
interface Synthesized {
  readonly app: App;
  readonly environment: DppEnvironment;
  readonly contents: AssemblyContents;
  readonly report: EvidenceReport;
  readonly judgements: { resources: unknown[] };
  readonly templates: Record<string, Json>;
}

function synthesized(profile: EnvironmentProfile): Synthesized {
  const app = environmentApp(false);
  const environment = new DppEnvironment(app, 'Dpp', { owner: TEST_OWNER, profile });
  Validations.of(app).addPlugins(new DppChecks(app));
  app.synth();
  const contents = readCloudAssembly(app.outdir);
  const judgements = contents.judgements as Synthesized['judgements'];
  const templates = Object.fromEntries(
    stacksOf(environment).map((stack) => [stack.node.id, Template.fromStack(stack).toJSON()]),
  );
  const report = buildEvidenceReport(contents, { generatedAt: new Date(0) });
  return { app, environment, contents, report, judgements, templates };
}

/**
 * The paths at which two JSON values differ, `/`-separated. Arrays are compared whole: a list
 * that differs is one difference, at the list's path.
 */
function differences(a: unknown, b: unknown, at = ''): string[] {
  const isObject = (v: unknown): v is Json =>
    typeof v === 'object' && v !== null && !Array.isArray(v);
  if (isObject(a) && isObject(b)) {
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
    return keys.flatMap((key) => differences(a[key], b[key], `${at}/${key}`));
  }
  return JSON.stringify(a) === JSON.stringify(b) ? [] : [at];
}

/** The logical ID of a construct's L1 resource. */
function logicalId(environment: DppEnvironment, construct: { node: { defaultChild?: unknown } }) {
  const child = construct.node.defaultChild as { logicalId: string };
  return environment.data.resolve(child.logicalId) as string;
}

const production = synthesized(EnvironmentProfile.PRODUCTION);
const nonProduction = synthesized(EnvironmentProfile.NON_PRODUCTION);

/** Whether a construct path is of the customer change notices, which only production sends. */
const isChangeNotice = (path: string) => /^Dpp\/[^/]+\/ChangeNotices/.test(path);
/** The template paths of the change notices: their resources and deployment parameters. */
const CHANGE_NOTICE_PATHS =
  /^\/(Resources\/ChangeNotices|Parameters\/(CustomerNoticeEmail|ReleaseVersion|ChangeNoticeRegion)$)/;
/** The differences between two templates that are not the change notices. */
const costDifferences = (a: unknown, b: unknown) =>
  differences(a, b).filter((path) => !CHANGE_NOTICE_PATHS.test(path));

describe('the non-production profile changes only cost, never a control', () => {
  test.each([
    ['production', production],
    ['non-production', nonProduction],
  ])('the %s profile synthesizes with no open finding of the DPP pack', (_name, profile) => {
    expect(profile.contents.findings).toEqual([]);
    expect(profile.report.findings).toEqual([]);
    expect(profile.judgements.resources.length).toBeGreaterThan(50);
  });

  test('every rule judges every resource the same way in both profiles, the change notices apart', () => {
    const paths = (s: Synthesized) =>
      (s.judgements.resources as { path: string }[]).map((r) => r.path);
    expect(paths(production).filter(isChangeNotice).length).toBeGreaterThan(0);
    expect(paths(nonProduction).filter(isChangeNotice)).toEqual([]);
    expect(nonProduction.judgements.resources).toEqual(
      (production.judgements.resources as { path: string }[]).filter(
        (r) => !isChangeNotice(r.path),
      ),
    );
  });

  test('every clause of the evidence report has the same status and reason in both, but SOC-C6', () => {
    // The reasons count the resources judged, which the change notices of production add to.
    const statuses = (s: Synthesized) =>
      s.report.clauses.map((c) => ({
        id: c.id,
        status: c.status,
        reason: c.statusReason.replace(/^Judged on \d+ resources/, 'Judged on N resources'),
      }));
    const others = (s: Synthesized) => statuses(s).filter((c) => c.id !== 'SOC-C6');
    expect(others(nonProduction)).toEqual(others(production));
    expect(statuses(production).filter((c) => c.status === 'violated')).toEqual([]);
    // Customers are told of the patches applied to production: only production sends notices.
    const soc6 = (s: Synthesized) => statuses(s).find((c) => c.id === 'SOC-C6');
    expect([soc6(production)?.status, soc6(nonProduction)?.status]).toEqual([
      'provided',
      'not applicable',
    ]);
  });

  test('non-production declares SOC-C6 not applicable on Data, with the reason the report shows', () => {
    const soc6 = (s: Synthesized) => s.report.clauses.find((c) => c.id === 'SOC-C6');
    expect(soc6(nonProduction)?.notApplicable).toEqual([
      {
        stack: 'Dpp/Data',
        path: 'Dpp/Data',
        construct: 'DppEnvironment',
        reason: expect.stringMatching(/serves no customer: change notices go out for production/),
      },
    ]);
    expect(soc6(nonProduction)?.statusReason).toMatch(
      /^Not applicable, declared by DppEnvironment on `Dpp\/Data`: A non-production environment serves no customer/,
    );
    expect(nonProduction.contents.stacks.flatMap((s) => s.notApplicable ?? [])).toHaveLength(1);
    expect(soc6(production)?.notApplicable).toEqual([]);
    expect(production.contents.stacks.flatMap((s) => s.notApplicable ?? [])).toEqual([]);
  });

  test('the templates differ only in the documented cost settings and the profile record', () => {
    const { environment } = nonProduction;
    const vpc = logicalId(environment, environment.data.vpc);
    const database = logicalId(environment, environment.data.shipments);
    const endpoints = ['Kms', 'SecretsManager', 'Logs', 'Sts', 'Ssm'].map(
      (service) =>
        Object.keys(nonProduction.templates.Data.Resources as Json).find((id) =>
          id.startsWith(`Network${service}Endpoint`),
        ) as string,
    );
    expect(endpoints.every(Boolean)).toBe(true);
    expect(
      costDifferences(production.templates.Application, nonProduction.templates.Application),
    ).toEqual([]);
    expect(
      costDifferences(production.templates.BackupCopy, nonProduction.templates.BackupCopy),
    ).toEqual([]);
    expect(costDifferences(production.templates.Data, nonProduction.templates.Data).sort()).toEqual(
      [
        '/Description',
        ...endpoints.map((id) => `/Resources/${id}/Properties/SubnetIds`),
        `/Resources/${database}/Properties/DBInstanceClass`,
        `/Resources/${database}/Metadata/cdk-dpp/optOuts`,
        `/Resources/${vpc}/Metadata/cdk-dpp/optOuts`,
      ].sort(),
    );
  });

  test('production alone tells customers of changes: notice resources and parameters in Data and BackupCopy', () => {
    const noticePaths = (stack: 'Data' | 'BackupCopy' | 'Application') =>
      differences(production.templates[stack], nonProduction.templates[stack])
        .filter((path) => CHANGE_NOTICE_PATHS.test(path))
        .map((path) => path.replace(/^\/Resources\/ChangeNotices\w*/, '/Resources/ChangeNotices*'));
    expect([...new Set(noticePaths('Data'))].sort()).toEqual([
      '/Parameters/CustomerNoticeEmail',
      '/Parameters/ReleaseVersion',
      '/Resources/ChangeNotices*',
    ]);
    expect([...new Set(noticePaths('BackupCopy'))].sort()).toEqual([
      '/Parameters/ChangeNoticeRegion',
      '/Resources/ChangeNotices*',
    ]);
    expect(noticePaths('Application')).toEqual([]);
    expect(nonProduction.environment.changeNotices).toBeUndefined();
  });

  test('non-production: the interface endpoints in the first data subnet, a db.t4g.small still Multi-AZ', () => {
    const template = nonProduction.templates.Data;
    const resources = Object.values(template.Resources as Record<string, Json>);
    const interfaceEndpoints = resources.filter(
      (r) =>
        r.Type === 'AWS::EC2::VPCEndpoint' &&
        (r.Properties as Json).VpcEndpointType === 'Interface',
    );
    expect(interfaceEndpoints).toHaveLength(5);
    const firstSubnet = logicalId(
      nonProduction.environment,
      nonProduction.environment.data.vpc.isolatedSubnets[0] as never,
    );
    for (const endpoint of interfaceEndpoints) {
      expect((endpoint.Properties as Json).SubnetIds).toEqual([{ Ref: firstSubnet }]);
    }
    const [database] = resources.filter((r) => r.Type === 'AWS::RDS::DBInstance');
    expect(database.Properties).toMatchObject({
      DBInstanceClass: 'db.t4g.small',
      MultiAZ: true,
      StorageEncrypted: true,
      BackupRetentionPeriod: 7,
      DeletionProtection: true,
    });
    expect(template.Description).toBe(
      'cdk-dpp reference environment, non-production profile: network, keys, data stores, ' +
        'audit trail, alarms, backups',
    );
  });

  test('the evidence report names the non-production profile and gives up no clause for it', () => {
    const recorded = nonProduction.report.optOuts.filter((o) => o.setting === 'profile');
    expect(recorded.map((o) => o.path).sort()).toEqual(
      ['Dpp/Data/Network/Resource', 'Dpp/Data/Shipments/Resource'].sort(),
    );
    for (const optOut of recorded) {
      expect(optOut).toMatchObject({ clauses: [], byLibrary: true });
      expect(optOut.reason).toMatch(/^Non-production profile: /);
    }
    expect(production.report.optOuts.filter((o) => o.setting === 'profile')).toEqual([]);
    expect(production.templates.Data.Description).not.toMatch(/non-production/);
  });
});

describeCostPage((profile) =>
  Object.values(
    (profile === EnvironmentProfile.PRODUCTION ? production : nonProduction).templates,
  ).flatMap((template) => Object.values(template.Resources as Record<string, Resource>)),
);
