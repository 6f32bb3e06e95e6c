import { Stack } from 'aws-cdk-lib';
import { AuditTrail } from '../../../constructs/logging/audit-trail';
import { AccountBaseline } from '../../../constructs/monitoring/account-baseline';
import { CanaryRecord } from '../../../constructs/monitoring/canary-record';
import { SecurityAlarms } from '../../../constructs/monitoring/security-alarms';
import { allPacks, findings, owned, testStack } from '../../helpers';
import { piiStoresBehindImportedEndpoint } from '../fixtures';

/** The DPP rules that judge a PII store by the audit and detection around it. */
const AUDIT_RULES = [
  'DPP-PiiAppGuardDuty',
  'DPP-PiiAppTrail',
  'DPP-PiiStoreAccessLogged',
  'DPP-PiiStoreAlarmed',
];

function auditRuleFindings(stack: Stack) {
  return findings(stack, allPacks())
    .filter((f) => AUDIT_RULES.some((rule) => f.rule.startsWith(rule)))
    .map((f) => `${f.rule} ${f.path}`);
}

describe('audit and detection around PII stores', () => {
  test('without them, the DPP pack finds the PII stores unwatched', () => {
    const stack = testStack();
    piiStoresBehindImportedEndpoint(stack);
    const found = auditRuleFindings(stack);
    for (const rule of AUDIT_RULES) {
      expect(found.some((f) => f.startsWith(rule))).toBe(true);
    }
  });

  test('trail, alarms, baseline and canaries satisfy every audit rule of the DPP pack', () => {
    const stack = owned(testStack());
    const { bucket, table } = piiStoresBehindImportedEndpoint(stack);
    const trail = new AuditTrail(stack, 'Trail');
    const alarms = new SecurityAlarms(stack, 'Alarms', {
      trailLogGroup: trail.logGroup,
      incidentEmail: 'security@example.com',
    });
    const baseline = new AccountBaseline(stack, 'Baseline', {
      auditBucket: trail.bucket,
      incidentTopic: alarms.incidentTopic,
    });
    for (const watcher of [trail, alarms, baseline]) {
      watcher.addPiiBucket(bucket);
      watcher.addPiiTable(table);
    }
    const incidentTopic = alarms.incidentTopic;
    new CanaryRecord(stack, 'OrdersCanary', { incidentTopic, trail, bucket });
    new CanaryRecord(stack, 'BuyersCanary', { incidentTopic, trail, table });

    expect(auditRuleFindings(stack)).toEqual([]);
    const outsideStores = findings(stack, allPacks()).filter(
      (f) => !f.path.startsWith('Test/Orders/') && !f.path.startsWith('Test/Buyers/'),
    );
    expect(outsideStores).toEqual([]);
  });
});
