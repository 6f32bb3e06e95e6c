import * as fs from 'fs';
import * as path from 'path';
import { Stack, Validations, aws_iam as iam } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import {
  SECURE_REPOSITORY_DEFAULT_MAX_IMAGES,
  SecureRepository,
  SecureRepositoryProps,
} from '../../../constructs/compute/secure-repository';
import { ControlTowerChecks } from '../../../lib/control-tower';
import { registerAllPacks, testApp, testStack } from '../../helpers';

function repository(props: SecureRepositoryProps = {}, stack: Stack = testStack()) {
  const construct = new SecureRepository(stack, 'Images', props);
  return { stack, construct };
}

function repositoryResource(stack: Stack) {
  return Object.values(Template.fromStack(stack).findResources('AWS::ECR::Repository'))[0];
}

describe('SecureRepository', () => {
  test('tags are immutable, images scanned on push and encrypted with a customer key', () => {
    const { stack, construct } = repository();
    const resource = repositoryResource(stack);
    expect(resource.Properties).toMatchObject({
      ImageTagMutability: 'IMMUTABLE',
      ImageScanningConfiguration: { ScanOnPush: true },
      EncryptionConfiguration: {
        EncryptionType: 'KMS',
        KmsKey: {
          'Fn::GetAtt': [
            stack.getLogicalId(construct.encryptionKey.node.defaultChild as never),
            'Arn',
          ],
        },
      },
    });
    expect(resource.Properties.RepositoryPolicyText).toBeUndefined();
  });

  test('the repository is retained, and a named one is deleted only when its creation rolls back', () => {
    expect(repositoryResource(repository().stack)).toMatchObject({
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
    });
    expect(repositoryResource(repository({ repositoryName: 'orders' }).stack)).toMatchObject({
      DeletionPolicy: 'RetainExceptOnCreate',
    });
  });

  test('the lifecycle policy keeps the newest images, never expiring by age', () => {
    const policy = JSON.parse(
      repositoryResource(repository().stack).Properties.LifecyclePolicy.LifecyclePolicyText,
    );
    expect(policy.rules).toEqual([
      {
        rulePriority: 1,
        description: `Keep the newest ${SECURE_REPOSITORY_DEFAULT_MAX_IMAGES} images`,
        selection: {
          tagStatus: 'any',
          countType: 'imageCountMoreThan',
          countNumber: SECURE_REPOSITORY_DEFAULT_MAX_IMAGES,
        },
        action: { type: 'expire' },
      },
    ]);
  });

  test('maxImageCount out of range throws, naming the prop', () => {
    expect(() => repository({ maxImageCount: 0 })).toThrow(/`maxImageCount`.*got: 0/);
  });

  test('a service principal may pull; another account may not without crossAccountAccess', () => {
    const { construct } = repository();
    construct.grantPull(new iam.ServicePrincipal('lambda.amazonaws.com'));
    expect(() => construct.grantPull(new iam.AccountPrincipal('444455556666'))).toThrow(
      /`addToResourcePolicy` may name only AWS service principals.*DPP-NP-1/,
    );
    expect(() => construct.grantPull(new iam.AnyPrincipal())).toThrow(/DPP-NP-1/);
  });

  test('crossAccountAccess with a reason admits another account, and records the reason', () => {
    const reason = 'The deployment account of the organization pulls the images it deploys.';
    const { stack, construct } = repository({ crossAccountAccess: { reason } });
    construct.grantPull(new iam.AccountPrincipal('444455556666'));
    const resource = repositoryResource(stack);
    expect(JSON.stringify(resource.Properties.RepositoryPolicyText)).toContain('444455556666');
    expect(resource.Metadata['cdk-dpp'].optOuts).toEqual([
      { setting: 'crossAccountAccess', clauses: ['DPP-NP-1'], reason },
    ]);
  });

  test('crossAccountAccess without a real reason throws', () => {
    expect(() => repository({ crossAccountAccess: { reason: ' ' } })).toThrow(
      /`crossAccountAccess.reason`/,
    );
  });

  test('synthesizes with zero open findings under every checker', () => {
    const app = testApp();
    registerAllPacks(app);
    Validations.of(app).addPlugins(new ControlTowerChecks());
    repository({}, new Stack(app, 'Test'));
    let failure = '';
    try {
      app.synth();
    } catch (error) {
      failure = String(error);
    }
    const file = path.join(app.outdir, 'validation-report.json');
    const report = fs.existsSync(file)
      ? (JSON.parse(fs.readFileSync(file, 'utf8')) as {
          pluginReports: {
            pluginName: string;
            violations: { ruleName: string; violatingConstructs: { constructPath: string }[] }[];
          }[];
        })
      : { pluginReports: [] };
    const open = report.pluginReports.flatMap((r) =>
      r.violations.flatMap((v) =>
        v.violatingConstructs.map((c) => `${r.pluginName} ${v.ruleName} ${c.constructPath}`),
      ),
    );
    expect(open).toEqual([]);
    expect(failure).toBe('');
  });
});
