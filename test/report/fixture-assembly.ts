import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import {
  App,
  Aws,
  IPolicyValidationPlugin,
  Stack,
  Stage,
  Tags,
  Validations,
  aws_cloudtrail as cloudtrail,
  aws_guardduty as guardduty,
  aws_iam as iam,
  aws_organizations as organizations,
  aws_s3 as s3,
} from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { DATA_CLASS_TAG, DataClass } from '../../constructs/common/data-class';
import { DppMetadata } from '../../constructs/common/dpp-metadata';
import { OWNER_TAG } from '../../constructs/common/owner';
import { PiiKey } from '../../constructs/encryption/pii-key';
import { ChangeNotices } from '../../constructs/monitoring/change-notices';
import { secureBucketProps } from '../../constructs/storage/secure-bucket-props';
import { DppChecks } from '../../lib/checks/dpp-checks';
import { EnvironmentProfile } from '../../lib/environment/environment-profile';
import { declareNotApplicable } from '../../lib/report/clause-not-applicable';
import { markOrganizationLevel } from '../../lib/report/organization-level';

/** A fresh empty folder under the system temp folder. */
export function tempDir(prefix: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `cdk-dpp-${prefix}-`));
}

/** A validation plugin that finds nothing, for apps synthesized without the DPP pack. */
const SILENT_PLUGIN: IPolicyValidationPlugin = {
  name: 'Silent',
  validate: () => ({ success: true, violations: [] }),
};

/**
 * Synthesizes an app into a temp folder and returns the folder. With `dppChecks` (the default)
 * the DPP pack is registered after the app is built, so it records itself on every stack, staged
 * ones included; without it only a plugin that finds nothing is. The synth throws when the pack
 * reports an error, after the assembly and its validation report are written; the fixture keeps
 * the assembly.
 */
export function synthAssembly(prefix: string, build: (app: App) => void, dppChecks = true): string {
  return synthInto(tempDir(prefix), (app) => {
    build(app);
    Validations.of(app).addPlugins(dppChecks ? new DppChecks(app) : SILENT_PLUGIN);
  });
}

/**
 * Synthesizes an app into `outdir` with the plugins `build` registers itself, and returns the
 * folder. Like `synthAssembly`, it keeps the assembly of a synth that fails validation.
 */
export function synthInto(outdir: string, build: (app: App) => void): string {
  const app = new App({
    outdir,
    builtinCloudFormationValidation: false,
    context: { 'aws:cdk:bundling-stacks': [], 'aws:cdk:enable-path-metadata': true },
  });
  build(app);
  try {
    app.synth();
  } catch (error) {
    if (!/A copy of this report can be found in/.test((error as Error).message)) throw error;
  }
  return outdir;
}

/** Why the app of `failSynthBeforeValidation` fails. */
export const CONSTRUCT_ERROR = 'the fixture fails before validation';

/**
 * A synth into `outdir` that fails before CDK validates the app: the DPP pack is constructed
 * (it marks the attempt), then a construct reports an error. The assembly already in `outdir`
 * stays as it was, so it is older than this attempt.
 */
export function failSynthBeforeValidation(outdir: string): void {
  try {
    synthInto(outdir, (app) => {
      new Stack(app, 'Site').node.addValidation({ validate: () => [CONSTRUCT_ERROR] });
      Validations.of(app).addPlugins(new DppChecks(app));
    });
  } catch (error) {
    if ((error as Error).message.includes(CONSTRUCT_ERROR)) return;
    throw error;
  }
  throw new Error('the synth did not fail before validation');
}

/** The account of the one stack of `scopedApp` whose environment is known in full. */
export const SCOPED_ACCOUNT = '111122223333';

/**
 * An app with two stages and two packs, without a finding: the DPP pack on the app, and, with
 * `awsSolutions`, cdk-nag's AwsSolutions pack on the `Prod` stage only. `Site` knows its account
 * and region, `Prod/Keys` only its region (from its stage), `Dev/Api` neither (tokens).
 */
