export * from './dpp-baseline';
export * from './dpp-baseline-account-options';
export * from './pii-backup-copy-stack';
