export * from './dpp-baseline';
export * from './pii-backup-copy-stack';
