export * from './pii-reader-role';
