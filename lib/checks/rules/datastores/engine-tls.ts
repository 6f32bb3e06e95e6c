import { CfnResource } from 'aws-cdk-lib';
import { objectOf, recordsOf } from '../../findings';
import { isIntrinsic, literalText, propertiesOf } from '../../resolve';

/**
 * What each database engine needs for TLS, by the parameters that decide it: the parameter that
 * makes the engine refuse plaintext connections, the one that sets the oldest TLS version it
 * accepts, and what the engine does when a parameter is left to its default.
 */

/** The database engines whose TLS is set by parameters (parameter groups, option groups). */
export type EngineKind =
  | 'postgres'
  | 'aurora-postgresql'
  | 'mysql'
  | 'aurora-mysql'
  | 'mariadb'
  | 'sqlserver'
  | 'oracle'
  | 'db2'
  | 'redshift'
  | 'docdb';

/** An engine and its version as a store or a group names them. */
export interface Engine {
  readonly kind: EngineKind | undefined;
  /** The engine version (or family version) text, empty when not given. */
  readonly version: string;
}

/** The parameters of a group or a store, by lower-case name, as template values. */
export type Parameters = ReadonlyMap<string, unknown>;

/** What one parameter does to TLS when it is set. */
interface TlsParameter {
  /** The parameter name, lower case. */
  readonly name: string;
  /** Whether a value (lower case text) is the secure one. */
  readonly secure: (value: string) => boolean;
}

/** What an engine needs for TLS. */
interface EngineTls {
  /** The parameter that refuses plaintext connections. */
  readonly force: TlsParameter;
  /** Whether the engine refuses plaintext when `force` is left to its default. */
  readonly forcedByDefault: (version: string) => boolean;
  /** The parameters that set the oldest accepted TLS version (all must be secure). */
  readonly minimum: readonly TlsParameter[];
  /** Whether the engine refuses TLS older than 1.2 when `minimum` is left to its default. */
  readonly minimumByDefault: (version: string) => boolean;
}

const on = (value: string): boolean => ['1', 'on', 'true'].includes(value);
const disabled = (value: string): boolean => value === 'disabled';
const always = (): boolean => true;
const never = (): boolean => false;

/** The major version number at the start of a version text, NaN when there is none. */
export function majorVersion(version: string): number {
  return Number.parseInt(version.replace(/^[^0-9]*/, ''), 10);
}

/** A comma list of TLS versions that leaves out TLS 1.0 and 1.1. */
function noOldTls(value: string): boolean {
  const versions = value.split(/[\s,]+/).filter((v) => v !== '');
  return versions.length > 0 && versions.every((v) => /^tlsv1\.[23]$/.test(v));
}

const POSTGRES_MINIMUM: TlsParameter = {
  name: 'ssl_min_protocol_version',
  secure: (value) => value === 'tlsv1.2' || value === 'tlsv1.3',
};
const MYSQL_FORCE: TlsParameter = { name: 'require_secure_transport', secure: on };
const MYSQL_MINIMUM: TlsParameter = { name: 'tls_version', secure: noOldTls };

/** RDS for PostgreSQL forces TLS by default from major version 15. */
const POSTGRES_FORCE_SSL_DEFAULT_VERSION = 15;

/** PostgreSQL accepts TLS 1.2+ only by default from major version 12 (`ssl_min_protocol_version`). */
const POSTGRES_MIN_PROTOCOL_VERSION = 12;

function postgresMinimumByDefault(version: string): boolean {
  return version === '' || majorVersion(version) >= POSTGRES_MIN_PROTOCOL_VERSION;
}

/**
 * The TLS parameters of every engine. Defaults: PostgreSQL 12 and newer accept TLS 1.2+ only (an
 * engine without a version is the current default version);
 * MySQL 8.0 and newer (Aurora MySQL 3) no longer support TLS 1.0/1.1, 5.7 does; SQL Server
 * accepts TLS 1.0/1.1 on older minor versions unless `rds.tls10`/`rds.tls11` are disabled;
 * Oracle needs the SSL option with `SQLNET.SSL_VERSION` 1.2; Db2 accepts plaintext unless
 * `DB2COMM` is `SSL` alone; Redshift's `require_ssl` is false in the default group; DocumentDB's
 * `tls` is `enabled` (TLS 1.0 to 1.3) in the default group.
 */
