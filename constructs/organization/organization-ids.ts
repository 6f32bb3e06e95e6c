import { Token } from 'aws-cdk-lib';
import { Problems } from '../common/problems';

/**
 * The identifiers the organization constructs take from another account: account IDs, the
 * organization ID, the trail name, the log-archive bucket and key. Each must be a literal: a
 * CloudFormation reference or a cross-stack export never resolves in another account, and the
 * other account's policies must name exactly these values. Library-internal.
 */

const ACCOUNT_ID = /^\d{12}$/;
/** `o-` and 10 to 32 lowercase letters or digits (Organizations `Organization.Id`). */
const ORGANIZATION_ID = /^o-[a-z0-9]{10,32}$/;
/**
 * 3 to 128 letters, digits, `.`, `_`, `-`, starting and ending with a letter or digit, no two of
 * `.`, `_`, `-` adjacent, not an IP address (CreateTrail `Name`).
 */
const TRAIL_NAME =
  /^(?!\d+\.\d+\.\d+\.\d+$)(?!.*[._-]{2})[A-Za-z0-9][A-Za-z0-9._-]{1,126}[A-Za-z0-9]$/;
/** 3 to 63 lowercase letters, digits, `.` and `-`, starting and ending with a letter or digit. */
const BUCKET_NAME = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;
/** The ARN of a KMS key (not an alias): `arn:<partition>:kms:<region>:<account>:key/<id>`. */
const KEY_ARN = /^arn:aws[a-z-]*:kms:[a-z0-9-]+:\d{12}:key\/[a-zA-Z0-9-]+$/;
/** A Region name such as `eu-west-1`. */
const REGION = /^[a-z]{2}(?:-[a-z]+)+-\d$/;

const SHAPES = {
  accountId: [ACCOUNT_ID, 'a 12-digit AWS account ID'],
  organizationId: [
    ORGANIZATION_ID,
    'an organization ID (`o-` and 10 to 32 lower-case letters or digits)',
  ],
  trailName: [
    TRAIL_NAME,
    'a trail name (3 to 128 letters, digits, `.`, `_` or `-`, none two in a row, not an IP address)',
  ],
  bucketName: [BUCKET_NAME, 'an S3 bucket name'],
  keyArn: [KEY_ARN, 'the ARN of a KMS key (`arn:aws:kms:<region>:<account>:key/<id>`)'],
  region: [REGION, 'a Region name such as `eu-west-1`'],
} as const;

/**
 * Records a problem unless `value` is a literal of the given kind; a missing value is left to
 * `Problems.required`. `clauses` are those the value's policies serve.
 */
export function checkLiteral(
  problems: Problems,
  prop: string,
  value: string | undefined,
  kind: keyof typeof SHAPES,
  clauses: readonly string[],
): void {
  const [shape, what] = SHAPES[kind];
  if (value === undefined) return;
  if (Token.isUnresolved(value)) {
    problems.add(
      prop,
      `must be a literal: it names a resource of another account, where a CloudFormation reference cannot resolve; pass ${what}`,
      clauses,
      'a token',
    );
    return;
  }
  problems.check(shape.test(value), prop, `must be ${what}`, clauses, JSON.stringify(value));
}

/** The ARN of the organization trail `trailName` of the management account, in its home Region. */
export function organizationTrailArn(
  partition: string,
  region: string,
  managementAccountId: string,
  trailName: string,
): string {
  return `arn:${partition}:cloudtrail:${region}:${managementAccountId}:trail/${trailName}`;
}
