import { CfnResource, Stack } from 'aws-cdk-lib';
import { NagRuleCompliance, NagRuleResult } from 'cdk-nag';
import { LOG_PII_IDENTIFIERS } from '../../../../constructs/logging/log-data-protection';
import { Findings, objectOf } from '../../findings';
import { asList, statementsOf } from '../../policy-document';
import { isIntrinsic, literalText, propertiesOf } from '../../resolve';
import { appFact } from '../app/app-index';

/**
 * The managed data identifiers of the personal data an SP-API order carries that every log data
 * protection policy must cover: the buyer's name, address and e-mail. Card data and credentials
 * are not PII of an order, so the library's policy masks them but the rule does not demand it.
 */
const REQUIRED_IDENTIFIERS: readonly string[] = ['Name', 'Address', 'EmailAddress'];

/** The phone-number identifiers, one per marketplace country: a policy must cover at least one. */
const PHONE_IDENTIFIERS: readonly string[] = LOG_PII_IDENTIFIERS.map((i) => i.name).filter((n) =>
  n.startsWith('PhoneNumber-'),
);

/** The managed identifier an entry of `DataIdentifier` names (the tail of its ARN). */
function identifierName(value: unknown): string | undefined {
  const text = literalText(value);
  return text?.split('data-identifier/').pop();
}

/**
 * A data protection policy as an object: given inline, or as the JSON text CloudFormation also
 * accepts. Undefined when it is a value the synth cannot resolve or not JSON.
 */
function policyDocument(policy: unknown): Record<string, unknown> | undefined {
  if (typeof policy === 'string') {
    if (isIntrinsic(policy)) return undefined;
    try {
      return objectOf(JSON.parse(policy));
    } catch {
      return undefined;
    }
  }
  return isIntrinsic(policy) ? undefined : objectOf(policy);
}

/** The identifiers the statements with operation `operation` apply to. */
function identifiersOf(document: Record<string, unknown>, operation: string): Set<string> {
  const names = new Set<string>();
  for (const statement of statementsOf(document)) {
    const op = objectOf((statement as { Operation?: unknown }).Operation);
    if (op[operation] === undefined) continue;
    const identifiers = asList((statement as { DataIdentifier?: unknown }).DataIdentifier);
    identifiers.map(identifierName).forEach((n) => n !== undefined && names.add(n));
  }
  return names;
}

/**
 * The findings of a data protection policy: it must audit and mask (de-identify) each kind of
 * personal data of an order, not one of them.
 */
function judgePolicy(findings: Findings, policy: unknown, property: string): Findings {
  const document = policyDocument(policy);
  if (document === undefined) return findings.add(`Unresolved::${property}`);
  const audited = identifiersOf(document, 'Audit');
  const masked = identifiersOf(document, 'Deidentify');
  findings.unless(audited.size > 0, 'NoAudit').unless(masked.size > 0, 'NoMasking');
  if (audited.size === 0 || masked.size === 0) return findings;
  const covered = (i: string) => audited.has(i) && masked.has(i);
  const missing = [
    ...REQUIRED_IDENTIFIERS.filter((i) => !covered(i)),
    ...(PHONE_IDENTIFIERS.some(covered) ? [] : ['PhoneNumber']),
  ];
  return findings.unless(missing.length === 0, `UncoveredIdentifiers::${missing.join(',')}`);
}

/** Whether an account policy protects the data of every log group of its account. */
function protectsAccount(policy: CfnResource): boolean {
  const properties = propertiesOf(policy);
  if (properties.PolicyType !== 'DATA_PROTECTION_POLICY') return false;
  if (properties.Scope !== undefined && properties.Scope !== 'ALL') return false;
  return (
    judgePolicy(new Findings(policy), properties.PolicyDocument, 'PolicyDocument').result() ===
    NagRuleCompliance.COMPLIANT
  );
}

/** The accounts (as the stacks name them) whose every log group an account policy protects. */
function protectedAccounts(policies: CfnResource[]): Set<string> {
  return new Set(policies.filter(protectsAccount).map((p) => Stack.of(p).account));
}

/**
 * Compliant when a log group's data protection policy, or a data protection account policy of
 * the app in its account, audits and masks (de-identifies) the personal data of an order: names,
 * addresses, e-mail addresses and phone numbers (of at least one country).
 */
export function logGroupDataProtection(node: CfnResource): NagRuleResult {
  if (node.cfnResourceType !== 'AWS::Logs::LogGroup') return NagRuleCompliance.NOT_APPLICABLE;
  const accounts = appFact(node, 'AWS::Logs::AccountPolicy', protectedAccounts);
  if (accounts.has(Stack.of(node).account)) return NagRuleCompliance.COMPLIANT;
  const policy = propertiesOf(node).DataProtectionPolicy;
  const findings = new Findings(node);
  if (policy === undefined) return findings.add('NoDataProtectionPolicy').result();
  return judgePolicy(findings, policy, 'DataProtectionPolicy').result();
}
