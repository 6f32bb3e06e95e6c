import * as fs from 'fs';
import * as path from 'path';
import { App, Stack, Validations } from 'aws-cdk-lib';
import { DppEnvironment } from '../../lib';
import {
  ACKNOWLEDGEMENT_METADATA_TYPE,
  AcknowledgementRecord,
} from '../../lib/checks/acknowledgement-record';
import { TEST_OWNER } from '../helpers';

interface Acknowledged {
  readonly path: string;
  readonly id: string;
  readonly reason: string;
  readonly onStack: boolean;
}

/** Every acknowledgement recorded in the environment's construct tree. */
function acknowledgements(environment: DppEnvironment): Acknowledged[] {
  return environment.node.findAll().flatMap((construct) =>
    construct.node.metadata
      .filter((entry) => entry.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
      .flatMap((entry) =>
        Object.entries(entry.data as Record<string, string>).map(([id, reason]) => ({
          path: construct.node.path,
          id: id.replace(/^Annotation::/, ''),
          reason,
          onStack: Stack.isStack(construct),
        })),
      ),
  );
}

describe('acknowledgements of the reference environment', () => {
  const environment = new DppEnvironment(new App(), 'Dpp', { owner: TEST_OWNER });
  const all = acknowledgements(environment);
  const referenceDoc = fs.readFileSync(
    path.join(__dirname, '..', '..', 'docs', 'reference-environment.md'),
    'utf8',
  );
  const escape = (text: string) => text.replace(/\|/g, '\\|');

  test('one acknowledges a DppChecks finding: the SP-API refresh tokens cannot be rotated', () => {
    // A refresh token is renewed only when the seller reauthorizes the application.
    expect(all.filter((a) => a.id.startsWith('DPP')).map((a) => [a.path, a.id])).toEqual([
      ['Dpp/Data/SpApiCredentials/RefreshTokens/Resource', 'DPP-SecretRotated[NoRotation]'],
    ]);
  });

  test('each sits on a resource construct, except the one aws-cdk-lib puts on the VPC stack', () => {
    expect(all.filter((a) => a.onStack).map((a) => a.id)).toEqual([
      'CloudFormation-Validate::W3010',
    ]);
  });

  test('each is recorded as built into a cdk-dpp construct, or owned with an expiry', () => {
    const governance = new Map<string, string>();
    for (const construct of environment.node.findAll()) {
      for (const entry of construct.node.metadata) {
        if (entry.type !== ACKNOWLEDGEMENT_METADATA_TYPE) continue;
        const record = entry.data as AcknowledgementRecord;
        governance.set(
          `${construct.node.path} ${record.id}`,
          record.builtIn
            ? `built in by ${record.construct}`
            : `${record.owner} until ${record.expires}`,
        );
      }
    }
    const kinds = all.map((a) => governance.get(`${a.path} ${a.id}`) ?? 'ungoverned');
    expect([...new Set(kinds)].sort()).toEqual([
      'Platform engineering until 2027-06-30',
      'built in by AccountBaseline',
      'built in by AmazonDataBucket',
      'built in by AuditLogBucket',
      'built in by AwsApiCall',
      'built in by BucketMalwareProtection',
      'built in by PiiBackupPlan',
      'built in by PiiBucket',
      'built in by PiiDatabase',
      'built in by PiiTable',
      'built in by SecureUserPool',
      'built in by ServerAccessLogsBucket',
      'built in by SpApiCredentials',
      'built in by TaxArchive',
      'built in by VulnerabilityDeadlines',
      'ungoverned',
    ]);
    // aws-cdk-lib acknowledges these itself: the VPC's literal zones, the flow log's options.
    expect(all.filter((_, i) => kinds[i] === 'ungoverned').map((a) => a.id)).toEqual([
      'CloudFormation-Validate::W3010',
      'CloudFormation-Validate::F3002',
      'CloudFormation-Validate::F3003',
    ]);
  });

  test('each gives a reason of at least one sentence', () => {
    expect(all.filter((a) => a.reason.trim().length < 40)).toEqual([]);
  });

  test('docs/reference-environment.md lists each with its construct and reason', () => {
    const rows = referenceDoc
      .split('\n')
      .filter((line) => line.startsWith('| `'))
      .map((line) => line.split(/(?<!\\)\|/).map((cell) => cell.trim()));
    const missing = all.filter(
      (a) =>
        !rows.some(
          ([, construct, ids, reason]) =>
            construct === `\`${escape(a.path.replace(/^Dpp\//, ''))}\`` &&
            ids.split('<br>').includes(`\`${escape(a.id)}\``) &&
            reason === escape(a.reason),
        ),
    );
    expect(missing.map((a) => `${a.path} ${a.id}`)).toEqual([]);
  });
});
