import { DataStoreProfile } from './data-store-profile';

/** A type that keeps data at rest under the KMS key named at `key`, a key AWS owns when absent. */
function keyAt(type: string, store: boolean, ...key: string[]): DataStoreProfile {
  return { type, store, atRest: { key } };
}

/** An S3 Vectors bucket or index: SSE-S3 unless `SseType` is `aws:kms` with a key named. */
function vectorStore(type: string, store: boolean): DataStoreProfile {
  return {
    type,
    store,
    atRest: {
      key: ['EncryptionConfiguration', 'KmsKeyArn'],
      keyType: {
        path: ['EncryptionConfiguration', 'SseType'],
        whenAbsent: 'AES256',
        customerManaged: 'aws:kms',
      },
    },
  };
}

/**
 * Managed services that keep data an application may give them (customer profiles, search
 * indexes, knowledge bases, archives, model artifacts, job outputs, integrations) and encrypt it
 * at rest under a key AWS owns unless the resource names a customer-managed key. Those with
 * `store: true` are data stores in their own right (classified, retained); the others are judged
 * unless tagged `no-amazon-data`. Each key path is the resource's own CloudFormation property.
 */
export const MANAGED_SERVICE_PROFILES: readonly DataStoreProfile[] = [
  // Stores of records an application writes.
  keyAt('AWS::CustomerProfiles::Domain', true, 'DefaultEncryptionKey'),
  keyAt('AWS::CustomerProfiles::ObjectType', false, 'EncryptionKey'),
  keyAt('AWS::CustomerProfiles::DomainObjectType', false, 'EncryptionKey'),
  keyAt('AWS::CustomerProfiles::Integration', false, 'FlowDefinition', 'KmsArn'),
  keyAt('AWS::HealthImaging::Datastore', true, 'KmsKeyArn'),
  {
    type: 'AWS::HealthLake::FHIRDatastore',
    store: true,
    atRest: {
      key: ['SseConfiguration', 'KmsEncryptionConfig', 'KmsKeyId'],
      keyType: {
        path: ['SseConfiguration', 'KmsEncryptionConfig', 'CmkType'],
        whenAbsent: 'AWS_OWNED_KMS_KEY',
        customerManaged: 'CUSTOMER_MANAGED_KMS_KEY',
      },
    },
  },
  keyAt('AWS::Kendra::Index', true, 'ServerSideEncryptionConfiguration', 'KmsKeyId'),
  keyAt('AWS::S3Files::FileSystem', true, 'KmsKeyId'),
  vectorStore('AWS::S3Vectors::VectorBucket', true),
  vectorStore('AWS::S3Vectors::Index', false),
  keyAt('AWS::SES::MailManagerArchive', true, 'KmsKeyArn'),
  {
    type: 'AWS::StorageGateway::Volume',
    store: true,
    atRest: { enabled: { path: ['KMSEncrypted'], whenAbsent: false }, key: ['KMSKey'] },
  },
  {
    type: 'AWS::StorageGateway::Tape',
    store: false,
    atRest: { enabled: { path: ['KMSEncrypted'], whenAbsent: false }, key: ['KMSKey'] },
  },
  {
    type: 'AWS::WorkspacesInstances::Volume',
    store: false,
    atRest: { enabled: { path: ['Encrypted'], whenAbsent: false }, key: ['KmsKeyId'] },
  },
  {
    type: 'AWS::WorkSpaces::Workspace',
    store: false,
    atRest: {
      enabled: { path: ['UserVolumeEncryptionEnabled'], whenAbsent: false },
      key: ['VolumeEncryptionKey'],
    },
  },
  {
    type: 'AWS::AppSync::ApiCache',
    store: false,
    atRest: { enabled: { path: ['AtRestEncryptionEnabled'], whenAbsent: false } },
    transit: {
      flag: { path: ['TransitEncryptionEnabled'], whenAbsent: 'false' },
      accepted: ['true'],
    },
  },
  keyAt('AWS::CloudTrail::EventDataStore', false, 'KmsKeyId'),
  keyAt('AWS::Backup::LogicallyAirGappedBackupVault', false, 'EncryptionKeyArn'),
  keyAt('AWS::ElastiCache::ServerlessCacheSnapshot', false, 'KmsKeyId'),
  keyAt('AWS::MemoryDB::Snapshot', false, 'KmsKeyId'),
  keyAt('AWS::FSx::FileCache', false, 'KmsKeyId'),
  keyAt('AWS::EventsV2::EventBus', false, 'EncryptionConfiguration', 'KmsKeyIdentifier'),
  keyAt('AWS::OSIS::Pipeline', false, 'EncryptionAtRestOptions', 'KmsKeyArn'),
  keyAt('AWS::SSM::ResourceDataSync', false, 'S3Destination', 'KMSKeyArn'),
  // Data movement and integration.
  keyAt('AWS::AppFlow::Flow', false, 'KMSArn'),
  keyAt('AWS::AppFlow::ConnectorProfile', false, 'KMSArn'),
  keyAt('AWS::DataBrew::Job', false, 'EncryptionKeyArn'),
  keyAt('AWS::DMS::ReplicationConfig', false, 'ComputeConfig', 'KmsKeyId'),
  {
    type: 'AWS::DMS::InstanceProfile',
    store: false,
    atRest: { key: ['KmsKeyArn'] },
    public: { path: ['PubliclyAccessible'], whenAbsent: false },
  },
  keyAt('AWS::Glue::Integration', false, 'KmsKeyId'),
  keyAt('AWS::RDS::Integration', false, 'KMSKeyId'),
  keyAt('AWS::Redshift::Integration', false, 'KMSKeyId'),
  keyAt('AWS::Redshift::SnapshotCopyGrant', false, 'KmsKeyId'),
  keyAt('AWS::RDS::CustomDBEngineVersion', false, 'KMSKeyId'),
  keyAt('AWS::Timestream::ScheduledQuery', false, 'KmsKeyId'),
  keyAt('AWS::DataZone::Domain', false, 'KmsKeyIdentifier'),
  // Knowledge bases, assistants and model artifacts built from the data they are given.
  keyAt('AWS::Bedrock::Agent', false, 'CustomerEncryptionKeyArn'),
  keyAt('AWS::Bedrock::Flow', false, 'CustomerEncryptionKeyArn'),
  keyAt('AWS::Bedrock::Prompt', false, 'CustomerEncryptionKeyArn'),
  keyAt('AWS::Bedrock::Session', false, 'EncryptionKeyArn'),
  keyAt('AWS::Bedrock::Guardrail', false, 'KmsKeyArn'),
  keyAt('AWS::Bedrock::Blueprint', false, 'KmsKeyId'),
  keyAt('AWS::Bedrock::DataAutomationProject', false, 'KmsKeyId'),
  keyAt('AWS::Bedrock::DataAutomationLibrary', false, 'EncryptionConfiguration', 'KmsKeyId'),
  keyAt('AWS::Bedrock::AutomatedReasoningPolicy', false, 'KmsKeyId'),
  keyAt('AWS::Bedrock::DataSource', false, 'ServerSideEncryptionConfiguration', 'KmsKeyArn'),
  keyAt('AWS::BedrockAgentCore::Memory', false, 'EncryptionKeyArn'),
  keyAt('AWS::BedrockAgentCore::Gateway', false, 'KmsKeyArn'),
  keyAt('AWS::BedrockAgentCore::Dataset', false, 'KmsKeyArn'),
  keyAt('AWS::BedrockAgentCore::Evaluator', false, 'KmsKeyArn'),
  keyAt('AWS::BedrockAgentCore::ConfigurationBundle', false, 'KmsKeyArn'),
  keyAt('AWS::BedrockAgentCore::PolicyEngine', false, 'EncryptionKeyArn'),
  keyAt('AWS::CleanRooms::IdMappingTable', false, 'KmsKeyArn'),
  keyAt('AWS::CleanRooms::IntermediateTable', false, 'KmsKeyArn'),
  keyAt('AWS::CleanRoomsML::ConfiguredModelAlgorithm', false, 'KmsKeyArn'),
  keyAt('AWS::Comprehend::DocumentClassifier', false, 'ModelKmsKeyId'),
  keyAt('AWS::Comprehend::EntityRecognizer', false, 'ModelKmsKeyId'),
  keyAt('AWS::Comprehend::Flywheel', false, 'DataSecurityConfig', 'DataLakeKmsKeyId'),
  keyAt('AWS::Forecast::Dataset', false, 'EncryptionConfig', 'KmsKeyArn'),
  keyAt('AWS::LookoutEquipment::InferenceScheduler', false, 'ServerSideKmsKeyId'),
  keyAt('AWS::LookoutMetrics::AnomalyDetector', false, 'KmsKeyArn'),
  keyAt('AWS::OpenSearchService::Application', false, 'KmsKeyArn'),
  keyAt('AWS::Personalize::DatasetGroup', false, 'KmsKeyArn'),
  keyAt('AWS::QBusiness::Application', false, 'EncryptionConfiguration', 'KmsKeyId'),
  keyAt('AWS::Rekognition::StreamProcessor', false, 'KmsKeyId'),
  keyAt('AWS::Translate::ParallelData', false, 'EncryptionKey', 'Id'),
  keyAt('AWS::Wisdom::Assistant', false, 'ServerSideEncryptionConfiguration', 'KmsKeyId'),
  keyAt('AWS::Wisdom::KnowledgeBase', false, 'ServerSideEncryptionConfiguration', 'KmsKeyId'),
  keyAt('AWS::SageMaker::ModelCard', false, 'SecurityConfig', 'KmsKeyId'),
  keyAt('AWS::SageMaker::ModelPackage', false, 'SecurityConfig', 'KmsKeyId'),
  keyAt('AWS::SageMaker::PartnerApp', false, 'KmsKeyId'),
  keyAt('AWS::SageMaker::DeviceFleet', false, 'OutputConfig', 'KmsKeyId'),
  keyAt('AWS::SageMaker::InferenceExperiment', false, 'KmsKey'),
  keyAt(
    'AWS::SageMaker::DataQualityJobDefinition',
    false,
    'DataQualityJobOutputConfig',
    'KmsKeyId',
  ),
  keyAt('AWS::SageMaker::ModelBiasJobDefinition', false, 'ModelBiasJobOutputConfig', 'KmsKeyId'),
  keyAt(
    'AWS::SageMaker::ModelExplainabilityJobDefinition',
    false,
    'ModelExplainabilityJobOutputConfig',
    'KmsKeyId',
  ),
  keyAt(
    'AWS::SageMaker::ModelQualityJobDefinition',
    false,
    'ModelQualityJobOutputConfig',
    'KmsKeyId',
  ),
  keyAt('AWS::SageMaker::ProcessingJob', false, 'ProcessingOutputConfig', 'KmsKeyId'),
];
