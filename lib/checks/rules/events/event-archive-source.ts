import { CfnResource } from 'aws-cdk-lib';
import { propertiesOf, referencedResource } from '../../resolve';

/**
 * The resource whose data class an EventBridge resource carries. An archive has no tags of its
 * own: it carries the class of the event bus of the app it archives (the bus it names by
 * reference); any other resource carries its own.
 */
export function classSource(node: CfnResource): CfnResource | undefined {
  if (node.cfnResourceType !== 'AWS::Events::Archive') return node;
  const bus = referencedResource(node, propertiesOf(node).SourceArn);
  return bus?.cfnResourceType === 'AWS::Events::EventBus' ? bus : undefined;
}
