import { CfnResource } from 'aws-cdk-lib';
import { NagRuleCompliance, NagRuleResult } from 'cdk-nag';
import { Findings, objectOf } from '../../findings';
import { isIntrinsic, propertiesOf, referencedResource } from '../../resolve';

/** Names of environment variables that carry credentials. */
const SECRET_NAME =
  /(secret|passw(or)?d|passphrase|pwd|token|api_?key|access_?key|private_?key|credential|(^|_)pass(_|$))/i;

/** Names that only say where a credential is kept (its ARN, name, id or parameter). */
const LOCATION_NAME = /(_ARN|_NAME|_ID|_PARAMETER)$/i;

/**
 * Whether a value is a template parameter (a `Ref` to neither a resource nor a pseudo
 * parameter), whose value the stack keeps and shows like a literal.
 */
function isParameter(node: CfnResource, value: unknown): boolean {
  const ref = objectOf(value).Ref;
  return (
    typeof ref === 'string' &&
    !ref.startsWith('AWS::') &&
    referencedResource(node, value) === undefined
  );
}

/**
 * Compliant when no environment variable whose name says it is a credential holds a literal
 * value or a template parameter; a reference to a resource or a `{{resolve:...}}` dynamic
 * reference is fine.
 */
export function lambdaNoLiteralSecrets(node: CfnResource): NagRuleResult {
  if (node.cfnResourceType !== 'AWS::Lambda::Function') return NagRuleCompliance.NOT_APPLICABLE;
  const variables = objectOf(objectOf(propertiesOf(node).Environment).Variables);
  const findings = new Findings(node);
  for (const [name, value] of Object.entries(variables)) {
    if (SECRET_NAME.test(name) && !LOCATION_NAME.test(name)) {
      const literal = isIntrinsic(value)
        ? isParameter(node, value)
        : !String(value).startsWith('{{resolve:');
      findings.unless(!literal, `LiteralSecret::${name}`);
    }
  }
  return findings.result();
}
