import { Duration, StageProps, Token, aws_logs as logs } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { OptOut } from '../../constructs/common/opt-out';
import { checkOwner } from '../../constructs/common/owner';
import { Problems } from '../../constructs/common/problems';
import {
  AMAZON_DATA_MAX_RETENTION,
  LOG_MIN_RETENTION,
  PII_MAX_RETENTION,
  TAX_ARCHIVE_MIN_RETENTION,
} from '../../constructs/common/retention-limits';
import { AccountServices } from '../../constructs/monitoring/account-service';
import { isWorldOpenCidr } from '../../constructs/network/cidr';
import { EnvironmentProfile } from './environment-profile';

/**
 * What differs from one deployment of the reference environment to the next. Every prop but the
 * owner has a default, so `new DppEnvironment(app, 'Dpp', { owner: 'orders-team@seller.example' })`
 * synthesizes with no other input; values that only a deployment can know (the incident contact)
 * become CloudFormation parameters that `cdk deploy` asks for.
 */
export interface DppEnvironmentProps extends StageProps {
  /**
   * Who answers for the environment and its data: a team or role address, e.g.
   * `'orders-team@seller.example'` (DPP-DG-2). Every taggable resource of every stack carries it
   * as the `dpp:owner` tag, and the evidence report groups the data inventory by it. A literal,
   * since the inventory reads it from the template.
   */
  readonly owner: string;
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
   * The ARN of an existing ACM certificate for the application endpoint (DPP-NP-7), in the
   * region of the environment. Excludes `domainName` and the hosted zone.
   * @default - a certificate for `domainName` when one is given; otherwise a certificate for
   * the required `DomainName` and `HostedZoneId` parameters of the application stack
   * (`cdk deploy --parameters Dpp-Application:DomainName=orders.seller.example --parameters
   * Dpp-Application:HostedZoneId=Z...`), which validates itself through that zone
   */
  readonly certificateArn?: string;
  /**
   * The domain name of the application endpoint, when no `certificateArn` is given: the
   * environment requests a DNS-validated ACM certificate for it. With `hostedZoneId` and
   * `hostedZoneName`, ACM adds the validation record to that Route 53 zone itself; without
   * them, the deployment waits (the certificate stays `CREATE_IN_PROGRESS`) until the CNAME
   * record that the stack events show is added to the domain's DNS.
   * @default - none: the certificate comes from `certificateArn`, or from the `DomainName`
   * and `HostedZoneId` parameters
   */
  readonly domainName?: string;
  /**
   * The ID of the public Route 53 hosted zone of `domainName` (`Z...`, without
   * `/hostedzone/`), in the account of the environment, through which the certificate
   * validates itself. Requires `domainName` and `hostedZoneName`.
   * @default - none: the validation record is added by hand
   */
  readonly hostedZoneId?: string;
  /**
   * The name of the hosted zone `hostedZoneId` (for example `seller.example`); `domainName`
   * must be that name or a name under it. Requires `hostedZoneId`.
   * @default - none
   */
  readonly hostedZoneName?: string;
  /**
   * The second region that receives a copy of every backup (DPP-25-BACKUP). It must differ
   * from the region of the environment: a known `env.region` equal to it throws; an
   * environment-agnostic data stack carries a template rule that makes CloudFormation refuse
   * to deploy it into this region.
   * @default 'us-west-2', or 'us-east-1' when `env.region` is 'us-west-2'
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
   * What the deployment is for. `NON_PRODUCTION` lowers only the fixed monthly cost (interface
   * endpoints in one availability zone, a smaller database instance class) and is recorded in
   * the evidence report; every control stays the same.
   * @default EnvironmentProfile.PRODUCTION
   */
  readonly profile?: EnvironmentProfile;
  /**
   * Which account-level services the account baseline creates and which it adopts (GuardDuty,
   * AWS Config, the IAM Access Analyzer analyzers, Amazon Inspector). In an account of a Control
   * Tower landing zone, or for a second environment in the same account and Region, adopt the
   * ones that exist already, each with its reason.
   * @default - every service is created by the environment
   */
  readonly accountServices?: AccountServices;
  /**
   * Leaves out the user pool of the people who sign in to the application (`SecureUserPool`,
   * DPP-NP-6, DPP-25-LOCK), with the reason: for example, they sign in through the
   * organization's identity provider, which locks accounts itself. The reason is recorded in the
   * evidence report.
   * @default - the data stack has a `SecureUserPool`
   */
  readonly withoutUserPool?: OptOut;
  /**
   * The customers' contacts told of every deployment of a production environment (SOC-C6):
   * e-mail addresses or HTTPS endpoints. Only for `EnvironmentProfile.PRODUCTION`: a
   * non-production environment tells customers nothing, and throws when given contacts.
   * @default - a required `CustomerNoticeEmail` parameter of the data stack, in production
   */
  readonly customerContacts?: string[];
  /**
   * The version of the release being deployed, named in every change notice (SOC-C6). Only for
   * `EnvironmentProfile.PRODUCTION`. Set it from the release (for example the version of the
   * app's package): the notice rules are updated by the same deployment.
   * @default - a required `ReleaseVersion` parameter of the data stack, in production; pass it
   * on every deployment, since `cdk deploy` otherwise reuses the previous value
   */
  readonly releaseVersion?: string;
}

