#!/usr/bin/env node
import { App, CfnOutput, Stack, Tags, pipelines } from 'aws-cdk-lib';
import {
  DelegatedSecurityAdministration,
  DppEnvironment,
  DppOrganizationGuardrails,
  EnvironmentProfile,
  OrganizationLogArchive,
  OrganizationTrail,
  OWNER_TAG,
  SecurityToolingAccount,
} from '../lib';
import { DppPipeline } from '../lib/environment/dpp-pipeline';
import { packageVersion } from '../lib/package-version';
import { addEveryChecker } from './every-checker';

/**
 * The organization of an SP-API seller, one stack per account role: the log archive, the
 * management account's guardrails, organization trail and delegations, the security-tooling
 * account, and the deployment account's pipeline, which deploys the reference environment to a
 * production and a non-production account in two regions. The accounts, the repository and the connection are examples; replace them
 * with yours (`cdk bootstrap --trust <deployment account>` in every target account and region).
 *
 * Every checker of `bin/dpp.ts` is registered on the app, so `cdk synth` (and the pipeline's
 * synth step, which runs this app) fails on any finding in any stack of any stage.
 */
export const ORGANIZATION = {
  /** The organization, its root and the organizational unit of the workload accounts. */
  id: 'o-a1b2c3d4e5',
  root: 'r-ab12',
  workloadsUnit: 'ou-ab12-11111111',
  /** The management account, which owns the guardrails, the trail and the delegations. */
  management: { account: '444444444444', region: 'eu-west-1' },
  /** The log-archive account, which keeps the audit records of every account. */
  logArchive: { account: '555555555555', region: 'eu-west-1' },
  /** The security-tooling account, which administers the security services for all. */
  securityTooling: { account: '666666666666', region: 'eu-west-1' },
  /** The deployment (tooling) account and region, where the pipeline runs. */
  deployment: { account: '333333333333', region: 'eu-west-1' },
  /** The production account, in the EU; its backup copies stay in the EU. */
  production: { account: '111111111111', region: 'eu-west-1', backupCopyRegion: 'eu-central-1' },
  /** The non-production account. */
  nonProduction: { account: '222222222222', region: 'us-east-1', backupCopyRegion: 'us-west-2' },
} as const;

/** The command that runs this app, as `cdk synth --app` takes it: bundle the functions, then synthesize. */
export const ORGANIZATION_APP_COMMAND =
  'npx tsx scripts/bundle-functions.ts && npx tsx bin/organization.ts';

const OWNER = 'orders-team@seller.example';
const INCIDENT_CONTACT = 'security@seller.example';
/** Who answers for the organization-level stacks and the audit records they keep (DPP-DG-2). */
const SECURITY_OWNER = 'security-team@seller.example';

/**
 * Gives the app the availability zones of each workload environment, which the data VPC of a
 * stage with a known account and region would otherwise look up in that account: `cdk synth`
 * then needs no AWS credentials, and the pipeline's synth step no lookup role in the target
 * accounts. A value in `cdk.context.json` (from `cdk context` or an actual lookup) is kept.
 */
function knowAvailabilityZones(app: App): void {
  for (const { account, region } of [ORGANIZATION.production, ORGANIZATION.nonProduction]) {
    const key = `availability-zones:account=${account}:region=${region}`;
    if (app.node.tryGetContext(key) === undefined) {
      app.node.setContext(
        key,
        ['a', 'b', 'c'].map((zone) => `${region}${zone}`),
      );
    }
  }
}

/** The organization-level stacks, one per account role. */
export interface OrganizationStacks {
  readonly logArchive: OrganizationLogArchive;
  readonly trail: OrganizationTrail;
  readonly guardrails: DppOrganizationGuardrails;
  readonly delegation: DelegatedSecurityAdministration;
  readonly securityTooling: SecurityToolingAccount;
}

/**
 * The organization's own controls, in the order they deploy: the log archive first (CloudTrail
 * checks its bucket and key policies when it creates the trail), then the management account's
 * trail, guardrails and delegations, then the security-tooling account. The archive's bucket
 * name and key ARN are the log-archive stack's outputs, given to the trail as literals (a value
 * of another account cannot be a reference); the example values stand for them.
 */