const ENGINE_TLS: Record<EngineKind, EngineTls> = {
  postgres: {
    force: { name: 'rds.force_ssl', secure: on },
    forcedByDefault: (version) => majorVersion(version) >= POSTGRES_FORCE_SSL_DEFAULT_VERSION,
    minimum: [POSTGRES_MINIMUM],
    minimumByDefault: postgresMinimumByDefault,
  },
  'aurora-postgresql': {
    force: { name: 'rds.force_ssl', secure: on },
    forcedByDefault: never,
    minimum: [POSTGRES_MINIMUM],
    minimumByDefault: postgresMinimumByDefault,
  },
  mysql: {
    force: MYSQL_FORCE,
    forcedByDefault: never,
    minimum: [MYSQL_MINIMUM],
    minimumByDefault: (version) => version === '' || majorVersion(version) >= 8,
  },
  'aurora-mysql': {
    force: MYSQL_FORCE,
    forcedByDefault: never,
    minimum: [MYSQL_MINIMUM],
    // `8.0.mysql_aurora.3.x` (and the family `aurora-mysql8.0`) is MySQL 8.0 compatible.
    minimumByDefault: (version) => version === '' || majorVersion(version) >= 8,
  },
  mariadb: {
    force: MYSQL_FORCE,
    forcedByDefault: never,
    minimum: [MYSQL_MINIMUM],
    minimumByDefault: always,
  },
  sqlserver: {
    force: { name: 'rds.force_ssl', secure: on },
    forcedByDefault: never,
    minimum: [
      { name: 'rds.tls10', secure: disabled },
      { name: 'rds.tls11', secure: disabled },
    ],
    minimumByDefault: never,
  },
  oracle: {
    force: { name: 'option:ssl', secure: always },
    forcedByDefault: never,
    minimum: [{ name: 'sqlnet.ssl_version', secure: (value) => value === '1.2' }],
    minimumByDefault: never,
  },
  db2: {
    force: { name: 'db2comm', secure: (value) => value.replace(/\s/g, '') === 'ssl' },
    forcedByDefault: never,
    minimum: [],
    minimumByDefault: always,
  },
  redshift: {
    force: { name: 'require_ssl', secure: on },
    forcedByDefault: never,
    minimum: [],
    minimumByDefault: always,
  },
  docdb: {
    force: { name: 'tls', secure: (value) => value !== 'disabled' },
    forcedByDefault: always,
    minimum: [
      { name: 'tls', secure: (value) => ['tls1.2+', 'tls1.3+', 'fips-140-3'].includes(value) },
    ],
    minimumByDefault: never,
  },
};

/** The engine kind an engine name or a parameter group family starts with. */
export function engineKind(name: string): EngineKind | undefined {
  const text = name.toLowerCase();
  if (text.startsWith('aurora-postgresql')) return 'aurora-postgresql';
  if (text.startsWith('aurora')) return 'aurora-mysql';
  const prefixes: EngineKind[] = [
    'postgres',
    'mysql',
    'mariadb',
    'sqlserver',
    'oracle',
    'db2',
    'redshift',
    'docdb',
  ];
  return prefixes.find((prefix) => text.startsWith(prefix));
}

/** The engine of an RDS store (Engine, EngineVersion), of a group (Family) or an option group. */
export function engineOf(properties: Record<string, unknown>): Engine {
  const name =
    literalText(properties.Engine) ??
    literalText(properties.EngineName) ??
    literalText(properties.Family) ??
    literalText(properties.ParameterGroupFamily) ??
    literalText(properties.RelationalDatabaseBlueprintId) ??
    '';
  const version =
    literalText(properties.EngineVersion) ??
    literalText(properties.MajorEngineVersion) ??
    name.replace(/^[a-z-]*/i, '');
  return { kind: engineKind(name), version };
}

/** Parameters from a map (`{ name: value }`). */
function fromMap(value: unknown): Map<string, unknown> {
  return new Map(Object.entries(objectOf(value)).map(([k, v]) => [k.toLowerCase(), v]));
}

/** Parameters from a list of records with a name and a value key. */
function fromList(value: unknown, nameKey: string, valueKey: string): Map<string, unknown> {
  const parameters = new Map<string, unknown>();
  for (const record of recordsOf(value)) {
    const name = literalText(record[nameKey]);
    if (name !== undefined) parameters.set(name.toLowerCase(), record[valueKey]);
  }
  return parameters;
}

/** An option group's options as parameters: `option:<name>` and each option setting. */
function fromOptions(value: unknown): Map<string, unknown> {
  const parameters = new Map<string, unknown>();
  for (const option of recordsOf(value)) {
    const name = literalText(option.OptionName);
    if (name === undefined) continue;
    parameters.set(`option:${name.toLowerCase()}`, 'present');
    for (const [setting, v] of fromList(option.OptionSettings, 'Name', 'Value')) {
      parameters.set(setting, v);
    }
  }
  return parameters;
}

