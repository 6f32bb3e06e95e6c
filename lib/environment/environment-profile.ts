import { aws_ec2 as ec2 } from 'aws-cdk-lib';

/**
 * What a deployment of the reference environment is for. The profile changes what the
 * environment costs while it stands, never a control: every key, log, alarm, backup, retention
 * and check is the same in both (docs/cost.md lists the differences and their prices). Only
 * production tells customers of its changes (SOC-C6: patches applied to production).
 */
export enum EnvironmentProfile {
  /**
   * Interface endpoints in every availability zone of the VPC, a `db.t4g.medium` database, and
   * customer change notices of every deployment (`ChangeNotices`).
   */
  PRODUCTION = 'production',
  /**
   * For test and staging accounts: the interface endpoints in one availability zone, the
   * database one instance class smaller (`db.t4g.small`), still Multi-AZ (DPP-DR-4). The
   * evidence report names the profile.
   */
  NON_PRODUCTION = 'non-production',
}

/** How many availability zones hold the interface endpoints of a non-production environment. */
export const NON_PRODUCTION_INTERFACE_ENDPOINT_AZS = 1;

/** The instance class of the database of a non-production environment. */
export const NON_PRODUCTION_DATABASE_INSTANCE_TYPE = ec2.InstanceType.of(
  ec2.InstanceClass.T4G,
  ec2.InstanceSize.SMALL,
);

/**
 * Why the profile is recorded beside the resources it changes: an auditor reading the evidence
 * report sees a non-production environment as such. It gives up no clause.
 */
export const NON_PRODUCTION_PROFILE_REASON =
  'Non-production profile: the interface endpoints sit in one availability zone and the ' +
  'database is a db.t4g.small, still Multi-AZ, for an environment that holds no production ' +
  'workload; every control, log, alarm, backup and retention is the same as in production.';
