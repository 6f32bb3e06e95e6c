#!/usr/bin/env node
import { App, Stack, Validations, pipelines } from 'aws-cdk-lib';
import {
  AwsSolutionsChecks,
  HIPAASecurityChecks,
  NIST80053R5Checks,
  PCIDSS321Checks,
} from 'cdk-nag';
import { DppChecks, DppEnvironment, EnvironmentProfile } from '../lib';
import { ControlTowerChecks } from '../lib/control-tower';
import { DppPipeline } from '../lib/environment/dpp-pipeline';
import { packageVersion } from '../lib/package-version';

/**
 * The organization of an SP-API seller, one stack per account role: the deployment account's
 * pipeline, which deploys the reference environment to a production and a non-production account
 * in two regions. The accounts, the repository and the connection are examples; replace them
 * with yours (`cdk bootstrap --trust <deployment account>` in every target account and region).
 *
 * Every checker of `bin/dpp.ts` is registered on the app, so `cdk synth` (and the pipeline's
 * synth step, which runs this app) fails on any finding in any stack of any stage.
 */
export const ORGANIZATION = {
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

/** Builds the organization app; `bin/organization.ts` synthesizes it, the tests inspect it. */
export function organizationApp(app: App = new App()): {
  app: App;
  pipeline: DppPipeline;
  production: DppEnvironment;
  nonProduction: DppEnvironment;
} {
  knowAvailabilityZones(app);

  // Organization: the organization-wide stacks (guardrails, organization trail, log archive,
  // security tooling) join here, one stack per account role.

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
  return { app, pipeline, production, nonProduction };
}

if (require.main === module) {
  const { app } = organizationApp();
  Validations.of(app).addPlugins(
    new DppChecks(app),
    new AwsSolutionsChecks(app),
    new NIST80053R5Checks(app),
    new HIPAASecurityChecks(app),
    new PCIDSS321Checks(app),
    new ControlTowerChecks(),
  );
  app.synth();
}
