export * from './dpp-organization-guardrails';
