import {
  CfnParameter,
  Stack,
  Tags,
  Token,
  aws_codebuild as codebuild,
  aws_codepipeline as codepipeline,
  aws_kms as kms,
  aws_s3 as s3,
  pipelines,
} from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { acknowledgeBuiltIn } from '../../constructs/common/built-in-acknowledgement';
import { checkOwner, OWNER_TAG } from '../../constructs/common/owner';
import { Problems } from '../../constructs/common/problems';
import { PiiFreeLogGroup } from '../../constructs/logging/pii-free-log-group';
import {
  AcknowledgedCodePipeline,
  CROSS_REGION_ARTIFACT_KEYS_REASON,
} from './acknowledged-code-pipeline';
import { DppEnvironment } from './dpp-environment';
import { EnvironmentProfile } from './environment-profile';
import { PipelineArtifactStore } from './pipeline-artifact-store';

/** What the synth step runs by default: the app's own `cdk synth`, with every checker it registers. */
const DEFAULT_SYNTH_COMMANDS = ['npm ci', 'npx cdk synth'];

/**
 * The Node.js major version of every CodeBuild project, pinned in the buildspec as CodeBuild
 * recommends (an image's default runtime changes when the previous one reaches end of life):
 * the package's `engines` floor.
 */
const NODE_RUNTIME_VERSION = '22';

/** Props of a `DppPipeline`. */
export interface DppPipelineProps {
  /**
   * Where the pipeline reads the app from, for example
   * `pipelines.CodePipelineSource.connection('seller/orders', 'main', { connectionArn })`: a
   * CodeConnections (CodeStar) connection holds the repository credentials, so none is in the
   * template.
   */
  readonly source: pipelines.IFileSetProducer;
  /**
   * Who answers for the pipeline and its artifacts: the `dpp:owner` tag of every taggable
   * resource of the pipeline (DPP-DG-2). A literal.
   */
  readonly owner: string;
  /**
   * The commands of the synth step, which must leave the cloud assembly in `cdk.out`. The app's
   * `cdk synth` runs every checker the app registers (`Validations.of(app).addPlugins(...)`): an
   * open finding fails the step, and no stage is deployed.
   * @default ['npm ci', 'npx cdk synth']
   */
  readonly synthCommands?: string[];
  /**
   * The name of the pipeline.
   * @default - a name CloudFormation generates
   */
  readonly pipelineName?: string;
}

/**
 * A CDK Pipelines `CodePipeline` that deploys `DppEnvironment` stages to their accounts, in a
 * stack with an explicit account and region. The synth step runs the app's `cdk synth`, so every
 * checker the app registers gates every stage. Artifacts are KMS-encrypted (`crossAccountKeys`,
 * yearly key rotation) in a `PipelineArtifactStore` per region: the pipeline's, and one in a
 * stack of its own in the pipeline account for every other region a stage deploys to, in place
 * of the support stacks CodePipeline would create. Build logs go to a `PiiFreeLogGroup`.
 * A production stage waits for a manual approval (SOC-C6: customers are told of the change).
 */
export class DppPipeline extends Construct {
  /**
   * The CDK Pipelines pipeline; add other waves or steps to it as usual. The environments of
   * `addEnvironment` join it when it is built, after the waves added to it directly.
   */
  public readonly codePipeline: pipelines.CodePipeline;
  /** The artifact bucket in the pipeline's region. */
  public readonly artifactBucket: s3.IBucket;
  /** The key of that bucket, which also encrypts the build logs. */
  public readonly artifactKey: kms.IKey;
  /** The log group of every CodeBuild project of the pipeline. */
  public readonly buildLogs: PiiFreeLogGroup;

  private readonly owner: string;
  /** `codePipeline`, which adds the environments when it is built. */
  private readonly acknowledgedPipeline: AcknowledgedCodePipeline;
  /** The artifact bucket of each region, which CodePipeline reads when it builds the pipeline. */
  private readonly artifactBuckets: Record<string, s3.IBucket> = {};
  /** The stage deployed to each account and region, by `<account>/<region>`. */
  private readonly deployedTo = new Map<string, string>();

  public constructor(scope: Construct, id: string, props: DppPipelineProps) {
    const stack = Stack.of(scope);
    const problems = new Problems(scope, id);
    problems.required('source', props.source, 'the repository the pipeline deploys from', [
      'SOC-C6',
    ]);
    checkOwner(problems, 'owner', props.owner, true);
    problems.check(
      !Token.isUnresolved(stack.account) && !Token.isUnresolved(stack.region),
      'env',
      `of the stack ${stack.node.path} must give a literal account and region: CDK Pipelines deploys cross-account and cross-region only from a known environment`,
      ['SOC-C6'],
      JSON.stringify({
        account: stack.resolve(stack.account),
        region: stack.resolve(stack.region),
      }),
    );
    problems.throwIfAny();
    super(scope, id);
    this.owner = props.owner;
    Tags.of(this).add(OWNER_TAG, props.owner);

    const store = this.newArtifactStore(this, 'Artifacts');
    this.artifactBucket = store.bucket;
    this.artifactKey = store.key;
    this.buildLogs = new PiiFreeLogGroup(this, 'BuildLogs', { encryptionKey: store.key });
    this.acknowledgedPipeline = new AcknowledgedCodePipeline(
      this,
      'Pipeline',
      {
        pipelineName: props.pipelineName,
        synth: new pipelines.ShellStep('Synth', {
          input: props.source,
          commands: [...(props.synthCommands ?? DEFAULT_SYNTH_COMMANDS)],
        }),
        // The current pipeline type, said explicitly: left unset, CDK Pipelines picks V1 and
        // warns at every synth.
        pipelineType: codepipeline.PipelineType.V2,
        crossAccountKeys: true,
        enableKeyRotation: true,
        crossRegionReplicationBuckets: this.artifactBuckets,
        codeBuildDefaults: {
          buildEnvironment: { buildImage: codebuild.LinuxBuildImage.STANDARD_7_0 },
          partialBuildSpec: codebuild.BuildSpec.fromObject({
            phases: { install: { 'runtime-versions': { nodejs: NODE_RUNTIME_VERSION } } },
          }),
          logging: { cloudWatch: { logGroup: this.buildLogs } },
        },
      },
      (region) => this.artifactBucketIn(region),
    );
    this.codePipeline = this.acknowledgedPipeline;
  }

