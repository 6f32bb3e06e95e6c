import { StatementJson } from '../../lib/checks/policy-document';
import {
  conditionsHold,
  evaluateDenies,
  EvaluatedRequest,
  statementApplies,
} from '../../lib/checks/policy-evaluation';

const request = (context: EvaluatedRequest['context'], action = 's3:GetObject') => ({
  action,
  resource: 'arn:aws:s3:::orders/label.pdf',
  context,
});

const holds = (condition: StatementJson['Condition'], context: EvaluatedRequest['context']) =>
  conditionsHold({ Effect: 'Deny', Condition: condition }, request(context));

describe('policy evaluation: actions and resources', () => {
  const deny = (fields: Partial<StatementJson>): StatementJson => ({
    Effect: 'Deny',
    Resource: '*',
    ...fields,
  });

  test('Action patterns match with wildcards and any casing of the action', () => {
    expect(statementApplies(deny({ Action: 's3:Get*' }), request({}))).toBe(true);
    expect(statementApplies(deny({ Action: ['S3:getobject'] }), request({}))).toBe(true);
    expect(statementApplies(deny({ Action: 's3:Put*' }), request({}))).toBe(false);
  });

  test('NotAction applies to every action it does not list', () => {
    const statement = deny({ NotAction: ['iam:*', 's3:ListAllMyBuckets'] });
    expect(statementApplies(statement, request({}, 's3:GetObject'))).toBe(true);
    expect(statementApplies(statement, request({}, 'iam:CreateRole'))).toBe(false);
    expect(statementApplies(statement, request({}, 's3:ListAllMyBuckets'))).toBe(false);
  });

  test('Resource and NotResource patterns', () => {
    const action = { Action: 's3:*' };
    expect(
      statementApplies(deny({ ...action, Resource: 'arn:aws:s3:::orders/*' }), request({})),
    ).toBe(true);
    expect(statementApplies(deny({ ...action, Resource: 'arn:aws:s3:::tax/*' }), request({}))).toBe(
      false,
    );
    const notOrders = { Effect: 'Deny', ...action, NotResource: 'arn:aws:s3:::orders/*' };
    expect(statementApplies(notOrders, request({}))).toBe(false);
  });

  test('only the principal "*" (or none) is evaluated; NotPrincipal is refused', () => {
    expect(statementApplies(deny({ Action: 's3:*', Principal: '*' }), request({}))).toBe(true);
    expect(() =>
      statementApplies(deny({ Action: 's3:*', NotPrincipal: '*' }), request({})),
    ).toThrow('NotPrincipal is not supported');
    expect(() =>
      statementApplies(deny({ Action: 's3:*', Principal: { AWS: '111122223333' } }), request({})),
    ).toThrow('only the principal "*" is supported');
  });

  test('an unknown operator is refused rather than guessed', () => {
    expect(() => holds({ DateGreaterThan: { 'aws:CurrentTime': '2020-01-01' } }, {})).toThrow(
      'DateGreaterThan is not supported',
    );
  });

  test('evaluateDenies names the denying statements and ignores Allow statements', () => {
    const document = {
      Statement: [
        { Effect: 'Allow', Action: '*', Resource: '*' },
        { Sid: 'NoGets', Effect: 'Deny', Action: 's3:Get*', Resource: '*' },
        { Effect: 'Deny', Action: 's3:*', Resource: '*' },
      ],
    };
    expect(evaluateDenies([document], request({}))).toEqual({
      denied: true,
      deniedBy: ['NoGets', '#2'],
    });
    expect(evaluateDenies([document], request({}, 'kms:Decrypt'))).toEqual({
      denied: false,
      deniedBy: [],
    });
  });
});

