import { CfnResource } from 'aws-cdk-lib';
import { NagRuleResult } from 'cdk-nag';
import { checkCustomerKey, Findings, isTrue, objectOf, recordsOf } from '../../findings';
import { literalText, propertiesOf, referencedResources } from '../../resolve';
import { appFact } from '../app/app-index';
import { DataStoreProfile } from './data-store-profile';

/** The type of OpenSearch Serverless security policies (encryption and network). */
const SECURITY_POLICY = 'AWS::OpenSearchServerless::SecurityPolicy';

/** A security policy's document, parsed; undefined when it is not literal JSON. */
function policyDocument(node: CfnResource): unknown {
  const text = literalText(propertiesOf(node).Policy);
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** Whether a security policy is of a type (`encryption`, `network`). */
function policyType(node: CfnResource, type: string): boolean {
  return String(propertiesOf(node).Type).toLowerCase() === type;
}

/**
 * An encryption policy's key: `AWSOwnedKey` true (or no `KmsARN`) is a key AWS owns, which no
 * one outside AWS controls or rotates.
 */
function encryptionPolicyKey(node: CfnResource): NagRuleResult {
  const findings = new Findings(node);
  const type = propertiesOf(node).Type;
  if (findings.cannotJudge(type)) return findings.add('Unresolved::Type').result();
  if (!policyType(node, 'encryption')) return findings.result();
  const document = policyDocument(node);
  if (document === undefined) return findings.add('Unresolved::Policy').result();
  const policy = objectOf(document);
  if (isTrue(policy.AWSOwnedKey)) return findings.add('NoCustomerManagedKey').result();
  if (String(policy.KmsARN).includes('${?}')) {
    // A key named by reference: compliant when it is a key of the app.
    const keys = referencedResources(node, propertiesOf(node).Policy);
    const ofApp = keys.some((k) => k.cfnResourceType === 'AWS::KMS::Key');
    return findings.unless(ofApp, 'Unresolved::Policy').result();
  }
  checkCustomerKey(findings, policy.KmsARN, 'Policy');
  return findings.result();
}

/** A network policy whose rule sets `AllowFromPublic` true opens its collections to the internet. */
function networkPolicyPublic(node: CfnResource): NagRuleResult {
  const findings = new Findings(node);
  const type = propertiesOf(node).Type;
  if (findings.cannotJudge(type)) return findings.add('Unresolved::Type').result();
  if (!policyType(node, 'network')) return findings.result();
  const document = policyDocument(node);
  if (document === undefined) return findings.add('Unresolved::Policy').result();
  const rules = Array.isArray(document) ? recordsOf(document) : [objectOf(document)];
  return findings
    .unless(!rules.some((rule) => isTrue(rule.AllowFromPublic)), 'PubliclyAccessible')
    .result();
}

/** Whether a policy resource pattern (`collection/orders*`) matches a collection name. */
function matches(pattern: string, name: string): boolean {
  const escape = (text: string) => text.replace(/[.+?^${}()|[\]\\]/g, '\\$&');
  const expression = pattern
    .replace(/^collection\//, '')
    .split('*')
    .map(escape)
    .join('.*');
  return new RegExp(`^${expression}$`).test(name);
}

/** The encryption policies of the app with the collection patterns each covers. */
function encryptionPolicies(policies: CfnResource[]): { node: CfnResource; patterns: string[] }[] {
  return policies
    .filter((p) => policyType(p, 'encryption'))
    .map((node) => {
      const rules = recordsOf(objectOf(policyDocument(node)).Rules);
      const patterns = rules
        .filter((r) => String(r.ResourceType).toLowerCase() === 'collection')
        .flatMap((r) => (Array.isArray(r.Resource) ? r.Resource.map(String) : []));
      return { node, patterns };
    });
}

/**
 * A collection's key: its own `EncryptionConfig`, or the app's encryption policies that cover
 * its name. A policy with a key AWS owns carries that finding itself; a collection no policy of
 * the app covers cannot be judged.
 */
function collectionKey(node: CfnResource): NagRuleResult {
  const findings = new Findings(node);
  const properties = propertiesOf(node);
  const config = objectOf(properties.EncryptionConfig);
  if (properties.EncryptionConfig !== undefined) {
    if (isTrue(config.AWSOwnedKey)) return findings.add('NoCustomerManagedKey').result();
    checkCustomerKey(findings, config.KmsKeyArn, 'EncryptionConfig');
    return findings.result();
  }
  const name = literalText(properties.Name);
  if (name === undefined) return findings.add('Unresolved::Name').result();
  const covering = appFact(node, SECURITY_POLICY, encryptionPolicies).filter((p) =>
    p.patterns.some((pattern) => matches(pattern, name)),
  );
  return findings.unless(covering.length > 0, 'Unresolved::EncryptionPolicy').result();
}

/**
 * OpenSearch Serverless. A collection's key is set by the encryption security policies that
 * cover its name (or, lately, by its own `EncryptionConfig`); its reachability by the network
 * policies. Both policies are JSON text. Collections accept HTTPS only.
 */
export const SEARCH_PROFILES: readonly DataStoreProfile[] = [
  {
    type: 'AWS::OpenSearchServerless::Collection',
    store: true,
    transit: { always: true },
    recovery: { deletionProtection: { path: ['DeletionProtection'], whenAbsent: false } },
    custom: { atRest: collectionKey },
  },
  {
    type: SECURITY_POLICY,
    store: false,
    custom: { atRest: encryptionPolicyKey, public: networkPolicyPublic },
  },
];
