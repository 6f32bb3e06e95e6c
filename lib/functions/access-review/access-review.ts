import {
  AccessAnalyzerClient,
  FindingSummaryV2,
  paginateListFindingsV2,
} from '@aws-sdk/client-accessanalyzer';
import {
  IAMClient,
  paginateListRoles,
  paginateListUsers,
  paginateSimulatePrincipalPolicy,
} from '@aws-sdk/client-iam';

/** A PII store the review checks access to. */
export interface PiiResource {
  /** The ARN of the bucket or table. */
  readonly arn: string;
  /** The kind of store, which decides the read actions simulated. */
  readonly kind: 's3' | 'dynamodb';
}

/** The read actions simulated for each kind of PII store. */
export const PII_READ_ACTIONS: Readonly<Record<PiiResource['kind'], readonly string[]>> = {
  s3: ['s3:GetObject'],
  dynamodb: ['dynamodb:GetItem', 'dynamodb:Query', 'dynamodb:Scan'],
};

/** One principal that may read one PII store, and with which actions. */
export interface PiiReader {
  readonly principalArn: string;
  readonly resourceArn: string;
  readonly actions: string[];
}

/** One active IAM Access Analyzer finding. */
export interface AnalyzerFinding {
  readonly analyzerArn: string;
  readonly findingType: string;
  readonly resource: string;
  readonly resourceType: string;
}

/** What the monthly access review reports. */
export interface AccessReview {
  readonly readers: PiiReader[];
  readonly findings: AnalyzerFinding[];
  readonly principalsChecked: number;
}

/** The clients and inputs of one review. */
export interface AccessReviewInput {
  readonly iam: IAMClient;
  readonly accessAnalyzer: AccessAnalyzerClient;
  readonly piiResources: readonly PiiResource[];
  readonly analyzerArns: readonly string[];
}

/** Roles AWS services own: they appear in the report only through Access Analyzer findings. */
const SERVICE_LINKED_ROLE_PATH = '/aws-service-role/';

/** Every IAM role and user of the account, service-linked roles left out. */
export async function listPrincipalArns(iam: IAMClient): Promise<string[]> {
  const arns: string[] = [];
  for await (const page of paginateListRoles({ client: iam }, {})) {
    for (const role of page.Roles ?? []) {
      if (role.Arn && !role.Path?.startsWith(SERVICE_LINKED_ROLE_PATH)) arns.push(role.Arn);
    }
  }
  for await (const page of paginateListUsers({ client: iam }, {})) {
    for (const user of page.Users ?? []) if (user.Arn) arns.push(user.Arn);
  }
  return arns;
}

/** The resource ARNs a simulation uses for a store: the objects of a bucket, the table itself. */
export function simulatedResourceArn(resource: PiiResource): string {
  return resource.kind === 's3' ? `${resource.arn}/*` : resource.arn;
}

/** The read actions the principal's identity policies allow on the store. */
export async function allowedReads(
  iam: IAMClient,
  principalArn: string,
  resource: PiiResource,
): Promise<string[]> {
  const allowed: string[] = [];
  const pages = paginateSimulatePrincipalPolicy(
    { client: iam },
    {
      PolicySourceArn: principalArn,
      ActionNames: [...PII_READ_ACTIONS[resource.kind]],
      ResourceArns: [simulatedResourceArn(resource)],
    },
  );
  for await (const page of pages) {
    for (const result of page.EvaluationResults ?? []) {
      if (result.EvalDecision === 'allowed' && result.EvalActionName) {
        allowed.push(result.EvalActionName);
      }
    }
  }
  return allowed;
}

/** The active findings of one analyzer. */
export async function activeFindings(
  accessAnalyzer: AccessAnalyzerClient,
  analyzerArn: string,
): Promise<AnalyzerFinding[]> {
  const findings: AnalyzerFinding[] = [];
  const pages = paginateListFindingsV2(
    { client: accessAnalyzer },
    { analyzerArn, filter: { status: { eq: ['ACTIVE'] } } },
  );
  for await (const page of pages) {
    for (const finding of page.findings ?? []) findings.push(toFinding(analyzerArn, finding));
  }
  return findings;
}

function toFinding(analyzerArn: string, finding: FindingSummaryV2): AnalyzerFinding {
  return {
    analyzerArn,
    findingType: finding.findingType ?? 'Unknown',
    resource: finding.resource ?? 'unknown resource',
    resourceType: finding.resourceType ?? 'unknown type',
  };
}

/** Runs the review: who may read each PII store, and every active analyzer finding. */
export async function reviewAccess(input: AccessReviewInput): Promise<AccessReview> {
  const principals = await listPrincipalArns(input.iam);
  const readers: PiiReader[] = [];
  for (const principalArn of principals) {
    for (const resource of input.piiResources) {
      const actions = await allowedReads(input.iam, principalArn, resource);
      if (actions.length > 0) readers.push({ principalArn, resourceArn: resource.arn, actions });
    }
  }
  const findings: AnalyzerFinding[] = [];
  for (const analyzerArn of input.analyzerArns) {
    findings.push(...(await activeFindings(input.accessAnalyzer, analyzerArn)));
  }
  return { readers, findings, principalsChecked: principals.length };
}

/** The review as the plain-text message the reviewer receives. */
export function formatReview(review: AccessReview, date: Date): string {
  const lines = [
    `Monthly access review, ${date.toISOString().slice(0, 10)} (DPP-NP-4)`,
    '',
    `Principals with read access to PII (${review.readers.length}; ${review.principalsChecked} principals checked):`,
    ...(review.readers.length === 0
      ? ['  none']
      : review.readers.map(
          (r) => `  ${r.principalArn} -> ${r.resourceArn}: ${r.actions.join(', ')}`,
        )),
    '',
    `Active IAM Access Analyzer findings (${review.findings.length}):`,
    ...(review.findings.length === 0
      ? ['  none']
      : review.findings.map((f) => `  ${f.findingType}: ${f.resource} (${f.resourceType})`)),
    '',
    'Remove every principal that no longer needs access, resolve or archive each finding, and ' +
      'keep this message as the record of the review.',
  ];
  return lines.join('\n');
}
