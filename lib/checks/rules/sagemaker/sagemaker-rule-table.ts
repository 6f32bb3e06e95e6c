import { NagMessageLevel } from 'cdk-nag';
import { DppRule } from '../../dpp-rule';
import { sageMakerKmsEncrypted } from './sagemaker-kms-encrypted';
import { sageMakerNotPublic } from './sagemaker-not-public';
import { sageMakerNotebookNoRootAccess } from './sagemaker-notebook-no-root-access';

const { ERROR } = NagMessageLevel;

/** The Amazon SageMaker AI rules. */
export const SAGEMAKER_RULES: readonly DppRule[] = [
  {
    id: 'SageMakerKmsEncrypted',
    level: ERROR,
    waivable: false,
    resourceTypes: [
      'AWS::SageMaker::NotebookInstance',
      'AWS::SageMaker::EndpointConfig',
      'AWS::SageMaker::Domain',
    ],
    clauses: ['DPP-ES-1', 'DPP-ES-2', 'SOC-R5'],
    summary:
      'The SageMaker notebook, endpoint or domain may hold Amazon data but its storage is not encrypted with a customer-managed KMS key',
    causes: {
      NoCustomerManagedKey:
        'No `KmsKeyId` is set, so SageMaker encrypts the storage with an AWS managed key',
      AwsManagedKey: 'The storage is encrypted with an AWS managed key',
      CaptureNotKms: 'The endpoint captures requests and responses without a `KmsKeyId`',
    },
    explanation:
      'Notebook volumes, endpoint volumes and captured payloads hold Amazon data at rest, under keys only the developer controls.',
    fix: 'set `kmsKeyId` to a customer-managed key (and `dataCaptureConfig.kmsKeyId` when capturing).',
    check: sageMakerKmsEncrypted,
  },
  {
    id: 'SageMakerNotPublic',
    level: ERROR,
    resourceTypes: ['AWS::SageMaker::NotebookInstance', 'AWS::SageMaker::Domain'],
    clauses: ['DPP-NP-1'],
    summary: 'The SageMaker notebook or domain reaches the internet directly, around the VPC',
    causes: {
      DirectInternetAccess:
        'The notebook instance has direct internet access (`DirectInternetAccess` defaults to `Enabled`)',
      PublicInternet:
        'The domain runs its apps with public internet access (`AppNetworkAccessType` defaults to `PublicInternetOnly`)',
    },
    explanation:
      'Every path to and from Amazon data passes the network firewall; a direct internet path bypasses it.',
    fix: "set `directInternetAccess: 'Disabled'` (domains: `appNetworkAccessType: 'VpcOnly'`) with a subnet and security groups.",
    check: sageMakerNotPublic,
  },
  {
    id: 'SageMakerNotebookNoRootAccess',
    level: ERROR,
    resourceTypes: ['AWS::SageMaker::NotebookInstance'],
    clauses: ['DPP-LP-1'],
    summary:
      'The notebook instance gives its users root access (`RootAccess` defaults to `Enabled`), so they can change its own controls',
    causes: {
      RootAccess:
        'Users of the notebook instance get root access (`RootAccess` Enabled, the default)',
    },
    explanation:
      'Access is fine-grained: a notebook user gets the data access of its role, not control of the host.',
    fix: "set `rootAccess: 'Disabled'`.",
    check: sageMakerNotebookNoRootAccess,
  },
];
