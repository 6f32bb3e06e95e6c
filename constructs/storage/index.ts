export * from './secure-bucket-props';
