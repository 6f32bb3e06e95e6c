import { Names, Token, aws_wafv2 as wafv2 } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { DppMetadata } from '../common/dpp-metadata';
import { Problems } from '../common/problems';
import { PiiKey } from '../encryption/pii-key';
import { PiiFreeLogGroup } from '../logging/pii-free-log-group';
import { isWorldOpenCidr, worldOpenFamilies } from '../network/cidr';

const CLAUSES = ['DPP-NP-1', 'SOC-R2', 'DPP-LM-2', 'DPP-LM-4'];

/**
 * The AWS managed rule groups every web ACL of the library runs before its allow-list: common
 * web exploits, known bad inputs, and addresses with a bad reputation.
 */
export const MANAGED_RULE_GROUPS: readonly string[] = [
  'AWSManagedRulesAmazonIpReputationList',
  'AWSManagedRulesCommonRuleSet',
  'AWSManagedRulesKnownBadInputsRuleSet',
];

/** Request headers that can carry credentials or personal data: never written to WAF logs. */
export const WAF_REDACTED_HEADERS: readonly string[] = ['authorization', 'cookie'];

/** CloudWatch log groups that receive WAF logs must have a name with this prefix. */
export const WAF_LOG_GROUP_PREFIX = 'aws-waf-logs-';

/** Whether `cidr` is an IPv4 or IPv6 CIDR whose prefix AWS WAF accepts (never `/0`). */
function isBoundedCidr(cidr: string): boolean {
  const [address, prefixText] = cidr.trim().split('/');
  const prefix = Number(prefixText);
  if (!address || !/^\d{1,3}$/.test(prefixText ?? '') || prefix < 1) return false;
  if (address.includes(':')) return prefix <= 128 && /^[0-9a-fA-F:]+$/.test(address);
  const octets = address.split('.');
  return (
    prefix <= 32 &&
    octets.length === 4 &&
    octets.every((o) => /^\d{1,3}$/.test(o) && Number(o) <= 255)
  );
}

/**
 * Props of an `IpAllowListWebAcl`.
 */
export interface IpAllowListWebAclProps {
  /**
   * The client addresses admitted, as CIDRs; at least one, never `0.0.0.0/0` or `::/0`
   * (DPP-NP-1).
   */
  readonly allowedCidrs: string[];
  /**
   * The key that encrypts the WAF logs.
   * @default - a new `PiiKey`
   */
  readonly logKey?: PiiKey;
}

/**
 * A regional AWS WAF web ACL that admits only allow-listed addresses (DPP-NP-1): default action
 * block, AWS managed rule groups first, then an allow rule for the IP sets. Every request is
 * logged to a KMS-encrypted `PiiFreeLogGroup`, with the `authorization` and `cookie` headers
 * and the query string redacted (DPP-LM-2, DPP-LM-4, SOC-R2). Associate it with
 * `associate(resourceArn)`.
 */
export class IpAllowListWebAcl extends Construct {
  /** The web ACL. */
  public readonly webAcl: wafv2.CfnWebACL;
  /** The log group of the WAF logs. */
  public readonly logGroup: PiiFreeLogGroup;
  /** The IP sets of the allow-list, one per address family in use. */
  public readonly ipSets: wafv2.CfnIPSet[] = [];

  private associations = 0;

