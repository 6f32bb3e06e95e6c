import { Duration, StageProps, Token, aws_logs as logs } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { Problems } from '../../constructs/common/problems';
import {
  AMAZON_DATA_MAX_RETENTION,
  LOG_MIN_RETENTION,
  PII_MAX_RETENTION,
  TAX_ARCHIVE_MIN_RETENTION,
} from '../../constructs/common/retention-limits';
import { AccountServices } from '../../constructs/monitoring/account-service';
import { isWorldOpenCidr } from '../../constructs/network/cidr';

/**
 * What differs from one deployment of the reference environment to the next. Every prop has a
 * default, so `new DppEnvironment(app, 'Dpp')` synthesizes with no input at all; values that
 * only a deployment can know (the incident contact) become CloudFormation parameters that
 * `cdk deploy` asks for.
 */
export interface DppEnvironmentProps extends StageProps {
  /**
   * The e-mail address of the Incident Management Point of Contact; every security alarm
   * reaches it (DPP-25-IMPOC, DPP-LM-7).
   * @default - a required `IncidentContactEmail` parameter of the audit stack
   */
  readonly incidentContact?: string;
  /**
   * Public CIDRs allowed to reach the application endpoint. When empty, the endpoint is
   * internal; when set, it is internet-facing behind a WAF IP allow-list (DPP-NP-1).
   * `0.0.0.0/0` and `::/0` are refused.
   * @default - none: an internal endpoint
   */
  readonly allowedCidrs?: string[];
  /**
   * The ARN of an existing ACM certificate for the application endpoint (DPP-NP-7).
   * @default - a new ACM certificate for `domainName`, validated through DNS
   */
  readonly certificateArn?: string;
  /**
   * The domain name of the application endpoint, when no `certificateArn` is given: the
   * environment requests a certificate for it, which ACM issues once its DNS record is added.
   * @default 'orders.example.com'
   */
  readonly domainName?: string;
  /**
   * The second region that receives a copy of every backup (DPP-25-BACKUP). It must differ
   * from the region of the environment.
   * @default 'us-west-2'
   */
  readonly backupCopyRegion?: string;
  /**
   * How long PII is kept: at most 30 days (DPP-DR-1).
   * @default Duration.days(30)
   */
  readonly piiRetention?: Duration;
  /**
   * How long non-PII Amazon data is kept: at most 18 months (DPP-25-NONPII).
   * @default Duration.days(545)
   */
  readonly amazonDataRetention?: Duration;
  /**
   * How long CloudWatch log events are kept: at least 12 months (DPP-LM-5, DPP-25-LOG).
   * @default logs.RetentionDays.THIRTEEN_MONTHS
   */
  readonly logRetention?: logs.RetentionDays;
  /**
   * How long the tax archive keeps a record, write-once: at least a year (DPP-DR-2).
   * @default Duration.days(3653) (10 years)
   */
  readonly taxArchiveRetention?: Duration;
  /**
   * Which account-level services the account baseline creates and which it adopts (GuardDuty,
   * AWS Config, the IAM Access Analyzer analyzers, Amazon Inspector). In an account of a Control
   * Tower landing zone, or for a second environment in the same account and Region, adopt the
   * ones that exist already, each with its reason.
   * @default - every service is created by the environment
   */
  readonly accountServices?: AccountServices;
}

/** The environment's settings once defaults are applied and every prop validated. */
export interface EnvironmentSettings {
  /**
   * The incident contact e-mail address.
   * @default - none: the audit stack asks for it as a deployment parameter
   */
  readonly incidentContact?: string;
  /** Public CIDRs allowed to reach the endpoint. */
  readonly allowedCidrs: string[];
  /**
   * The ARN of the endpoint's certificate.
   * @default - none: the application stack requests a certificate for `domainName`
   */
  readonly certificateArn?: string;
  /** The domain name of the endpoint's certificate. */
  readonly domainName: string;
  /** The second region for backup copies. */
  readonly backupCopyRegion: string;
  /** PII retention. */
  readonly piiRetention: Duration;
  /** Non-PII Amazon data retention. */
  readonly amazonDataRetention: Duration;
  /** Log retention. */
  readonly logRetention: logs.RetentionDays;
  /** Tax archive retention. */
  readonly taxArchiveRetention: Duration;
  /**
   * The account services the baseline adopts.
   * @default - every service is created
   */
  readonly accountServices?: AccountServices;
}

/** The default domain name of the endpoint. */
export const DEFAULT_DOMAIN_NAME = 'orders.example.com';
/** The default second region for backup copies. */
export const DEFAULT_BACKUP_COPY_REGION = 'us-west-2';
/** The default legal retention of the tax archive: ten years. */
export const DEFAULT_TAX_ARCHIVE_RETENTION = Duration.days(3653);

