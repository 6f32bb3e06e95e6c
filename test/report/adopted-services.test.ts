import * as fs from 'fs';
import { Stack, Tags, aws_dynamodb as dynamodb } from 'aws-cdk-lib';
import { OWNER_TAG } from '../../constructs/common/owner';
import { AuditLogBucket } from '../../constructs/logging/audit-log-bucket';
import { AccountBaseline } from '../../constructs/monitoring/account-baseline';
import { AccountService, AccountServices } from '../../constructs/monitoring/account-service';
import { IncidentTopic } from '../../constructs/monitoring/incident-topic';
import { PiiTable } from '../../constructs/storage/pii-table';
import {
  buildEvidenceReport,
  ClauseStatus,
  EvidenceReport,
  readCloudAssembly,
  renderMarkdown,
} from '../../lib/report';
import { synthAssembly } from './fixture-assembly';

// A service the app adopts (the organization's GuardDuty, Control Tower's recorder) is the
// operator's statement, recorded with its reason: the report never counts it as evidence.

const REASON = 'The Control Tower audit account is the delegated administrator of the service.';
const ADOPT_ALL: AccountServices = {
  guardDuty: AccountService.adopt({ reason: REASON }),
  config: AccountService.adopt({ reason: REASON }),
  externalAccessAnalyzer: AccountService.adopt({ reason: REASON }),
  unusedAccessAnalyzer: AccountService.adopt({ reason: REASON }),
  inspector: AccountService.adopt({ reason: REASON }),
};

const scratch: string[] = [];
afterAll(() => scratch.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

function reportOf(accountServices?: AccountServices): EvidenceReport {
  const dir = synthAssembly('adopted', (app) => {
    const stack = new Stack(app, 'Audit');
    // Every data store named with its owner, for the inventory of DPP-DG-2.
    Tags.of(stack).add(OWNER_TAG, 'orders-team@seller.example');
    // A PII store brings PiiAppGuardDuty (SOC-R2) into scope.
    new PiiTable(stack, 'Orders', {
      accessOutsideVpcEndpoint: { reason: 'The fixture has no VPC; only the report is judged.' },
      data: { purpose: 'Orders to ship', piiFields: ['buyerName'] },
      partitionKey: { name: 'orderId', type: dynamodb.AttributeType.STRING },
      timeToLiveAttribute: 'expiresAt',
    });
    new AccountBaseline(stack, 'Baseline', {
      auditBucket: new AuditLogBucket(stack, 'AuditLogs'),
      incidentTopic: new IncidentTopic(stack, 'Incidents', { incidentEmail: 'a@example.com' }),
      accountServices,
    });
  });
  scratch.push(dir);
  return buildEvidenceReport(readCloudAssembly(dir), { generatedAt: new Date(0) });
}

describe('account services in the evidence report', () => {
  let created: EvidenceReport;
  let adopted: EvidenceReport;
  beforeAll(() => {
    created = reportOf();
    adopted = reportOf(ADOPT_ALL);
  });
  const clause = (report: EvidenceReport, id: string) => {
    const found = report.clauses.find((c) => c.id === id);
    if (!found) throw new Error(`no clause ${id}`);
    return found;
  };
  // SOC-R8 needs a trail beside the recorder, which this app lacks.
  const SERVICE_CLAUSES = ['DPP-DG-2', 'DPP-25-VULN', 'SOC-R3', 'SOC-R4'];

  test('services the app creates provide their clauses, with no opt-out', () => {
    for (const id of SERVICE_CLAUSES) {
      expect([id, clause(created, id).status]).toEqual([id, ClauseStatus.PROVIDED]);
      expect(clause(created, id).optOuts.map((o) => o.setting)).toEqual([]);
    }
    expect(clause(created, 'DPP-25-VULN').statusReason).toBe(
      'Provided by this app: Amazon Inspector enabled; Inspector findings routed to a target; ' +
        'Daily count of overdue Inspector findings; Alarm on critical findings open more than 7 ' +
        'days; Alarm on high findings open more than 30 days (what `AccountBaseline` and ' +
        '`VulnerabilityDeadlines` build). The operator owes the duty.',
    );
  });

  test('an adopted service is named as the operator’s statement with its reason, not as evidence', () => {
    for (const id of SERVICE_CLAUSES) {
      expect([id, clause(adopted, id).status]).toEqual([id, ClauseStatus.PROVIDED]);
    }
    expect(clause(adopted, 'DPP-25-VULN').statusReason).toBe(
      'Provided by this app: Inspector findings routed to a target; Daily count of overdue ' +
        'Inspector findings; Alarm on critical findings open more than 7 days; Alarm on high ' +
        'findings open more than 30 days (what `AccountBaseline` and `VulnerabilityDeadlines` ' +
        'build). Adopted, on the operator’s ' +
        `statement, not evidenced by the templates: Amazon Inspector enabled (${REASON}). ` +
        'The operator owes the duty.',
    );
    expect(clause(adopted, 'DPP-DG-2').statusReason).toContain(
      `AWS Config recorder of every resource type (${REASON}); AWS Config delivery channel (${REASON})`,
    );
  });

  test('the enforced clause PiiAppGuardDuty judges is met with a detector, acknowledged with an adopted one', () => {
    expect(clause(created, 'SOC-R2').status).toBe(ClauseStatus.MET);
    expect(clause(adopted, 'SOC-R2').status).toBe(ClauseStatus.ACKNOWLEDGED);
    expect(clause(adopted, 'SOC-R2').statusReason).toBe(
      'Judged on 1 resource by DPP-PiiAppGuardDuty; it holds except for 1 opt-out, each with its reason.',
    );
  });

  test('each adoption is an opt-out of its clauses, with the path it is recorded on', () => {
    expect(
      adopted.optOuts
        .filter((o) => o.construct === 'AccountBaseline')
        .map((o) => [o.setting, o.path, o.construct, o.clauses.join(' ')]),
    ).toEqual([
      [
        'accountServices.externalAccessAnalyzer',
        'Audit/Baseline/AccessReview/Resource',
        'AccountBaseline',
        'DPP-NP-4',
      ],
      [
        'accountServices.unusedAccessAnalyzer',
        'Audit/Baseline/AccessReview/Resource',
        'AccountBaseline',
        'DPP-NP-4',
      ],
      [
        'accountServices.guardDuty',
        'Audit/Baseline/GuardDutyFindings/Resource',
        'AccountBaseline',
        'DPP-25-MAL DPP-LM-1 DPP-NP-6 SOC-R2 SOC-R3',
      ],
      [
        'accountServices.inspector',
        'Audit/Baseline/InspectorFindings/Resource',
        'AccountBaseline',
        'DPP-25-VULN SOC-R4',
      ],
      [
        'accountServices.config',
        'Audit/Baseline/UnusedCredentials/Resource',
        'AccountBaseline',
        'DPP-DG-2 SOC-R8',
      ],
    ]);
    expect(clause(adopted, 'SOC-R2').optOuts.map((o) => o.setting)).toEqual([
      'accountServices.guardDuty',
    ]);
    expect(renderMarkdown(adopted)).toContain(
      `Opt-out \`accountServices.inspector\` on \`Audit/Baseline/InspectorFindings/Resource\`: ${REASON}`,
    );
  });
});
