export * from './secure-user-pool';