  public constructor(scope: Construct, id: string, props: IpAllowListWebAclProps) {
    super(scope, id);
    validate(this, props.allowedCidrs);

    const ipv4 = props.allowedCidrs.filter((c) => Token.isUnresolved(c) || !c.includes(':'));
    const ipv6 = props.allowedCidrs.filter((c) => !Token.isUnresolved(c) && c.includes(':'));
    const families: [string, string[]][] = [
      ['IPV4', ipv4],
      ['IPV6', ipv6],
    ];
    for (const [family, addresses] of families) {
      if (addresses.length === 0) continue;
      this.ipSets.push(
        new wafv2.CfnIPSet(this, `AllowList${family}`, {
          scope: 'REGIONAL',
          ipAddressVersion: family,
          addresses,
          description: 'Client addresses admitted by cdk-dpp for DPP-NP-1',
        }),
      );
    }

    const managedRules: wafv2.CfnWebACL.RuleProperty[] = MANAGED_RULE_GROUPS.map((name, i) => ({
      name,
      priority: i,
      overrideAction: { none: {} },
      statement: { managedRuleGroupStatement: { vendorName: 'AWS', name } },
      visibilityConfig: visibility(name),
    }));
    const allowStatements: wafv2.CfnWebACL.StatementProperty[] = this.ipSets.map((set) => ({
      ipSetReferenceStatement: { arn: set.attrArn },
    }));
    const allowRule: wafv2.CfnWebACL.RuleProperty = {
      name: 'AllowListedAddresses',
      priority: MANAGED_RULE_GROUPS.length,
      action: { allow: {} },
      statement:
        allowStatements.length === 1
          ? allowStatements[0]
          : { orStatement: { statements: allowStatements } },
      visibilityConfig: visibility('AllowListedAddresses'),
    };

    this.webAcl = new wafv2.CfnWebACL(this, 'WebAcl', {
      scope: 'REGIONAL',
      defaultAction: { block: {} },
      description: 'cdk-dpp: admits only allow-listed addresses, DPP-NP-1',
      rules: [...managedRules, allowRule],
      visibilityConfig: visibility(Names.uniqueResourceName(this, { maxLength: 100 })),
    });
    DppMetadata.of(this.webAcl).implementsControls('IpAllowListWebAcl', CLAUSES);

    this.logGroup = new PiiFreeLogGroup(this, 'Logs', {
      encryptionKey:
        props.logKey ?? new PiiKey(this, 'LogKey', { description: 'Encrypts WAF logs (cdk-dpp)' }),
      logGroupName: `${WAF_LOG_GROUP_PREFIX}${Names.uniqueResourceName(this, { maxLength: 200, separator: '-' })}`,
    });
    new wafv2.CfnLoggingConfiguration(this, 'Logging', {
      resourceArn: this.webAcl.attrArn,
      logDestinationConfigs: [this.logGroup.logGroupArn],
      redactedFields: [
        ...WAF_REDACTED_HEADERS.map((name) => ({ singleHeader: { Name: name } })),
        { queryString: {} },
      ],
    });
  }

  /** Puts the web ACL in front of a load balancer or an API Gateway stage. */
  public associate(resourceArn: string): wafv2.CfnWebACLAssociation {
    this.associations += 1;
    return new wafv2.CfnWebACLAssociation(this, `Association${this.associations}`, {
      resourceArn,
      webAclArn: this.webAcl.attrArn,
    });
  }
}

function visibility(metricName: string): wafv2.CfnWebACL.VisibilityConfigProperty {
  return { cloudWatchMetricsEnabled: true, metricName, sampledRequestsEnabled: false };
}

function validate(scope: Construct, cidrs: string[]): void {
  const problems = new Problems(scope);
  problems.check(
    cidrs.length > 0,
    'allowedCidrs',
    'must name at least one client CIDR; the web ACL blocks every other address',
    ['DPP-NP-1'],
    '[]',
  );
  for (const cidr of cidrs) {
    if (Token.isUnresolved(cidr)) continue;
    problems.check(
      isBoundedCidr(cidr) && !isWorldOpenCidr(cidr),
      'allowedCidrs',
      'must hold bounded CIDRs only, never 0.0.0.0/0 or ::/0 nor more public addresses than an IPv4 /8 or an IPv6 /16',
      ['DPP-NP-1'],
      cidr,
    );
  }
  const known = cidrs.filter((c) => !Token.isUnresolved(c));
  problems.check(
    known.some(isWorldOpenCidr) || worldOpenFamilies(known).length === 0,
    'allowedCidrs',
    'must not, all together, admit more public addresses than an IPv4 /8 or an IPv6 /16',
    ['DPP-NP-1'],
    known.join(', '),
  );
  problems.throwIfAny();
}