/** The environment's settings once defaults are applied and every prop validated. */
export interface EnvironmentSettings {
  /** Who answers for the environment and its data, its `dpp:owner` tag. */
  readonly owner: string;
  /**
   * The incident contact e-mail address.
   * @default - none: the audit stack asks for it as a deployment parameter
   */
  readonly incidentContact?: string;
  /** Public CIDRs allowed to reach the endpoint. */
  readonly allowedCidrs: string[];
  /**
   * The ARN of the endpoint's certificate.
   * @default - none: a certificate for `domainName`, or for the deployment parameters
   */
  readonly certificateArn?: string;
  /**
   * The domain name of the certificate the application stack requests.
   * @default - none: the domain is a deployment parameter, unless `certificateArn` is given
   */
  readonly domainName?: string;
  /**
   * The Route 53 hosted zone that validates the certificate of `domainName`.
   * @default - none: the validation record is added by hand
   */
  readonly hostedZoneId?: string;
  /**
   * The name of the hosted zone `hostedZoneId`.
   * @default - none
   */
  readonly hostedZoneName?: string;
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
  /** What the deployment is for. */
  readonly profile: EnvironmentProfile;
  /**
   * The account services the baseline adopts.
   * @default - every service is created
   */
  readonly accountServices?: AccountServices;
  /**
   * Why the environment has no user pool.
   * @default - it has one
   */
  readonly withoutUserPool?: OptOut;
  /**
   * The customers' contacts told of production changes.
   * @default - none: a deployment parameter in production, no notices otherwise
   */
  readonly customerContacts?: string[];
  /**
   * The version the change notices name.
   * @default - none: a deployment parameter in production, no notices otherwise
   */
  readonly releaseVersion?: string;
}

/** The default second region for backup copies. */
export const DEFAULT_BACKUP_COPY_REGION = 'us-west-2';
/** The second region for backup copies of an environment whose region is the default one. */
export const ALTERNATE_BACKUP_COPY_REGION = 'us-east-1';
/** The default legal retention of the tax archive: ten years. */
export const DEFAULT_TAX_ARCHIVE_RETENTION = Duration.days(3653);

const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;
const IPV4_CIDR = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/;
const IPV6_CIDR = /^[0-9a-f:]+\/(\d{1,3})$/i;
const ACM_ARN = /^arn:aws[a-z-]*:acm:[a-z0-9-]+:\d{12}:certificate\/[\w-]+$/;
const HOSTED_ZONE_ID = /^Z[A-Z0-9]{1,31}$/;
/** A fully qualified domain name, also the allowed pattern of the `DomainName` parameter. */
export const DOMAIN_NAME_PATTERN =
  '^(?=.{1,253}$)([a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?\\.)+[a-zA-Z]{2,63}$';
