import * as fs from 'fs';
import * as path from 'path';
import { App, Stack, Stage, Validations, aws_s3 as s3, cx_api as cxapi } from 'aws-cdk-lib';
import { NagMessageLevel } from 'cdk-nag';
import { DppChecks, PiiFreeLogGroup, PiiKey } from '../../lib';
import { ACKNOWLEDGEMENT_RULES } from '../../lib/checks/acknowledgement-rules';
import { CHECKS_METADATA_TYPE } from '../../lib/checks/checks-record';
import { DppRule, isWaivable, ruleInfo } from '../../lib/checks/dpp-rule';
import { DPP_RULES } from '../../lib/checks/rule-table';
import { CONTROLS, ControlKind, controlById, isControlId } from '../../lib/controls';
import { testStack } from '../helpers';

const { ERROR, WARN } = NagMessageLevel;

/**
 * Every finding code each rule can return (`Unresolved::...` aside), pinned by hand: a code a
 * rule starts to return must be added here, with its cause in the rule table.
 */
const FINDING_CODES: Readonly<Record<string, readonly string[]>> = {
  DataStoreClassified: ['MissingTag', 'UnknownClass'],
  DataStoreDeclarationConsistent: ['DeclaresPiiFields', 'NamesPii'],
  DataStoreRetained: [
    'DeletionPolicy',
    'DeletionProtection',
    'NoBackups',
    'NoPointInTimeRecovery',
    'UpdateReplacePolicy',
  ],
  S3BucketTlsOnly: ['SecureTransport'],
  S3BucketPublicAccessBlocked: ['BlockPublicAccessOff', 'PublicAcl', 'WebsiteHosting'],
  S3BucketKmsEncrypted: ['AwsManagedKey', 'NoCustomerManagedKey', 'NotKms'],
  S3BucketVersioned: ['NotVersioned'],
  S3BucketExpiryByClass: [
    'Expiration',
    'NoncurrentExpiration',
    'ObjectLockOutlivesLimit',
    'ReplicaOutlivesLimit',
  ],
  S3AuditLogBucketLocked: [
    'EarlyExpiration',
    'NoObjectLock',
    'ObjectLockCompliance',
    'ObjectLockDays',
  ],
  S3TaxArchiveCold: ['ColdStorage', 'NoObjectLock', 'ObjectLockCompliance', 'ObjectLockDays'],
  DynamoDbTableKmsEncrypted: ['AwsManagedKey', 'NoCustomerManagedKey', 'NotKms'],
  DynamoDbTablePitr: ['NoPointInTimeRecovery'],
  DynamoDbTableTtlByClass: ['NoTimeToLive', 'PitrOutlivesLimit'],
  RdsStorageEncrypted: ['AwsManagedKey', 'NoCustomerManagedKey', 'NotEncrypted'],
  RdsNotPublic: ['PubliclyAccessible'],
  RdsTlsEnforced: ['TlsBelow12', 'TlsNotForced'],
  RdsCredentialsManaged: ['LiteralPassword', 'NoIamAuthentication'],
  RdsLogsExported: ['NoLogExports'],
  ElastiCacheTransitEncrypted: ['NoTransitEncryption', 'PlaintextAccepted'],
  ElastiCacheKmsEncrypted: ['AwsManagedKey', 'NoCustomerManagedKey', 'NoEncryptionAtRest'],
  OpenSearchTransitEncrypted: ['EnforceHttps', 'NodeToNode', 'TlsPolicy'],
  OpenSearchKmsEncrypted: ['AwsManagedKey', 'NoCustomerManagedKey', 'NoEncryptionAtRest'],
  OpenSearchInVpc: ['PublicEndpoint'],
  DataStoreCustomerKey: [
    'AwsManagedKey',
    'AwsOwnedKeyOnly',
    'NoCustomerManagedKey',
    'NotEncrypted',
  ],
  DataStoreTransitEncrypted: ['TlsBelow12', 'TlsNotForced'],
  ParameterGroupTls: ['TlsBelow12', 'TlsNotForced'],
  DataStoreNotPublic: ['PubliclyAccessible'],
  DataStoreOwned: ['EmptyOwner', 'MissingTag'],
  DataStoreAuthenticated: [
    'LiteralPassword',
    'NoAuthentication',
    'NoIamAuthentication',
    'OpenAccess',
  ],
  SqsQueueKmsEncrypted: ['AwsManagedKey', 'NoCustomerManagedKey', 'NotEncrypted'],
  SqsQueueTlsOnly: ['SecureTransport'],
  SnsTopicKmsEncrypted: ['AwsManagedKey', 'NoCustomerManagedKey'],
  SnsTopicTlsOnly: ['SecureTransport'],
  SnsTopicArchiveRetentionByClass: ['RetentionTooLong'],
  KinesisStreamKmsEncrypted: ['AwsManagedKey', 'NoCustomerManagedKey', 'NotKms'],
  KinesisStreamRetentionByClass: ['RetentionTooLong'],
  EfsKmsEncrypted: ['AwsManagedKey', 'NoCustomerManagedKey', 'NotEncrypted'],
  EfsTlsOnly: ['SecureTransport'],
  FsxKmsEncrypted: ['AwsManagedKey', 'NoCustomerManagedKey'],
  S3AccessPointPublicAccessBlocked: [
    'BlockPublicAcls',
    'BlockPublicPolicy',
    'IgnorePublicAcls',
    'RestrictPublicBuckets',
  ],
  S3DirectoryBucketKmsEncrypted: ['AwsManagedKey', 'NoCustomerManagedKey', 'NotKms'],
  S3TableBucketKmsEncrypted: ['AwsManagedKey', 'NoCustomerManagedKey', 'NotKms'],
  MskClusterKmsEncrypted: ['AwsManagedKey', 'NoCustomerManagedKey', 'ServiceManagedKey'],
  MskTransitEncrypted: ['ClientBrokerPlaintext', 'InClusterPlaintext'],
  MskClientAuthenticated: ['Unauthenticated'],
  MskTopicAccessControlled: ['AllowEveryoneWithoutAcl'],
  MskClusterNotPublic: ['PublicAccess'],
  FirehoseKmsEncrypted: ['AwsManagedKey', 'DestinationNotKms', 'NoCustomerManagedKey'],
  FirehoseDestinationTls: ['PlaintextEndpoint'],
  KinesisVideoStreamKmsEncrypted: ['AwsManagedKey', 'NoCustomerManagedKey'],
  KinesisVideoStreamRetentionByClass: ['RetentionTooLong'],
  MqBrokerKmsEncrypted: ['AwsManagedKey', 'AwsOwnedKey', 'NoCustomerManagedKey'],
  MqBrokerNotPublic: ['PubliclyAccessible'],
  MqBrokerNoLiteralPassword: ['LiteralPassword'],
  EventsKmsEncrypted: ['AwsManagedKey', 'NoCustomerManagedKey'],
  EventArchiveRetentionByClass: ['RetentionTooLong'],
  StepFunctionsKmsEncrypted: ['AwsManagedKey', 'AwsOwnedKey', 'NoCustomerManagedKey'],
  TransferTransitEncrypted: ['OldSecurityPolicy', 'PlaintextFtp', 'PlaintextUrl'],
  TransferServerNotPublic: ['PublicEndpoint'],
  DataSyncTransitEncrypted: ['NoPrivacy', 'NoSmb3', 'NoTls', 'PlaintextHttp', 'PlaintextNfs'],
  DataSyncNoLiteralCredential: ['LiteralPassword'],
  DmsReplicationInstanceNotPublic: ['PubliclyAccessible'],
  DmsReplicationInstanceKmsEncrypted: ['AwsManagedKey', 'NoCustomerManagedKey'],
  DmsEndpointTls: ['NoTls'],
  DmsEndpointNoLiteralPassword: ['LiteralPassword'],
  GlueSecurityConfigurationEncrypted: [
    'AwsManagedKey',
    'BookmarksNotKms',
    'LogsNotKms',
    'NoCustomerManagedKey',
    'S3NotKms',
  ],
  GlueDataCatalogEncrypted: [
    'AwsManagedKey',
    'CatalogNotEncrypted',
    'NoCustomerManagedKey',
    'PasswordsNotEncrypted',
  ],
  GlueJobSecurityConfiguration: ['NoSecurityConfiguration'],
  GlueConnectionTls: ['NoEnforceSsl'],
  GlueConnectionNoLiteralPassword: ['LiteralPassword'],
  AthenaWorkGroupEncrypted: [
    'AwsManagedKey',
    'ClientOverride',
    'NoCustomerManagedKey',
    'ResultsNotKms',
  ],
  SageMakerKmsEncrypted: ['AwsManagedKey', 'CaptureNotKms', 'NoCustomerManagedKey'],
  SageMakerNotPublic: ['DirectInternetAccess', 'PublicInternet'],
  SageMakerNotebookNoRootAccess: ['RootAccess'],
  LambdaNoLiteralSecrets: ['LiteralSecret'],
  LambdaNotPublic: ['PublicInvoke', 'PublicUrl'],
  LambdaLogGroupExplicit: ['ImplicitLogGroup'],
  EcrImagesImmutableScanned: ['MutableTags', 'NotScanned'],
  Ec2VolumeEncrypted: [
    'AwsManagedKey',
    'NoCustomerManagedKey',
    'NotEncrypted',
    'RootVolumeNotEncrypted',
  ],
  Ec2NoPublicIp: ['ElasticIp', 'Ipv6OnLaunch', 'MapPublicIpOnLaunch', 'PublicIp'],
  DataTierIsolated: ['DefaultVpc', 'SubnetRoutesToInternet'],
  SecurityGroupNoWorldIngress: ['WorldOpenIpv4', 'WorldOpenIpv6'],
  SecurityGroupNoPlaintextPorts: ['PlaintextPorts'],
  NetworkAclNoWorldIngress: ['WorldOpenIngress'],
  VpcFlowLogs: ['NoFlowLog', 'NotAllTraffic'],
  VpcDefaultSecurityGroupRestricted: ['DefaultSecurityGroupOpen'],
  VpcEndpointPolicyRestricted: ['FullAccessPolicy'],
  ElbListenerTls: [
    'OldTlsPolicy',
    'PlaintextListener',
    'PlaintextTarget',
    'RedirectToHttp',
    'SslPolicyUnset',
    'UdpListener',
    'UnknownProtocol',
    'UnknownTlsPolicy',
  ],
  ElbAccessLogs: ['NoAccessLogs'],
  ElbInternetFacingWaf: ['InternetFacingWithoutWaf'],
  ClassicElbListenerTls: [
    'OldTlsPolicy',
    'PlaintextBackend',
    'PlaintextListener',
    'SslPolicyUnset',
    'UnknownTlsPolicy',
  ],
  ClassicElbInternal: ['InternetFacing'],
  ClassicElbAccessLogs: ['NoAccessLogs'],
  ApiGatewayTls: ['OldTlsPolicy', 'SecurityPolicyUnset'],
  ApiGatewayAccessLogs: ['NoAccessLogs'],
  ApiGatewayWaf: ['PublicWithoutWaf'],
  CloudFrontTls: [
    'DefaultCertificate',
    'OriginHttp',
    'OriginTlsPolicy',
    'ViewerHttp',
    'ViewerTlsPolicy',
  ],
  CloudFrontWaf: ['NoWebAcl'],
  CloudFrontAccessLogs: ['NoAccessLogs'],
  KmsKeyRotation: ['NoRotation', 'NotAes256', 'RotationTooRare'],
  KmsKeyPolicyNoPublic: ['EveryonePrincipal'],
  KmsKeyUseNamedPrincipals: ['AccountWideUse'],
  KmsKeyRetainedWithData: ['DeletionPolicy', 'UpdateReplacePolicy'],
  IamNoWildcardDataActions: ['AllActions', 'ManagedPolicy', 'NotAction', 'ServiceWildcard'],
  IamNoWildcardDataResources: ['AnyResource'],
  IamNoUsersOrKeys: ['ConsolePassword', 'LongLivedAccessKey'],
  ResourcePolicyNamedPrincipals: ['EveryonePrincipal'],
  IamRoleTrustNamedPrincipals: ['AnyWebIdentity', 'EveryoneMayAssume'],
  IamActionsExist: ['NoMatch', 'UnknownAction'],
  SecretNoLiteralValue: ['LiteralSecretString'],
  SecretKmsEncrypted: ['AwsManagedKey', 'NoCustomerManagedKey'],
  SecretRotated: ['NoRotation', 'RotatedOnce'],
  UserPoolMfaRequired: ['MfaNotRequired', 'SmsOnlyMfa'],
  UserPoolThreatProtection: ['CustomAuthNotEnforced', 'NotEnforced', 'NotPlusPlan'],
  UserPoolRiskActions: ['CompromisedCredentialsAllowed', 'RiskSkipped', 'RiskySignInAllowed'],
  UserPoolPasswordPolicy: ['FewCharacterClasses', 'NoPasswordHistory', 'ShortPassword'],
  UserPoolDeletionProtection: ['NoDeletionProtection'],
  LogGroupRetention: ['RetentionInfinite', 'RetentionTooShort'],
  LogGroupKmsEncrypted: ['AwsManagedKey', 'NoCustomerManagedKey'],
  LogGroupDataProtection: [
    'NoAudit',
    'NoDataProtectionPolicy',
    'NoMasking',
    'UncoveredIdentifiers',
  ],
  TrailMultiRegionValidated: [
    'AwsManagedKey',
    'ExcludedEventSources',
    'NoCustomerManagedKey',
    'NoGlobalServiceEvents',
    'NoLogFileValidation',
    'NoManagementEvents',
    'NotLogging',
    'SingleRegion',
  ],
  BackupVaultEncryptedLocked: [
    'AwsManagedKey',
    'GovernanceLock',
    'NoCustomerManagedKey',
    'NoVaultLock',
  ],
  BackupPlanCrossRegionCopy: ['NoCopy', 'SameRegionCopy'],
  BackupPlanRetention: [
    'ColdStorageTooShort',
    'CopyKeptForever',
    'CopyRetainedTooLong',
    'KeptForever',
    'RetainedTooLong',
  ],
  PiiAppTrail: ['NoMultiRegionValidatedTrail'],
  PiiAppGuardDuty: ['NoGuardDuty'],
  PiiStoreBackedUp: ['NoBackupSelection'],
  PiiStoreAlarmed: ['NoEffectiveAlarm', 'NotWatched'],
  PiiStoreAccessLogged: ['NoDataEvents'],
};

