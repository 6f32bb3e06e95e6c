import { aws_kms as kms, aws_sagemaker as sagemaker, Stack } from 'aws-cdk-lib';
import { DataClass } from '../../../constructs/common/data-class';
import { testStack } from '../../helpers';
import { classify, findingsOf, unresolvedString } from '../rule-helpers';

const ROLE = 'arn:aws:iam::111122223333:role/sagemaker';

/** A notebook instance with the given settings. */
function notebook(
  stack: Stack,
  props: Partial<sagemaker.CfnNotebookInstanceProps> = {},
): sagemaker.CfnNotebookInstance {
  return new sagemaker.CfnNotebookInstance(stack, 'Notebook', {
    instanceType: 'ml.t3.medium',
    roleArn: ROLE,
    ...props,
  });
}

/** A notebook without any of the findings of the rules. */
function privateNotebook(stack: Stack): Partial<sagemaker.CfnNotebookInstanceProps> {
  return {
    kmsKeyId: new kms.Key(stack, 'Key').keyId,
    directInternetAccess: 'Disabled',
    rootAccess: 'Disabled',
    subnetId: 'subnet-1',
    securityGroupIds: ['sg-1'],
  };
}

/** A domain with the given settings. */
function domain(stack: Stack, props: Partial<sagemaker.CfnDomainProps> = {}): void {
  new sagemaker.CfnDomain(stack, 'Domain', {
    authMode: 'IAM',
    defaultUserSettings: { executionRole: ROLE },
    domainName: 'science',
    subnetIds: ['subnet-1'],
    vpcId: 'vpc-1',
    ...props,
  });
}

/** An endpoint configuration with the given settings. */
function endpointConfig(stack: Stack, props: Partial<sagemaker.CfnEndpointConfigProps> = {}): void {
  new sagemaker.CfnEndpointConfig(stack, 'Endpoint', {
    productionVariants: [
      {
        modelName: 'model',
        variantName: 'main',
        initialInstanceCount: 1,
        instanceType: 'ml.m5.large',
      },
    ],
    ...props,
  });
}

describe('SageMakerKmsEncrypted', () => {
  const ID = 'SageMakerKmsEncrypted';

  test('a notebook, a domain and an endpoint without a key are flagged', () => {
    for (const make of [notebook, domain, endpointConfig]) {
      const stack = testStack();
      make(stack);
      expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[NoCustomerManagedKey]`]);
    }
  });

  test('an endpoint capturing payloads without a key is flagged', () => {
    const stack = testStack();
    endpointConfig(stack, {
      kmsKeyId: new kms.Key(stack, 'Key').keyArn,
      dataCaptureConfig: {
        captureOptions: [{ captureMode: 'Input' }],
        destinationS3Uri: 's3://capture/',
        initialSamplingPercentage: 100,
      },
    });
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[CaptureNotKms]`]);
  });

  test('customer keys comply; a no-amazon-data notebook is not judged', () => {
    const stack = testStack();
    notebook(stack, privateNotebook(stack));
    expect(findingsOf(stack, ID)).toEqual([]);
    const other = testStack('Other');
    classify(notebook(other), DataClass.NO_AMAZON_DATA);
    expect(findingsOf(other, ID)).toEqual([]);
  });

  test('an unresolved key is reported', () => {
    const stack = testStack();
    domain(stack, { kmsKeyId: unresolvedString(stack) });
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[Unresolved::KmsKeyId]`]);
  });
});

describe('SageMakerNotPublic', () => {
  const ID = 'SageMakerNotPublic';

  test('a notebook with the default (direct internet access) is flagged', () => {
    const stack = testStack();
    notebook(stack);
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[DirectInternetAccess]`]);
  });

  test('a domain with the default (PublicInternetOnly) is flagged, VpcOnly complies', () => {
    const stack = testStack();
    domain(stack);
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[PublicInternet]`]);
    const other = testStack('Other');
    domain(other, { appNetworkAccessType: 'VpcOnly' });
    expect(findingsOf(other, ID)).toEqual([]);
  });

  test('a private notebook complies; an unresolved setting is reported', () => {
    const stack = testStack();
    notebook(stack, privateNotebook(stack));
    expect(findingsOf(stack, ID)).toEqual([]);
    const other = testStack('Other');
    notebook(other, { directInternetAccess: unresolvedString(other) });
    expect(findingsOf(other, ID)).toEqual([`DPP-${ID}[Unresolved::DirectInternetAccess]`]);
  });
});

describe('SageMakerNotebookNoRootAccess', () => {
  const ID = 'SageMakerNotebookNoRootAccess';

  test('the default and an explicit Enabled are flagged; Disabled complies', () => {
    const stack = testStack();
    notebook(stack);
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[RootAccess]`]);
    const enabled = testStack('Enabled');
    notebook(enabled, { rootAccess: 'Enabled' });
    expect(findingsOf(enabled, ID)).toEqual([`DPP-${ID}[RootAccess]`]);
    const other = testStack('Other');
    notebook(other, privateNotebook(other));
    expect(findingsOf(other, ID)).toEqual([]);
  });

  test('an unresolved setting is reported', () => {
    const stack = testStack();
    notebook(stack, { rootAccess: unresolvedString(stack) });
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[Unresolved::RootAccess]`]);
  });
});