describe('policy evaluation: condition operators and missing keys', () => {
  const org = { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' };

  test('StringEquals: matches one of the values, case-sensitively; a missing key fails', () => {
    const condition = { StringEquals: { 'aws:PrincipalOrgID': ['o-a1b2c3d4e5', 'o-other00000'] } };
    expect(holds(condition, org)).toBe(true);
    expect(holds(condition, { 'aws:principalorgid': 'o-a1b2c3d4e5' })).toBe(true);
    expect(holds(condition, { 'aws:PrincipalOrgID': 'O-A1B2C3D4E5' })).toBe(false);
    expect(holds(condition, {})).toBe(false);
  });

  test('StringNotEquals: true for any other value and when the key is missing', () => {
    const condition = { StringNotEquals: { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' } };
    expect(holds(condition, org)).toBe(false);
    expect(holds(condition, { 'aws:PrincipalOrgID': 'o-zzzzzzzzzz' })).toBe(true);
    expect(holds(condition, {})).toBe(true);
  });

  test('StringNotEqualsIfExists: true when the key is missing, else as StringNotEquals', () => {
    const condition = { StringNotEqualsIfExists: { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' } };
    expect(holds(condition, {})).toBe(true);
    expect(holds(condition, org)).toBe(false);
    expect(holds(condition, { 'aws:PrincipalOrgID': 'o-zzzzzzzzzz' })).toBe(true);
  });

  test('StringEqualsIfExists: true when the key is missing, unlike StringEquals', () => {
    expect(holds({ StringEqualsIfExists: { 'aws:SourceVpce': 'vpce-1' } }, {})).toBe(true);
    expect(holds({ StringEquals: { 'aws:SourceVpce': 'vpce-1' } }, {})).toBe(false);
  });

  test('ArnNotLike: wildcards within each part of the ARN; true when the key is missing', () => {
    const condition = { ArnNotLike: { 'aws:PrincipalArn': 'arn:*:iam::*:role/DppBreakGlass' } };
    const arn = (value: string) => ({ 'aws:PrincipalArn': value });
    expect(holds(condition, arn('arn:aws:iam::111122223333:role/DppBreakGlass'))).toBe(false);
    expect(holds(condition, arn('arn:aws:iam::111122223333:role/Workload'))).toBe(true);
    expect(holds(condition, arn('arn:aws:iam::111122223333:role/dppbreakglass'))).toBe(true);
    // a wildcard of one part never spans into the next
    expect(holds(condition, arn('arn:aws:iam::1:role/x:role/DppBreakGlass'))).toBe(true);
    expect(holds(condition, {})).toBe(true);
  });

  test('Bool and BoolIfExists: a missing key fails Bool and satisfies BoolIfExists', () => {
    const key = 'aws:SecureTransport';
    expect(holds({ Bool: { [key]: 'false' } }, { [key]: 'false' })).toBe(true);
    expect(holds({ Bool: { [key]: 'false' } }, { [key]: 'true' })).toBe(false);
    expect(holds({ Bool: { [key]: 'false' } }, {})).toBe(false);
    expect(holds({ BoolIfExists: { [key]: 'false' } }, {})).toBe(true);
    expect(holds({ BoolIfExists: { [key]: false } as never }, { [key]: 'true' })).toBe(false);
  });

  test('Null: "true" holds when the key is missing, "false" when it is present', () => {
    expect(holds({ Null: { 'aws:SourceAccount': 'false' } }, { 'aws:SourceAccount': '1' })).toBe(
      true,
    );
    expect(holds({ Null: { 'aws:SourceAccount': 'false' } }, {})).toBe(false);
    expect(holds({ Null: { 'aws:SourceAccount': 'true' } }, {})).toBe(true);
  });

  test('NotIpAddressIfExists: addresses inside the ranges fail it, a missing key satisfies it', () => {
    const condition = {
      NotIpAddressIfExists: { 'aws:SourceIp': ['203.0.113.0/24', '2001:db8::/32'] },
    };
    expect(holds(condition, { 'aws:SourceIp': '203.0.113.9' })).toBe(false);
    expect(holds(condition, { 'aws:SourceIp': '2001:db8::1' })).toBe(false);
    expect(holds(condition, { 'aws:SourceIp': '198.51.100.1' })).toBe(true);
    expect(holds(condition, {})).toBe(true);
    expect(holds({ IpAddress: { 'aws:SourceIp': '203.0.113.0/24' } }, {})).toBe(false);
  });

  test('every operator and every key must hold (AND); any value of a key may match (OR)', () => {
    const condition = {
      StringNotEqualsIfExists: { 'aws:SourceVpc': 'vpc-1', 'aws:SourceVpce': 'vpce-1' },
      BoolIfExists: { 'aws:ViaAWSService': 'false' },
    };
    expect(holds(condition, {})).toBe(true);
    expect(holds(condition, { 'aws:SourceVpce': 'vpce-1' })).toBe(false);
    expect(holds(condition, { 'aws:SourceVpc': 'vpc-1', 'aws:SourceVpce': 'vpce-9' })).toBe(false);
    expect(holds(condition, { 'aws:ViaAWSService': 'true' })).toBe(false);
  });

  test('multivalued keys: ForAnyValue, ForAllValues, and an unqualified operator as ForAnyValue', () => {
    const paths = { 'aws:PrincipalOrgPaths': ['o-1/r-1/ou-a/', 'o-1/r-1/ou-b/'] };
    expect(
      holds({ 'ForAnyValue:StringLike': { 'aws:PrincipalOrgPaths': 'o-1/r-1/ou-a/*' } }, paths),
    ).toBe(true);
    expect(
      holds({ 'ForAllValues:StringLike': { 'aws:PrincipalOrgPaths': 'o-1/r-1/ou-a/*' } }, paths),
    ).toBe(false);
    expect(
      holds({ 'ForAllValues:StringLike': { 'aws:PrincipalOrgPaths': 'o-1/r-1/*' } }, paths),
    ).toBe(true);
    expect(holds({ 'ForAllValues:StringEquals': { 'aws:TagKeys': 'owner' } }, {})).toBe(true);
    expect(holds({ 'ForAnyValue:StringEquals': { 'aws:TagKeys': 'owner' } }, {})).toBe(false);
    expect(holds({ StringLike: { 'aws:PrincipalOrgPaths': 'o-1/r-1/ou-b/*' } }, paths)).toBe(true);
  });
});
