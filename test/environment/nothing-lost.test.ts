import { Template } from 'aws-cdk-lib/assertions';
import { DATA_CLASS_TAG, DataClass, DppEnvironment, OWNER_TAG } from '../../lib';
import { TEST_OWNER } from '../helpers';
import { environmentApp, stacksOf } from './environment-app';

interface TemplateResource {
  readonly Type: string;
  readonly Properties?: Record<string, unknown>;
  readonly DeletionPolicy?: string;
  readonly UpdateReplacePolicy?: string;
}

function tagOf(resource: TemplateResource, key: string): string | undefined {
  const tags = resource.Properties?.Tags;
  const list = Array.isArray(tags)
    ? (tags as { Key: string; Value: string }[])
    : Object.entries((tags as Record<string, string> | undefined) ?? {}).map(([Key, Value]) => ({
        Key,
        Value,
      }));
  return list.find((tag) => tag.Key === key)?.Value;
}

function dataClassOf(resource: TemplateResource): string | undefined {
  return tagOf(resource, DATA_CLASS_TAG);
}

/**
 * The explicit physical name of a resource, if its template gives one: the property
 * CloudFormation names after the type (`LogGroupName`, `BucketName`, `DBInstanceIdentifier`,
 * `AliasName`, ...) or `Name` (SSM parameters, WAF resources).
 */
function physicalNameOf(type: string, resource: TemplateResource): unknown {
  const typeName = type.split('::')[2];
  return [`${typeName}Name`, `${typeName}Identifier`, 'Name']
    .map((property) => resource.Properties?.[property])
    .find((value) => value !== undefined);
}

/** Types whose name is unique only within a parent resource, and the property naming the parent. */
const NAMED_WITHIN: Record<string, string> = {
  'AWS::Backup::RestoreTestingSelection': 'RestoreTestingPlanName',
};

/** Every resource of the environment's stacks, with its stack and logical ID. */
function resourcesOf(environment: DppEnvironment) {
  return stacksOf(environment).flatMap((stack) =>
    Object.entries(
      Template.fromStack(stack).toJSON().Resources as Record<string, TemplateResource>,
    ).map(([logicalId, resource]) => ({ stack: stack.stackName, logicalId, resource })),
  );
}

describe('nothing is lost: every data resource of every stack survives its stack', () => {
  const app = environmentApp(false);
  const environment = new DppEnvironment(app, 'Dpp', { owner: TEST_OWNER });
  // A second environment in the same account and region, as a staging copy would be.
  const staging = new DppEnvironment(app, 'Staging', { owner: TEST_OWNER });
  app.synth({ validateOnSynthesis: false });
  const resources = resourcesOf(environment);
  const classified = resources.filter(({ resource }) => dataClassOf(resource) !== undefined);

  test('the environment holds data of every class', () => {
    expect(new Set(classified.map(({ resource }) => dataClassOf(resource)))).toEqual(
      new Set([
        DataClass.PII,
        DataClass.AMAZON_DATA,
        DataClass.AUDIT_LOG,
        DataClass.TAX_ARCHIVE,
        DataClass.NO_AMAZON_DATA,
      ]),
    );
  });

  test('every resource with tags, every data store among them, names the owner (DPP-DG-2)', () => {
    const tagged = [...resources, ...resourcesOf(staging)].filter(
      ({ resource }) => resource.Properties?.Tags !== undefined,
    );
    expect(tagged.length).toBeGreaterThan(classified.length);
    expect(
      tagged
        .filter(({ resource }) => tagOf(resource, OWNER_TAG) !== TEST_OWNER)
        .map(({ stack, logicalId }) => `${stack}/${logicalId}`),
    ).toEqual([]);
  });

  test('every resource tagged with a data class is retained on delete and on replacement', () => {
    const notRetained = classified.filter(
      ({ resource }) =>
        !['Retain', 'RetainExceptOnCreate'].includes(String(resource.DeletionPolicy)) ||
        resource.UpdateReplacePolicy !== 'Retain',
    );
    expect(notRetained.map(({ stack, logicalId }) => `${stack}/${logicalId}`)).toEqual([]);
  });

  test('a retained resource is deleted by the rollback of its own creation exactly when it is named', () => {
    const policies = resources
      .filter(({ resource }) => resource.UpdateReplacePolicy === 'Retain')
      .map(({ logicalId, resource }) => ({
        logicalId,
        named: physicalNameOf(resource.Type, resource) !== undefined,
        deletionPolicy: resource.DeletionPolicy,
      }));
    expect(policies.filter((p) => p.named && p.deletionPolicy !== 'RetainExceptOnCreate')).toEqual(
      [],
    );
    expect(policies.filter((p) => !p.named && p.deletionPolicy !== 'Retain')).toEqual([]);
    // The named ones of the environment: the database, its log groups, the WAF log group and the
    // two backup vaults.
    expect(
      policies.filter((p) => p.named).map((p) => p.logicalId.replace(/[0-9A-F]{8}$/, '')),
    ).toEqual([
      'ShipmentsLogspostgresql',
      'ShipmentsLogsupgrade',
      'Shipments',
      'AuditBackupsVault',
      'EndpointWafLogs',
      'CopyVault',
    ]);
  });

  test('two environments in one account ask for no physical name twice', () => {
    const physicalNames = (env: DppEnvironment) =>
      resourcesOf(env)
        .map(({ resource }) => ({
          type: resource.Type,
          name: physicalNameOf(resource.Type, resource),
          parent: resource.Properties?.[NAMED_WITHIN[resource.Type] ?? ''],
        }))
        // A name that refers to a resource of its own stack differs once deployed.
        .filter(
          ({ name, parent }) =>
            name !== undefined &&
            !/"(Ref|Fn::GetAtt)":"(?!AWS::)/.test(JSON.stringify([parent ?? '', name])),
        )
        .map(({ type, name }) => `${type} ${JSON.stringify(name)}`);
    const first = physicalNames(environment);
    expect(first.length).toBeGreaterThan(10);
    expect(physicalNames(staging).filter((name) => first.includes(name))).toEqual([]);
  });

  test('databases and tables have deletion protection', () => {
    const stores = stacksOf(environment).flatMap((stack) => {
      const template = Template.fromStack(stack);
      return [
        ...Object.values(template.findResources('AWS::DynamoDB::Table')).map(
          (r) => r.Properties.DeletionProtectionEnabled,
        ),
        ...Object.values(template.findResources('AWS::RDS::DBInstance')).map(
          (r) => r.Properties.DeletionProtection,
        ),
      ];
    });
    expect(stores).toEqual([true, true]);
  });
});
