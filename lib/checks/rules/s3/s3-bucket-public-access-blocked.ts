import { CfnResource } from 'aws-cdk-lib';
import { NagRuleCompliance, NagRuleResult } from 'cdk-nag';
import { DataClass } from '../../../../constructs/common/data-class';
import { storeClass } from '../../data-stores';
import { Findings, isTrue, objectOf } from '../../findings';
import { propertiesOf } from '../../resolve';

/** The four Block Public Access settings: any of them off is one finding, `BlockPublicAccessOff`. */
const BLOCK_PUBLIC_ACCESS = [
  'BlockPublicAcls',
  'BlockPublicPolicy',
  'IgnorePublicAcls',
  'RestrictPublicBuckets',
];

/** Canned ACLs that open a bucket to everyone or to every AWS account. */
const PUBLIC_ACLS = ['PublicRead', 'PublicReadWrite', 'AuthenticatedRead'];

/**
 * Compliant when all four Block Public Access settings are on, no public canned ACL is set and
 * a bucket that may hold Amazon data does not host a website.
 */
export function s3BucketPublicAccessBlocked(node: CfnResource): NagRuleResult {
  if (node.cfnResourceType !== 'AWS::S3::Bucket') return NagRuleCompliance.NOT_APPLICABLE;
  const properties = propertiesOf(node);
  const block = objectOf(properties.PublicAccessBlockConfiguration);
  const findings = new Findings(node);
  const off = BLOCK_PUBLIC_ACCESS.filter((setting) => {
    if (findings.cannotJudge(block[setting])) findings.add(`Unresolved::${setting}`);
    else return !isTrue(block[setting]);
    return false;
  });
  findings.unless(off.length === 0, 'BlockPublicAccessOff');
  findings.check(
    properties.AccessControl,
    'AccessControl',
    (acl) => !PUBLIC_ACLS.includes(String(acl)),
    'PublicAcl',
  );
  findings.unless(
    properties.WebsiteConfiguration === undefined || storeClass(node) === DataClass.NO_AMAZON_DATA,
    'WebsiteHosting',
  );
  return findings.result();
}
