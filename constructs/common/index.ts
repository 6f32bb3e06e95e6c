export * from './data-class';
export * from './dpp-metadata';
export * from './managed-policy-role';
export * from './opt-out';
export * from './owner';
export * from './retention-limits';
