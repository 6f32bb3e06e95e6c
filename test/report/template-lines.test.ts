import { resourceLines } from '../../lib/report/template-lines';

describe('resourceLines', () => {
  test('gives the line of each key of the top-level Resources object', () => {
    const template = [
      '{',
      ' "Parameters": {',
      '  "Bucket1": { "Type": "String" }',
      ' },',
      ' "Resources": {',
      '  "Bucket1": {',
      '   "Type": "AWS::S3::Bucket",',
      '   "Properties": { "Tags": [{ "Key": "a", "Value": "b" }] }',
      '  },',
      '  "Key2": { "Type": "AWS::KMS::Key", "DependsOn": ["Bucket1"] }',
      ' },',
      ' "Outputs": { "Key2": { "Value": "x" } }',
      '}',
    ].join('\n');
    expect([...resourceLines(template)]).toEqual([
      ['Bucket1', 6],
      ['Key2', 10],
    ]);
  });

  test('is not fooled by logical IDs in values, escaped quotes or deeper keys', () => {
    const template = [
      '{',
      ' "Description": "a \\"Resources\\": { \\"Fake\\" } [",',
      ' "Metadata": { "Resources": { "Deep": {} } },',
      ' "Resources": {',
      '  "Real": { "Properties": { "Fake": "Real" } },',
      '',
      '  "Other": {}',
      ' }',
      '}',
    ].join('\n');
    expect([...resourceLines(template)]).toEqual([
      ['Real', 5],
      ['Other', 7],
    ]);
  });

  test('a template on one line puts every resource on line 1; a non-object gives nothing', () => {
    expect([...resourceLines('{"Resources":{"A":{},"B":{}}}')]).toEqual([
      ['A', 1],
      ['B', 1],
    ]);
    expect([...resourceLines('{\r\n "Resources": {\r\n  "A": {}\r\n }\r\n}')]).toEqual([['A', 3]]);
    expect([...resourceLines('[{"Resources":{"A":{}}}]')]).toEqual([]);
    expect([...resourceLines('{}')]).toEqual([]);
  });
});
