import {
  Acknowledgment,
  Stack,
  Stage,
  aws_codebuild as codebuild,
  aws_s3 as s3,
  pipelines,
} from 'aws-cdk-lib';
import { Construct } from 'constructs';
import {
  acknowledgeBuiltIn,
  acknowledgeInCompliancePacks,
  wildcardResourceFinding,
} from '../../constructs/common/built-in-acknowledgement';

/** The construct the pipeline's acknowledgements are recorded for. */
const CONSTRUCT = 'DppPipeline';

/**
 * Why the pipeline role uses the keys of the other regions' artifact stores through the account:
 * shared by the AwsSolutions and DPP findings on the role and the DPP finding on those keys.
 */
export const CROSS_REGION_ARTIFACT_KEYS_REASON =
  'CodePipeline replicates the artifacts into the artifact bucket of each other region a stage ' +
  'deploys to; that bucket and its key are in a stack of that region which the pipeline stack ' +
  'depends on. A key policy cannot name a role its stack does not know yet, and a key ID is ' +
  'generated, so aws-cdk-lib grants the pipeline role use of those keys on every key (`*`) and ' +
  "the key admits the pipeline's account. The pipeline account holds only the pipeline; the " +
  'keys cdk-dpp makes name their principals, so no other key is reached.';

/** The action wildcards aws-cdk-lib's bucket and key grants name, and why each is accepted. */
const GRANT_ACTION_WILDCARDS: readonly Acknowledgment[] = [
  ...['s3:GetObject*', 's3:GetBucket*', 's3:List*', 's3:DeleteObject*', 's3:Abort*'].map(
    (action) => ({
      id: `AwsSolutions-IAM5[Action::${action}]`,
      reason:
        "aws-cdk-lib's bucket grants to the pipeline's roles name this wildcard; it applies only " +
        'to the artifact buckets of the pipeline, which hold no Amazon data.',
    }),
  ),
  ...['kms:GenerateDataKey*', 'kms:ReEncrypt*'].map((action) => ({
    id: `AwsSolutions-IAM5[Action::${action}]`,
    reason:
      "aws-cdk-lib's key grants for the artifact buckets name this wildcard; it applies only to " +
      'the keys of the artifact stores.',
  })),
];

/** The rules of the NIST 800-53 R5, HIPAA and PCI DSS packs the pipeline's roles and projects raise. */
const COMPLIANCE_PACK_FINDINGS: readonly { rule: string; reason: string }[] = [
  {
    rule: 'IAMNoInlinePolicy',
    reason:
      'CDK Pipelines writes the grants of each role it creates into that role’s own default ' +
      'policy, attached to no other principal and deleted with the role.',
  },
  {
    rule: 'CodeBuildProjectSourceRepoUrl',
    reason:
      'The CodeBuild projects take their input from CodePipeline (source type CODEPIPELINE), ' +
      'whose source action reads the repository through a CodeConnections connection: no project ' +
      'holds a repository URL or credentials, so OAuth does not apply.',
  },
];

/**
 * A CDK Pipelines `CodePipeline` that acknowledges, once built, the findings its generated roles
 * and projects raise by design: the wildcards of aws-cdk-lib's grants on the artifact stores,
 * CodeBuild's own report groups and log streams, the self-mutation step's bootstrap roles, and
 * the default policies of the roles.
 */
export class AcknowledgedCodePipeline extends pipelines.CodePipeline {
  private readonly artifactBuckets: Record<string, s3.IBucket>;
  /** The stages to add when the pipeline is built, in order. */
  private readonly laterStages: { stage: Stage; options: pipelines.AddStageOpts }[] = [];
  private stagesAdded = false;

  /**
   * @param artifactBucketIn makes sure `props.crossRegionReplicationBuckets` holds an artifact
   * bucket of the given region, before the pipeline is built
   */
  public constructor(
    scope: Construct,
    id: string,
    props: pipelines.CodePipelineProps,
    private readonly artifactBucketIn: (region: string) => void,
  ) {
    super(scope, id, props);
    this.artifactBuckets = props.crossRegionReplicationBuckets ?? {};
  }

