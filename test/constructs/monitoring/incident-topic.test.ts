import { CfnParameter } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { IncidentTopic } from '../../../constructs/monitoring/incident-topic';
import { allPacks, findings, testStack } from '../../helpers';

describe('IncidentTopic', () => {
  test('CloudWatch alarms and EventBridge of this account may publish; others only over TLS', () => {
    const stack = testStack();
    new IncidentTopic(stack, 'Incidents', { incidentEmail: 'oncall@example.com' });
    const template = Template.fromStack(stack);
    const [policy] = Object.values(template.findResources('AWS::SNS::TopicPolicy'));
    const allows = policy.Properties.PolicyDocument.Statement.filter(
      (s: { Effect: string }) => s.Effect === 'Allow',
    );
    expect(allows).toEqual([
      expect.objectContaining({
        Sid: 'PublishFromCloudWatchAlarms',
        Principal: { Service: 'cloudwatch.amazonaws.com' },
        Condition: { StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } } },
      }),
      expect.objectContaining({
        Sid: 'PublishFromEventBridge',
        Principal: { Service: 'events.amazonaws.com' },
        Condition: { StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } } },
      }),
    ]);
    template.hasResourceProperties('AWS::SNS::Subscription', {
      Protocol: 'email',
      Endpoint: 'oncall@example.com',
    });
  });

  test('an unresolved contact (a stack parameter) is accepted unchecked', () => {
    const stack = testStack();
    const email = new CfnParameter(stack, 'Contact').valueAsString;
    expect(() => new IncidentTopic(stack, 'Incidents', { incidentEmail: email })).not.toThrow();
  });

  test.each(['', 'oncall', 'oncall@example', 'on call@example.com'])('rejects %j', (email) => {
    const stack = testStack();
    expect(() => new IncidentTopic(stack, 'Incidents', { incidentEmail: email })).toThrow(
      `\`incidentEmail\` must be the e-mail address of the incident contact (or pass \`incidentTopic\`) (DPP-25-IMPOC), got: ${JSON.stringify(email)}`,
    );
  });

  test('has no findings from any pack', () => {
    const stack = testStack();
    new IncidentTopic(stack, 'Incidents', { incidentEmail: 'oncall@example.com' });
    expect(findings(stack, allPacks())).toEqual([]);
  });
});
