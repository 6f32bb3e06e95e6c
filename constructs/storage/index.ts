export * from './amazon-data-bucket';
export * from './data-bucket';
export * from './data-store';
export * from './pii-bucket';
export * from './pii-database';
export * from './pii-table';
export * from './secure-bucket-props';
export * from './server-access-logs-bucket';
