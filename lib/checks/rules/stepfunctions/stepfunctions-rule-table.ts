import { NagMessageLevel } from 'cdk-nag';
import { DppRule } from '../../dpp-rule';
import { stepFunctionsKmsEncrypted } from './stepfunctions-kms-encrypted';

const { ERROR } = NagMessageLevel;

/** The Step Functions rules. */
export const STEPFUNCTIONS_RULES: readonly DppRule[] = [
  {
    id: 'StepFunctionsKmsEncrypted',
    level: ERROR,
    waivable: false,
    resourceTypes: ['AWS::StepFunctions::StateMachine', 'AWS::StepFunctions::Activity'],
    clauses: ['DPP-ES-1', 'DPP-ES-2', 'SOC-R5'],
    summary:
      'The state machine or activity may carry Amazon data but does not encrypt it with a customer-managed KMS key',
    causes: {
      AwsOwnedKey:
        'Executions are encrypted with a key AWS owns (no `EncryptionConfiguration` of type `CUSTOMER_MANAGED_KMS_KEY`)',
      NoCustomerManagedKey: 'The encryption configuration names no `KmsKeyId`',
      AwsManagedKey: 'Executions are encrypted with an AWS managed key',
    },
    explanation:
      'Execution inputs, outputs and history keep Amazon data at rest, under keys only the developer controls.',
    fix: 'set `encryptionConfiguration: new CustomerManagedEncryptionConfiguration(key)`.',
    check: stepFunctionsKmsEncrypted,
  },
];