  /**
   * Adds a stage when the pipeline is built (at `app.synth()` at the latest), not now: CDK
   * Pipelines synthesizes a stage's cloud assembly as soon as it is added, and anything given to
   * the stage after that (the check packs registered on the app, which record themselves on its
   * stacks through an aspect, acknowledgements, tags) would never reach its templates.
   */
  public addStageWhenBuilt(stage: Stage, options: pipelines.AddStageOpts): void {
    if (this.stagesAdded) {
      throw new Error(
        `${this.node.path}: the pipeline is built already; add ${stage.node.path} before \`buildPipeline()\``,
      );
    }
    this.laterStages.push({ stage, options });
  }

  public buildPipeline(): void {
    this.stagesAdded = true;
    for (const { stage, options } of this.laterStages) this.addStage(stage, options);
    super.buildPipeline();
  }

  protected doBuildPipeline(): void {
    // Every stack of every stage, however it was added, deploys from an artifact store of the
    // library in its region, never from a support stack CodePipeline would create.
    for (const wave of this.waves) {
      for (const stage of wave.stages) {
        for (const stack of stage.stacks) {
          if (stack.region !== undefined) this.artifactBucketIn(stack.region);
        }
      }
    }
    super.doBuildPipeline();
    acknowledgeBuiltIn(this, CONSTRUCT, ...GRANT_ACTION_WILDCARDS, ...this.resourceWildcards());
    for (const { rule, reason } of COMPLIANCE_PACK_FINDINGS) {
      acknowledgeInCompliancePacks(this, CONSTRUCT, rule, reason);
    }
    acknowledgeBuiltIn(this.pipeline.role.node.findChild('DefaultPolicy'), CONSTRUCT, {
      id: 'DPP-IamNoWildcardDataResources[AnyResource::kms]',
      reason: CROSS_REGION_ARTIFACT_KEYS_REASON,
    });
  }

  /** The resource wildcards of the roles, each with its reason. */
  private resourceWildcards(): Acknowledgment[] {
    const { partition, region, account } = Stack.of(this);
    const finding = (resource: string) => wildcardResourceFinding(this, resource);
    const codeBuild = `arn:${partition}:codebuild:${region}:${account}`;
    const logs = `arn:${partition}:logs:${region}:${account}:log-group:/aws/codebuild/`;
    const projectReason =
      'CodeBuild names the report groups and log streams of a build when it runs; the grant ' +
      "covers only those under this project's own name.";
    const projects = this.node
      .findAll()
      .filter((c): c is codebuild.Project => c instanceof codebuild.Project && !!c.role);
    return [
      {
        id: 'AwsSolutions-IAM5[Resource::*]',
        reason:
          'Three grants of CDK Pipelines take no resource ARN: the asset role starts and watches ' +
          'the builds of its publishing projects, whose names are generated; the self-mutation ' +
          'step looks stacks and buckets up by name (read-only); and ' +
          CROSS_REGION_ARTIFACT_KEYS_REASON,
      },
      ...Object.values(this.artifactBuckets).map((bucket) => ({
        id: finding(bucket.arnForObjects('*')),
        reason:
          'CodePipeline and CodeBuild name artifacts by pipeline run; the grant covers the ' +
          'objects of this one artifact bucket, which holds no Amazon data.',
      })),
      {
        id: finding(`arn:*:iam::${account}:role/*`),
        reason:
          'The self-mutation step runs `cdk deploy`, which assumes the CDK bootstrap roles of the ' +
          'pipeline account in any region; the policy admits only roles tagged ' +
          '`aws-cdk:bootstrap-role`.',
      },
      ...[`${codeBuild}:report-group/*`, `${logs}*`].map((resource) => ({
        id: finding(resource),
        reason:
          'The asset role serves every asset publishing project of the pipeline, whose names are ' +
          'generated: it writes the CodeBuild reports and logs of builds in this account and ' +
          'region, and reads no data.',
      })),
      ...projects.flatMap((project) => [
        {
          id: finding(`${codeBuild}:report-group/${project.projectName}-*`),
          reason: projectReason,
        },
        { id: finding(`${logs}${project.projectName}:*`), reason: projectReason },
      ]),
    ];
  }
}
