import { CfnResource } from 'aws-cdk-lib';
import { NagRuleCompliance, NagRuleResult } from 'cdk-nag';
import { Findings, objectOf } from '../../findings';
import { statementActions } from '../../iam-actions';
import {
  appliesToEveryone,
  asList,
  hasNarrowingCondition,
  isNarrowingOperator,
  parsedDocument,
  StatementJson,
  statementsOf,
} from '../../policy-document';
import { isIntrinsic, literalText, propertiesOf, referencedResource } from '../../resolve';

/** The GitHub Actions token issuer: its audience is always STS, only the subject names a repo. */
const GITHUB_ISSUER = 'token.actions.githubusercontent.com';

/** The issuer of a federated principal the synth cannot read (a parameter, an import). */
const UNREADABLE = '';

/** The web identity issuer of a federated principal (`cognito-identity.amazonaws.com`). */
function issuerOf(federated: string): string {
  return federated.replace(/^arn:[^:]*:iam::[^:]*:oidc-provider\//, '');
}

/** Whether a claim value names someone: not empty, not starting with a wildcard (`repo:*`). */
function namesSomeone(value: string): boolean {
  const named = value.replace(/^repo:/i, '');
  return named !== '' && !/^[*?]/.test(named);
}

/**
 * Whether a web identity trust names who may assume: a condition on the token's subject
 * (`<issuer>:sub`), or on its audience (`:aud`, `:app_id`: the identity pool or app) for issuers
 * other than GitHub, with a value that is not only wildcards.
 */
function namesWebIdentity(statement: StatementJson, issuer: string): boolean {
  const claims = issuer === GITHUB_ISSUER ? ['sub'] : ['sub', 'aud', 'app_id'];
  return Object.entries(statement.Condition ?? {}).some(
    ([operator, block]) =>
      isNarrowingOperator(operator) &&
      Object.entries(block ?? {}).some(([key, values]) => {
        const [prefix, claim] = [key.slice(0, key.lastIndexOf(':')), key.split(':').pop()];
        const list = asList(values).map((v) => literalText(v) ?? '${?}');
        return (
          prefix.toLowerCase() === issuer.toLowerCase() &&
          claims.includes(String(claim).toLowerCase()) &&
          list.length > 0 &&
          list.every(namesSomeone)
        );
      }),
  );
}

/**
 * The issuer a federated principal names: from the provider ARN, or from the `Url` of an OIDC
 * provider of the app it refers to; undefined for a SAML provider, UNREADABLE for a value it
 * cannot read.
 */
function federatedIssuer(node: CfnResource, federated: unknown): string | undefined {
  const text = literalText(federated);
  if (text !== undefined) return /:saml-provider\//.test(text) ? undefined : issuerOf(text);
  const provider = referencedResource(node, federated);
  const url = provider ? literalText(propertiesOf(provider).Url) : undefined;
  return url === undefined ? UNREADABLE : url.replace(/^https:\/\//, '');
}

/** The web identity issuers a statement trusts without naming who may assume. */
function openWebIdentities(node: CfnResource, statement: StatementJson): string[] {
  if (!statementActions(statement).some((a) => /^sts:assumerolewithwebidentity$/i.test(a))) {
    return [];
  }
  return asList(objectOf(statement.Principal).Federated)
    .map((f) => federatedIssuer(node, f))
    .filter((issuer): issuer is string => issuer !== undefined)
    .filter((issuer) => !namesWebIdentity(statement, issuer));
}

/**
 * Compliant when a role's trust policy lets no one outside named principals assume it: no
 * statement allows `sts:AssumeRole*` (or `sts:*`, `*`) to everyone, any account's root, or
 * through `NotPrincipal`, unless a condition names the account, organization or principal ARN;
 * and no web identity trust (Cognito, GitHub Actions, any OIDC issuer) leaves out the condition
 * on the token's subject or audience, which would let every user of the issuer in.
 * `sts:ExternalId` alone does not narrow: anyone who learns or guesses it may assume the role.
 */
export function iamRoleTrustNamedPrincipals(node: CfnResource): NagRuleResult {
  if (node.cfnResourceType !== 'AWS::IAM::Role') return NagRuleCompliance.NOT_APPLICABLE;
  const document = parsedDocument(propertiesOf(node).AssumeRolePolicyDocument);
  const findings = new Findings(node);
  if (document === undefined || isIntrinsic(document)) {
    return findings.add('Unresolved::AssumeRolePolicyDocument').result();
  }
  for (const statement of statementsOf(document)) {
    if (statement.Effect !== 'Allow') continue;
    if (
      appliesToEveryone(statement) &&
      statementActions(statement).some((a) => /^sts:assumerole/i.test(a)) &&
      !hasNarrowingCondition(statement)
    ) {
      findings.add('EveryoneMayAssume');
    }
    for (const issuer of openWebIdentities(node, statement)) {
      findings.add(issuer === UNREADABLE ? 'Unresolved::Federated' : `AnyWebIdentity::${issuer}`);
    }
  }
  return findings.result();
}
