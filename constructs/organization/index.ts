export * from './delegated-security-administration';
export * from './dpp-organization-guardrails';
export * from './organization-log-archive';
export * from './organization-trail';
export * from './security-tooling-account';