/** The source of the file under lib/checks/rules that defines a rule's check function. */
function ruleSource(rule: DppRule): string {
  const root = path.join(__dirname, '../../lib/checks/rules');
  for (const dir of fs.readdirSync(root)) {
    for (const file of fs.readdirSync(path.join(root, dir))) {
      const source = fs.readFileSync(path.join(root, dir, file), 'utf8');
      if (source.includes(`export function ${rule.check.name}(`)) {
        // Codes may come from the rule helpers the source imports (one level deep).
        const helpers = [...source.matchAll(/from '(\.{1,2}\/[^']+)'/g)]
          .map((m) => path.join(root, dir, `${m[1]}.ts`))
          .filter((file) => file.startsWith(path.dirname(root)) && fs.existsSync(file))
          .map((file) => fs.readFileSync(file, 'utf8'));
        return [source, ...helpers].join('\n');
      }
    }
  }
  throw new Error(`no source defines ${rule.check.name}`);
}

/** The codes `checkCustomerKey` returns for the rules that call it. */
const CUSTOMER_KEY_CODES = ['AwsManagedKey', 'NoCustomerManagedKey'];

describe('DppChecks', () => {
  test('is a cdk-nag v3 pack named DPP', () => {
    const pack = new DppChecks();
    expect(pack.name).toBe('DPP');
    expect(pack.readPackName).toBe('DPP');
  });

  test('pins the rule table: ids, levels and clauses', () => {
    expect(DPP_RULES.map((r) => [r.id, r.level, r.clauses])).toEqual([
      ['DataStoreClassified', ERROR, ['DPP-DG-3', 'DPP-DR-1', 'DPP-25-NONPII']],
      ['DataStoreOwned', WARN, ['DPP-DG-2']],
      ['DataStoreDeclarationConsistent', ERROR, ['DPP-DG-3', 'DPP-DR-1']],
      ['DataStoreRetained', ERROR, ['DPP-DR-4', 'SOC-C5']],
      ['S3BucketTlsOnly', ERROR, ['DPP-NP-7', 'DPP-25-TLS', 'SOC-R6']],
      ['S3BucketPublicAccessBlocked', ERROR, ['DPP-NP-1', 'DPP-ES-3']],
      ['S3BucketKmsEncrypted', ERROR, ['DPP-ES-1', 'DPP-ES-2', 'SOC-R5']],
      ['S3BucketVersioned', ERROR, ['DPP-DR-4', 'SOC-C5']],
      ['S3BucketExpiryByClass', ERROR, ['DPP-DR-1', 'DPP-25-NONPII']],
      ['S3AuditLogBucketLocked', ERROR, ['DPP-LM-3', 'DPP-LM-5', 'DPP-25-LOG']],
      ['S3TaxArchiveCold', ERROR, ['DPP-DR-2']],
      ['DynamoDbTableKmsEncrypted', ERROR, ['DPP-ES-1', 'DPP-ES-2', 'SOC-R5']],
      ['DynamoDbTablePitr', ERROR, ['DPP-DR-4', 'SOC-C5']],
      ['DynamoDbTableTtlByClass', ERROR, ['DPP-DR-1', 'DPP-25-NONPII']],
      ['RdsStorageEncrypted', ERROR, ['DPP-ES-1', 'DPP-ES-2', 'SOC-R5']],
      ['RdsNotPublic', ERROR, ['DPP-NP-1']],
      ['RdsTlsEnforced', ERROR, ['DPP-NP-7', 'DPP-25-TLS', 'SOC-R6']],
      ['RdsCredentialsManaged', ERROR, ['DPP-NP-2', 'SOC-R1']],
      ['RdsLogsExported', ERROR, ['DPP-LM-2']],
      ['ElastiCacheTransitEncrypted', ERROR, ['DPP-NP-7', 'DPP-NP-8', 'SOC-R6']],
      ['ElastiCacheKmsEncrypted', ERROR, ['DPP-ES-1', 'DPP-ES-2', 'SOC-R5']],
      ['OpenSearchTransitEncrypted', ERROR, ['DPP-NP-7', 'DPP-NP-8', 'DPP-25-TLS', 'SOC-R6']],
      ['OpenSearchKmsEncrypted', ERROR, ['DPP-ES-1', 'DPP-ES-2', 'SOC-R5']],
      ['OpenSearchInVpc', ERROR, ['DPP-NP-1']],
      ['DataStoreCustomerKey', ERROR, ['DPP-ES-1', 'DPP-ES-2', 'SOC-R5']],
      ['DataStoreTransitEncrypted', ERROR, ['DPP-NP-7', 'DPP-NP-8', 'DPP-25-TLS', 'SOC-R6']],
      ['ParameterGroupTls', ERROR, ['DPP-NP-7', 'DPP-NP-8', 'DPP-25-TLS', 'SOC-R6']],
      ['DataStoreNotPublic', ERROR, ['DPP-NP-1']],
      ['DataStoreAuthenticated', ERROR, ['DPP-NP-2', 'SOC-R1']],
      ['SqsQueueKmsEncrypted', ERROR, ['DPP-ES-1', 'DPP-ES-2', 'SOC-R5']],
      ['SqsQueueTlsOnly', ERROR, ['DPP-NP-7', 'SOC-R6']],
      ['SnsTopicKmsEncrypted', ERROR, ['DPP-ES-1', 'DPP-ES-2', 'SOC-R5']],
      ['SnsTopicTlsOnly', ERROR, ['DPP-NP-7', 'SOC-R6']],
      ['SnsTopicArchiveRetentionByClass', ERROR, ['DPP-DR-1', 'DPP-25-NONPII']],
      ['KinesisStreamKmsEncrypted', ERROR, ['DPP-ES-1', 'DPP-ES-2', 'SOC-R5']],
      ['KinesisStreamRetentionByClass', ERROR, ['DPP-DR-1', 'DPP-25-NONPII']],
      ['EfsKmsEncrypted', ERROR, ['DPP-ES-1', 'DPP-ES-2', 'SOC-R5']],
      ['EfsTlsOnly', ERROR, ['DPP-NP-7', 'DPP-NP-8', 'SOC-R6']],
      ['FsxKmsEncrypted', ERROR, ['DPP-ES-1', 'DPP-ES-2', 'SOC-R5']],
      ['S3AccessPointPublicAccessBlocked', ERROR, ['DPP-NP-1', 'DPP-ES-3']],
      ['S3DirectoryBucketKmsEncrypted', ERROR, ['DPP-ES-1', 'DPP-ES-2', 'SOC-R5']],
      ['S3TableBucketKmsEncrypted', ERROR, ['DPP-ES-1', 'DPP-ES-2', 'SOC-R5']],
      ['MskClusterKmsEncrypted', ERROR, ['DPP-ES-1', 'DPP-ES-2', 'SOC-R5']],
      ['MskTransitEncrypted', ERROR, ['DPP-NP-7', 'DPP-NP-8', 'DPP-NP-9', 'SOC-R6']],
      ['MskClientAuthenticated', ERROR, ['DPP-NP-2', 'DPP-NP-3', 'SOC-R1']],
      ['MskTopicAccessControlled', ERROR, ['DPP-NP-3', 'SOC-C3']],
      ['MskClusterNotPublic', ERROR, ['DPP-NP-1']],
      ['FirehoseKmsEncrypted', ERROR, ['DPP-ES-1', 'DPP-ES-2', 'SOC-R5']],
      ['FirehoseDestinationTls', ERROR, ['DPP-NP-7', 'DPP-25-TLS', 'SOC-R6']],
      ['KinesisVideoStreamKmsEncrypted', ERROR, ['DPP-ES-1', 'DPP-ES-2', 'SOC-R5']],
      ['KinesisVideoStreamRetentionByClass', ERROR, ['DPP-DR-1', 'DPP-25-NONPII']],
      ['MqBrokerKmsEncrypted', ERROR, ['DPP-ES-1', 'DPP-ES-2', 'SOC-R5']],
      ['MqBrokerNotPublic', ERROR, ['DPP-NP-1']],
      ['MqBrokerNoLiteralPassword', ERROR, ['DPP-NP-2', 'SOC-R1']],
      ['EventsKmsEncrypted', ERROR, ['DPP-ES-1', 'DPP-ES-2', 'SOC-R5']],
      ['EventArchiveRetentionByClass', ERROR, ['DPP-DR-1', 'DPP-25-NONPII']],
      ['StepFunctionsKmsEncrypted', ERROR, ['DPP-ES-1', 'DPP-ES-2', 'SOC-R5']],
      ['TransferTransitEncrypted', ERROR, ['DPP-NP-7', 'DPP-NP-9', 'DPP-25-TLS', 'SOC-R6']],
      ['TransferServerNotPublic', ERROR, ['DPP-NP-1']],
      ['DataSyncTransitEncrypted', ERROR, ['DPP-NP-7', 'DPP-NP-8', 'DPP-NP-9', 'SOC-R6']],
      ['DataSyncNoLiteralCredential', ERROR, ['DPP-NP-2', 'SOC-R1']],
      ['DmsReplicationInstanceNotPublic', ERROR, ['DPP-NP-1']],
      ['DmsReplicationInstanceKmsEncrypted', ERROR, ['DPP-ES-1', 'DPP-ES-2', 'SOC-R5']],
      ['DmsEndpointTls', ERROR, ['DPP-NP-7', 'DPP-NP-8', 'DPP-25-TLS', 'SOC-R6']],
      ['DmsEndpointNoLiteralPassword', ERROR, ['DPP-NP-2', 'SOC-R1']],
      ['GlueSecurityConfigurationEncrypted', ERROR, ['DPP-ES-1', 'DPP-ES-2', 'SOC-R5']],
      ['GlueDataCatalogEncrypted', ERROR, ['DPP-ES-1', 'DPP-ES-2', 'SOC-R5']],
      ['GlueJobSecurityConfiguration', ERROR, ['DPP-ES-1', 'DPP-ES-2', 'SOC-R5']],
      ['GlueConnectionTls', ERROR, ['DPP-NP-7', 'DPP-NP-8', 'SOC-R6']],
      ['GlueConnectionNoLiteralPassword', ERROR, ['DPP-NP-2', 'SOC-R1']],
      ['AthenaWorkGroupEncrypted', ERROR, ['DPP-ES-1', 'DPP-ES-2', 'SOC-R5']],
      ['SageMakerKmsEncrypted', ERROR, ['DPP-ES-1', 'DPP-ES-2', 'SOC-R5']],
      ['SageMakerNotPublic', ERROR, ['DPP-NP-1']],
      ['SageMakerNotebookNoRootAccess', ERROR, ['DPP-LP-1']],
      ['LambdaNoLiteralSecrets', ERROR, ['DPP-NP-2', 'SOC-R1']],
      ['LambdaNotPublic', ERROR, ['DPP-NP-1', 'DPP-NP-3', 'SOC-C3']],
      ['LambdaLogGroupExplicit', ERROR, ['DPP-LM-4', 'DPP-LM-5', 'DPP-25-LOG', 'DPP-ES-1']],
      ['EcrImagesImmutableScanned', WARN, ['DPP-25-VULN', 'SOC-R4']],
      ['Ec2VolumeEncrypted', ERROR, ['DPP-ES-1', 'DPP-ES-2', 'SOC-R5']],
      ['Ec2NoPublicIp', ERROR, ['DPP-NP-1']],
      ['DataTierIsolated', ERROR, ['DPP-NP-1']],
      ['SecurityGroupNoWorldIngress', ERROR, ['DPP-NP-1']],
      ['SecurityGroupNoPlaintextPorts', ERROR, ['DPP-NP-9', 'SOC-R6']],
      ['NetworkAclNoWorldIngress', ERROR, ['DPP-NP-1']],
      ['VpcFlowLogs', ERROR, ['DPP-LM-1', 'SOC-R2']],
      ['VpcDefaultSecurityGroupRestricted', ERROR, ['DPP-NP-1']],
      ['VpcEndpointPolicyRestricted', WARN, ['DPP-NP-5']],
      ['ElbListenerTls', ERROR, ['DPP-NP-7', 'DPP-NP-9', 'DPP-25-TLS', 'SOC-R6']],
      ['ElbAccessLogs', ERROR, ['DPP-LM-2']],
      ['ElbInternetFacingWaf', ERROR, ['DPP-NP-1']],
      ['ClassicElbListenerTls', ERROR, ['DPP-NP-7', 'DPP-NP-9', 'DPP-25-TLS', 'SOC-R6']],
      ['ClassicElbInternal', ERROR, ['DPP-NP-1']],
      ['ClassicElbAccessLogs', ERROR, ['DPP-LM-2']],
      ['ApiGatewayTls', ERROR, ['DPP-NP-7', 'DPP-25-TLS', 'SOC-R6']],
      ['ApiGatewayAccessLogs', ERROR, ['DPP-LM-2']],
      ['ApiGatewayWaf', ERROR, ['DPP-NP-1']],
      ['CloudFrontTls', ERROR, ['DPP-NP-7', 'DPP-NP-9', 'DPP-25-TLS', 'SOC-R6']],
      ['CloudFrontWaf', ERROR, ['DPP-NP-1']],
      ['CloudFrontAccessLogs', ERROR, ['DPP-LM-2']],
      ['KmsKeyRotation', ERROR, ['DPP-ES-1', 'DPP-25-TLS']],
      ['KmsKeyPolicyNoPublic', ERROR, ['DPP-ES-2', 'DPP-NP-3']],
      ['KmsKeyUseNamedPrincipals', ERROR, ['DPP-ES-2', 'DPP-LP-2']],
      ['KmsKeyRetainedWithData', ERROR, ['DPP-DR-4', 'SOC-C5']],
      ['IamNoWildcardDataActions', ERROR, ['DPP-LP-1', 'SOC-C3']],
      ['IamNoWildcardDataResources', ERROR, ['DPP-LP-2', 'SOC-C3']],
      ['IamNoUsersOrKeys', ERROR, ['DPP-NP-2', 'SOC-R1']],
      ['ResourcePolicyNamedPrincipals', ERROR, ['DPP-NP-3', 'SOC-C3']],
      ['IamRoleTrustNamedPrincipals', ERROR, ['DPP-NP-3', 'DPP-LP-1']],
      ['IamActionsExist', ERROR, ['DPP-LP-1']],
      ['SecretNoLiteralValue', ERROR, ['DPP-NP-2', 'SOC-R1']],
      ['SecretKmsEncrypted', ERROR, ['DPP-ES-1', 'DPP-ES-2', 'SOC-R5']],
      ['SecretRotated', WARN, ['DPP-25-CRED']],
      ['UserPoolMfaRequired', ERROR, ['DPP-NP-6', 'SOC-R1']],
      ['UserPoolThreatProtection', ERROR, ['DPP-NP-6', 'DPP-25-LOCK', 'SOC-R1']],
      ['UserPoolRiskActions', ERROR, ['DPP-NP-6', 'DPP-25-LOCK', 'SOC-R1']],
      ['UserPoolPasswordPolicy', ERROR, ['SOC-R1', 'DPP-NP-6', 'DPP-25-CRED']],
      ['UserPoolDeletionProtection', ERROR, ['SOC-C5']],
      ['LogGroupRetention', ERROR, ['DPP-LM-5', 'DPP-25-LOG']],
      ['LogGroupKmsEncrypted', ERROR, ['DPP-ES-1', 'DPP-ES-2', 'DPP-LM-3']],
      ['LogGroupDataProtection', ERROR, ['DPP-LM-4']],
      ['TrailMultiRegionValidated', ERROR, ['DPP-LM-1', 'DPP-LM-3']],
      ['BackupVaultEncryptedLocked', ERROR, ['DPP-DR-3', 'DPP-ES-1', 'DPP-ES-2', 'SOC-R5']],
      ['BackupPlanCrossRegionCopy', ERROR, ['DPP-25-BACKUP']],
      ['BackupPlanRetention', ERROR, ['DPP-DR-1', 'DPP-25-NONPII', 'DPP-DR-3']],
      ['PiiAppTrail', ERROR, ['DPP-LM-1']],
      ['PiiAppGuardDuty', ERROR, ['DPP-LM-1', 'SOC-R2']],
      ['PiiStoreBackedUp', ERROR, ['DPP-DR-3', 'DPP-DR-4', 'SOC-C5']],
      ['PiiStoreAlarmed', ERROR, ['DPP-LM-6']],
      ['PiiStoreAccessLogged', ERROR, ['DPP-LM-2']],
    ]);
  });

  test('pins the rules that cannot be waived: each keeps PII from being public, plaintext or unencrypted', () => {
    expect(DPP_RULES.filter((r) => !isWaivable(r)).map((r) => r.id)).toEqual([
      'S3BucketTlsOnly',
      'S3BucketPublicAccessBlocked',
      'S3BucketKmsEncrypted',
      'DynamoDbTableKmsEncrypted',
      'RdsStorageEncrypted',
      'RdsNotPublic',
      'RdsTlsEnforced',
      'ElastiCacheTransitEncrypted',
      'ElastiCacheKmsEncrypted',
      'OpenSearchTransitEncrypted',
      'OpenSearchKmsEncrypted',
      'OpenSearchInVpc',
      'DataStoreCustomerKey',
      'DataStoreTransitEncrypted',
      'ParameterGroupTls',
      'DataStoreNotPublic',
      'SqsQueueKmsEncrypted',
      'SqsQueueTlsOnly',
      'SnsTopicKmsEncrypted',
      'SnsTopicTlsOnly',
      'KinesisStreamKmsEncrypted',
      'EfsKmsEncrypted',
      'EfsTlsOnly',
      'FsxKmsEncrypted',
      'S3AccessPointPublicAccessBlocked',
      'S3DirectoryBucketKmsEncrypted',
      'S3TableBucketKmsEncrypted',
      'MskClusterKmsEncrypted',
      'MskTransitEncrypted',
      'MskClusterNotPublic',
      'FirehoseKmsEncrypted',
      'FirehoseDestinationTls',
      'KinesisVideoStreamKmsEncrypted',
      'MqBrokerKmsEncrypted',
      'MqBrokerNotPublic',
      'EventsKmsEncrypted',
      'StepFunctionsKmsEncrypted',
      'TransferTransitEncrypted',
      'DataSyncTransitEncrypted',
      'DmsReplicationInstanceNotPublic',
      'DmsReplicationInstanceKmsEncrypted',
      'DmsEndpointTls',
      'GlueSecurityConfigurationEncrypted',
      'GlueDataCatalogEncrypted',
      'GlueJobSecurityConfiguration',
      'GlueConnectionTls',
      'AthenaWorkGroupEncrypted',
      'SageMakerKmsEncrypted',
      'Ec2VolumeEncrypted',
      'DataTierIsolated',
      'ElbListenerTls',
      'ClassicElbListenerTls',
      'ApiGatewayTls',
      'CloudFrontTls',
      'SecretKmsEncrypted',
      'LogGroupKmsEncrypted',
      'BackupVaultEncryptedLocked',
    ]);
    const unwaivableClauses = ['DPP-NP-1', 'DPP-NP-7', 'DPP-NP-8', 'DPP-25-TLS', 'DPP-ES-1'];
    for (const rule of DPP_RULES.filter((r) => !isWaivable(r))) {
      expect([rule.id, rule.clauses.some((c) => unwaivableClauses.includes(c))]).toEqual([
        rule.id,
        true,
      ]);
    }
  });

  test('pins the pack-level rules on acknowledgements: ids, levels, no resource types, none waivable', () => {
    expect(
      ACKNOWLEDGEMENT_RULES.map((r) => [r.id, r.level, r.resourceTypes, r.causes, isWaivable(r)]),
    ).toEqual([
      ['AcknowledgementForbidden', ERROR, [], undefined, false],
      ['AcknowledgementExpired', ERROR, [], undefined, false],
    ]);
    for (const rule of ACKNOWLEDGEMENT_RULES) {
      expect(DPP_RULES.map((r) => r.id)).not.toContain(rule.id);
    }
  });

  test('every fix is one sentence that ends with a stop, and no cause ends with one', () => {
    for (const rule of [...DPP_RULES, ...ACKNOWLEDGEMENT_RULES]) {
      // A stop followed by a space would start a second sentence (`e.g.` aside).
      const sentences = rule.fix.replace(/e\.g\./g, 'eg').split(/\.\s/).length;
      expect([rule.id, rule.fix.endsWith('.'), sentences]).toEqual([rule.id, true, 1]);
      for (const cause of [rule.summary, ...Object.values(rule.causes ?? {})]) {
        expect([rule.id, cause.endsWith('.')]).toEqual([rule.id, false]);
      }
    }
  });

  test('every finding code of every rule is pinned and has a cause', () => {
    expect(
      Object.fromEntries(DPP_RULES.map((r) => [r.id, Object.keys(r.causes ?? {}).sort()])),
    ).toEqual(
      Object.fromEntries(Object.entries(FINDING_CODES).map(([id, c]) => [id, [...c].sort()])),
    );
    for (const rule of DPP_RULES) {
      for (const cause of Object.values(rule.causes ?? {})) {
        expect([rule.id, cause.length > 20 && !cause.endsWith('.')]).toEqual([rule.id, true]);
      }
    }
  });

  test('every pinned code is one the rule source returns', () => {
    for (const rule of DPP_RULES) {
      const source = ruleSource(rule);
      const missing = (FINDING_CODES[rule.id] ?? []).filter((code) =>
        CUSTOMER_KEY_CODES.includes(code)
          ? !source.includes('checkCustomerKey(')
          : !new RegExp(`['\`]${code}(::|['\`])`).test(source),
      );
      expect([rule.id, missing]).toEqual([rule.id, []]);
    }
  });

  test('rule ids are unique', () => {
    expect(new Set(DPP_RULES.map((r) => r.id)).size).toBe(DPP_RULES.length);
  });

  test('every enforced clause of the catalog has at least one rule', () => {
    const covered = new Set(DPP_RULES.flatMap((r) => r.clauses));
    const enforced = CONTROLS.filter((c) => c.kind === ControlKind.ENFORCED).map((c) => c.id);
    expect(enforced.filter((id) => !covered.has(id))).toEqual([]);
  });

  test('a rule is an error when it enforces an enforced clause, a warning otherwise', () => {
    for (const rule of DPP_RULES) {
      const enforced = rule.clauses.some((c) => controlById(c).kind === ControlKind.ENFORCED);
      expect([rule.id, rule.level]).toEqual([rule.id, enforced ? ERROR : WARN]);
    }
  });

  test('every rule cites catalog clauses in the text a user sees', () => {
    for (const rule of DPP_RULES) {
      expect(rule.clauses.length).toBeGreaterThan(0);
      rule.clauses.forEach((c) => expect(isControlId(c)).toBe(true));
      expect(ruleInfo(rule)).toContain(`(${rule.clauses.join(', ')})`);
    }
  });

  test('a rule that fails on a resource is a finding with its clauses and its fix', () => {
    const [rule] = DPP_RULES.filter((r) => r.id === 'S3BucketVersioned');
    const check = jest.spyOn(rule, 'check').mockImplementation(() => {
      throw new Error('Unexpected value\nat line 2');
    });
    try {
      const stack = testStack('Shop');
      new s3.Bucket(stack, 'Orders');
      const report = new DppChecks().validateScope(stack);
      expect(report.violations.filter((v) => v.ruleName === 'DPP-S3BucketVersioned')).toEqual([
        {
          ruleName: 'DPP-S3BucketVersioned',
          severity: 'error',
          description:
            'The S3 bucket may hold Amazon data but does not keep object versions, and the rule ' +
            'failed on the resource (Unexpected value), so it cannot be judged (DPP-DR-4, SOC-C5). ' +
            'Fix: Set `versioned: true`.',
          violatingResources: [
            { constructPath: 'Shop/Orders/Resource', locations: ['Properties'] },
          ],
        },
      ]);
    } finally {
      check.mockRestore();
    }
  });

  test('a finding names the construct path, the rule, its specific cause, the clauses and the fix', () => {
    const stack = testStack('Shop');
    new s3.Bucket(stack, 'Orders');
    const report = new DppChecks().validateScope(stack);
    const violation = report.violations.find(
      (v) => v.ruleName === 'DPP-S3BucketTlsOnly[SecureTransport]',
    );
    expect(violation).toMatchObject({
      severity: 'error',
      description:
        'No bucket policy denies, to everyone, requests sent without TLS (`aws:SecureTransport` false) ' +
        '(DPP-NP-7, DPP-25-TLS, SOC-R6). Fix: Set `enforceSSL: true` on the bucket, or use a ' +
        'cdk-dpp bucket construct.',
      violatingResources: [{ constructPath: 'Shop/Orders/Resource' }],
    });
    expect(report.success).toBe(false);
  });

  test('a plain bucket beside cdk-dpp constructs fails the synth, naming rules and clauses', () => {
    const app = new App({ builtinCloudFormationValidation: false });
    Validations.of(app).addPlugins(new DppChecks(app));
    const stack = new Stack(app, 'Shop');
    new PiiFreeLogGroup(stack, 'Logs', { encryptionKey: new PiiKey(stack, 'Key') });
    new s3.Bucket(stack, 'B');
    let message = '';
    try {
      app.synth();
    } catch (error) {
      message = (error as Error).message;
    }
    for (const expected of [
      'Shop/B/Resource',
      'DPP-DataStoreClassified[MissingTag]',
      '(DPP-DG-3, DPP-DR-1, DPP-25-NONPII)',
      'DPP-S3BucketKmsEncrypted[NotKms]',
      '(DPP-ES-1, DPP-ES-2, SOC-R5)',
      'DPP-S3BucketPublicAccessBlocked[BlockPublicAccessOff]',
    ]) {
      expect(message).toContain(expected);
    }
    expect(message).not.toContain('Shop/Logs');
  });

  test('an acknowledgement keeps its reason on the construct for the evidence report', () => {
    const stack = testStack('Shop');
    const bucket = new s3.Bucket(stack, 'Orders');
    const reason = 'Holds public product images only, reviewed by the security team.';
    Validations.of(bucket).acknowledge({ id: 'DPP-DataStoreClassified[MissingTag]', reason });
    const report = new DppChecks().validateScope(stack);
    expect(report.violations.map((v) => v.ruleName)).not.toContain(
      'DPP-DataStoreClassified[MissingTag]',
    );
    const entries = bucket.node.metadata.filter(
      (m) => m.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY,
    );
    expect(JSON.stringify(entries.map((m) => m.data))).toContain(reason);
  });

  describe('the record it leaves in the cloud assembly', () => {
    const { version } = JSON.parse(
      fs.readFileSync(path.join(__dirname, '../../package.json'), 'utf8'),
    ) as { version: string };
    const RECORD = { pack: 'DPP', version, rules: DPP_RULES.map((r) => `DPP-${r.id}`) };
    const recordsOf = (artifact: cxapi.CloudFormationStackArtifact) =>
      artifact.findMetadataByType(CHECKS_METADATA_TYPE).map((m) => [m.path, m.data]);

    test('names the pack, its version and its rule ids, on every stack under its scope', () => {
      const app = new App({ builtinCloudFormationValidation: false });
      new Stack(app, 'Early');
      const stage = new Stage(app, 'Prod');
      new Stack(stage, 'Keys');
      const pack = new DppChecks(app);
      new Stack(app, 'Late');
      new Stack(stage, 'Logs');
      const assembly = app.synth();
      expect(assembly.stacks.map(recordsOf)).toEqual([[['/Early', RECORD]], [['/Late', RECORD]]]);
      expect(stage.synth().stacks.map(recordsOf)).toEqual([
        [['/Prod/Keys', RECORD]],
        [['/Prod/Logs', RECORD]],
      ]);
      expect([pack.version, pack.ruleIds]).toEqual([RECORD.version, RECORD.rules]);
    });

    test('is left once per stack, however many packs are constructed', () => {
      const app = new App({ builtinCloudFormationValidation: false });
      new Stack(app, 'Shop');
      new DppChecks(app);
      new DppChecks(app);
      expect(app.synth().stacks.map(recordsOf)).toEqual([[['/Shop', RECORD]]]);
    });

    test('is not left without a scope, nor in a stage created after the pack', () => {
      const app = new App({ builtinCloudFormationValidation: false });
      new DppChecks();
      new Stack(app, 'Unscoped');
      const late = new Stage(app, 'Late');
      new DppChecks(new Stack(app, 'Other'));
      new Stack(late, 'Orphan');
      expect(app.synth().stacks.map(recordsOf)).toEqual([[['/Other', RECORD]], []]);
      expect(late.synth().stacks.map(recordsOf)).toEqual([[]]);
    });
  });

  test('fails cdk synth when registered as a plugin', () => {
    const app = new App({ builtinCloudFormationValidation: false });
    Validations.of(app).addPlugins(new DppChecks(app));
    new s3.Bucket(new Stack(app, 'Shop'), 'Orders');
    expect(() => app.synth()).toThrow(/DPP-S3BucketTlsOnly\[SecureTransport\]/);
  });
});
