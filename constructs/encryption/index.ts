export * from './pii-key';
