export * from './log-data-protection';
export * from './pii-free-log-group';
