import { RemovalPolicy } from 'aws-cdk-lib';

/**
 * The removal policy of a resource the library keeps (SOC-C5): retained when its stack is
 * deleted or an update replaces it. A resource with an explicit physical name is deleted when
 * the stack operation that created it rolls back (`RemovalPolicy.RETAIN_ON_UPDATE_OR_DELETE`,
 * CloudFormation `RetainExceptOnCreate`): kept, it would survive the rollback of a failed first
 * deployment and make the retry fail with "already exists". An unnamed resource blocks no
 * retry, so it is kept even then, with whatever the failed attempt wrote into it.
 *
 * @param physicalName the explicit name given to the resource, if any
 */
export function keptRemovalPolicy(physicalName: string | undefined): RemovalPolicy {
  return physicalName === undefined
    ? RemovalPolicy.RETAIN
    : RemovalPolicy.RETAIN_ON_UPDATE_OR_DELETE;
}