function organizationStacks(app: App): OrganizationStacks {
  const trailName = 'organization-trail';
  const logArchiveStack = new Stack(app, 'LogArchive', {
    env: ORGANIZATION.logArchive,
    description: 'The audit records of every account of the organization (cdk-dpp)',
  });
  const logArchive = new OrganizationLogArchive(logArchiveStack, 'Archive', {
    organizationId: ORGANIZATION.id,
    managementAccountId: ORGANIZATION.management.account,
    trailName,
    trailRegion: ORGANIZATION.management.region,
  });
  new CfnOutput(logArchiveStack, 'BucketName', { value: logArchive.bucket.bucketName });
  new CfnOutput(logArchiveStack, 'KeyArn', { value: logArchive.key.keyArn });

  const management = new Stack(app, 'Management', {
    env: ORGANIZATION.management,
    description: "The organization's guardrails, trail and delegations (cdk-dpp)",
  });
  const trail = new OrganizationTrail(management, 'Trail', {
    trailName,
    logArchiveBucketName: 'seller-example-organization-audit-records',
    logArchiveKeyArn: `arn:aws:kms:${ORGANIZATION.logArchive.region}:${ORGANIZATION.logArchive.account}:key/1234abcd-12ab-34cd-56ef-1234567890ab`,
  });
  // The SCPs and RCPs bind the workload accounts: the perimeter trusts their VPC endpoints (the
  // Data stacks' outputs; example IDs) and the CI's egress range, from which `cdk deploy`
  // uploads its assets.
  const guardrails = new DppOrganizationGuardrails(management, 'Guardrails', {
    organizationId: ORGANIZATION.id,
    targetIds: [ORGANIZATION.workloadsUnit],
    approvedRegions: [
      ...new Set([
        ORGANIZATION.production.region,
        ORGANIZATION.production.backupCopyRegion,
        ORGANIZATION.nonProduction.region,
        ORGANIZATION.nonProduction.backupCopyRegion,
      ]),
    ],
    trustedVpcEndpointIds: ['vpce-0a1b2c3d4e5f60001', 'vpce-0a1b2c3d4e5f60002'],
    trustedIpRanges: ['203.0.113.0/24'],
    // The pipeline deploys through the CDK bootstrap's CloudFormation execution role (default
    // qualifier `hnb659fds`, `cdk-hnb659fds-cfn-exec-role-<account>-<region>`): an update of a
    // stage's trail, detector or recorder calls what the SCPs deny. Only the pipeline account
    // may assume the deploy role that passes it (`cdk bootstrap --trust`).
    deploymentRoleNames: ['cdk-hnb659fds-cfn-exec-role-*'],
  });
  const delegation = new DelegatedSecurityAdministration(management, 'Delegation', {
    securityToolingAccountId: ORGANIZATION.securityTooling.account,
  });

  const tooling = new Stack(app, 'SecurityTooling', {
    env: ORGANIZATION.securityTooling,
    description: 'The security services of every account, and their incident topic (cdk-dpp)',
  });
  tooling.addStackDependency(management, 'the delegations make this account the administrator');
  const securityTooling = new SecurityToolingAccount(tooling, 'Tooling', {
    incidentEmail: INCIDENT_CONTACT,
  });
  for (const stack of [logArchiveStack, management, tooling]) {
    Tags.of(stack).add(OWNER_TAG, SECURITY_OWNER);
  }
  return { logArchive, trail, guardrails, delegation, securityTooling };
}

/** Builds the organization app; `bin/organization.ts` synthesizes it, the tests inspect it. */
export function organizationApp(app: App = new App()): {
  app: App;
  pipeline: DppPipeline;
  organization: OrganizationStacks;
  production: DppEnvironment;
  nonProduction: DppEnvironment;
} {
  knowAvailabilityZones(app);

  const organization = organizationStacks(app);

  // Deployment account: the pipeline.
  const deployment = new Stack(app, 'Deployment', {
    env: ORGANIZATION.deployment,
    description: 'The deployment pipeline of the reference environment (cdk-dpp)',
  });
  const pipeline = new DppPipeline(deployment, 'Pipeline', {
    owner: 'platform-team@seller.example',
    source: pipelines.CodePipelineSource.connection('seller-example/orders', 'main', {
      connectionArn:
        'arn:aws:codeconnections:eu-west-1:333333333333:connection/0a1b2c3d-4e5f-6a7b-8c9d-0e1f2a3b4c5d',
    }),
    // The pipeline synthesizes this app, with every checker, into `cdk.out`.
    synthCommands: ['npm ci', `npx cdk synth --quiet --app "${ORGANIZATION_APP_COMMAND}"`],
  });

  // Workload accounts: one DppEnvironment stage each. Every value the stacks would otherwise ask
  // for at deployment is given, since a pipeline passes no parameters.
  const production = new DppEnvironment(app, 'Production', {
    owner: OWNER,
    env: { account: ORGANIZATION.production.account, region: ORGANIZATION.production.region },
    backupCopyRegion: ORGANIZATION.production.backupCopyRegion,
    incidentContact: INCIDENT_CONTACT,
    domainName: 'orders.seller.example',
    hostedZoneId: 'Z0123456789ABCDEFGHIJ',
    hostedZoneName: 'seller.example',
    customerContacts: ['changes@customer.example'],
    releaseVersion: packageVersion(),
  });
  const nonProduction = new DppEnvironment(app, 'NonProduction', {
    owner: OWNER,
    env: { account: ORGANIZATION.nonProduction.account, region: ORGANIZATION.nonProduction.region },
    backupCopyRegion: ORGANIZATION.nonProduction.backupCopyRegion,
    profile: EnvironmentProfile.NON_PRODUCTION,
    incidentContact: INCIDENT_CONTACT,
    domainName: 'orders.test.seller.example',
    hostedZoneId: 'Z9876543210ABCDEFGHIJ',
    hostedZoneName: 'test.seller.example',
  });
  pipeline.addEnvironment(nonProduction);
  pipeline.addEnvironment(production);
  return { app, pipeline, organization, production, nonProduction };
}

if (require.main === module) {
  const { app } = organizationApp();
  addEveryChecker(app);
  app.synth();
}
