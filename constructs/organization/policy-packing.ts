/**
 * Packing statements into as few Organizations policies as fit the quotas ("Quotas and service
 * limits for AWS Organizations"): a service or resource control policy holds at most 5,120
 * characters, every character counting (whitespace too, when the policy is saved through the
 * API, as CloudFormation does), and a root, OU or account has at most 5 policies of each type
 * attached, `FullAWSAccess` / `RCPFullAWSAccess` among them.
 */
import { GuardrailStatement } from './guardrail-statements';

/** The largest SCP or RCP document, in characters. */
export const MAX_POLICY_CHARACTERS = 5120;

/** The most policies of one type attached to one target. */
export const MAX_POLICIES_PER_TARGET = 5;

/** The policies of each type already attached to every target: `FullAWSAccess` or its RCP twin. */
export const FULL_ACCESS_POLICIES_PER_TARGET = 1;

/** A policy document as it is deployed: minified JSON, so its length is its size. */
export function renderPolicy(statements: readonly GuardrailStatement[]): string {
  return JSON.stringify({ Version: '2012-10-17', Statement: statements });
}

/**
 * The statements packed in order into as few documents of at most `MAX_POLICY_CHARACTERS` as
 * fit; the statements that alone exceed it are returned in `oversized`.
 */
export function packStatements(statements: readonly GuardrailStatement[]): {
  documents: string[];
  oversized: GuardrailStatement[];
} {
  const groups: GuardrailStatement[][] = [];
  const oversized: GuardrailStatement[] = [];
  for (const statement of statements) {
    if (renderPolicy([statement]).length > MAX_POLICY_CHARACTERS) {
      oversized.push(statement);
      continue;
    }
    const fitting = groups.find(
      (g) => renderPolicy([...g, statement]).length <= MAX_POLICY_CHARACTERS,
    );
    if (fitting) fitting.push(statement);
    else groups.push([statement]);
  }
  return { documents: groups.map(renderPolicy), oversized };
}
