import { Validations } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { PACK_NAME } from './dpp-rule';

/** `Annotation::DPP-X` and `DPP::DPP-X` -> `DPP-X`; other ids unchanged. */
export function withoutNamespace(id: string): string {
  return id.replace(/^annotation::/i, '').replace(new RegExp(`^${PACK_NAME}::`), '');
}

/** The rule ids acknowledged on one construct, without the namespace CDK may prefix. */
export function acknowledgedIds(construct: IConstruct): string[] {
  return construct.node.metadata
    .filter((entry) => entry.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY && entry.data)
    .flatMap((entry) => Object.keys(entry.data as Record<string, string>))
    .map(withoutNamespace);
}

/**
 * Whether `id` (`DPP-Rule` or `DPP-Rule[Finding]`) is acknowledged on the resource or one of its
 * ancestors, bare or in the pack's namespace: cdk-nag skips the first, CDK suppresses the second
 * after the pack has reported it, and either way no finding stays open.
 */
export function isAcknowledged(resource: IConstruct, id: string): boolean {
  for (let c: IConstruct | undefined = resource; c; c = c.node.scope) {
    if (acknowledgedIds(c).includes(id)) return true;
  }
  return false;
}