  /**
   * Deploys an environment as the next stage of the pipeline. The environment needs a literal
   * account and region, and no two stages may share both; `DppEnvironment` itself refuses a
   * backup copy region equal to its own (DPP-25-BACKUP). Every value its stacks would ask for as
   * a deployment parameter must be given as a prop: CDK Pipelines deploys with no parameter
   * values. A production environment waits for a manual approval. The stage joins the pipeline
   * when the pipeline is built (at `app.synth()`), so that the check packs registered on the app
   * afterwards still check it and record themselves on its stacks.
   */
  public addEnvironment(environment: DppEnvironment): void {
    const problems = new Problems(environment);
    const { account, region } = environment;
    const known = account !== undefined && region !== undefined;
    problems.check(
      known && !Token.isUnresolved(account) && !Token.isUnresolved(region),
      'env',
      'must give a literal account and region: the pipeline deploys each stage to a known account',
      ['SOC-C6'],
      JSON.stringify({ account, region }),
    );
    const target = `${account}/${region}`;
    const other = this.deployedTo.get(target);
    problems.check(
      !known || other === undefined,
      'env',
      `must differ from that of ${other}: each stage of the pipeline has an account and region of its own, isolated from the others`,
      ['SOC-C6'],
      JSON.stringify({ account, region }),
    );
    const parameters = environment.node
      .findAll()
      .filter((c): c is CfnParameter => c instanceof CfnParameter && c.default === undefined)
      .map((p) => `${Stack.of(p).stackName}:${Stack.of(p).resolve(p.logicalId)}`);
    problems.check(
      parameters.length === 0,
      'props',
      'must give every value the stacks would otherwise ask for as a deployment parameter (`incidentContact`, `certificateArn` or `domainName`, and in production `customerContacts` and `releaseVersion`): CDK Pipelines deploys the templates with no parameter values',
      ['SOC-C6'],
      `parameters ${parameters.join(', ')}`,
    );
    problems.throwIfAny();
    this.deployedTo.set(target, environment.node.path);
    const production = environment.profile === EnvironmentProfile.PRODUCTION;
    this.acknowledgedPipeline.addStageWhenBuilt(environment, {
      pre: production
        ? [
            new pipelines.ManualApprovalStep(`Approve${environment.stageName}`, {
              comment: `Deploy ${environment.stageName} to production (${target}); its customers are told of the change (SOC-C6).`,
            }),
          ]
        : [],
    });
  }

  /**
   * The artifact bucket of a region: the pipeline's own, or one in a stack of the pipeline
   * account in that region, created on first use (when the pipeline is built).
   */
  private artifactBucketIn(region: string): s3.IBucket {
    const existing = this.artifactBuckets[region];
    if (existing) return existing;
    const pipelineStack = Stack.of(this);
    const regionStack = new Stack(
      pipelineStack.node.scope as Construct,
      `${pipelineStack.node.id}-artifacts-${region}`,
      {
        stackName: `${pipelineStack.stackName}-artifacts-${region}`,
        env: { account: pipelineStack.account, region },
        terminationProtection: true,
        description: `The artifacts of the pipeline ${pipelineStack.stackName} for its stages in ${region} (cdk-dpp)`,
      },
    );
    const store = this.newArtifactStore(regionStack, 'Artifacts');
    acknowledgeBuiltIn(store.key, 'DppPipeline', {
      id: 'DPP-KmsKeyUseNamedPrincipals[AccountWideUse]',
      reason: CROSS_REGION_ARTIFACT_KEYS_REASON,
    });
    return store.bucket;
  }

  /** An artifact store in the stack of `scope`, known to the pipeline by its region. */
  private newArtifactStore(scope: Construct, id: string): PipelineArtifactStore {
    const stack = Stack.of(scope);
    const pipelineStack = Stack.of(this);
    const store = new PipelineArtifactStore(scope, id, {
      owner: this.owner,
      bucketName: artifactBucketName(pipelineStack.stackName, stack.account, stack.region),
      keyAlias: `alias/cdk-dpp/${pipelineStack.stackName}/artifacts`,
    });
    this.artifactBuckets[stack.region] = store.bucket;
    return store;
  }
}

/**
 * The name of an artifact bucket: the pipeline stack's name, the account and the region, which
 * together are unique among all S3 buckets (a bucket name is global).
 */
function artifactBucketName(stackName: string, account: string, region: string): string {
  const suffix = `-artifacts-${account}-${region}`;
  const prefix = stackName
    .toLowerCase()
    .replace(/[^a-z0-9-]/g, '-')
    .slice(0, 63 - suffix.length)
    .replace(/-+$/, '');
  return `${prefix}${suffix}`;
}
