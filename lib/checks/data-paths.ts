import { CfnResource } from 'aws-cdk-lib';
import { DataClass } from '../../constructs/common/data-class';
import { storeClass } from './data-stores';
import { Findings } from './findings';
import { literalText } from './resolve';
import { isSecretsManagerReference } from './rules/rds/rds-credentials-managed';

/**
 * Helpers for the rules on services that move, process or index data (streams, brokers,
 * transfers, ETL jobs): every such resource is presumed to carry Amazon data unless it is
 * tagged `dpp:data-class` = `no-amazon-data`.
 */

/**
 * Whether a resource that stores, streams, queues, transfers or indexes data may carry Amazon
 * data: every resource but one tagged `no-amazon-data`.
 */
export function mayCarryAmazonData(node: CfnResource): boolean {
  return storeClass(node) !== DataClass.NO_AMAZON_DATA;
}

/**
 * Judges a URL that data travels to: `finding` when its scheme is not one of `secureSchemes`
 * (`https`, `sftp`), `Unresolved::<property>` when the scheme is a value the synth cannot read.
 * An absent URL is not judged.
 */
export function checkSecureUrl(
  findings: Findings,
  value: unknown,
  property: string,
  secureSchemes: readonly string[],
  finding: string,
): void {
  if (value === undefined) return;
  const text = literalText(value);
  const scheme = text === undefined ? undefined : /^([a-z][a-z0-9+.-]*):\/\//i.exec(text);
  if (scheme) {
    findings.unless(secureSchemes.includes(scheme[1].toLowerCase()), finding);
    return;
  }
  findings.add(text === undefined || text.includes('${?}') ? `Unresolved::${property}` : finding);
}

/**
 * Records `LiteralPassword::<where>` when a credential is written into the template (a literal,
 * or a parameter whose value the stack keeps) instead of a `{{resolve:secretsmanager:...}}`
 * reference. An absent credential is not judged.
 */
export function checkNoLiteralCredential(findings: Findings, value: unknown, where: string): void {
  if (value === undefined || value === '') return;
  findings.unless(isSecretsManagerReference(value), `LiteralPassword::${where}`);
}