const HOSTNAME = new RegExp(DOMAIN_NAME_PATTERN);
/** A region name, also the allowed pattern of the `ChangeNoticeRegion` parameter. */
export const REGION_PATTERN = '^[a-z]{2}(-[a-z]+)+-\\d$';
const REGION = new RegExp(REGION_PATTERN);

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

  checkOwner(problems, 'owner', props.owner, true);
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
  checkCertificateSource(problems, props, known);
  const backupCopyRegion =
    props.backupCopyRegion ??
    (props.env?.region === DEFAULT_BACKUP_COPY_REGION
      ? ALTERNATE_BACKUP_COPY_REGION
      : DEFAULT_BACKUP_COPY_REGION);
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
  problems.optOutReason('withoutUserPool', props.withoutUserPool, ['DPP-NP-6', 'DPP-25-LOCK']);
  if ((props.profile ?? EnvironmentProfile.PRODUCTION) !== EnvironmentProfile.PRODUCTION) {
    for (const prop of ['customerContacts', 'releaseVersion'] as const) {
      problems.check(
        props[prop] === undefined,
        prop,
        'is for production only: customers are told of the patches applied to production, and a non-production environment sends no change notices; remove it or use `EnvironmentProfile.PRODUCTION`',
        ['SOC-C6'],
        JSON.stringify(props[prop]),
      );
    }
  }
  problems.throwIfAny();

  return {
    owner: props.owner,
    incidentContact: props.incidentContact,
    allowedCidrs: [...(props.allowedCidrs ?? [])],
    certificateArn: props.certificateArn,
    domainName: props.domainName,
    hostedZoneId: props.hostedZoneId,
    hostedZoneName: props.hostedZoneName,
    backupCopyRegion,
    piiRetention: props.piiRetention ?? PII_MAX_RETENTION,
    amazonDataRetention: props.amazonDataRetention ?? AMAZON_DATA_MAX_RETENTION,
    logRetention: props.logRetention ?? logs.RetentionDays.THIRTEEN_MONTHS,
    taxArchiveRetention: props.taxArchiveRetention ?? DEFAULT_TAX_ARCHIVE_RETENTION,
    profile: props.profile ?? EnvironmentProfile.PRODUCTION,
    accountServices: props.accountServices,
    withoutUserPool: props.withoutUserPool,
    customerContacts: props.customerContacts && [...props.customerContacts],
    releaseVersion: props.releaseVersion,
  };
}

/**
 * Where the endpoint's certificate comes from, one source only: `certificateArn`, or
 * `domainName` (with both or neither of `hostedZoneId` and `hostedZoneName`, the domain inside
 * the zone), or neither, and then a deployment parameter.
 */
function checkCertificateSource(
  problems: Problems,
  props: DppEnvironmentProps,
  known: (value: string | undefined) => value is string,
): void {
  const { certificateArn, domainName, hostedZoneId, hostedZoneName } = props;
  const zoneGiven = hostedZoneId !== undefined || hostedZoneName !== undefined;
  problems.check(
    certificateArn === undefined || (domainName === undefined && !zoneGiven),
    'certificateArn',
    'excludes `domainName`, `hostedZoneId` and `hostedZoneName`: the certificate already names its domain',
    ['DPP-NP-7'],
    JSON.stringify({ domainName, hostedZoneId, hostedZoneName }),
  );
  problems.check(
    (hostedZoneId === undefined) === (hostedZoneName === undefined),
    hostedZoneId === undefined ? 'hostedZoneId' : 'hostedZoneName',
    'must be given with the other: the zone is known by its ID and its name together',
    ['DPP-NP-7'],
    'undefined',
  );
  problems.check(
    !zoneGiven || certificateArn !== undefined || domainName !== undefined,
    'domainName',
    'must be given with a hosted zone: it names the certificate the zone validates',
    ['DPP-NP-7'],
    'undefined',
  );
  if (known(domainName)) {
    problems.check(
      HOSTNAME.test(domainName),
      'domainName',
      'must be a fully qualified domain name',
      ['DPP-NP-7'],
      JSON.stringify(domainName),
    );
  }
  if (known(hostedZoneId)) {
    problems.check(
      HOSTED_ZONE_ID.test(hostedZoneId),
      'hostedZoneId',
      'must be a Route 53 hosted zone ID (`Z...`, without `/hostedzone/`)',
      ['DPP-NP-7'],
      JSON.stringify(hostedZoneId),
    );
  }
  if (known(hostedZoneName) && known(domainName)) {
    const zone = hostedZoneName.replace(/\.$/, '').toLowerCase();
    const domain = domainName.toLowerCase();
    problems.check(
      domain === zone || domain.endsWith(`.${zone}`),
      'domainName',
      `must be \`hostedZoneName\` (${JSON.stringify(hostedZoneName)}) or a name under it, so the zone can validate it`,
      ['DPP-NP-7'],
      JSON.stringify(domainName),
    );
  }
}
