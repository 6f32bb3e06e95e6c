import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ruleFilesUnder } from '../../lib/control-tower/rule-files';

/** A rule written as the Control Tower rules are: it runs only when the template holds a queue. */
const GATED = `
let QUEUE_TYPE = "AWS::SQS::Queue"
let KEY_TYPE = 'AWS::KMS::Key'
let INPUT_DOCUMENT = this
let queues = Resources.*[ Type == %QUEUE_TYPE ]

rule sqs_key_check when is_cfn_template(%INPUT_DOCUMENT)
                        %queues not empty {
    check(%queues.Properties)
}

rule sqs_key_check when is_cfn_hook(%INPUT_DOCUMENT, %QUEUE_TYPE) {
    check(%INPUT_DOCUMENT.%QUEUE_TYPE.resourceProperties)
}

rule check(queue) {
    let key = Resources[ keys == %queue.KmsMasterKeyId.Ref ]
    %key { Type == %KEY_TYPE }
}
`;

/** A rule that may run on a template without any of its types. */
const UNGATED = `
let topics = Resources.*[ Type == "AWS::SNS::Topic" ]
let keys = Resources.*[ Type == "AWS::KMS::Key" ]
rule topics_or_nothing when %topics not empty or Parameters exists {
    %topics.Properties.KmsMasterKeyId exists
    %keys not empty
}
`;

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'control-tower-rule-files-'));
fs.mkdirSync(path.join(dir, 'sqs'));
fs.writeFileSync(path.join(dir, 'sqs', 'ct-sqs-pr-10.guard'), GATED);
fs.writeFileSync(path.join(dir, 'sqs', 'ct-sqs-pr-9.guard'), GATED);
fs.writeFileSync(path.join(dir, 'sns.guard'), UNGATED);
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

test('lists rule files depth first in name order, with the types they name and need', () => {
  expect(ruleFilesUnder(dir, [])).toEqual([
    {
      path: path.join(dir, 'sns.guard'),
      types: new Set(['AWS::SNS::Topic', 'AWS::KMS::Key']),
      triggers: new Set(['AWS::SNS::Topic', 'AWS::KMS::Key']),
    },
    {
      path: path.join(dir, 'sqs', 'ct-sqs-pr-10.guard'),
      types: new Set(['AWS::SQS::Queue', 'AWS::KMS::Key']),
      triggers: new Set(['AWS::SQS::Queue']),
    },
    {
      path: path.join(dir, 'sqs', 'ct-sqs-pr-9.guard'),
      types: new Set(['AWS::SQS::Queue', 'AWS::KMS::Key']),
      triggers: new Set(['AWS::SQS::Queue']),
    },
  ]);
});

test('leaves out disabled rule files by name without extension', () => {
  expect(ruleFilesUnder(dir, ['ct-sqs-pr-10', 'sns']).map((r) => path.basename(r.path))).toEqual([
    'ct-sqs-pr-9.guard',
  ]);
});
