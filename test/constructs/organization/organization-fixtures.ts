import { App, Stack } from 'aws-cdk-lib';
import { DelegatedSecurityAdministration } from '../../../constructs/organization/delegated-security-administration';
import { OrganizationLogArchive } from '../../../constructs/organization/organization-log-archive';
import { OrganizationTrail } from '../../../constructs/organization/organization-trail';
import { SecurityToolingAccount } from '../../../constructs/organization/security-tooling-account';
import { testApp } from '../../helpers';

/** The accounts, organization and names of the tests' organization. */
export const ORG = {
  managementAccountId: '111111111111',
  logArchiveAccountId: '222222222222',
  securityToolingAccountId: '333333333333',
  organizationId: 'o-abcdefghij',
  trailName: 'organization-trail',
  region: 'eu-west-1',
  bucketName: 'org-audit-records',
  keyArn: 'arn:aws:kms:eu-west-1:222222222222:key/1234abcd-12ab-34cd-56ef-1234567890ab',
} as const;

/** A stack of the given account in the organization's Region. */
export function accountStack(app: App, id: string, account: string): Stack {
  return new Stack(app, id, { env: { account, region: ORG.region } });
}

/**
 * The three stacks of the organization, each with its construct, in one app: each in its
 * account and the organization's Region, or environment-agnostic.
 */
export function organizationStacks(app: App = testApp(), agnostic = false) {
  const stackOf = (id: string, account: string) =>
    agnostic ? new Stack(app, id) : accountStack(app, id, account);
  const logArchiveStack = stackOf('LogArchive', ORG.logArchiveAccountId);
  const logArchive = new OrganizationLogArchive(logArchiveStack, 'Archive', {
    organizationId: ORG.organizationId,
    managementAccountId: ORG.managementAccountId,
    trailName: ORG.trailName,
  });
  const managementStack = stackOf('Management', ORG.managementAccountId);
  const trail = new OrganizationTrail(managementStack, 'Trail', {
    trailName: ORG.trailName,
    logArchiveBucketName: ORG.bucketName,
    logArchiveKeyArn: ORG.keyArn,
  });
  const delegation = new DelegatedSecurityAdministration(managementStack, 'Delegation', {
    securityToolingAccountId: ORG.securityToolingAccountId,
  });
  const toolingStack = stackOf('SecurityTooling', ORG.securityToolingAccountId);
  const tooling = new SecurityToolingAccount(toolingStack, 'Tooling', {
    incidentEmail: 'security@seller.example',
  });
  return {
    app,
    logArchiveStack,
    logArchive,
    managementStack,
    trail,
    delegation,
    toolingStack,
    tooling,
  };
}
