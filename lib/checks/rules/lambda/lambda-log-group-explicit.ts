import { CfnResource } from 'aws-cdk-lib';
import { NagRuleCompliance, NagRuleResult } from 'cdk-nag';
import { Findings, objectOf } from '../../findings';
import {
  appResourcesOfType,
  isIntrinsic,
  literalText,
  propertiesOf,
  referencedResource,
} from '../../resolve';

/** The log group Lambda writes to when the function names none. */
const DEFAULT_PREFIX = '/aws/lambda/';

/** A stand-in for the function's own name inside a log group name. */
const OWN_NAME = '\u0000function-name';

/**
 * The name of a log group as text, with a `Ref` to `fn` (its generated name) shown as
 * `OWN_NAME` and any other intrinsic as `${?}`.
 */
function nameText(node: CfnResource, fn: CfnResource, value: unknown): string | undefined {
  if (referencedResource(node, value) === fn) return OWN_NAME;
  const join = objectOf(value)['Fn::Join'];
  if (Array.isArray(join) && typeof join[0] === 'string' && Array.isArray(join[1])) {
    return join[1].map((part: unknown) => nameText(node, fn, part) ?? '${?}').join(join[0]);
  }
  return literalText(value);
}

/** Whether a log group of the app is named `name`, or `/aws/lambda/` plus `fn`'s name. */
function declaredLogGroup(fn: CfnResource, name: string): boolean {
  return appResourcesOfType(fn, 'AWS::Logs::LogGroup').some(
    (group) => nameText(group, fn, propertiesOf(group).LogGroupName) === name,
  );
}

/**
 * Compliant when a function writes its logs to a log group of the app, which the log rules
 * judge (retention, key, masking): named in `LoggingConfig.LogGroup`, or declared under the
 * default name `/aws/lambda/<FunctionName>`. Otherwise Lambda creates the group on first
 * invocation: kept forever, encrypted with no customer key and masking nothing. This applies
 * as much to the functions aws-cdk-lib adds behind custom resources.
 */
export function lambdaLogGroupExplicit(node: CfnResource): NagRuleResult {
  if (node.cfnResourceType !== 'AWS::Lambda::Function') return NagRuleCompliance.NOT_APPLICABLE;
  const properties = propertiesOf(node);
  const findings = new Findings(node);
  const logGroup = objectOf(properties.LoggingConfig).LogGroup;
  if (logGroup !== undefined) {
    const target = referencedResource(node, logGroup);
    if (target)
      return findings
        .unless(target.cfnResourceType === 'AWS::Logs::LogGroup', 'ImplicitLogGroup')
        .result();
    if (isIntrinsic(logGroup)) return findings.add('Unresolved::LoggingConfig.LogGroup').result();
    const name = literalText(logGroup) ?? '';
    return findings.unless(declaredLogGroup(node, name), 'ImplicitLogGroup').result();
  }
  const functionName = properties.FunctionName;
  if (functionName !== undefined && isIntrinsic(functionName) && !literalText(functionName)) {
    return findings.add('Unresolved::FunctionName').result();
  }
  const name = `${DEFAULT_PREFIX}${functionName === undefined ? OWN_NAME : literalText(functionName)}`;
  return findings
    .unless(
      declaredLogGroup(node, name) || declaredLogGroup(node, `${DEFAULT_PREFIX}${OWN_NAME}`),
      'ImplicitLogGroup',
    )
    .result();
}
