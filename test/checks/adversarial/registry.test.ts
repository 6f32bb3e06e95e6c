import { CfnResource, Stack, aws_ecr as ecr } from 'aws-cdk-lib';
import { testApp, testStack } from '../../helpers';
import { findingsOf } from '../rule-helpers';

/**
 * The weaknesses of the ECR rule written in other shapes than the obvious one: L1 instead of
 * L2, property overrides, the exclusion values of tag mutability, an absent property that leaves
 * the service default, and a registry configuration that does not really scan.
 */

const ID = 'EcrImagesImmutableScanned';

function compliantRepository(stack: Stack): ecr.Repository {
  return new ecr.Repository(stack, 'Repo', {
    repositoryName: 'orders',
    imageTagMutability: ecr.TagMutability.IMMUTABLE,
    imageScanOnPush: true,
  });
}

describe('ECR repositories', () => {
  test('an L1 repository without properties is mutable and unscanned by default', () => {
    const stack = testStack();
    new ecr.CfnRepository(stack, 'Repo');
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[MutableTags]`, `DPP-${ID}[NotScanned]`]);
  });

  test.each(['IMMUTABLE_WITH_EXCLUSION', 'MUTABLE_WITH_EXCLUSION', 'immutable'])(
    'tag mutability %s leaves tags that can move',
    (value) => {
      const stack = testStack();
      const repo = compliantRepository(stack);
      (repo.node.defaultChild as ecr.CfnRepository).addPropertyOverride(
        'ImageTagMutability',
        value,
      );
      expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[MutableTags]`]);
    },
  );

  test('an override that deletes the tag mutability leaves the MUTABLE default', () => {
    const stack = testStack();
    const repo = compliantRepository(stack);
    (repo.node.defaultChild as ecr.CfnRepository).addPropertyDeletionOverride('ImageTagMutability');
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[MutableTags]`]);
  });

  test('scan on push turned off by an override, or as the text "false", is not scanning', () => {
    for (const value of [false, 'false']) {
      const stack = testStack();
      const repo = compliantRepository(stack);
      (repo.node.defaultChild as ecr.CfnRepository).addPropertyOverride(
        'ImageScanningConfiguration.ScanOnPush',
        value,
      );
      expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[NotScanned]`]);
    }
  });

  test('a registry rule with the manual frequency, or a basic registry rule that scans continuously, scans nothing', () => {
    for (const [scanType, scanFrequency] of [
      ['ENHANCED', 'MANUAL'],
      ['BASIC', 'CONTINUOUS_SCAN'],
    ]) {
      const stack = testStack();
      new ecr.CfnRegistryScanningConfiguration(stack, 'Registry', {
        scanType,
        rules: [{ scanFrequency, repositoryFilters: [{ filter: '*', filterType: 'WILDCARD' }] }],
      });
      compliantRepository(stack);
      expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[NotScanned]`]);
    }
  });

  test('Inspector enabled without ECR scanning scans no repository', () => {
    const stack = testStack();
    new CfnResource(stack, 'EnableInspector', {
      type: 'Custom::AWS',
      properties: {
        Create:
          '{"service":"Inspector2","action":"enable","parameters":{"resourceTypes":["EC2","LAMBDA"]}}',
      },
    });
    new ecr.Repository(stack, 'Repo', { imageTagMutability: ecr.TagMutability.IMMUTABLE });
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[NotScanned]`]);
  });

  test('a registry configuration without rules turns scanning off for every repository', () => {
    const stack = testStack();
    new ecr.CfnRegistryScanningConfiguration(stack, 'Registry', { scanType: 'BASIC', rules: [] });
    compliantRepository(stack);
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[NotScanned]`]);
  });

  test('a registry configuration in another stack of the app governs too', () => {
    const app = testApp();
    new ecr.CfnRegistryScanningConfiguration(new Stack(app, 'Account'), 'Registry', {
      scanType: 'ENHANCED',
      rules: [
        {
          scanFrequency: 'SCAN_ON_PUSH',
          repositoryFilters: [{ filter: 'prod-*', filterType: 'WILDCARD' }],
        },
      ],
    });
    const stack = new Stack(app, 'Images');
    compliantRepository(stack);
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[NotScanned]`]);
  });

  test('a filter that only contains the name as a pattern does not match it loosely', () => {
    const stack = testStack();
    new ecr.CfnRegistryScanningConfiguration(stack, 'Registry', {
      scanType: 'ENHANCED',
      rules: [
        {
          scanFrequency: 'SCAN_ON_PUSH',
          repositoryFilters: [{ filter: 'ord*s-prod', filterType: 'WILDCARD' }],
        },
      ],
    });
    compliantRepository(stack);
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[NotScanned]`]);
  });
});
