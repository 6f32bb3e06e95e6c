import { Construct } from 'constructs';
import * as api from '../../lib';
import { readAssembly } from './build-output';

// Reads the `.jsii` assembly that `npm run build` wrote; jsii writes it only when it compiled the
// package with no error (and, with --fail-on-warnings, no warning).
const assembly = readAssembly();
const types = Object.values(assembly.types);
const namesOf = (kind: string, datatype = false): string[] =>
  types
    .filter((t) => t.kind === kind && (t.datatype ?? false) === datatype)
    .map((t) => t.name)
    .sort();

/** The classes the main entry point exports that are constructs (stacks and stages included). */
const exportedConstructs = Object.entries(api)
  .filter(([, value]) => typeof value === 'function' && value.prototype instanceof Construct)
  .map(([name]) => name)
  .sort();

describe('the jsii assembly', () => {
  test('is the package, compiled by jsii 5.9, and fingerprinted', () => {
    expect(assembly.name).toBe('cdk-dpp');
    expect(assembly.jsiiVersion).toMatch(/^5\.9\./);
    // jsii writes a SHA-256 in base64 (44 characters), or asterisks with --no-fingerprint.
    expect(assembly.fingerprint).toMatch(/^[A-Za-z0-9+/]{43}=$/);
  });

  test('holds every construct class of the main entry point', () => {
    expect(exportedConstructs.length).toBeGreaterThan(30);
    expect(namesOf('class')).toEqual(expect.arrayContaining(exportedConstructs));
  });

  test('holds the check pack, acknowledgements, the catalog and the reference environment with its stacks', () => {
    expect(namesOf('class')).toEqual(
      expect.arrayContaining([
        'DppChecks',
        'Acknowledgements',
        'ControlCatalog',
        'DppMetadata',
        'DppEnvironment',
        'DataStack',
        'ApplicationStack',
        'BackupCopyStack',
      ]),
    );
  });

  test('has the enums users pass to constructs and read from the catalog', () => {
    expect(namesOf('enum')).toEqual([
      'ControlFamily',
      'ControlKind',
      'DataClass',
      'EnvironmentProfile',
      'KillSwitchState',
      'SellingPartnerApiRegion',
      'TaxArchiveBackend',
    ]);
  });

  test('has the structs users pass to constructs, the pack and the environment', () => {
    expect(namesOf('interface', true)).toEqual(
      expect.arrayContaining([
        'AccountBaselineProps',
        'AcknowledgeFindingProps',
        'ApplicationStackProps',
        'AuditLayerProps',
        'AuditLogBucketProps',
        'AuditTrailProps',
        'CanaryRecordProps',
        'Control',
        'DataBucketProps',
        'DataDeclaration',
        'DataStackProps',
        'DataVpcProps',
        'DenyAllSecurityGroupProps',
        'DppEnvironmentProps',
        'IncidentTopicProps',
        'IpAllowListWebAclProps',
        'KillSwitchProps',
        'OptOut',
        'OrderServiceProps',
        'PiiBackupPlanProps',
        'PiiBackupVaultProps',
        'PiiDatabaseProps',
        'PiiFreeLogGroupProps',
        'PiiKeyProps',
        'PiiReaderRoleProps',
        'PiiTableProps',
        'SecurityAlarmsProps',
        'ServerAccessLogsBucketProps',
        'TaxArchiveProps',
        'TlsLoadBalancerProps',
        'TlsRestApiProps',
        'VpcEndpointOnlyProps',
      ]),
    );
  });

  test('has one behavioural interface, the data store', () => {
    expect(namesOf('interface')).toEqual(['IDataStore']);
  });

  test('exposes the constants of the check pack as its static members', () => {
    const pack = assembly.types['cdk-dpp.DppChecks'] as unknown as {
      properties: { name: string; static?: boolean; const?: boolean }[];
    };
    const constants = pack.properties.filter((p) => p.static).map((p) => p.name);
    expect(constants.sort()).toEqual([
      'ACKNOWLEDGEMENT_METADATA_TYPE',
      'CHECKS_METADATA_TYPE',
      'SYNTH_ATTEMPT_FILE',
      'SYNTH_RECORD_FILE',
      'TODAY_CONTEXT_KEY',
    ]);
    expect(api.DppChecks.TODAY_CONTEXT_KEY).toBe('cdk-dpp:today');
  });

  test('holds no type of the report or field-encryption entry points', () => {
    const leaked = types
      .map((t) => `${t.name} (${t.locationInModule?.filename})`)
      .filter((t) => /\((lib\/report|lib\/field-encryption)\//.test(t));
    expect(leaked).toEqual([]);
    expect(types.every((t) => t.locationInModule !== undefined)).toBe(true);
  });
});
