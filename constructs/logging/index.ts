export * from './audit-log-bucket';
export * from './audit-trail';
export * from './log-data-protection';
export * from './pii-free-log-group';
