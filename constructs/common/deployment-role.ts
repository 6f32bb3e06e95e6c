import { DefaultStackSynthesizer, Fn, Stack } from 'aws-cdk-lib';

/**
 * The ARN of the role CloudFormation deploys `stack` with, when the stack uses the
 * `DefaultStackSynthesizer` (the bootstrap's `cfn-exec` role); undefined with any other
 * synthesizer, whose deployment role the library cannot know.
 */
export function defaultDeploymentRoleArn(stack: Stack): string | undefined {
  const synthesizer = stack.synthesizer;
  return synthesizer instanceof DefaultStackSynthesizer
    ? Fn.sub(synthesizer.cloudFormationExecutionRoleArn)
    : undefined;
}