export function scopedApp(awsSolutions: boolean): (app: App) => void {
  return (app) => {
    new Stack(app, 'Site', { env: { account: SCOPED_ACCOUNT, region: 'eu-west-1' } });
    const prod = new Stage(app, 'Prod', { env: { region: 'us-east-1' } });
    const keys = new Stack(prod, 'Keys');
    new iam.Role(keys, 'Reader', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
    const dev = new Stage(app, 'Dev');
    new Stack(dev, 'Api', { env: { account: Aws.ACCOUNT_ID, region: Aws.REGION } });
    if (awsSolutions) Validations.of(prod).addPlugins(new AwsSolutionsChecks(prod));
    Validations.of(app).addPlugins(new DppChecks(app));
  };
}

/** The reason the fixture gives for its acknowledgements. */
export const WEBSITE_REASON =
  'Public website assets without Amazon data, rebuilt from the repository on every deploy.';

/** The reason the fixture gives for its opt-out. */
export const OPT_OUT_REASON =
  'Orders are replayed from the SP-API each night, so a second copy would only add exposure.';

/**
 * An app with a violation (a plain bucket, tagged but undeclared and without an owner), a declared
 * PII store with an owner, a reader and an opt-out, and a stage whose stack sits in a nested
 * assembly.
 */
export function violatingApp(app: App): void {
  const stack = new Stack(app, 'Data');
  const key = new PiiKey(stack, 'DataKey', { alias: 'fixture/data' });
  const orders = new s3.Bucket(stack, 'Orders', secureBucketProps({ encryptionKey: key }));
  const reader = new iam.Role(stack, 'Reader', {
    assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
  });
  DppMetadata.of(orders.node.defaultChild as s3.CfnBucket)
    .implementsControls('PiiBucket', ['DPP-DR-1', 'DPP-ES-1', 'DPP-NP-7'])
    .declareData(
      DataClass.PII,
      {
        purpose: 'Ship orders to buyers',
        piiFields: ['shippingAddress', 'buyerName'],
        owner: FIXTURE_OWNER,
      },
      30,
      'S3 lifecycle expiration after 30 days, noncurrent versions included',
      'Delete the objects under the order id prefix',
    )
    .addReader(reader)
    .addOptOut({ setting: 'backupCopy', clauses: ['DPP-DR-4'], reason: OPT_OUT_REASON });
  const open = new s3.Bucket(stack, 'Open');
  Tags.of(open).add(DATA_CLASS_TAG, DataClass.AMAZON_DATA);

  const stage = new Stage(app, 'Prod');
  const inner = new Stack(stage, 'Keys');
  new PiiKey(inner, 'StageKey');
}

/** The owner of the fixture's PII store and of the compliant app (DPP-DG-2). */
export const FIXTURE_OWNER = 'orders-team@seller.example';

/**
 * An app without a DPP finding: one bucket without Amazon data, encrypted with its own key, owned
 * through its stack.
 */
export function compliantApp(app: App): void {
  const stack = new Stack(app, 'Site');
  Tags.of(stack).add(OWNER_TAG, FIXTURE_OWNER);
  const key = new PiiKey(stack, 'SiteKey', { alias: 'fixture/site' });
  const assets = new s3.Bucket(stack, 'Assets', secureBucketProps({ encryptionKey: key }));
  Tags.of(assets).add(DATA_CLASS_TAG, DataClass.NO_AMAZON_DATA);
}

/**
 * An app with a finding acknowledged, with a reason, on the bucket it concerns (versioning), beside
 * two that stay open: the bucket has no data-class tag and is encrypted with SSE-S3.
 */
export function acknowledgedApp(app: App): void {
  const stack = new Stack(app, 'Site');
  const website = new s3.Bucket(stack, 'Website', {
    ...secureBucketProps({}),
    versioned: false,
  });
  Validations.of(website).acknowledge({
    id: 'DPP-S3BucketVersioned[NotVersioned]',
    reason: WEBSITE_REASON,
  });
}

/** The accounts and regions of `multiStageApp`: two workload stages and the management account. */
export const MULTI_STAGE = {
  prod: { account: '111111111111', region: 'eu-west-1', backupRegion: 'us-east-1' },
  dev: { account: '222222222222', region: 'us-east-1' },
  management: { account: '333333333333', region: 'us-east-1' },
} as const;

/** Why `multiStageApp` marks its security-tooling stack organization-level. */
export const TOOLING_MARK = 'registers the delegated administrator of GuardDuty';

/**
 * An app of two workload stages in two accounts and regions, beside organization-level stacks:
 * `Prod` (a KMS-encrypted, TLS-only bucket in `Data`, unversioned with an acknowledgement, and a
 * `BackupCopy` stack in a second region) and `Dev` (the same bucket, versioned, without TLS
 * enforcement); the app's own `Management` stack
 * with an organization trail that validates its log files; and an `Org` stage whose `Guardrails`
 * holds a service control policy and whose own `Security` stage holds `Tooling`, marked
 * organization-level.
 */
export function multiStageApp(app: App): void {
  const { prod, dev, management } = MULTI_STAGE;
  const workload = (stage: Stage, enforceSSL: boolean, versioned = true) => {
    const stack = new Stack(stage, 'Data');
    Tags.of(stack).add(OWNER_TAG, FIXTURE_OWNER);
    const key = new PiiKey(stack, 'DataKey', { alias: `fixture/${stage.node.id.toLowerCase()}` });
    const bucket = new s3.Bucket(stack, 'Assets', {
      ...secureBucketProps({ encryptionKey: key }),
      ...(!enforceSSL && { enforceSSL: false, minimumTLSVersion: undefined }),
      versioned,
    });
    Tags.of(bucket).add(DATA_CLASS_TAG, DataClass.NO_AMAZON_DATA);
    if (!versioned) {
      // Only Prod's bucket declares its data (DPP-DG-3's mechanism): Dev's stage lacks it.
      DppMetadata.of(bucket.node.defaultChild as s3.CfnBucket).declareData(
        DataClass.NO_AMAZON_DATA,
        { purpose: 'Public website assets', piiFields: [], owner: FIXTURE_OWNER },
        30,
        'S3 lifecycle expiration after 30 days',
        'Nothing to erase: the bucket holds no personal data',
      );
      Validations.of(bucket).acknowledge({
        id: 'DPP-S3BucketVersioned[NotVersioned]',
        reason: WEBSITE_REASON,
      });
    }
    return stack;
  };
  const prodStage = new Stage(app, 'Prod', { env: { account: prod.account, region: prod.region } });
  workload(prodStage, true, false);
  const backup = new Stack(prodStage, 'BackupCopy', {
    env: { account: prod.account, region: prod.backupRegion },
  });
  new PiiKey(backup, 'BackupKey', { alias: 'fixture/backup' });
  workload(new Stage(app, 'Dev', { env: { account: dev.account, region: dev.region } }), false);

  const managementStack = new Stack(app, 'Management', { env: management });
  new cloudtrail.CfnTrail(managementStack, 'OrganizationTrail', {
    isLogging: true,
    isMultiRegionTrail: true,
    isOrganizationTrail: true,
    enableLogFileValidation: true,
    includeGlobalServiceEvents: true,
    s3BucketName: 'org-audit-archive-444444444444',
    kmsKeyId: 'arn:aws:kms:us-east-1:444444444444:key/1234abcd-12ab-34cd-56ef-1234567890ab',
  });
  // A control of the management account alone: it is no mechanism of the workload accounts.
  new guardduty.CfnDetector(managementStack, 'ManagementDetector', { enable: true });
  const org = new Stage(app, 'Org', { env: management });
  new organizations.CfnPolicy(new Stack(org, 'Guardrails'), 'KeepTrailsOn', {
    name: 'keep-trails-on',
    type: 'SERVICE_CONTROL_POLICY',
    content: {
      Version: '2012-10-17',
      Statement: [{ Effect: 'Deny', Action: 'cloudtrail:StopLogging', Resource: '*' }],
    },
    targetIds: ['r-ab12'],
  });
  // A stage inside a stage: its stacks sit in a nested assembly of the Org stage's.
  const tooling = new Stack(new Stage(org, 'Security'), 'Tooling');
  new iam.Role(tooling, 'DelegationRole', {
    assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
  });
  markOrganizationLevel(tooling, TOOLING_MARK);
}

/** A stage of the non-production profile, as a non-production `DppEnvironment` is. */
export class NonProductionStage extends Stage {
  public readonly profile = EnvironmentProfile.NON_PRODUCTION;
}

/** The reason `noticesApp` declares SOC-C6 not applicable to its non-production stage. */
export const NO_CUSTOMER_REASON = 'The stage serves no customer: notices go out for production.';

/**
 * An app of two workload stages, each a `Data` stack with a key: `Production` tells its customers
 * of its deployments (`ChangeNotices`, SOC-C6's mechanism), `NonProduction` builds no notices and
 * declares SOC-C6 not applicable on its `Data` stack, as a non-production `DppEnvironment` does.
 */
export function noticesApp(app: App): void {
  const data = (stage: Stage) => {
    const stack = new Stack(stage, 'Data');
    Tags.of(stack).add(OWNER_TAG, FIXTURE_OWNER);
    new PiiKey(stack, 'DataKey', { alias: `fixture/${stage.node.id.toLowerCase()}` });
    return stack;
  };
  const production = data(new Stage(app, 'Production'));
  new ChangeNotices(production, 'ChangeNotices', {
    contacts: ['changes@customer.example'],
    version: '1.0.0',
  }).notifyChangesOf(production);
  declareNotApplicable(data(new NonProductionStage(app, 'NonProduction')), {
    clause: 'SOC-C6',
    construct: 'DppEnvironment',
    reason: NO_CUSTOMER_REASON,
  });
}
