import { AssemblyContents, AssemblyResource } from '../../lib/report/cloud-assembly';
import { locateFinding } from '../../lib/report/finding-location';

const resource = (
  stack: string,
  logicalId: string,
  constructPath: string,
  templateLine?: number,
): AssemblyResource => ({
  stack,
  logicalId,
  type: 'AWS::S3::Bucket',
  path: constructPath,
  implements: [],
  optOuts: [],
  templateLine,
});

const stack = (name: string, templateFile: string) => ({
  name,
  templateFile,
  sha256: '0'.repeat(64),
  resourceCount: 0,
  checks: [],
});

const contents: AssemblyContents = {
  directory: '/cdk.out',
  schemaVersion: '53.0.0',
  stacks: [
    stack('Data', 'Data.template.json'),
    stack('Prod/Keys', 'assembly-Prod/ProdKeys76E19F6C.template.json'),
  ],
  resources: [
    resource('Data', 'OrdersA9B65338', 'Data/Orders/Resource', 129),
    resource('Data', 'OrdersPolicy3F0E6C38', 'Data/Orders/Policy/Resource', 300),
    resource('Data', 'ReaderRole1', 'Data/Reader/Resource'),
    resource('Data', 'TopicA', 'Data/Topics/A/Resource', 400),
    resource('Data', 'TopicB', 'Data/Topics/B/Resource', 410),
    resource('Prod/Keys', 'StageKey1', 'Prod/Keys/StageKey/Resource', 3),
  ],
  acknowledgements: [],
  plugins: [],
  findings: [],
};

const ORDERS = {
  stack: 'Data',
  logicalId: 'OrdersA9B65338',
  templateFile: 'Data.template.json',
  templateLine: 129,
};
const DATA_STACK = { stack: 'Data', templateFile: 'Data.template.json' };

describe('locateFinding', () => {
  test('the construct path of a resource gives its stack, template, logical ID and line', () => {
    expect(locateFinding('Data/Orders/Resource', contents)).toEqual(ORDERS);
    expect(locateFinding('Prod/Keys/StageKey/Resource', contents)).toEqual({
      stack: 'Prod/Keys',
      logicalId: 'StageKey1',
      templateFile: 'assembly-Prod/ProdKeys76E19F6C.template.json',
      templateLine: 3,
    });
  });

  test('a construct above resources gives its default child, or its only resource', () => {
    expect(locateFinding('Data/Orders', contents)).toEqual(ORDERS);
    expect(locateFinding('Data/Reader', contents)).toEqual({
      ...DATA_STACK,
      logicalId: 'ReaderRole1',
    });
    expect(locateFinding('Prod', contents)).toEqual(
      locateFinding('Prod/Keys/StageKey/Resource', contents),
    );
  });

  test('a cfn-guard finding named <template>:<logicalId> resolves, nested templates included', () => {
    expect(locateFinding('Data.template.json:OrdersA9B65338', contents)).toEqual(ORDERS);
    expect(locateFinding('ProdKeys76E19F6C.template.json:StageKey1', contents)).toEqual(
      locateFinding('Prod/Keys/StageKey/Resource', contents),
    );
    expect(locateFinding('Data.template.json:Gone', contents)).toEqual(DATA_STACK);
  });

  test('a path in a stack that names no single resource gives the stack alone', () => {
    expect(locateFinding('Data/Topics', contents)).toEqual(DATA_STACK);
    expect(locateFinding('Data', contents)).toEqual(DATA_STACK);
    expect(locateFinding('Prod/Keys/Missing', contents)).toEqual({
      stack: 'Prod/Keys',
      templateFile: 'assembly-Prod/ProdKeys76E19F6C.template.json',
    });
  });

  test('a path outside every stack gives nothing', () => {
    expect(locateFinding('(no resource named)', contents)).toEqual({});
    expect(locateFinding('Other/Orders/Resource', contents)).toEqual({});
    expect(locateFinding('Other.template.json:OrdersA9B65338', contents)).toEqual({});
    expect(locateFinding('Dat', contents)).toEqual({});
  });
});
