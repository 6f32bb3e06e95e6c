import { Template } from 'aws-cdk-lib/assertions';
import { DATA_CLASS_TAG, DataClass, DppEnvironment } from '../../lib';
import { environmentApp, stacksOf } from './environment-app';

interface TemplateResource {
  readonly Type: string;
  readonly Properties?: Record<string, unknown>;
  readonly DeletionPolicy?: string;
  readonly UpdateReplacePolicy?: string;
}

function dataClassOf(resource: TemplateResource): string | undefined {
  const tags = resource.Properties?.Tags;
  const list = Array.isArray(tags)
    ? (tags as { Key: string; Value: string }[])
    : Object.entries((tags as Record<string, string> | undefined) ?? {}).map(([Key, Value]) => ({
        Key,
        Value,
      }));
  return list.find((tag) => tag.Key === DATA_CLASS_TAG)?.Value;
}

describe('nothing is lost: every data resource of every stack survives its stack', () => {
  const app = environmentApp();
  const environment = new DppEnvironment(app, 'Dpp');
  app.synth({ validateOnSynthesis: false });
  const classified = stacksOf(environment).flatMap((stack) =>
    Object.entries(Template.fromStack(stack).toJSON().Resources as Record<string, TemplateResource>)
      .filter(([, resource]) => dataClassOf(resource) !== undefined)
      .map(([logicalId, resource]) => ({ stack: stack.stackName, logicalId, resource })),
  );

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

  test('every resource tagged with a data class is retained on delete and on replacement', () => {
    const notRetained = classified.filter(
      ({ resource }) =>
        resource.DeletionPolicy !== 'Retain' || resource.UpdateReplacePolicy !== 'Retain',
    );
    expect(notRetained.map(({ stack, logicalId }) => `${stack}/${logicalId}`)).toEqual([]);
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