const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;
const IPV4_CIDR = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/;
const IPV6_CIDR = /^[0-9a-f:]+\/(\d{1,3})$/i;
const ACM_ARN = /^arn:aws[a-z-]*:acm:[a-z0-9-]+:\d{12}:certificate\/[\w-]+$/;
const HOSTNAME = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/i;
const REGION = /^[a-z]{2}(-[a-z]+)+-\d$/;

/** Whether `cidr` is a well-formed IPv4 or IPv6 CIDR. */
export function isCidr(cidr: string): boolean {
  const v4 = IPV4_CIDR.exec(cidr);
  if (v4) {
    return v4.slice(1, 5).every((octet) => Number(octet) <= 255) && Number(v4[5]) <= 32;
  }
  const v6 = IPV6_CIDR.exec(cidr);
  return v6 !== null && cidr.includes(':') && Number(v6[1]) <= 128;
}

/**
 * Applies the defaults and validates every prop, throwing once with every problem in the house
 * format. Unresolved tokens are not judged.
 */
export function environmentSettings(
  scope: IConstruct,
  props: DppEnvironmentProps,
): EnvironmentSettings {
  const problems = new Problems(scope);
  const known = (value: string | undefined): value is string =>
    value !== undefined && !Token.isUnresolved(value);

  if (known(props.incidentContact)) {
    problems.check(
      EMAIL.test(props.incidentContact),
      'incidentContact',
      'must be an e-mail address',
      ['DPP-25-IMPOC'],
      JSON.stringify(props.incidentContact),
    );
  }
  for (const cidr of (props.allowedCidrs ?? []).filter(known)) {
    problems.check(
      isCidr(cidr) && !isWorldOpenCidr(cidr),
      'allowedCidrs',
      'must hold IPv4 or IPv6 CIDRs narrower than the whole internet (never 0.0.0.0/0 or ::/0)',
      ['DPP-NP-1'],
      JSON.stringify(cidr),
    );
  }
  if (known(props.certificateArn)) {
    problems.check(
      ACM_ARN.test(props.certificateArn),
      'certificateArn',
      'must be the ARN of an ACM certificate',
      ['DPP-NP-7'],
      JSON.stringify(props.certificateArn),
    );
  }
  const domainName = props.domainName ?? DEFAULT_DOMAIN_NAME;
  if (known(domainName)) {
    problems.check(
      HOSTNAME.test(domainName),
      'domainName',
      'must be a fully qualified domain name',
      ['DPP-NP-7'],
      JSON.stringify(domainName),
    );
  }
  const backupCopyRegion = props.backupCopyRegion ?? DEFAULT_BACKUP_COPY_REGION;
  if (known(backupCopyRegion)) {
    const region = props.env?.region;
    problems.check(
      REGION.test(backupCopyRegion) && !(known(region) && region === backupCopyRegion),
      'backupCopyRegion',
      'must be a region name other than the region of the environment',
      ['DPP-25-BACKUP'],
      JSON.stringify(backupCopyRegion),
    );
  }
  problems.daysAtMost('piiRetention', props.piiRetention, PII_MAX_RETENTION, ['DPP-DR-1']);
  problems.daysAtLeast('piiRetention', props.piiRetention, Duration.days(1), ['DPP-DR-1']);
  problems.daysAtMost('amazonDataRetention', props.amazonDataRetention, AMAZON_DATA_MAX_RETENTION, [
    'DPP-25-NONPII',
  ]);
  problems.daysAtLeast('amazonDataRetention', props.amazonDataRetention, Duration.days(1), [
    'DPP-25-NONPII',
  ]);
  if (props.logRetention !== undefined && props.logRetention !== logs.RetentionDays.INFINITE) {
    problems.check(
      props.logRetention >= LOG_MIN_RETENTION.toDays(),
      'logRetention',
      `must be at least ${LOG_MIN_RETENTION.toDays()} days`,
      ['DPP-LM-5', 'DPP-25-LOG'],
      `${props.logRetention} days`,
    );
  }
  problems.daysAtLeast(
    'taxArchiveRetention',
    props.taxArchiveRetention,
    TAX_ARCHIVE_MIN_RETENTION,
    ['DPP-DR-2'],
  );
  problems.throwIfAny();

  return {
    incidentContact: props.incidentContact,
    allowedCidrs: [...(props.allowedCidrs ?? [])],
    certificateArn: props.certificateArn,
    domainName,
    backupCopyRegion,
    piiRetention: props.piiRetention ?? PII_MAX_RETENTION,
    amazonDataRetention: props.amazonDataRetention ?? AMAZON_DATA_MAX_RETENTION,
    logRetention: props.logRetention ?? logs.RetentionDays.THIRTEEN_MONTHS,
    taxArchiveRetention: props.taxArchiveRetention ?? DEFAULT_TAX_ARCHIVE_RETENTION,
    accountServices: props.accountServices,
  };
}
