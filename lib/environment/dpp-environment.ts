import { CfnParameter, Stage, Tags, Token } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { OWNER_TAG } from '../../constructs/common/owner';
import { ChangeNotices } from '../../constructs/monitoring/change-notices';
import { declareNotApplicable } from '../report/clause-not-applicable';
import { ApplicationStack } from './application-stack';
import { BackupCopyStack } from './backup-copy-stack';
import { BucketEventsToEventBridge } from './bucket-events-to-event-bridge';
import { DataStack } from './data-stack';
import {
  DppEnvironmentProps,
  EnvironmentSettings,
  REGION_PATTERN,
  environmentSettings,
} from './dpp-environment-props';
import { EnvironmentProfile } from './environment-profile';

/** The pattern of the `CustomerNoticeEmail` parameter. */
const EMAIL_PATTERN = '^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$';
/**
 * The pattern of the `ReleaseVersion` parameter: a version such as `2.4.1` or `2.4.1-rc.1+42`.
 * The value lands inside the JSON of the notice rules' input templates, which EventBridge
 * refuses when it is not valid JSON: quotes, backslashes and line breaks are kept out.
 */
const RELEASE_VERSION_PATTERN = '^[0-9A-Za-z][0-9A-Za-z.+_-]{0,63}$';

/** Why a non-production environment builds no change notices, as the evidence report shows it. */
const NON_PRODUCTION_NOTICES_REASON =
  'A non-production environment serves no customer: change notices go out for production deployments only.';

/**
 * The reference environment of an SP-API order-processing workload, compliant with the DPP by
 * default: a `Stage`, so `cdk deploy` or CDK Pipelines can put it into several accounts.
 *
 * Stacks split along lifecycles, each depending only on the data stack:
 * - `Data`: network, keys, stores, tax archive, data roles and kill switch, and the audit layer
 *   (trail, baseline, alarms, canaries, backups, auditor): long-lived, termination-protected;
 * - `Application`: the TLS-only endpoint and the sample service: replaceable, holds no data;
 * - `BackupCopy`: the vault in the second region that receives the backup copies, deployed after
 *   `Data`, whose backup role its key names.
 *
 * In production, `ChangeNotices` in `Data` tells the customers of every deployment of each of
 * the three stacks (SOC-C6); a non-production environment declares SOC-C6 not applicable on
 * `Data`, with the reason the evidence report shows.
 * Every taggable resource carries the `dpp:owner` tag of `owner` (DPP-DG-2).
 */
export class DppEnvironment extends Stage {
  /** Network, keys, stores, roles and the audit layer. */
  public readonly data: DataStack;
  /** Endpoint and sample service. */
  public readonly application: ApplicationStack;
  /** The second-region backup vault. */
  public readonly backupCopy: BackupCopyStack;
  /**
   * The customer change notices of a production environment (SOC-C6); none in non-production.
   */
  public readonly changeNotices?: ChangeNotices;
  /** What the deployment is for: `DppPipeline` puts a manual approval before production. */
  public readonly profile: EnvironmentProfile;

  public constructor(scope: Construct, id: string, props: DppEnvironmentProps) {
    super(scope, id, props);
    const settings = environmentSettings(this, props);
    this.profile = settings.profile;
    Tags.of(this).add(OWNER_TAG, settings.owner);
    BucketEventsToEventBridge.applyTo(this);
    this.data = new DataStack(this, 'Data', { settings });
    this.application = new ApplicationStack(this, 'Application', { settings, data: this.data });
    this.backupCopy = new BackupCopyStack(this, 'BackupCopy', {
      env: { account: props.env?.account, region: settings.backupCopyRegion },
    });
    // The copy vault's key names the data stack's backup role, which must exist first.
    this.backupCopy.addStackDependency(this.data);
    if (settings.profile === EnvironmentProfile.PRODUCTION) {
      this.changeNotices = this.tellCustomers(settings);
    } else {
      declareNotApplicable(this.data, {
        clause: 'SOC-C6',
        construct: 'DppEnvironment',
        reason: NON_PRODUCTION_NOTICES_REASON,
      });
    }
  }

  /**
   * The change notices of every stack, in the data stack. Contacts and version the props do not
   * give are deployment parameters of the data stack. The backup copy stack forwards its events
   * to the data stack's region: a parameter of its own when the data stack has no known region.
   */
  private tellCustomers(settings: EnvironmentSettings): ChangeNotices {
    const notices = new ChangeNotices(this.data, 'ChangeNotices', {
      contacts: settings.customerContacts ?? [
        new CfnParameter(this.data, 'CustomerNoticeEmail', {
          type: 'String',
          description: 'E-mail of the customer contact told of every production change (SOC-C6)',
          allowedPattern: EMAIL_PATTERN,
          constraintDescription: 'must be an e-mail address',
        }).valueAsString,
      ],
      version:
        settings.releaseVersion ??
        new CfnParameter(this.data, 'ReleaseVersion', {
          type: 'String',
          description:
            'The version of the release being deployed, named in the change notices (SOC-C6); pass it on every deployment',
          allowedPattern: RELEASE_VERSION_PATTERN,
          constraintDescription:
            'must be a version of letters, digits and . + _ - (at most 64 characters)',
        }).valueAsString,
    });
    notices.notifyChangesOf(this.data);
    notices.notifyChangesOf(this.application);
    notices.notifyChangesOf(this.backupCopy, {
      noticeRegion: Token.isUnresolved(this.data.region)
        ? new CfnParameter(this.backupCopy, 'ChangeNoticeRegion', {
            type: 'String',
            description:
              'The region of the Data stack, where the change notices are sent from (SOC-C6)',
            allowedPattern: REGION_PATTERN,
            constraintDescription: 'must be a region name',
          }).valueAsString
        : this.data.region,
    });
    return notices;
  }
}
