import { readTemplateText, withEmptyProperties } from '../../lib/control-tower/resource-properties';

/** A template as aws-cdk-lib writes it: one-space indentation. */
const TEMPLATE = JSON.stringify(
  {
    Resources: {
      Bucket: { Type: 'AWS::S3::Bucket', Properties: { BucketName: 'a "quoted" {name}' } },
      'Odd\\"Id': { Type: 'AWS::SQS::Queue', Properties: { Tags: [{ Key: 'k', Value: 'v' }] } },
      Topic: { Type: 'AWS::SNS::Topic' },
      Key: { Type: 'AWS::KMS::Key', Properties: { Description: 'clé' } },
    },
    Outputs: { Properties: { Value: { Properties: {} } } },
  },
  undefined,
  1,
);

test('reads the resource types and where each Properties object of a resource is', () => {
  const template = readTemplateText(TEMPLATE);
  expect(template?.types).toEqual(
    new Set(['AWS::S3::Bucket', 'AWS::SQS::Queue', 'AWS::SNS::Topic', 'AWS::KMS::Key']),
  );
  expect(
    template?.properties.map(({ type, open, close }) => [type, TEMPLATE.slice(open, close + 1)]),
  ).toEqual([
    ['AWS::S3::Bucket', '{\n    "BucketName": "a \\"quoted\\" {name}"\n   }'],
    [
      'AWS::SQS::Queue',
      '{\n    "Tags": [\n     {\n      "Key": "k",\n      "Value": "v"\n     }\n    ]\n   }',
    ],
    ['AWS::KMS::Key', '{\n    "Description": "clé"\n   }'],
  ]);
});

/** The lines of `text` that `emptied` turned into spaces; fails if it changed any other way. */
function blankedLines(text: string, emptied: string): string[] {
  const before = text.split('\n');
  const after = emptied.split('\n');
  expect(after.length).toBe(before.length);
  const changed = before.filter((line, i) => after[i] !== line);
  expect(changed.map((line) => ' '.repeat(line.length))).toEqual(
    after.filter((line, i) => before[i] !== line),
  );
  return changed.map((line) => line.trim());
}

test('empties the chosen Properties objects and keeps every other line and column', () => {
  const template = readTemplateText(TEMPLATE);
  const queue = template?.properties.filter((p) => p.type === 'AWS::SQS::Queue') ?? [];
  const emptied = withEmptyProperties(TEMPLATE, queue);
  expect(blankedLines(TEMPLATE, emptied)).toEqual([
    '"Tags": [',
    '{',
    '"Key": "k",',
    '"Value": "v"',
    '}',
    ']',
  ]);
  const resources = (JSON.parse(emptied) as { Resources: Record<string, object> }).Resources;
  expect(resources['Odd\\"Id']).toEqual({ Type: 'AWS::SQS::Queue', Properties: {} });
});

test('keeps a Properties object with a character beyond printable ASCII as it is', () => {
  const template = readTemplateText(TEMPLATE);
  const emptied = withEmptyProperties(TEMPLATE, template?.properties ?? []);
  expect(blankedLines(TEMPLATE, emptied)).toEqual([
    '"BucketName": "a \\"quoted\\" {name}"',
    '"Tags": [',
    '{',
    '"Key": "k",',
    '"Value": "v"',
    '}',
    ']',
  ]);
});

test('reads nothing from text that is not JSON or a resource without a type', () => {
  expect(readTemplateText('Resources:\n  Bucket:\n    Type: AWS::S3::Bucket\n')).toBeUndefined();
  expect(readTemplateText('{"Resources": {"Bucket": {"Properties": {}}}}')).toBeUndefined();
});
