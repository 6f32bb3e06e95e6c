import { CfnResource } from 'aws-cdk-lib';
import { NagRuleCompliance, NagRuleResult } from 'cdk-nag';
import { Findings, isTrue } from '../../findings';
import { literalText } from '../../resolve';
import { isSecretsManagerReference } from '../rds/rds-credentials-managed';
import { pathName, settingOf, valueAt } from './data-store-profile';
import { profileOf } from './profiles';

/**
 * Compliant when every client of a store authenticates with its own credentials: IAM
 * authentication on where the store offers it, some authentication where it is optional (a
 * token or a user group for a cache), no access list that admits anyone, and no master
 * password written into the template (managed by the service or read from Secrets Manager).
 */
export function dataStoreAuthenticated(node: CfnResource): NagRuleResult {
  const auth = profileOf(node)?.auth;
  if (!auth) return NagRuleCompliance.NOT_APPLICABLE;
  const findings = new Findings(node);
  if (auth.iam) {
    findings.check(
      settingOf(node, auth.iam),
      pathName(auth.iam.path),
      isTrue,
      'NoIamAuthentication',
    );
  }
  if (auth.required) {
    const present = (path: readonly string[]) => {
      const value = valueAt(node, path);
      return value !== undefined && value !== '' && !(Array.isArray(value) && value.length === 0);
    };
    findings.unless(auth.required.some(present), 'NoAuthentication');
  }
  if (auth.openAccess) {
    const value = valueAt(node, auth.openAccess.path);
    findings.check(
      value,
      pathName(auth.openAccess.path),
      (v) => literalText(v) !== auth.openAccess?.value,
      'OpenAccess',
    );
  }
  if (auth.password) {
    const { managedBy, managedWhen } = auth.password;
    const setting = managedBy && valueAt(node, managedBy);
    const managed =
      managedWhen === undefined ? isTrue(setting) : literalText(setting) === managedWhen;
    const password = valueAt(node, auth.password.path);
    if (!managed && password !== undefined) {
      findings.unless(isSecretsManagerReference(password), 'LiteralPassword');
    }
  }
  return findings.result();
}
