import { AspectPriority, Aspects, IAspect, aws_s3 as s3 } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';

/**
 * Publishes the object events of every bucket in a scope (created, deleted, restored, lifecycle
 * expired) to Amazon EventBridge, where detection rules match them: the tax archive's restore
 * alert, and any rule an operator adds (DPP-LM-6; AWS Control Tower control CT.S3.PR.4).
 */
export class BucketEventsToEventBridge implements IAspect {
  /** Publishes the events of every bucket under `scope`. */
  public static applyTo(scope: IConstruct): void {
    Aspects.of(scope).add(new BucketEventsToEventBridge(), { priority: AspectPriority.MUTATING });
  }

  public visit(node: IConstruct): void {
    if (node instanceof s3.CfnBucket) {
      node.addPropertyOverride(
        'NotificationConfiguration.EventBridgeConfiguration.EventBridgeEnabled',
        true,
      );
    }
  }
}