/** How each parameter-holding type renders its parameters. */
const PARAMETER_READERS: Record<string, (properties: Record<string, unknown>) => Parameters> = {
  'AWS::RDS::DBParameterGroup': (p) => fromMap(p.Parameters),
  'AWS::RDS::DBClusterParameterGroup': (p) => fromMap(p.Parameters),
  'AWS::RDS::OptionGroup': (p) => fromOptions(p.OptionConfigurations),
  'AWS::DocDB::DBClusterParameterGroup': (p) => fromMap(p.Parameters),
  'AWS::Redshift::ClusterParameterGroup': (p) =>
    fromList(p.Parameters, 'ParameterName', 'ParameterValue'),
  'AWS::RedshiftServerless::Workgroup': (p) =>
    fromList(p.ConfigParameters, 'ParameterKey', 'ParameterValue'),
  'AWS::Lightsail::Database': (p) =>
    fromList(p.RelationalDatabaseParameters, 'ParameterName', 'ParameterValue'),
};

/** The types whose parameters set TLS: the parameter and option groups. */
export const TLS_GROUP_TYPES: readonly string[] = [
  'AWS::RDS::DBParameterGroup',
  'AWS::RDS::DBClusterParameterGroup',
  'AWS::RDS::OptionGroup',
  'AWS::DocDB::DBClusterParameterGroup',
  'AWS::Redshift::ClusterParameterGroup',
];

/** The parameters a resource holds, by lower-case name. */
export function parametersOf(node: CfnResource): Parameters {
  const read = PARAMETER_READERS[node.cfnResourceType];
  return read ? read(propertiesOf(node)) : new Map();
}

/** Whether a TLS property is secure: set and secure, set and weak, or left to the default. */
type Setting = 'secure' | 'weak' | 'default';

/** What a set of parameters says about TLS, with the names it could not resolve. */
export interface TlsVerdict {
  /** Whether plaintext connections are refused. */
  readonly force: Setting;
  /** Whether TLS older than 1.2 is refused. */
  readonly minimum: Setting;
  /** The name of the parameter that weakens TLS (the first one found). */
  readonly weakParameter?: string;
  /** The TLS parameters whose value cannot be resolved. */
  readonly unresolved: readonly string[];
}

function judge(parameters: Parameters, list: readonly TlsParameter[], unresolved: string[]) {
  let setting: Setting = 'default';
  let weak: string | undefined;
  for (const parameter of list) {
    if (!parameters.has(parameter.name)) continue;
    const value = parameters.get(parameter.name);
    if (isIntrinsic(value)) {
      unresolved.push(parameter.name);
      continue;
    }
    const secure = parameter.secure(String(literalText(value) ?? value).toLowerCase());
    if (!secure) {
      setting = 'weak';
      weak ??= parameter.name;
    } else if (setting === 'default') {
      setting = 'secure';
    }
  }
  // Every minimum parameter must be secure: one left to the default keeps the default.
  const allSet = list.every((p) => parameters.has(p.name));
  if (setting === 'secure' && !allSet) setting = 'default';
  return { setting, weak };
}

/** What `parameters` set for TLS on an engine, explicitly (defaults are not applied here). */
export function tlsSettings(parameters: Parameters, engine: Engine): TlsVerdict {
  const kinds = engine.kind ? [engine.kind] : (Object.keys(ENGINE_TLS) as EngineKind[]);
  const unresolved: string[] = [];
  const forceList = kinds.map((k) => ENGINE_TLS[k].force);
  const minimumList = kinds.flatMap((k) => ENGINE_TLS[k].minimum);
  const force = judge(parameters, forceList, unresolved);
  const minimum = engine.kind
    ? judge(parameters, minimumList, unresolved)
    : judge(parameters, [], unresolved);
  return {
    force: engine.kind || force.setting === 'weak' ? force.setting : 'default',
    minimum: minimum.setting,
    weakParameter: force.weak ?? minimum.weak,
    unresolved: [...new Set(unresolved)],
  };
}

/** Whether the engine refuses plaintext / TLS older than 1.2 when the parameters are defaults. */
export function engineDefaults(engine: Engine): { force: boolean; minimum: boolean } {
  if (!engine.kind) return { force: false, minimum: false };
  const tls = ENGINE_TLS[engine.kind];
  return {
    force: tls.forcedByDefault(engine.version),
    minimum: tls.minimumByDefault(engine.version),
  };
}
