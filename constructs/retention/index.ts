export * from './pii-backup-plan';
export * from './pii-backup-vault';
export * from './tax-archive';
